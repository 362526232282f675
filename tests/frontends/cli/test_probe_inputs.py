"""Hostile input at the lab's edges (probe of issue 13): numbers and names no ASA user would
type reach every directive and every command-line path; each is a one-line refusal (LabError,
exit 2), never a Python traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from asa_emulator.api import Lab
from asa_emulator.lab.directives import USAGE
from asa_emulator.lab.spec import LabError
from tests.support.paths import ROOT

LONG = "a" * 5000                    # past the system's 255-byte name and 4096-byte path limits
HUGE = "9" * 5000                    # past int()'s 4300-digit limit
# str.isdigit() is true for these, int() refuses the first two and reads the last as 3
DIGIT_LOOKALIKES = ["²", "⁹⁹", "٣"]

HOSTILE_WORDS = [LONG, HUGE, "-1", "1e9", "nan", "0x10", "10.1.0.5:" + HUGE, "10.1.0.5:-1",
                 *DIGIT_LOOKALIKES, *(f"10.1.0.5:{d}" for d in DIGIT_LOOKALIKES),
                 *(f"{d}s" for d in DIGIT_LOOKALIKES), "../../etc", "\x00", "é", ""]
# a line each directive accepts; the test spoils some of its words (@lab and @exercise are
# first-line only, @quit and @reset take no words)
VALID = {
    "console": ["primary"], "wait": ["30s"], "power": ["off", "secondary"],
    "crash": ["secondary"], "fail": ["secondary", "hardware"],
    "link": ["down", "primary", "GigabitEthernet0/2"], "failover-link": ["down"],
    "state-link": ["down"], "status": [], "help": [], "task": [], "check": [],
    "traffic": ["primary", "admin", "tcp", "inside", "10.1.0.5:1000", "outsideISP-A",
                "192.168.1.50:80", "bytes", "100"],
}


def test_every_directive_with_words_is_probed() -> None:
    assert set(USAGE) - set(VALID) == {"lab", "quit", "reset", "exercise"}


def _spoiled(name: str) -> list[str]:
    """The directive's valid line with each word replaced by, and each gap given, each
    hostile word in turn."""
    words = VALID[name]
    lines = []
    for bad in HOSTILE_WORDS:
        for i in range(len(words)):
            lines.append([*words[:i], bad, *words[i + 1:]])
        for i in range(len(words) + 1):
            lines.append([*words[:i], bad, *words[i:]])
    return [" ".join([f"@{name}", *w]) for w in lines]


@pytest.mark.parametrize("name", sorted(VALID))
def test_directive_arguments_never_raise_past_lab_error(name: str) -> None:
    lab = Lab.load("example")
    lab.settle()
    for line in _spoiled(name):
        try:
            out = lab.directive(line)
        except LabError as exc:
            assert "\n" not in str(exc)
        else:
            assert all(isinstance(text, str) for text in out)


@pytest.fixture(scope="module")
def lab() -> Lab:
    lab = Lab.load("example")
    lab.settle()
    return lab


TRAFFIC = "@traffic primary admin tcp inside 10.1.0.5:1000 outsideISP-A 192.168.1.50:80"


@pytest.mark.parametrize(("line", "message"), [
    (f"{TRAFFIC} bytes {HUGE}", f"bad byte count '{HUGE}' (a number of bytes, at most 1000000000000)"),
    (f"{TRAFFIC} bytes ²", "bad byte count '²' (a number of bytes, at most 1000000000000)"),
    (f"{TRAFFIC} bytes ٣", "bad byte count '٣' (a number of bytes, at most 1000000000000)"),
    (f"{TRAFFIC} bytes 1000000000001",
     "bad byte count '1000000000001' (a number of bytes, at most 1000000000000)"),
    ("@traffic primary admin tcp inside 10.1.0.5:٣ 192.168.1.50:80",
     "bad address '10.1.0.5:٣' (an IPv4 address and port: A.B.C.D:PORT)"),
    (f"@traffic primary admin tcp inside 10.1.0.5:{HUGE} 192.168.1.50:80",
     f"bad address '10.1.0.5:{HUGE}' (an IPv4 address and port: A.B.C.D:PORT)"),
])
def test_traffic_counts_are_ascii_and_bounded(lab: Lab, line: str, message: str) -> None:
    with pytest.raises(LabError) as exc:
        lab.directive(line)
    assert str(exc.value) == message


def test_traffic_at_the_byte_bound_is_counted() -> None:
    lab = Lab.load("example")
    lab.settle()
    lab.directive(f"{TRAFFIC} bytes 1000000000000")
    out = lab.run(["@console primary", "enable", "", "changeto context admin",
                   "show interface inside | include packets input"])
    assert out[-1].endswith("bytes") and "1000000000000 bytes" in out[-1]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "asa_emulator", *args], input="",
                          capture_output=True, text=True, cwd=ROOT, timeout=60)


@pytest.mark.parametrize("args", [
    ("run", "--lab", LONG, "-"), ("lab", LONG), ("serve", "--lab", LONG, "--port", "0"),
    ("init", LONG), ("init", "--from", LONG, "x"), ("check", LONG), ("run", LONG + "/x"),
    ("init", "pyproject.toml/lab"),
])
def test_names_the_system_refuses_are_one_line_and_exit_2(args: tuple[str, ...]) -> None:
    res = _cli(*args)
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    assert len(res.stderr.splitlines()) == 1 and res.stderr.startswith("asa-emulator: ")


def test_a_lab_directive_naming_a_path_too_long_is_no_lab(tmp_path: Path) -> None:
    script = tmp_path / "s.txt"
    script.write_text(f"@lab {LONG}\n")
    res = _cli("run", str(script))
    assert res.returncode == 2
    assert res.stderr.splitlines() == [
        f"asa-emulator: no lab '{LONG}': not a built-in lab (blank, example) nor a directory "
        "with lab.toml"]


@pytest.mark.parametrize("name", sorted(VALID))
def test_a_word_past_a_directive_s_last_is_refused(lab: Lab, name: str) -> None:
    """`@status x` and `@help x` alike: a stray word is a usage error, never ignored."""
    with pytest.raises(LabError) as exc:
        lab.directive(" ".join([f"@{name}", *VALID[name], "extra"]))
    assert str(exc.value).startswith("usage: @")
