"""The lab terminal as a trainee uses it: paste, console keys, leaving, @help, reload, the toolbar,
the split view (prompt_toolkit pipe input), and saved work across restarts (a real pseudo-terminal)."""

from __future__ import annotations

import asyncio
import io
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output

from asa_emulator.console import LabHandle
from asa_emulator.frontends.tui.app import LabTerminal
from asa_emulator.lab.directives import help_lines
from asa_emulator.lab.lab import Lab
from tests.support.fakes import FakeLab, wait_until

CTRL_D, CTRL_Q, LEFT, F2, F3 = "\x04", "\x11", "\x1b[D", "\x1bOQ", "\x1b[13~"
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        yield inp


def type_keys(pipe: PipeInput, lab: LabHandle, keys: str) -> str:
    stream = io.StringIO()
    pipe.send_text(keys)
    assert asyncio.run(LabTerminal(lab, stream=stream, realtime=False).run()) == 0
    return stream.getvalue()


def test_a_bracketed_paste_of_50_lines_runs_50_commands_each_with_its_output(pipe: PipeInput) -> None:
    lab = FakeLab()
    lines = [f"show {n}" for n in range(50)]
    screen = type_keys(pipe, lab, PASTE_START + "\r\n".join(lines) + "\r\nshow la" + PASTE_END + "st\r" + CTRL_Q)
    assert lab.consoles["primary"].executed == [*lines, "show last"]
    assert screen == "".join(f"primary> {line}\nout: {line}\n" for line in [*lines, "show last"]) + "@quit\n"


def test_ctrl_d_deletes_the_character_under_the_cursor_and_never_leaves(pipe: PipeInput) -> None:
    lab = FakeLab()
    screen = type_keys(pipe, lab, CTRL_D + CTRL_D + "shxow" + LEFT * 3 + CTRL_D + "\r" + CTRL_D + "\r" + CTRL_Q)
    assert lab.consoles["primary"].executed == ["show", ""]
    assert screen == "primary> show\nout: show\nprimary> \n@quit\n"


def test_leaving_asks_when_work_is_unsaved(pipe: PipeInput) -> None:
    lab = FakeLab()
    lab.unsaved_spaces = ["primary: system, ctx1"]
    screen = type_keys(pipe, lab, "@quit\rn\r" + CTRL_Q + "y\r")
    question = ["Configuration not saved (write memory saves it):", "  primary: system, ctx1"]
    assert screen.splitlines() == [
        "primary> @quit", *question, "Leave the lab anyway? [y/N]: n",
        "@quit", *question, "Leave the lab anyway? [y/N]: y",
    ]
    assert lab.consoles["primary"].executed == []


@pytest.mark.parametrize("spelling", ["@QUIT", '@"quit"', " @quit "])
def test_every_spelling_of_quit_leaves_as_run_reads_it(pipe: PipeInput, spelling: str) -> None:
    """The terminal reads `@quit` as `run` and the control port do (lab/directives.py)."""
    lab = FakeLab()
    lab.unsaved_spaces = ["primary: system"]
    # Ctrl-Q after it ends the terminal if the spelling did not (the screen then says so)
    screen = type_keys(pipe, lab, spelling + "\ry\r" + CTRL_Q + "y\r")
    assert screen.splitlines()[1:] == ["Configuration not saved (write memory saves it):",
                                       "  primary: system", "Leave the lab anyway? [y/N]: y"]
    assert lab.directives == [] and lab.consoles["primary"].executed == []


def test_help_lists_the_directives_and_tab_completes_them(pipe: PipeInput) -> None:
    lab = FakeLab()
    screen = type_keys(pipe, lab, "@?\x03@sta\tu\t\r" + CTRL_Q)
    assert screen.splitlines() == ["primary> @?", *help_lines(), "primary> @status ", "status: all good", "@quit"]


class _Screen(Vt100_Output):
    """A 24x100 VT100 screen into a string; it knows the cursor is on the top row, as a
    terminal's answer to a cursor position request would say, so the toolbar is drawn."""

    @property
    def responds_to_cpr(self) -> bool:
        return False

    def get_rows_below_cursor_position(self) -> int:
        return 24


def test_the_toolbar_names_the_console_and_the_units_states() -> None:
    lab = Lab.load("example")
    lab.settle()
    out = io.StringIO()

    def shown() -> str:
        return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out.getvalue())

    async def drive(inp: PipeInput) -> None:
        run = asyncio.create_task(LabTerminal(lab, stream=io.StringIO(), realtime=False).run())
        await wait_until(lambda: "console: primary" in shown())
        inp.send_text(F2)
        await wait_until(lambda: "console: secondary" in shown())
        inp.send_text(CTRL_Q)
        assert await run == 0

    with create_pipe_input() as inp, create_app_session(
            input=inp, output=_Screen(out, lambda: Size(rows=24, columns=100), term="vt100")):
        asyncio.run(drive(inp))
    assert "example | console: primary | primary Active/Standby  secondary Standby/Active" in shown()
    assert "example | console: secondary | primary Active/Standby  secondary Standby/Active" in shown()
    assert "failover link folink up | 12:00:34 | F2 other  F3 split  ^Q quit  @help" in shown()


def test_reload_shows_the_boot_then_a_fresh_unprivileged_prompt(pipe: PipeInput) -> None:
    lab = Lab.load("example")
    lab.settle()
    stream = io.StringIO()
    terminal = LabTerminal(lab, stream=stream, realtime=False)

    def tick(ms: int) -> None:
        lab.advance(ms)
        terminal.show_messages()    # what the real-time clock does after each tick

    async def drive() -> None:
        run = asyncio.create_task(terminal.run())
        await wait_until(lambda: terminal.waiting_for_input)
        pipe.send_text("enable\r\rreload noconfirm\r")
        # the shutdown lines are the last: no prompt while the unit goes down
        await wait_until(lambda: terminal.waiting_for_input and terminal.prompt() == ""
                         and "reload noconfirm" in stream.getvalue())
        tick(1)                     # the unit goes down
        await wait_until(lambda: terminal.waiting_for_input and terminal.prompt() == "")
        tick(60_000)                # it boots again
        await wait_until(lambda: terminal.waiting_for_input and terminal.prompt() == "primary> ")
        pipe.send_text("show curpriv\r" + CTRL_Q)
        assert await run == 0

    asyncio.run(drive())
    screen = stream.getvalue()
    boot = screen.index("Cryptochecksum (unchanged)")
    assert screen.index("primary# reload noconfirm") < boot < screen.index("primary> show curpriv")
    typed = screen.index("primary# reload noconfirm\n")
    shutdown = screen[typed:boot]
    assert shutdown.startswith("primary# reload noconfirm\n\n***\n*** --- START GRACEFUL SHUTDOWN ---\n")
    assert "Rebooting... (status 0x9)\n..\n" in shutdown and "primary" not in shutdown[len("primary# "):]
    assert "Current privilege level : 1\n" in screen[boot:]


def test_the_split_view_shows_the_other_units_failover_messages_as_they_happen(pipe: PipeInput) -> None:
    lab = Lab.load("example")
    lab.settle()
    stream = io.StringIO()
    terminal = LabTerminal(lab, stream=stream, realtime=False)

    async def drive() -> None:
        run = asyncio.create_task(terminal.run())
        await wait_until(lambda: terminal.waiting_for_input)
        pipe.send_text(F3)
        await wait_until(lambda: terminal.view == 1 and terminal.waiting_for_input)
        pipe.send_text("@power off primary\r")
        await wait_until(lambda: terminal.screen("primary")[-1:] == ["primary> @power off primary"])
        assert not any("Switching to Active" in line for line in terminal.screen("secondary"))
        lab.advance(20_000)
        terminal.show_messages()
        assert any("Switching to Active" in line for line in terminal.screen("secondary"))
        pipe.send_text(F3 + F3 + "@console secondary\r" + CTRL_Q)
        assert await run == 0

    asyncio.run(drive())
    # back in the single view, the screen goes on with what was typed in the split view (the
    # primary is off: no prompt)
    assert stream.getvalue().endswith("primary> @power off primary\n@console secondary\n@quit\n")


def lab_terminal(data: Path) -> pexpect.spawn:
    env = dict(os.environ, ASA_EMULATOR_DATA=str(data))
    return pexpect.spawn(sys.executable, ["-m", "asa_emulator", "lab"], env=env, dimensions=(30, 100),
                         encoding="utf-8", timeout=30)


def expect(term: pexpect.spawn, pattern: str) -> None:
    """Wait for `pattern`, answering the cursor position requests a real terminal answers."""
    while term.expect([re.escape("\x1b[6n"), pattern]) == 0:
        term.send("\x1b[1;1R")


def test_saved_work_survives_leaving_and_starting_again(data_dir: Path) -> None:
    term = lab_terminal(data_dir)
    expect(term, "primary>")
    term.send(PASTE_START + "enable\r\rconfigure terminal\rhostname kept\rwrite memory\r" + PASTE_END)
    expect(term, r"\[OK\]")
    term.send("hostname unsaved\r")
    expect(term, r"unsaved\(config\)#")
    term.send(CTRL_Q)
    expect(term, r"Leave the lab anyway\? \[y/N\]:")
    term.send("y\r")
    term.expect(pexpect.EOF)
    term = lab_terminal(data_dir)
    expect(term, "kept>")
    term.send(CTRL_Q)
    term.expect(pexpect.EOF)
    assert (data_dir / "labs" / "example" / "lab" / "primary" / ".private" / "startup-config").is_file()
