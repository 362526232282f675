"""The command line contract of design.md: run, check, init, exit codes, one-line errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from asa_emulator.cli import main
from tests.support.paths import ROOT


def run_cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "asa_emulator", *args], input=stdin,
                          capture_output=True, text=True, cwd=ROOT, timeout=60)


def test_piped_stdin_runs_as_a_script() -> None:
    res = run_cli(stdin="enable\n\nshow version | include Version\n")
    assert res.returncode == 0
    assert res.stderr == ""
    assert res.stdout.splitlines() == [
        "Beginning configuration replication: Sending to mate.",
        "End Configuration Replication to mate",
        "primary> enable",
        "Password:",
        "primary# show version | include Version",
        "Cisco Adaptive Security Appliance Software Version 9.1(7) <system>",
        "Device Manager Version 7.6(1)",
        "Baseboard Management Controller (revision 0x1) Firmware Version: 2.4",
    ]


def test_run_strict_fails_on_asa_errors_only(tmp_path: Path) -> None:
    script = tmp_path / "s.txt"
    script.write_text("@lab blank\nshow failovr\n")
    assert run_cli("run", str(script)).returncode == 0
    res = run_cli("run", "--strict", str(script))
    assert res.returncode == 1
    assert "ERROR: % Invalid input detected at '^' marker." in res.stdout


@pytest.mark.parametrize(("script", "message"), [
    ("@lab nowhere\n", "asa-emulator: no lab 'nowhere': not a built-in lab (blank, example) nor a directory with lab.toml"),
    ("@frobnicate\n", "asa-emulator: unknown directive '@frobnicate' (known: @lab, @console, @wait, @power, @crash, @fail, @link, @failover-link, @state-link, @status, @reset, @traffic, @help, @quit, @exercise, @task, @check)"),
    ("@wait forever\n", "asa-emulator: bad duration 'forever' (use 500ms, 30s, 2m)"),
    ("@console tertiary\n", "asa-emulator: no unit 'tertiary' in this lab (units: primary, secondary)"),
    ("@link down primary Serial0/0\n", "asa-emulator: unit primary has no physical interface 'Serial0/0'"),
    ("@power sideways primary\n", "asa-emulator: usage: @power off|on UNIT"),
    ("show clock\n@lab blank\n", "asa-emulator: @lab must be the first line of a script"),
])
def test_bad_directives_are_one_line_and_exit_2(tmp_path: Path, script: str, message: str) -> None:
    f = tmp_path / "s.txt"
    f.write_text(script)
    res = run_cli("run", str(f))
    assert res.returncode == 2
    assert res.stderr.splitlines() == [message]
    assert "Traceback" not in res.stdout + res.stderr


def test_unreadable_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    res = run_cli("run", str(tmp_path / "missing.txt"))
    assert res.returncode == 2
    assert res.stderr.startswith("asa-emulator: cannot read ")
    assert len(res.stderr.splitlines()) == 1


def test_unreadable_transcript_is_one_line_and_exit_2(tmp_path: Path) -> None:
    t = tmp_path / "t.txt"
    t.write_bytes(b"\xff\xfe not a transcript")
    res = run_cli("check", str(t))
    assert res.returncode == 2
    assert res.stderr.splitlines() == [
        f"asa-emulator: cannot read {t}: 'utf-8' codec can't decode byte 0xff in position 0: "
        "invalid start byte"]


def test_check_passes_then_fails_with_a_diff(tmp_path: Path) -> None:
    t = tmp_path / "t.txt"
    t.write_text("@lab blank\n@console primary\nciscoasa> enable\nPassword:\nciscoasa# show mode\n"
                 "Security context mode: multiple\n")
    assert main(["check", str(t)]) == 0
    t.write_text(t.read_text().replace("multiple\n", "single\n"))
    res = run_cli("check", str(t))
    assert res.returncode == 1
    assert "-Security context mode: single" in res.stdout
    assert "+Security context mode: multiple" in res.stdout
    assert main(["check", "--update", str(t)]) == 0
    assert t.read_text().endswith("Security context mode: multiple\n")


def test_init_copies_a_lab_whose_flash_persists(tmp_path: Path) -> None:
    lab_dir = tmp_path / "mylab"
    assert main(["init", str(lab_dir), "--from", "example"]) == 0
    assert (lab_dir / "lab.toml").is_file()
    assert (lab_dir / "primary" / ".private" / "startup-config").is_file()
    script = tmp_path / "s.txt"
    script.write_text(f"@lab {lab_dir}\nenable\n\nconfigure terminal\nhostname saved-name\n"
                      "write memory\n")
    assert run_cli("run", str(script)).returncode == 0
    saved = (lab_dir / "primary" / ".private" / "startup-config").read_text()
    assert "hostname saved-name" in saved
    # the write went to the mate as well (write memory replicates)
    assert "hostname saved-name" in (lab_dir / "secondary" / ".private" / "startup-config").read_text()
    assert not list(lab_dir.rglob(".tmp-*"))      # atomic writes leave no temporary files
    # and the next start of the lab boots from it
    res = run_cli("run", "--lab", str(lab_dir), stdin="enable\n\nshow running-config | include ^hostname\n")
    assert "hostname saved-name" in res.stdout


def test_init_refuses_a_non_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "x").write_text("keep me")
    assert main(["init", str(tmp_path)]) == 2
    assert (tmp_path / "x").read_text() == "keep me"


def test_every_directive_has_a_help_line_within_80_columns() -> None:
    from asa_emulator.lab.directives import PURPOSE, USAGE, help_lines
    assert set(PURPOSE) == set(USAGE)
    lines = help_lines()
    assert all(len(line) <= 80 for line in lines)
    assert [line.split()[0] for line in lines] == [f"@{n}" for n in USAGE]
    assert all(f" {PURPOSE[n]}" in line for n, line in zip(USAGE, lines, strict=True))
