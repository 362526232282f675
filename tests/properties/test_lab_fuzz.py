"""Whole-lab fuzzing: random sequences of the commands and directives found in the golden
transcripts, on random consoles, at random times.  Nothing may raise; the pair's invariants
must hold once the dust settles."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asa_emulator.lab.lab import Lab
from asa_emulator.lab.spec import LabError
from asa_emulator.transcript.check import read_transcript, script_of
from asa_emulator.transcript.runner import Runner
from tests.support.paths import ROOT


def _vocabulary() -> list[str]:
    lines: set[str] = set()
    for path in sorted((ROOT / "transcripts").rglob("*.txt")):
        if "labs" in path.parts:
            continue
        for line in script_of(read_transcript(path)):
            if line.startswith("@lab"):
                continue
            lines.add(line)
    return sorted(lines)


VOCAB = _vocabulary()
line = st.one_of(st.sampled_from(VOCAB), st.sampled_from(["@console primary", "@console secondary",
                                                          "@wait 3s", "@wait 20s", ""]))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["example", "blank"]), st.lists(line, min_size=1, max_size=40))
def test_random_sessions_never_raise(lab_name: str, script: list[str]) -> None:
    lab = Lab.load(lab_name)
    lab.settle()
    out: list[str] = []
    runner = Runner(lab, out.append)
    for text in script:
        try:
            runner.feed(text)
        except LabError:
            pass          # a directive that does not fit this lab state is the user's error
    runner.finish()      # an exception anywhere in the engine fails the test here
    # restore everything and let timers run: every group ends up active on exactly one unit
    for unit in lab.unit_names:
        lab.directive(f"@power on {unit}")
    for directive in ("@failover-link up", "@state-link up"):
        try:
            lab.directive(directive)
        except LabError:
            pass          # no such link configured in this lab state
    lab.advance(180_000)
    states = {n: lab.failover_state(n) for n in lab.unit_names}
    if all(u.up and states[n].started for n, u in lab.units.items()) and not any(
            fo.links.lan_failed for fo in states.values()):
        for gid in states[lab.unit_names[0]].gids:
            active = [n for n, fo in states.items() if fo.group(gid).active]
            assert len(active) <= 1, (gid, active)


def test_the_vocabulary_is_large() -> None:
    assert len(VOCAB) > 300
