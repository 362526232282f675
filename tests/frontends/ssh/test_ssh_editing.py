"""The SSH line editor over a real SSH channel: cursor keys, history, Ctrl-A/E, Ctrl-D; exec
channels' exit status.  Only simple sequences go back to the client (characters, backspace)."""

from __future__ import annotations

from asa_emulator.frontends.line.lineedit import LineEditor
from asa_emulator.frontends.server import LabServer
from asa_emulator.frontends.ssh.sshlib import asyncssh
from asa_emulator.lab.lab import Lab
from tests.support.fakes import FakeLab
from tests.support.ssh import BANNER, with_server

LEFT, RIGHT, UP, DOWN = "\x1b[D", "\x1b[C", "\x1b[A", "\x1b[B"




async def session(port: int, keys: str, user: str = "u", password: str = "p") -> str:
    async with asyncssh.connect("127.0.0.1", port, username=user, password=password,
                                known_hosts=None, client_keys=None) as conn:
        process = await conn.create_process(term_type="vt100")
        process.stdin.write(keys)
        return await process.stdout.read()


def test_left_left_a_letter_enter_runs_the_edited_command() -> None:
    lab = FakeLab()

    async def use(server: LabServer) -> str:
        return await session(server.ports["primary"], "show vesion" + LEFT * 4 + "r\rexit\r")

    output = with_server(lab, use)
    [ssh] = [s for s in lab.sessions if s.unit_name == "primary"]
    assert ssh.executed == ["show version", "exit"]
    # the echo: the letter, the rest of the line again, and backspaces back to the cursor
    assert output == (BANNER + "primary> show vesion" + "\b" * 4 + "rsion" + "\b" * 4 + "\r\n"
                      "out: show version\r\nprimary> exit\r\nLogoff\r\n")


def test_up_recalls_history_and_down_returns_to_the_typed_line() -> None:
    lab = FakeLab()
    keys = "show a\rshow bb\r" + UP + UP + DOWN + "\r" + "\x01x\x05y\r" + "xz\x02\x04\r" + "exit\r"

    async def use(server: LabServer) -> str:
        return await session(server.ports["primary"], keys)

    output = with_server(lab, use)
    [ssh] = lab.sessions
    assert ssh.executed == ["show a", "show bb", "show bb", "x" + "y", "x", "exit"]
    assert "\x1b" not in output     # no escape sequence goes back to the client


def test_exec_channel_returns_the_output_and_a_non_zero_status_on_an_asa_error() -> None:
    lab = Lab.load("example")
    lab.settle()

    async def use(server: LabServer) -> list[tuple[str, int | None]]:
        results = []
        async with asyncssh.connect("127.0.0.1", server.ports["primary"], username="admin",
                                    password="cisco", known_hosts=None, client_keys=None) as conn:
            for command in ("show curpriv", "show versoin"):
                done = await conn.run(command)
                results.append((str(done.stdout), done.exit_status))
        return results

    good, bad = with_server(lab, use)
    assert good[1] == 0 and "Current privilege level : 1" in good[0]
    assert bad[1] == 1 and "ERROR: % Invalid input detected at '^' marker." in bad[0]


def test_the_editor_redraws_with_characters_and_backspaces_only() -> None:
    ed = LineEditor(20)
    assert ed.insert("show run") == "show run"
    assert ed.home() == "\b" * 8
    assert ed.right() + ed.right() == "sh"
    assert ed.delete() == "w run \b\b\b\b\b\b"
    assert ed.line == "shw run"
    assert ed.backspace() == "\bw run \b\b\b\b\b\b"
    assert (ed.line, ed.cursor) == ("sw run", 1)
    assert ed.insert("ho") == "how run\b\b\b\b\b"
    assert ed.accept() == "show run"
    assert (ed.history, ed.line, ed.cursor) == (["show run"], "", 0)
