"""Check forms (issue 21): `expect_block` (lines that follow each other), checks that run
`packet-tracer`, and `active = "group N"` read through the lab's public failover snapshot."""

from __future__ import annotations

from pathlib import Path

import pytest

from asa_emulator.api import Lab
from asa_emulator.exercise import run as exercise_run
from asa_emulator.exercise.checks import run_checks
from asa_emulator.exercise.load import load_exercise
from asa_emulator.exercise.spec import ExerciseError
from asa_emulator.exercise.variables import draw

HEAD = 'title = "t"\nlab = "example"\ntask = "do it"\n'


def _exercise(tmp_path: Path, checks: str) -> Path:
    folder = tmp_path / "ex"
    folder.mkdir(exist_ok=True)
    (folder / "exercise.toml").write_text(HEAD + checks)
    return folder


def _grade(folder: Path, lab: Lab | None = None) -> dict[str, str]:
    """Each check's name -> '' (passed) or why it failed."""
    ex = load_exercise(str(folder))
    if lab is None:
        lab = Lab.load("example", in_memory=True)
        lab.settle()
    return {r.name: r.detail for r in run_checks(lab, ex, draw(ex.name, ex.variables, "alice"))}


# ------------------------------------------------------------------ expect_block
BLOCK = '''[[check]]
name = "group 1 active here"
unit = "primary"
commands = ["show failover | include host|State"]
expect_block = ["^  This host: +Primary$", "^  Group 1 +State: +{state}$"]
'''


@pytest.mark.parametrize(("state", "passed"), [("Active", True), ("Standby Ready", False)])
def test_an_expect_block_matches_lines_that_follow_each_other(tmp_path: Path, state: str,
                                                              passed: bool) -> None:
    """On the primary, `Group 1 State: Standby Ready` is a line of the output (the other
    host's block), but not the line right after `This host: Primary`: only Active passes."""
    folder = _exercise(tmp_path, BLOCK.replace("{state}", state))
    detail = _grade(folder)["group 1 active here"]
    if passed:
        assert detail == ""
    else:
        assert detail == ("no consecutive lines match /^  This host: +Primary$/ / "
                          "/^  Group 1 +State: +Standby Ready$/")


def test_several_blocks_match_in_order(tmp_path: Path) -> None:
    two = BLOCK.replace('expect_block = ["^  This host: +Primary$", "^  Group 1 +State: +{state}$"]',
                        'expect_block = [["^  This host: +Primary$", "^  Group 1 +State: +Active$"],\n'
                        '                ["^  Other host: +Secondary$", "^  Group 1 +State: +{state}$"]]')
    assert _grade(_exercise(tmp_path, two.replace("{state}", "Standby Ready")))["group 1 active here"] == ""
    detail = _grade(_exercise(tmp_path, two.replace("{state}", "Active")))["group 1 active here"]
    assert detail.endswith("/^  Group 1 +State: +Active$/ after the block before it")


@pytest.mark.parametrize(("value", "message"), [
    ('[]', "'expect_block' must be a list of expressions (one block of consecutive lines) or a list of such lists"),
    ('[["^a$"], []]', "'expect_block' must be a list of expressions"),
    ('"^a$"', "'expect_block' must be a list of expressions"),
    ('["^a$", "(b"]', "bad regular expression '(b': missing ), unterminated subpattern at position 0"),
    ('["{nokey}"]', "unknown variable {nokey}"),
])
def test_a_bad_expect_block_is_refused_with_its_file_and_line(tmp_path: Path, value: str,
                                                               message: str) -> None:
    body = BLOCK.replace('expect_block = ["^  This host: +Primary$", "^  Group 1 +State: +{state}$"]',
                         f'hint = "h"\nexpect_block = {value}')
    folder = _exercise(tmp_path, body)
    with pytest.raises(ExerciseError) as err:
        load_exercise(str(folder))
    assert str(err.value).startswith(f"{folder}/exercise.toml:9: {message}")


def test_a_check_that_expects_nothing_is_refused(tmp_path: Path) -> None:
    folder = _exercise(tmp_path, '[[check]]\nname = "x"\nunit = "primary"\ncommands = ["show failover"]\n')
    with pytest.raises(ExerciseError, match=r"exercise.toml:4: check 'x' has no expect, expect_block or refuse$"):
        load_exercise(str(folder))


# ------------------------------------------------------------------ packet-tracer checks
PRIMARY = ["@console primary", "enable", "", "configure terminal",
           "interface GigabitEthernet0/2", "ip address 192.168.1.1 255.255.255.0 standby 192.168.1.2",
           "interface GigabitEthernet0/3", "ip address 192.168.2.1 255.255.255.0 standby 192.168.2.2",
           "exit", "failover lan unit primary", "failover lan interface folink GigabitEthernet0/1",
           "failover interface ip folink 10.0.4.1 255.255.255.0 standby 10.0.4.11",
           "failover link folink", "interface GigabitEthernet0/1", "no shutdown", "exit", "failover",
           "end", "@power on secondary", "@wait 60s"]


def _results(lab: Lab) -> dict[str, bool]:
    assert lab.exercise is not None
    return {r.name: r.passed for r in lab.exercise.grade(lab)}   # type: ignore[attr-defined]


def test_a_packet_tracer_check_passes_only_when_the_access_list_lets_the_packet_through() -> None:
    """active-standby's "web traffic reaches the server" traces a packet on the active unit:
    without an access-group the ASA drops it (from security level 0 to 100), with one that
    permits the server's web port it is allowed; SSH to the server stays dropped."""
    lab = exercise_run.start("active-standby", "alice", lab_class=Lab)
    web = draw("active-standby", load_exercise("active-standby").variables, "alice")["web"]
    lab.run(PRIMARY)
    before = _results(lab)
    assert not before["web traffic reaches the server"]
    assert before["nothing else from outside"]
    lab.run(["@console primary", "configure terminal",
             f"access-list OUTSIDE_IN extended permit tcp any host {web} eq www",
             "access-group OUTSIDE_IN in interface outside", "end"])
    after = _results(lab)
    assert after["web traffic reaches the server"] and after["nothing else from outside"]
    lab.run(["configure terminal", "access-list OUTSIDE_IN extended permit tcp any any", "end"])
    assert not _results(lab)["nothing else from outside"]


def test_a_packet_tracer_check_runs_where_the_group_is_active(tmp_path: Path) -> None:
    """`active = "group 1"` in Active/Standby is the active unit: the same trace on the
    standby unit says `Action: drop` (fo-standby), so a check pinned to the secondary fails
    while the one that follows the active unit passes, and after a failover the reverse."""
    lab = exercise_run.start("active-standby", "alice", lab_class=Lab)
    lab.run(PRIMARY + ["configure terminal",
                       "access-list OUTSIDE_IN extended permit tcp any any eq www",
                       "access-group OUTSIDE_IN in interface outside", "end"])
    checks = ""
    for name, where in (("active", 'active = "group 1"'), ("secondary", 'unit = "secondary"')):
        checks += (f'[[check]]\nname = "{name}"\n{where}\n'
                   'commands = ["packet-tracer input outside tcp 198.51.100.7 40000 192.168.2.200 80"]\n'
                   'expect = ["^Action: allow$"]\n')
    folder = tmp_path / "ex"
    folder.mkdir()
    (folder / "exercise.toml").write_text(HEAD.replace('"example"', '"single-mode"') + checks)
    # the lab beside the exercise: the built-in active-standby's copy of the single-mode lab
    import shutil
    shutil.copytree(load_exercise("active-standby").folder / "single-mode", folder / "single-mode")
    assert _grade(folder, lab) == {"active": "", "secondary": "no line matches /^Action: allow$/"}
    lab.run(["@power off primary", "@wait 60s"])
    assert _grade(folder, lab) == {"active": "", "secondary": ""}
    assert lab.failover_state("secondary").active


# ------------------------------------------------------------------ the new built-ins, untouched
UNTOUCHED = [
    ("asr", {"admin outsideISP-A in the ASR group", "ctx1 outsideISP-B in the ASR group",
             "an asymmetric reply reaches its connection", "configuration saved"}),
    ("mac-precedence", {"ctx1 uses a generated MAC", "admin inside uses its own MAC",
                        "admin inside's standby MAC", "configuration saved"}),
    ("active-standby", {"the primary is active, the secondary standby", "Stateful Failover",
                        "standby addresses", "web traffic reaches the server", "the secondary takes over",
                        "configuration saved"}),
]


@pytest.mark.parametrize(("name", "failed"), UNTOUCHED)
def test_an_untouched_exercise_fails_what_the_task_asks(name: str, failed: set[str]) -> None:
    """Started and graded at once (the setup run: the ASR groups removed and saved, the
    group's MAC addresses set, the secondary off), each fails the checks of what is asked."""
    lab = exercise_run.start(name, "alice", lab_class=Lab)
    assert {n for n, ok in _results(lab).items() if not ok} == failed


@pytest.mark.parametrize(("name", "failed"), UNTOUCHED)
def test_an_untouched_saved_lab_fails_the_same_checks_offline(tmp_path: Path, name: str,
                                                              failed: set[str]) -> None:
    """`exercise grade` boots the flash the setup saved (and its physical state): the fault
    the setup made must be on flash on both units, not in one unit's running configuration
    (the asr setup once saved the secondary's files only, and the primary's flash still held
    the ASR groups: the traffic check passed offline)."""
    from asa_emulator.exercise.grade import grade_saved
    from asa_emulator.exercise.run import ExerciseRun
    from asa_emulator.lab import physical
    from asa_emulator.lab.copies import copy_lab
    from asa_emulator.lab.labfile import find_lab
    ex = load_exercise(name)
    folder = tmp_path / "lab"
    folder.mkdir()
    copy_lab(find_lab(ex.lab, ex.lab_base), folder)
    lab = Lab.load(str(folder))
    lab.settle()
    ExerciseRun(ex, "alice").setup(lab)
    physical.save(lab, folder)
    assert {r.name for r in grade_saved(ex, folder, "alice") if not r.passed} == failed
