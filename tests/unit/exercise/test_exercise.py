"""Graded exercises (issue 21): loading refuses bad input with its file and line, values are
drawn per trainee, checks run hidden and change nothing, `@task`/`@check` in transcripts, the
CLI's list/grade/lint, and every built-in exercise's model solution and wrong attempts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from asa_emulator.api import Lab, LabError
from asa_emulator.exercise import run as exercise_run
from asa_emulator.exercise.load import BUILTIN, builtin_names, load_exercise
from asa_emulator.exercise.variables import draw
from asa_emulator.lab import physical
from asa_emulator.lab.directives import help_lines

CLI = [sys.executable, "-m", "asa_emulator"]


def start(name: str, trainee: str) -> Lab:
    lab = exercise_run.start(name, trainee, lab_class=Lab)
    assert isinstance(lab, Lab)
    return lab


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, cwd=cwd, timeout=300)


# ------------------------------------------------------------------ the built-in exercises
@pytest.mark.parametrize("name", builtin_names())
def test_the_model_solution_passes_and_each_wrong_attempt_fails_its_check(name: str) -> None:
    from asa_emulator.exercise.lint import lint
    ex = load_exercise(name)
    assert ex.solution is not None and ex.wrong, "a model solution and a wrong attempt"
    assert lint(str(BUILTIN / name)) == []


def test_there_are_built_in_exercises_and_list_names_them() -> None:
    assert set(builtin_names()) == {"primary", "secondary", "monitoring", "key-mismatch", "link-down",
                                    "force", "http-replication", "preempt", "contexts",
                                    "standby-interface", "failover-exec", "virtual-mac", "asr",
                                    "active-standby", "mac-precedence"}
    res = cli("exercise", "list")
    assert res.returncode == 0
    assert "key-mismatch           Troubleshooting: the mates do not talk (lab example)" in res.stdout.splitlines()


# ------------------------------------------------------------------ loading refuses bad input
GOOD_CHECK = '[[check]]\nname = "on"\nunit = "primary"\ncommands = ["show failover"]\nexpect = ["^Failover On"]\n'
HEAD = 'title = "t"\nlab = "blank"\ntask = "do it"\n'


@pytest.mark.parametrize(("body", "line", "message"), [
    (HEAD + GOOD_CHECK.replace("show failover", "configure terminal"), 7,
     "'configure terminal': a check runs read-only commands only (show, dir, more, ping, packet-tracer)"),
    (HEAD + GOOD_CHECK.replace("show failover", "show run | redirect disk0:/x"), 7,
     "'show run | redirect disk0:/x': only | include | exclude | begin | grep filters in a check"),
    (HEAD + GOOD_CHECK + 'colour = "red"\n', 9, "unknown key 'colour' (known: name, unit, active, "
     "space, commands, expect, expect_block, refuse, before, hint)"),
    (HEAD + GOOD_CHECK.replace('"^Failover On"', '"(unclosed"'), 8,
     "bad regular expression '(unclosed': missing ), unterminated subpattern at position 0"),
    (HEAD + GOOD_CHECK.replace('"^Failover On"', '"{nokey}"'), 8, "unknown variable {nokey}"),
    (HEAD + 'directives = ["wait", "teleport"]\n' + GOOD_CHECK, 4, "unknown directive '@teleport'"),
    (HEAD + GOOD_CHECK + 'before = ["show failover"]\n', 9, "'show failover': before holds @ directives only"),
    (HEAD + GOOD_CHECK + 'before = ["@quit"]\n', 9, "'@quit' is not allowed here"),
    (HEAD + GOOD_CHECK.replace('unit = "primary"\n', ''), 4,
     "a check names either unit = \"NAME\" or active = \"context NAME\" / \"group N\""),
    (HEAD + '[variables]\nnet = { type = "subnet", prefix = 33 }\n' + GOOD_CHECK, 5,
     "variable 'net': prefix must be an integer 8 to 30"),
    (HEAD + 'setup = """\n@console primary\n@teleport primary\n"""\n' + GOOD_CHECK, 6,
     "unknown directive '@teleport'"),
    (HEAD.replace('"blank"', '"nolab"') + GOOD_CHECK, 2, "no lab"),
    (HEAD + "title = 'twice'\n" + GOOD_CHECK, 4, "Cannot overwrite a value"),
])
def test_a_bad_exercise_is_one_line_with_its_file_and_line(tmp_path: Path, body: str, line: int,
                                                          message: str) -> None:
    folder = tmp_path / "ex"
    folder.mkdir()
    (folder / "exercise.toml").write_text(body)
    res = cli("exercise", "lint", str(folder))
    assert res.returncode == 2
    assert res.stdout == ""
    assert len(res.stderr.splitlines()) == 1
    assert res.stderr.startswith(f"asa-emulator: {folder}/exercise.toml:{line}: {message}")


def test_an_unknown_exercise_is_one_line() -> None:
    res = cli("exercise", "grade", "nosuch", ".")
    assert res.returncode == 2
    assert res.stderr.startswith("asa-emulator: no exercise 'nosuch' (built-in: ")


# ------------------------------------------------------------------ variables
def test_values_are_drawn_per_trainee_and_class_secret() -> None:
    ex = load_exercise("secondary")
    alice = draw(ex.name, ex.variables, "alice")
    assert alice == draw(ex.name, ex.variables, "alice")
    assert alice != draw(ex.name, ex.variables, "bob")
    assert alice != draw(ex.name, ex.variables, "alice", secret="class of 2026")
    assert alice["fo_ip"] == alice["fo_net"][:-1] + "1" and alice["fo_peer"] == alice["fo_net"][:-1] + "2"
    assert alice["fo_net"].startswith("192.168.") and alice["fo_net.mask"] == "255.255.255.0"
    assert len(alice["key"]) == 10 and alice["key"].isalnum()


def test_typed_generators_stay_in_their_ranges() -> None:
    from asa_emulator.exercise.spec import VarSpec
    specs = [VarSpec("net", "subnet", {"within": "10.20.0.0/16", "prefix": 28}),
             VarSpec("ip", "host", {"in": "net"}), VarSpec("vlan", "vlan", {"low": 100, "high": 199}),
             VarSpec("ctx", "name", {"choices": ["red", "blue"], "prefix": "c-"})]
    import ipaddress
    for trainee in ("a", "b", "c", "d", "e", "f"):
        v = draw("x", specs, trainee)
        net = ipaddress.IPv4Network(f"{v['net']}/28")
        assert net.subnet_of(ipaddress.IPv4Network("10.20.0.0/16"))
        assert ipaddress.IPv4Address(v["ip"]) in list(net.hosts())
        assert 100 <= int(v["vlan"]) <= 199
        assert v["ctx"] in ("c-red", "c-blue")


def test_a_transcript_names_its_trainee_and_gets_their_values() -> None:
    from asa_emulator.transcript.runner import run_lines
    out, _ = run_lines(["@exercise primary as bob", "@task"])
    bob = draw("primary", load_exercise("primary").variables, "bob")
    assert out[0] == "@exercise primary as bob"
    assert f"- the failover key is `{bob['key']}`;" in out


# ------------------------------------------------------------------ checks change nothing
def _observed(lab: Lab) -> tuple[object, ...]:
    from asa_emulator.device.session import ModeState
    p = lab.console("primary")
    reader = lab.open_session("primary")        # reads without typing at the console
    reader.state = ModeState("sys_exec")
    return (lab.clock.now, lab.summary(), list(p.history), p.state, lab.clock.events_run,
            physical.state_of(lab), reader.execute("show ssh sessions"), reader.execute("who"),
            reader.execute("show failover history"))


def test_a_check_moves_no_clock_opens_no_session_and_changes_nothing() -> None:
    lab = start("monitoring", "alice")
    lab.run(["@console primary", "enable", "", "changeto context admin"])
    before = _observed(lab)
    lab.directive("@check")     # its checks pull links and wait a minute, on copies
    assert _observed(lab) == before


def test_check_and_task_without_an_exercise_and_a_directive_the_exercise_hides() -> None:
    lab = Lab.load("example", in_memory=True)
    with pytest.raises(LabError, match="@check: no exercise is running on this lab"):
        lab.directive("@check")
    ex = start("key-mismatch", "alice")
    with pytest.raises(LabError, match="^@status is not available in this exercise$"):
        ex.directive("@status")
    assert ex.directive("@task")[0] == "Troubleshooting: the mates do not talk"


def test_help_lists_task_and_check_and_the_control_port_runs_no_exercise() -> None:
    script = [line.split()[0] for line in help_lines()]
    control = [line.split()[0] for line in help_lines("control")]
    assert script[-3:] == ["@exercise", "@task", "@check"]
    assert not {"@exercise", "@task", "@check"} & set(control)


def test_a_check_where_a_context_is_active_follows_the_group() -> None:
    """`active = "context ctx1"`: the change made on the primary, where ctx1 is standby (not
    replicated to the active unit), fails; once group 2 is made active on the primary, the
    check reads ctx1 there and passes."""
    lab = start("monitoring", "alice")
    lab.run(["@console primary", "enable", "", "changeto context ctx1", "configure terminal",
             "no monitor-interface inside"])
    assert "FAIL  ctx1 inside not monitored" in lab.directive("@check")
    lab.run(["@console primary", "changeto system", "failover active group 2", "@wait 5s"])
    assert "PASS  ctx1 inside not monitored" in lab.directive("@check")


# ------------------------------------------------------------------ grading a saved lab
def _script(name: str) -> str:
    """The model solution's input lines, without its @exercise/@task/@check lines."""
    from asa_emulator.transcript.check import read_transcript, script_of
    lines = script_of(read_transcript(BUILTIN / name / "solution.txt"))
    return "\n".join(x for x in lines if x.split()[:1] not in (["@exercise"], ["@task"], ["@check"])) + "\n"


def test_grade_fails_an_untouched_lab_and_passes_the_worked_one(tmp_path: Path) -> None:
    lab = tmp_path / "lab"
    assert cli("init", str(lab), "--from", "blank").returncode == 0
    res = cli("exercise", "grade", "primary", str(lab), "--as", "alice")
    assert res.returncode == 1
    assert res.stdout.splitlines()[-1] == "0 of 5 checks passed"
    (tmp_path / "work.txt").write_text(_script("primary"))
    assert cli("run", "--lab", str(lab), str(tmp_path / "work.txt")).returncode == 0
    res = cli("exercise", "grade", "primary", str(lab), "--as", "alice", "--json")
    assert res.returncode == 0
    data = json.loads(res.stdout)
    assert data["passed"] and [c["name"] for c in data["checks"]][0] == "failover link"
    res = cli("exercise", "grade", "primary", str(lab), "--as", "bob")    # bob's own values
    assert res.returncode == 1


def test_grade_boots_the_saved_physical_state(tmp_path: Path) -> None:
    """A link left down in the saved lab stays down when it is graded: the failover link of
    the primary exercise is cut, so failover is on but its interface is down."""
    lab = tmp_path / "lab"
    assert cli("init", str(lab), "--from", "blank").returncode == 0
    (tmp_path / "work.txt").write_text(_script("primary"))
    assert cli("run", "--lab", str(lab), str(tmp_path / "work.txt")).returncode == 0
    running = Lab.load(str(lab), in_memory=True)
    running.settle()
    running.directive("@link down primary GigabitEthernet0/3")
    physical.save(running, lab)
    assert json.loads((lab / "physical.json").read_text())["no_link"] == [["primary", "GigabitEthernet0/3"]]
    res = cli("exercise", "grade", "primary", str(lab), "--as", "alice")
    assert res.returncode == 1
    assert [line.split("  ")[0] for line in res.stdout.splitlines() if "FAIL" in line] == ["failover enabled"], res.stdout


# ------------------------------------------------------------------ the trainee's terminal
def test_exercise_start_shows_the_task_grades_and_keeps_the_work(tmp_path: Path) -> None:
    """`exercise start` in a real pseudo-terminal: the task above the prompt, @check with its
    hints and the score in the toolbar, @status refused where the exercise hides it; the
    second start continues the saved lab (the setup is not run again)."""
    from tests.support.pty_screen import PtyScreen
    env = {"ASA_EMULATOR_DATA": str(tmp_path)}
    term = PtyScreen("exercise", "start", "key-mismatch", "--as", "alice", env=env)
    try:
        term.wait_prompt("primary>")
        term.wait_text("Troubleshooting: the mates do not talk")
        term.send("@status\r")
        term.wait_text("@status is not available in this exercise")
        term.wait_prompt("primary>")
        term.send("@check\r")
        term.wait_text("      hint: the cable is fine: what else must both units share on the failover link?")
        term.wait_text("key-mismatch: 2/4 checks passed")
        term.send("@quit\r")
    finally:
        term.close()
    term = PtyScreen("exercise", "start", "key-mismatch", "--as", "alice", env=env)
    try:
        term.wait_text("exercise key-mismatch: your saved work in")
        term.wait_prompt("primary>")
        term.send("@quit\r")
    finally:
        term.close()
    folder = tmp_path / "exercises" / "key-mismatch" / "alice" / "lab"
    assert (folder / "lab.toml").is_file() and (folder / "physical.json").is_file()
    assert cli("exercise", "grade", "key-mismatch", str(folder), "--as", "alice").returncode == 1
