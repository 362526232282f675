"""`@reset`: both units power-cycle from their saved flash and the pair settles, in scripts
(transcripts/lab/reset-saved-and-unsaved.txt), the lab terminal and the lab-control port."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Iterator

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput

from asa_emulator.frontends.control.control import DirectiveConsole
from asa_emulator.frontends.server import start_server
from asa_emulator.frontends.ssh.sshlib import asyncssh
from asa_emulator.frontends.tui.app import LabTerminal
from asa_emulator.lab.lab import Lab
from asa_emulator.lab.spec import LabError

CTRL_Q = "\x11"


def configure(lab: Lab, *lines: str) -> None:
    con = lab.console("primary")
    for line in ("enable", "", "configure terminal", *lines, "end"):
        con.execute(line)


def hostname(lab: Lab, unit: str) -> str:
    return lab.unit(unit).sys.hostname


def test_reset_keeps_what_was_saved_and_drops_the_rest(lab: Lab) -> None:
    configure(lab, "hostname saved-name", "write memory", "hostname unsaved-name")
    assert lab.unsaved() == ["primary: system", "secondary: system"]
    before = lab.clock.now
    assert lab.directive("@reset") == []
    assert lab.clock.now > before                   # the boot took virtual time
    assert lab.settled()
    assert hostname(lab, "primary") == hostname(lab, "secondary") == "saved-name"
    assert lab.unsaved() == []                      # what the units started with is the baseline
    assert [u.states for u in lab.summary().units] == [("Active", "Standby Ready"),
                                                         ("Standby Ready", "Active")]
    assert lab.console("primary").prompt() == "saved-name> "   # a fresh console session


def test_reset_takes_no_arguments(lab: Lab) -> None:
    with pytest.raises(LabError, match=r"usage: @reset"):
        lab.directive("@reset now")


def test_reset_brings_back_a_unit_that_was_powered_off(lab: Lab) -> None:
    lab.directive("@power off secondary")
    lab.directive("@reset")
    assert [(u.powered, u.up) for u in lab.summary().units] == [(True, True), (True, True)]


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        yield inp


def test_reset_in_the_terminal_leaves_nothing_unsaved(pipe: PipeInput, lab: Lab) -> None:
    stream = io.StringIO()
    pipe.send_text("enable\r\rconfigure terminal\rhostname changed\r@reset\rshow curpriv\r" + CTRL_Q)
    assert asyncio.run(LabTerminal(lab, stream=stream, realtime=False).run()) == 0
    screen = stream.getvalue().splitlines()
    # no question on leaving: the change was undone by the reset
    assert screen[screen.index("changed(config)# @reset"):] == [
        "changed(config)# @reset",
        "Beginning configuration replication: Sending to mate.",
        "End Configuration Replication to mate",
        "primary> show curpriv",
        "Username : enable_1",
        "Current privilege level : 1",
        "Current Mode/s : P_UNPR",
        "@quit"]


def test_reset_over_the_control_port(lab: Lab) -> None:
    configure(lab, "hostname unsaved-name")
    control = DirectiveConsole(lab)
    assert control.execute("@reset") == []
    assert hostname(lab, "primary") == "primary"

    async def main() -> tuple[str, int | None]:
        server = await start_server(lab, "127.0.0.1", 0, control=True)
        try:
            assert server.control_port is not None
            async with asyncssh.connect("127.0.0.1", server.control_port, username="lab",
                                        password="lab", known_hosts=None, client_keys=None) as conn:
                result = await conn.run("@reset")
            return str(result.stdout), result.exit_status
        finally:
            await server.close()

    configure(lab, "hostname again-unsaved")
    assert asyncio.run(main()) == ("", 0)
    assert hostname(lab, "primary") == "primary"
