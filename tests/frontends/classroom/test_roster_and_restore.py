"""`asa-emulator classroom add|remove|list|passwd` on real folders, a bad roster, and a lab
that comes back as it was after the server stops (issue 22)."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import asyncssh
import pytest

from tests.support.classroom import ClassServed, Term, make_classroom
from tests.support.probes import cli, openssh


def test_add_list_passwd_remove(tmp_path: Path) -> None:
    folder = tmp_path / "room"
    make_classroom(folder, ["alice"])
    roster = (folder / "classroom.toml").read_text()
    assert "[instructor]" in roster and '[trainees."alice"]' in roster and 'exercise = "primary"' in roster
    assert "alice-pw" not in roster                              # hashed, never kept
    assert (folder / "classroom.toml").stat().st_mode & 0o077 == 0  # it holds the class secret
    lab = folder / "labs" / "alice"
    assert (lab / "lab.toml").is_file() and (lab / "physical.json").is_file()
    listed = cli("classroom", "list", str(folder)).stdout.decode().splitlines()
    assert listed[0] == "instructor: teacher"
    assert listed[2].split() == ["alice", "primary", "saved"]
    before = (folder / "classroom.toml").read_text()
    done = cli("classroom", "passwd", str(folder), "alice", stdin=b"new-pw\n")
    assert done.returncode == 0 and (folder / "classroom.toml").read_text() != before
    again = cli("classroom", "add", str(folder), "alice", "--exercise", "primary", stdin=b"x\n")
    assert again.returncode == 2
    assert again.stderr.decode() == ("asa-emulator: alice is on the roster already "
                                     "(classroom passwd changes the password)\n")
    assert cli("classroom", "remove", str(folder), "alice").returncode == 0
    assert not lab.exists()
    assert "alice" not in (folder / "classroom.toml").read_text()


@pytest.mark.parametrize(("text", "message"), [
    ("secret = 1\n", "secret must be a string"),
    ("[trainees.bob]\nexercise = \"primary\"\n", "[trainees.bob]: password_hash is missing or not a string"),
    ("[trainees.bob]\nexercise = \"p\"\npassword_hash = \"plain\"\n",
     "[trainees.bob]: password_hash is not scrypt:N:r:p$SALT$HASH"),
    ("colour = 1\n", "unknown key 'colour' (secret, instructor, trainees)"),
    ("[trainees\n", "not a roster: "),
])
def test_a_bad_roster_is_one_line_and_exit_2(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "classroom.toml").write_text(text)
    for args in (("classroom", "list", str(tmp_path)), ("serve", "--classroom", str(tmp_path), "--port", "0"),
                 ("exercise", "grade", "--classroom", str(tmp_path))):
        done = cli(*args)
        err = done.stderr.decode()
        assert done.returncode == 2 and err.count("\n") == 1, err
        assert err.startswith(f"asa-emulator: {tmp_path / 'classroom.toml'}: ") and message in err


def test_a_lab_comes_back_as_it_was_after_the_server_stops(tmp_path: Path) -> None:
    folder = tmp_path / "room"
    make_classroom(folder, ["alice"])

    async def session(port: int, lines: list[str]) -> str:
        term = await Term.open(port, "alice")
        out = await term.prompt()
        for line in lines:
            term.proc.stdin.write(line + "\r")
            out += await term.prompt()
        term.close()
        await term.conn.wait_closed()
        return out

    served = ClassServed(folder)
    try:
        asyncio.run(session(served.ports["primary"], [
            "enable", "", "configure terminal", "hostname alice-fw", "show clock"]))   # not saved
    finally:
        status, err = served.stop(signal.SIGTERM)
    assert (status, err) == (0, "")
    served = ClassServed(folder)
    try:
        out = asyncio.run(session(served.ports["primary"], ["enable", "", "show running-config hostname"]))
    finally:
        served.stop(signal.SIGINT)
    # the running configuration as it was left; the console starts again at the user prompt,
    # as after a power cut of the rack (lab/saved_state.py)
    assert out.startswith("alice-fw> ")
    assert "\r\nhostname alice-fw\r\n" in out


def test_the_instructor_port_refuses_a_trainee(tmp_path: Path) -> None:
    folder = tmp_path / "room"
    make_classroom(folder, ["alice"])
    served = ClassServed(folder)

    async def main() -> None:
        with pytest.raises(asyncssh.PermissionDenied):
            await Term.open(served.ports["instructor"], "alice")
    try:
        asyncio.run(main())
    finally:
        served.stop()


def test_roster_changes_take_effect_while_the_class_runs(tmp_path: Path) -> None:
    folder = tmp_path / "room"
    make_classroom(folder, ["alice"])
    served = ClassServed(folder)

    async def logs_in(password: str) -> bool:
        try:
            term = await Term.open(served.ports["primary"], "alice", password)
        except asyncssh.PermissionDenied:
            return False
        term.close()
        return True
    try:
        assert asyncio.run(logs_in("alice-pw"))
        assert cli("classroom", "passwd", str(folder), "alice", stdin=b"changed-pw\n").returncode == 0
        assert [asyncio.run(logs_in("alice-pw")), asyncio.run(logs_in("changed-pw"))] == [False, True]
        # an exec channel runs one line at the console, with OpenSSH
        done = openssh(served.ports["secondary"], "alice", "changed-pw", tmp_path,
                       "show version | include ^Serial")
        assert done.returncode == 0, done.stderr.decode()
        assert done.stdout.decode() == "Serial Number: JMX1234A0S2\r\n"
        bad = openssh(served.ports["secondary"], "alice", "changed-pw", tmp_path, "show failovr")
        assert bad.returncode == 1 and b"ERROR: % Invalid input detected" in bad.stdout
        assert cli("classroom", "remove", str(folder), "alice").returncode == 0
    finally:
        status, err = served.stop()
    assert (status, err) == (0, "")          # a removed trainee's lab is not saved back
    assert not (folder / "labs" / "alice").exists()
