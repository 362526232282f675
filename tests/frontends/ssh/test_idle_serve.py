"""An idle `serve` costs nothing: once its clients are gone (SSH, a telnet console, the
lab-control port), the server has no timer at all, and its event loop blocks in one wait
until a client comes (the server in this process, so that its event loop can be looked at).
The lab's clock sleeps too: the pair's polls change nothing once it has settled."""

from __future__ import annotations

import asyncio
from typing import Any

from asa_emulator.frontends.server import LabServer
from asa_emulator.frontends.ssh.sshlib import asyncssh
from asa_emulator.lab.lab import Lab
from tests.support.loops import no_timers, selects_until_woken, timers
from tests.support.ssh import with_consoles
from tests.support.telnet import RawClient


def test_an_idle_server_has_no_timer_and_never_wakes() -> None:
    lab = Lab.load("example")
    lab.settle()

    async def use(server: LabServer) -> tuple[list[str], str, list[str], list[Any]]:
        loop = asyncio.get_running_loop()
        async with asyncssh.connect("127.0.0.1", server.ports["primary"], username="admin",
                                    password="cisco", known_hosts=None, client_keys=None) as conn:
            shown = (await conn.run("show clock")).stdout
            async with conn.create_process() as shell:
                await shell.stdout.readuntil("> ")
                in_session = timers(loop)       # its `ssh timeout`
        control = await asyncssh.connect("127.0.0.1", server.control_port, username="lab",
                                         password="lab", known_hosts=None, client_keys=None)
        await control.run("@status")
        control.close()
        await control.wait_closed()
        console = await RawClient.connect(server.console_ports["secondary"])
        console.send(b"\r\n")
        await console.expect(b"> ")
        await console.close()
        left = await no_timers(loop)
        return in_session, str(shown), left, await selects_until_woken(loop, 1.5)

    in_session, shown, left, selects = with_consoles(lab, use)
    assert "UTC" in shown
    assert in_session != []
    assert left == []
    assert selects == [None]            # one wait, with no timeout, until woken
