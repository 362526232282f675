"""A full configuration sync and `write standby` cost the same per line on 125 and 250 contexts.

design.md, "Performance": a full sync of the large lab, `write memory all` and `write standby`
are linear in the configuration's size.  Work is counted, not timed: every call of an emulator
function while the work runs (tests/support/work.py), divided by the lines of configuration
sent, on two labs of benchmarks/large_lab.py (125 and 250 contexts x 4 VLAN subinterfaces,
`make bench`'s two sizes for the exponents), each measured warm (run once before) as the
benchmark takes the best of three.  Past the parse memo's fixed 4,096 lines, the 250-context
lab's sync parsed every line afresh: 35.0 calls a line against 28.5 (size exponent 1.6).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType

import pytest

from asa_emulator.failover.sync import copy_config
from asa_emulator.lab.lab import Lab
from tests.support.labfiles import generated_lab
from tests.support.work import PACKAGE

SIZES = (125, 250)
SLACK = 1.05            # per-line calls on the larger lab may exceed the smaller's by 5 % at most



@pytest.fixture(scope="module")
def labs(tmp_path_factory: pytest.TempPathFactory) -> list[Lab]:
    out = []
    for contexts in SIZES:
        out.append(generated_lab(tmp_path_factory.mktemp(f"lab{contexts}"), contexts))
    return out


def _config_lines(lab: Lab) -> int:
    u = lab.units["primary"]
    return len(u.spaces.config_body(None)) + sum(len(u.spaces.config_body(c)) for c in u.ctx)


def _calls(work: Callable[[], object]) -> int:
    """Calls of emulator functions while `work` runs (no line events: a sync is thousands)."""
    n = 0

    def trace(frame: FrameType, event: str, arg: object) -> None:
        nonlocal n
        if event == "call" and frame.f_code.co_filename.startswith(PACKAGE):
            n += 1
    sys.settrace(trace)
    try:
        work()
    finally:
        sys.settrace(None)
    return n


def _full_sync(lab: Lab) -> Callable[[], object]:
    p, s = lab.units["primary"], lab.units["secondary"]
    return lambda: copy_config(p, s, None, True)


def _write_standby(lab: Lab) -> Callable[[], object]:
    con = lab.console("primary")
    for line in ("enable", "", "changeto system"):
        con.execute(line)

    def run() -> None:
        assert con.execute("write standby") == ["Building configuration...", "[OK]"]
        while lab.failover_state("secondary").syncing:
            lab.advance(1_000)
    return run


@pytest.mark.parametrize("workload", [_full_sync, _write_standby], ids=["full-sync", "write-standby"])
def test_a_synced_line_costs_the_same_on_both_labs(
        labs: list[Lab], workload: Callable[[Lab], Callable[[], object]]) -> None:
    per_line = []
    for lab in labs:
        work = workload(lab)
        work()                                   # warm: the memos a repeated sync meets
        lines = _config_lines(lab)
        per_line.append(_calls(work) / lines)
        assert _config_lines(lab) == lines
    small, big = per_line
    assert small > 10                            # the work was counted
    assert big <= small * SLACK, f"{big:.2f} calls a line on {SIZES[1]} contexts, {small:.2f} on {SIZES[0]}"


def test_the_mate_has_the_whole_configuration_after_a_sync(labs: list[Lab]) -> None:
    for lab in labs:
        p, s = lab.units["primary"], lab.units["secondary"]
        assert [s.spaces.config_body(c) for c in s.ctx] == [p.spaces.config_body(c) for c in p.ctx]
