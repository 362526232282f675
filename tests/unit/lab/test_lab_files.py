"""A lab folder's files as they are on disk (issue 17, "Files and transcripts"): hard links are
refused as symbolic links are, a blocked startup-config is a console error and a failed save,
and `more` never sends a file's control bytes to the terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from asa_emulator.cli import main
from asa_emulator.device.printable import escaped, file_lines


def _init(tmp_path: Path, name: str = "lab") -> Path:
    lab = tmp_path / name
    assert main(["init", str(lab)]) == 0
    return lab


def _run(lab: Path, script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "asa_emulator", "run", "--lab", str(lab), "-"],
                          input=script, capture_output=True, text=True, timeout=120)


def _after(lines: list[str], command: str) -> list[str]:
    """The output of `command` (typed at a `primary#` prompt) up to the next prompt."""
    at = lines.index(f"primary# {command}") + 1
    end = next((i for i in range(at, len(lines)) if lines[i].startswith(("primary#", "@"))),
               len(lines))
    return lines[at:end]


ENABLE = "@console primary\nenable\n\n"


# --------------------------------------------------------------------------- hard links

def test_a_hard_link_in_a_flash_folder_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("the secret\n")
    lab = _init(tmp_path)
    os.link(secret, lab / "primary" / "notes.cfg")
    res = _run(lab, ENABLE + "more disk0:/notes.cfg\ndir disk0:/notes.cfg\n")
    lines = res.stdout.splitlines()
    assert _after(lines, "more disk0:/notes.cfg") == [
        "%Error opening disk0:/notes.cfg (No such file or directory)"]
    assert "the secret" not in res.stdout
    assert _after(lines, "dir disk0:/notes.cfg") == [
        "%Error opening disk0:/notes.cfg (No such file or directory)"]
    assert secret.read_text() == "the secret\n"


def test_a_hard_linked_lab_toml_is_one_line(tmp_path: Path) -> None:
    lab = _init(tmp_path)
    os.link(lab / "lab.toml", tmp_path / "other.toml")
    res = _run(lab, "show clock\n")
    assert res.returncode == 2
    assert res.stderr.splitlines() == [
        f"asa-emulator: {lab}/lab.toml: has other hard links (a link out of the lab directory)"]


# --------------------------------------------------------------------------- a blocked startup-config

def _block_startup(lab: Path, how: str) -> None:
    private = lab / "primary" / ".private"
    if how == ".private is a file":
        for p in private.iterdir():
            p.unlink()
        private.rmdir()
        private.write_text("not a folder\n")
    else:
        (private / "startup-config").unlink()
        (private / "startup-config").mkdir()


@pytest.mark.parametrize(("how", "reason"), [(".private is a file", "Not a directory"),
                                             ("startup-config is a folder", "Is a directory")])
def test_a_blocked_startup_config_is_a_boot_error_and_a_failed_save(tmp_path: Path, how: str,
                                                                     reason: str) -> None:
    lab = _init(tmp_path)
    _block_startup(lab, how)
    res = _run(lab, ENABLE + "write memory all\nwrite memory\ncopy running-config startup-config\n\n")
    assert res.returncode == 0
    lines = res.stdout.splitlines()
    error = f"%Error opening disk0:/.private/startup-config ({reason})"
    # on the console while the unit boots, before its first prompt
    first_prompt = next(i for i, ln in enumerate(lines) if ln.startswith("ciscoasa>"))
    assert error in lines[:first_prompt]
    failed = ["Error executing command", "[FAILED]"]
    assert _after([ln.replace("ciscoasa", "primary") for ln in lines], "write memory all") == [
        "Building configuration...", error, *failed]
    assert _after([ln.replace("ciscoasa", "primary") for ln in lines], "write memory") == [
        "Building configuration...", error, *failed]
    copy = _after([ln.replace("ciscoasa", "primary") for ln in lines], "copy running-config startup-config")
    assert copy[-3:] == [error, *failed]
    assert "[OK]" not in res.stdout
    assert ".private" not in "\n".join(_after([ln.replace("ciscoasa", "primary") for ln in
                                               _run(lab, ENABLE + "dir\n").stdout.splitlines()], "dir"))


def test_a_failed_context_save_fails_write_memory_all(tmp_path: Path) -> None:
    """One space that cannot be saved makes `write memory all` fail, the others saved."""
    lab = _init(tmp_path)
    (lab / "primary" / "ctx1.cfg").unlink()
    (lab / "primary" / "ctx1.cfg").mkdir()
    res = _run(lab, ENABLE + "write memory all\n")
    out = _after(res.stdout.splitlines(), "write memory all")
    assert out[-3:] == ["%Error opening disk0:/ctx1.cfg (Is a directory)",
                        "Error executing command", "[FAILED]"]
    assert sum(ln.startswith("Saving context :") for ln in out) == 2


# --------------------------------------------------------------------------- control bytes

def test_more_shows_control_bytes_escaped(tmp_path: Path) -> None:
    lab = _init(tmp_path)
    (lab / "primary" / "evil.txt").write_bytes(
        b"title\x1b]0;owned\x07 clear\x1b[2J\tend\r\n"
        b"cr\rover del\x7f nul\x00 csi\xc2\x9b1m bad\xff\n")
    res = _run(lab, ENABLE + "more disk0:/evil.txt\n")
    assert _after(res.stdout.splitlines(), "more disk0:/evil.txt") == [
        "title^[]0;owned^G clear^[[2J\tend",
        "cr^Mover del^? nul^@ csiM-^[1m bad\ufffd",
    ]
    assert "\x1b" not in res.stdout and "\x9b" not in res.stdout and "\x07" not in res.stdout


def test_show_startup_config_escapes_too(tmp_path: Path) -> None:
    lab = _init(tmp_path)
    startup = lab / "primary" / ".private" / "startup-config"
    startup.write_bytes(startup.read_bytes() + b"banner motd \x1b[31mred\n")
    res = _run(lab, ENABLE + "show startup-config\n")
    assert "banner motd ^[[31mred" in res.stdout.splitlines()
    assert "\x1b" not in res.stdout


def test_escaping_keeps_printable_text_and_tabs() -> None:
    assert escaped("plain text \u00e9\u4e2d\t!") == "plain text \u00e9\u4e2d\t!"
    assert escaped("".join(map(chr, range(0x20)))) == "^@^A^B^C^D^E^F^G^H\t" + "".join(
        "^" + chr(c + 0x40) for c in range(0x0A, 0x20))
    assert file_lines(b"a\r\nb\n\nc") == ["a", "b", "", "c"]
