"""The command line's face: --version, --help with an example on every subcommand, check's
summary line, and `run --lab` against the script's own `@lab` (issue 16)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from tests.support.paths import ROOT
from tests.support.probes import cli

SUBCOMMANDS = ["lab", "labs", "run", "check", "serve", "init"]


def text(done: object) -> tuple[int, str, str]:
    return done.returncode, done.stdout.decode(), done.stderr.decode()  # type: ignore[attr-defined]


def test_version_prints_the_installed_version() -> None:
    from importlib.metadata import version
    assert text(cli("--version")) == (0, f"asa-emulator {version('asa-emulator')}\n", "")
    assert version("asa-emulator") == "0.1.0"


def help_example(*args: str) -> list[str]:
    code, out, err = text(cli(*args, "--help"))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert "example:" in lines, out
    return [line.strip() for line in lines[lines.index("example:") + 1:]]


@pytest.mark.parametrize("sub", SUBCOMMANDS)
def test_every_subcommand_has_help_with_an_example(sub: str) -> None:
    example = help_example(sub)
    assert len(example) == 1
    words = shlex.split(example[0].rpartition("| ")[2])
    assert words[:2] == ["asa-emulator", sub]


def test_the_top_level_help_names_the_subcommands_and_an_example() -> None:
    code, out, _ = text(cli("--help"))
    assert code == 0
    assert all(sub in out for sub in SUBCOMMANDS) and "--version" in out
    assert help_example() == ["asa-emulator lab blank", "asa-emulator COMMAND --help"]


def test_the_run_and_check_help_examples_work(tmp_path: Path) -> None:
    """The examples are commands a user copies: they run as printed."""
    import subprocess
    import sys
    bindir = Path(sys.executable).parent
    env = {"PATH": f"{bindir}:/usr/bin:/bin", "ASA_EMULATOR_DATA": str(tmp_path / "data")}
    for sub in ("run", "check", "init", "labs"):
        (line,) = help_example(sub)
        done = subprocess.run(line, shell=True, cwd=ROOT if sub == "check" else tmp_path, env=env,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0 and done.stderr == "", (line, done.stderr)
        assert done.stdout, line


SUMMARY = re.compile(r"(\d+) transcripts?, (\d+) passed, (\d+) failed in \d+\.\d\ds")


def test_check_ends_with_a_summary_line(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("@lab example\n" + cli("run", stdin=b"@lab example\nshow clock\n").stdout.decode()
                    .split("\n", 1)[1])
    bad = tmp_path / "bad.txt"
    bad.write_text("@lab example\nprimary> show clock\n11:00:00.000 UTC Wed Jun 12 2024\n")
    broken = tmp_path / "broken.txt"
    broken.write_text("@lab nowhere\n")
    code, out, _ = text(cli("check", str(good)))
    assert code == 0 and re.fullmatch(r"1 transcript, 1 passed, 0 failed in \d+\.\d\ds",
                                      out.splitlines()[-1]), out
    code, out, err = text(cli("check", str(good), str(bad), str(broken)))
    assert code == 2 and "no lab 'nowhere'" in err
    found = SUMMARY.fullmatch(out.splitlines()[-1])
    assert found is not None and found.groups() == ("3", "1", "2"), out
    code, out, _ = text(cli("check", "--update", str(good), str(bad)))
    assert re.fullmatch(r"2 transcripts, 1 updated, 1 unchanged in \d+\.\d\ds", out.splitlines()[-1])


def script(tmp_path: Path, first: str) -> Path:
    path = tmp_path / "script.txt"
    path.write_text(f"{first}\nshow clock\n")
    return path


def test_run_refuses_a_lab_option_that_contradicts_the_script(tmp_path: Path) -> None:
    path = script(tmp_path, "@lab blank")
    assert text(cli("run", "--lab", "example", str(path))) == (
        2, "", f"asa-emulator: {path} names lab blank but --lab names example\n")
    assert text(cli("run", "--lab", "example", "-", stdin=b"@lab blank\nshow clock\n")) == (
        2, "", "asa-emulator: the script on stdin names lab blank but --lab names example\n")
    assert text(cli("lab", "example", stdin=b"@lab blank\nshow clock\n"))[0] == 2


def test_run_refuses_a_lab_option_that_names_no_lab(tmp_path: Path) -> None:
    no_lab = ("asa-emulator: no lab 'nowhere': not a built-in lab (blank, example) nor a "
              "directory with lab.toml\n")
    for first in ("@lab nowhere", "@lab example", "show version"):
        assert text(cli("run", "--lab", "nowhere", str(script(tmp_path, first)))) == (2, "", no_lab)


def test_run_accepts_the_same_lab_named_twice(tmp_path: Path) -> None:
    assert main_ok(tmp_path, "blank", "@lab blank")
    lab_dir = tmp_path / "mylab"
    assert cli("init", str(lab_dir), "--from", "blank").returncode == 0
    # the script's @lab is relative to its folder, --lab to the working directory: one lab
    assert main_ok(tmp_path, str(lab_dir), "@lab mylab")


def main_ok(tmp_path: Path, option: str, first: str) -> bool:
    code, out, err = text(cli("run", "--lab", option, str(script(tmp_path, first))))
    return code == 0 and err == "" and out.splitlines()[1] == "ciscoasa> show clock"
