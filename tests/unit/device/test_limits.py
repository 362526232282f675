"""Every command's cost is bounded and bad input never enters the configuration (issue 8):
linear-time output filters, the command-line length and character rules, the ASA's name
rules, the `@wait` bound and the `?` bound of scripts."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
import re2
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asa_emulator.cli import main
from asa_emulator.device import filters
from asa_emulator.device.filters import matcher
from asa_emulator.device.messages import INVALID_INPUT
from asa_emulator.device.session import MAX_LINE, Session
from asa_emulator.lab.directives import MAX_WAIT_MS, run_directive
from asa_emulator.lab.lab import Lab
from asa_emulator.lab.spec import LabError, parse_duration
from asa_emulator.transcript.runner import MAX_HELP_KEYS, run_lines
from tests.support.paths import ROOT

# the properties below hold whatever earlier examples did to the lab, so one lab serves them all
SHARED_LAB = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
CONFIG = "primary(config)# "


def config_session(lab: Lab, unit: str = "primary") -> Session:
    s = lab.open_session(unit)
    for line in ("enable", "", "configure terminal"):
        s.execute(line)
    assert s.prompt().endswith("(config)# ")
    return s


def refused_at(column: int, prompt: str = CONFIG) -> list[str]:
    """The ASA's reply to a line refused at `column` of what was typed after `prompt`."""
    return [" " * (len(prompt) + column) + "^", INVALID_INPUT]


# ---------------------------------------------------------------- output filters

def big_config(s: Session, n: int) -> list[str]:
    """Subinterfaces with long descriptions, every other one ending in Z; the full output."""
    for i in range(1, n + 1):
        s.execute(f"interface GigabitEthernet0/2.{i}")
        s.execute(f"vlan {100 + i}")
        s.execute("description " + "x" * 60 + ("Z" if i % 2 else ""))
    s.execute("exit")
    return s.execute("show running-config")


# (pattern that backtracking engines take exponential time on, a plain equivalent)
CATASTROPHIC = [
    ("(.*.*)*Z", lambda ln: "Z" in ln),
    ("(x+x+)+y", lambda ln: re.search("xx+y", ln) is not None),
    ("(x|x)*Z", lambda ln: "Z" in ln),
    ("((x*)*)*#", lambda ln: "#" in ln),
]


def test_catastrophic_patterns_return_the_right_lines(lab: Lab) -> None:
    s = config_session(lab)
    full = big_config(s, 150)
    assert len(full) > 500
    for pattern, plain in CATASTROPHIC:
        expected = [ln for ln in full if plain(ln)]
        assert s.execute(f"show running-config | include {pattern}") == expected
        assert s.execute(f"show running-config | exclude {pattern}") == [
            ln for ln in full if not plain(ln)]
        assert s.execute(f"show running-config | grep -v {pattern}") == [
            ln for ln in full if not plain(ln)]
    begin = s.execute("show running-config | begin (.*.*)*Z")
    first = next(i for i, ln in enumerate(full) if "Z" in ln)
    assert begin == full[first:]
    assert sum(1 for ln in full if "Z" in ln) == 75


@pytest.mark.parametrize(("pattern", "line", "hit"), [
    ("d(o|a)g", "a dag here", True), ("d(o|a)g", "dig", False),
    ("lo?se", "lse", True), ("lo?se", "loose", False),
    ("lo*se", "looose", True), ("lo+se", "lse", False),
    ("ab(xy){2,}z", "abxyxyz", True), ("ab(xy){2,}z", "abxyz", False),
    ("ab(xy){3}z", "abxyxyxyz", True),
    ("[abc-]", "x-y", True), ("[^A-Z]", "ABC", False), ("[a-c]q", "bq", True),
    ("^TCP", "TCP conn", True), ("^TCP", " TCP", False),
    (r"\[", "a[b", True), (r"\x41", "xAx", True), (r"\040b", "a b", True),
    ("host|State", "This host: Primary", True), (".", "", False),
])
def test_asa_regex_metacharacters(pattern: str, line: str, hit: bool) -> None:
    assert matcher(pattern)(line) is hit


@pytest.mark.parametrize("pattern", ["(", "9.1(", "[", "*abc", "a(?=b)", r"(a)\1", "x{2000}"])
def test_patterns_re2_cannot_compile_match_as_literal_text(pattern: str) -> None:
    assert matcher(pattern)(f"before {pattern} after")
    assert not matcher(pattern)("before after")


def test_a_bad_pattern_writes_nothing_to_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    filters._compiled.cache_clear()
    matcher("(unbalanced")("x")
    assert capfd.readouterr().err == ""


QUIET = re2.Options()
QUIET.log_errors = False

# patterns both engines read alike: no Perl extensions, no `{`, no `\`
SIMPLE = st.text(alphabet="ab.*+?|()[]^-", min_size=1, max_size=12)


@settings(max_examples=400, deadline=None)
@given(pattern=SIMPLE, lines=st.lists(st.text(alphabet="ab-^ ", max_size=12), max_size=5))
def test_filters_agree_with_backtracking_regex_where_both_compile(pattern: str,
                                                                  lines: list[str]) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)    # "possible nested set"
            py = re.compile(pattern)
        re2.compile(pattern, options=QUIET)
    except (re.error, re2.error):
        return
    for ln in lines:
        assert matcher(pattern)(ln) == bool(py.search(ln)), (pattern, ln)


# ---------------------------------------------------------------- line length

def test_a_line_of_max_length_is_read_and_one_longer_is_refused(lab: Lab) -> None:
    s = config_session(lab)
    ok = "hostname " + "a" * 40
    assert s.execute(ok + " " * (MAX_LINE - len(ok))) == []
    assert s.prompt() == "a" * 40 + "(config)# "
    prompt = s.prompt()
    long = "hostname " + "b" * (MAX_LINE - 8)
    assert len(long) == MAX_LINE + 1
    assert s.execute(long) == refused_at(MAX_LINE, prompt)
    assert s.prompt() == prompt


def test_a_megabyte_line_is_refused_by_execute_help_and_complete(lab: Lab) -> None:
    s = config_session(lab)
    before = s.execute("show running-config")
    line = "description " + "y" * 1_000_000
    assert s.execute(line) == refused_at(MAX_LINE)
    assert s.help(line) == refused_at(MAX_LINE)
    assert s.complete(line) == []
    assert s.execute("show running-config") == before


def test_an_over_long_script_line_is_refused_and_the_run_goes_on() -> None:
    lines, stats = run_lines(["enable", "", "show " + "v" * 5000, "show clock"], "example")
    at = lines.index("primary# show " + "v" * 5000)
    assert lines[at + 1:at + 3] == refused_at(MAX_LINE, "primary# ")
    assert lines[at + 3] == "primary# show clock"
    assert stats.asa_errors == 1


WORDS = st.sampled_from(["show", "sh", "run", "running-config", "interface", "hostname", "no",
                         "context", "failover", "group", "1", "|", "include", "x", "10.0.0.1",
                         "GigabitEthernet0/1", "g", "description", "-v", "?", "\t"])


@settings(max_examples=150, deadline=None, suppress_health_check=SHARED_LAB)
@given(words=st.lists(WORDS, min_size=1, max_size=300))
def test_random_words_up_to_the_limit_edit_without_error(lab: Lab, words: list[str]) -> None:
    line = " ".join(words)[:MAX_LINE]
    s = lab.open_session("secondary")
    for prefix in ("enable", ""):
        s.execute(prefix)
    for text in (line, line + " ", line[: len(line) // 2]):
        assert all(isinstance(x, str) for x in s.help(text))
        assert all(isinstance(x, str) for x in s.complete(text))
    assert all(isinstance(x, str) for x in s.execute(line))


# ---------------------------------------------------------------- `?` storms

def test_five_thousand_question_marks_are_refused_not_answered(lab: Lab) -> None:
    s = config_session(lab)
    assert s.help("?" * 5000) == refused_at(MAX_LINE)
    assert s.complete("?" * 5000) == []
    assert s.execute("?" * 5000) == refused_at(MAX_LINE)


def test_a_script_line_answers_at_most_the_bounded_number_of_question_marks() -> None:
    ok, _ = run_lines(["enable", "", "show " + "?" * MAX_HELP_KEYS], "example")
    assert ok.count("primary# show ?") == MAX_HELP_KEYS
    with pytest.raises(LabError, match=f"at most {MAX_HELP_KEYS} times; this one has 5000"):
        run_lines(["show " + "?" * 5000], "example")


def test_run_stops_on_a_question_mark_storm_with_one_message(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    script = tmp_path / "storm.txt"
    script.write_text("show version | include Version\n" + "?" * 5000 + "\n")
    assert main(["run", str(script)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [f"asa-emulator: a script line may type '?' at most {MAX_HELP_KEYS} times; "
                   "this one has 5000"]


# ---------------------------------------------------------------- invalid characters

@pytest.mark.parametrize(("typed", "column"), [
    ("hostname bad\ufffdname", 12),        # bytes an SSH client sent that were not UTF-8
    ("hostname bad\udcffname", 12),        # a script byte that was not UTF-8 (surrogateescape)
    ("hostname caf\u00e9", 12),            # valid UTF-8, but the CLI is ASCII
    ("hostname a\x1b[31mred", 10),         # an escape sequence
    ("hostname x\x00y", 10),
    ("host\x7fname x", 4),
])
def test_characters_outside_printable_ascii_are_refused(lab: Lab, typed: str, column: int) -> None:
    s = config_session(lab)
    before = s.execute("show running-config")
    assert s.execute(typed) == refused_at(column)
    assert s.help(typed) == refused_at(column)
    assert s.complete(typed) == []
    assert s.execute("show running-config") == before
    assert s.history[-1] == "show running-config"


def test_a_tab_separates_words(lab: Lab) -> None:
    s = config_session(lab)
    assert s.execute("hostname\tfw-1") == []
    assert s.prompt() == "fw-1(config)# "


@settings(max_examples=200, deadline=None, suppress_health_check=SHARED_LAB)
@given(lines=st.lists(st.text(max_size=40).map(lambda t: "hostname " + t), min_size=1, max_size=4))
def test_no_line_puts_anything_but_ascii_in_the_configuration(lab: Lab, lines: list[str]) -> None:
    s = config_session(lab)
    for line in lines:
        s.execute(line)
        s.execute("description " + line)
    for unit in lab.units.values():
        text = "\n".join(unit.spaces.running_config(None))
        text.encode("ascii")                       # raises on anything else
        assert all(ch == "\t" or " " <= ch <= "~" for ch in text.replace("\n", ""))


def run_bytes(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    """`asa-emulator ARGS` with a strict UTF-8 stdout: an unencodable character would fail."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}
    return subprocess.run([sys.executable, "-m", "asa_emulator", *args], input=stdin,
                          capture_output=True, cwd=ROOT, timeout=120, env=env)


def test_a_bad_byte_in_a_directive_is_one_error_line(tmp_path: Path) -> None:
    script = tmp_path / "lab.txt"
    script.write_bytes(b"@lab ex\xffample\nshow clock\n")
    res = run_bytes("run", str(script))
    assert res.returncode == 2
    assert res.stdout.decode("utf-8") == "@lab ex\ufffdample\n"
    assert len(res.stderr.splitlines()) == 1


def test_a_script_with_invalid_utf8_is_refused_at_that_line(tmp_path: Path) -> None:
    script = tmp_path / "bad.txt"
    script.write_bytes(b"enable\n\nconfigure terminal\nhostname bad\xffname\nhostname ok-1\n"
                       b"write memory\nshow running-config | include ^hostname\n")
    for strict, code in ((False, 0), (True, 1)):
        res = run_bytes("run", *(["--strict"] * strict), str(script))
        assert res.returncode == code
        assert res.stderr == b""
        out = res.stdout.decode("utf-8").splitlines()     # the transcript is valid UTF-8
        at = out.index("primary(config)# hostname bad\ufffdname")
        assert out[at + 1:at + 3] == refused_at(12)
        assert out[at + 3] == "primary(config)# hostname ok-1"
        assert out[-2:] == ["ok-1(config)# show running-config | include ^hostname", "hostname ok-1"]


def test_invalid_utf8_on_stdin_is_refused_at_that_line() -> None:
    res = run_bytes("run", "--strict", stdin=b"enable\n\nshow \xc3(\n\x0cshow clock\n")
    assert res.returncode == 1
    out = res.stdout.decode("utf-8").splitlines()
    at = out.index("primary# show \ufffd(")
    assert out[at + 1:at + 3] == refused_at(5, "primary# ")
    # a form feed is not a line end: the line holding it is refused as a whole
    assert out[at + 3:at + 6] == ["primary# \ufffdshow clock", *refused_at(0, "primary# ")]


def test_a_refused_answer_abandons_the_question(lab: Lab) -> None:
    s = lab.open_session("primary")
    s.execute("enable")
    assert s.question_pending()
    assert s.execute("pass\udcffword") == refused_at(4, "Password: ")
    assert not s.question_pending()
    assert s.prompt() == "primary> "


# ---------------------------------------------------------------- names

@pytest.mark.parametrize("name", ["a", "1st", "fw-01", "A" * 63, "x-y-z9"])
def test_hostnames_the_asa_accepts(lab: Lab, name: str) -> None:
    s = config_session(lab)
    assert s.execute(f"hostname {name}") == []
    assert s.prompt() == f"{name}(config)# "
    assert s.execute("show running-config | include ^hostname") == [f"hostname {name}"]


@pytest.mark.parametrize("name", ["-fw", "fw-", "fw_1", "fw.example", "a" * 64, "f!w", "-"])
def test_hostnames_the_asa_refuses(lab: Lab, name: str) -> None:
    s = config_session(lab)
    assert s.execute(f"hostname {name}") == refused_at(len("hostname "))
    assert s.prompt() == CONFIG


def test_context_names_follow_the_asa_rules(lab: Lab) -> None:
    s = config_session(lab)
    for bad in ("ctx_2", "-ctx", "ctx-", "c" * 33, "a.b"):
        assert s.execute(f"context {bad}") == refused_at(len("context ")), bad
        assert bad not in lab.units["primary"].sys.contexts
    assert s.execute("admin-context bad_name") == refused_at(len("admin-context "))


def test_nameif_and_failover_interface_names_are_at_most_48_characters(lab: Lab) -> None:
    s = config_session(lab)
    assert s.execute("failover link " + "n" * 49 + " GigabitEthernet0/3") == refused_at(
        len("failover link "))
    assert s.execute("failover lan interface " + "n" * 49 + " GigabitEthernet0/3") == refused_at(
        len("failover lan interface "))
    s.execute("changeto context ctx1")
    s.execute("configure terminal")
    s.execute("interface GigabitEthernet0/5")
    prompt = s.prompt()
    assert prompt == "primary/ctx1(config-if)# "
    assert s.execute("nameif " + "n" * 49) == refused_at(len("nameif "), prompt)
    assert s.execute("nameif " + "n" * 48) == []
    assert s.execute("show running-config interface GigabitEthernet0/5")[2] == " nameif " + "n" * 48


# ---------------------------------------------------------------- @wait

class _Clock:
    def __init__(self) -> None:
        self.moved: list[int] = []

    def advance(self, ms: int) -> None:
        self.moved.append(ms)


def test_wait_accepts_up_to_thirty_days() -> None:
    clock = _Clock()
    run_directive(clock, "@wait 720h")     # type: ignore[arg-type]
    run_directive(clock, "@wait 1.5s")     # type: ignore[arg-type]
    assert clock.moved == [MAX_WAIT_MS, 1500] and MAX_WAIT_MS == 30 * 86_400_000


@pytest.mark.parametrize("text", ["721h", "43201m", "2592001s", "999999999999h"])
def test_wait_beyond_thirty_days_is_one_clear_error(text: str) -> None:
    with pytest.raises(LabError, match=r"at most 30 days \(720h\) of virtual time per @wait"):
        run_directive(_Clock(), f"@wait {text}")     # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["-1s", "nan", "inf", "infs", "1e9", "1e999h", "\u00b2", "\u0663s",
                                  "9999999999999h", "", "h", ".", "1.2.3", "0x10"])
def test_durations_that_are_not_plain_numbers_are_refused(text: str) -> None:
    with pytest.raises(LabError, match="bad duration"):
        parse_duration(text)


def test_run_exits_2_on_a_wait_beyond_the_limit(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    script = tmp_path / "w.txt"
    script.write_text("@wait 31d\n")
    assert main(["run", str(script)]) == 2
    assert capsys.readouterr().err.startswith("asa-emulator: bad duration '31d'")
    script.write_text("@wait 800h\n")
    assert main(["run", str(script)]) == 2
    assert capsys.readouterr().err == (
        "asa-emulator: @wait 800h: at most 30 days (720h) of virtual time per @wait\n")
