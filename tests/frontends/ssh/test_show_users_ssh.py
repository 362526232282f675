"""`show users` over real SSH connections (asyncssh clients on the example lab's server): each
connection is a line of its own, `*` on the one that asks."""

from __future__ import annotations

import re

from asa_emulator.frontends.server import LabServer
from asa_emulator.frontends.ssh.sshlib import asyncssh
from asa_emulator.lab.lab import Lab
from tests.support.ssh import with_server

ROW = re.compile(r"^([ *])\s+(\d+) (con 0|ssh \d+)\s+(\S*)\s+idle\s+\d\d:\d\d:\d\d ?(\S*)$")


def _connect(port: int) -> asyncssh.SSHClientConnection:
    return asyncssh.connect(  # type: ignore[return-value]
        "127.0.0.1", port, username="admin", password="cisco", known_hosts=None,
        client_keys=None, preferred_auth="password")


async def _shell(conn: asyncssh.SSHClientConnection) -> asyncssh.SSHClientProcess[str]:
    process = await conn.create_process(term_type="vt100")
    await process.stdout.readuntil("> ")
    return process


def test_two_ssh_sessions_and_the_console_are_listed() -> None:
    lab = Lab.load("example")
    lab.settle()

    async def use(server: LabServer) -> str:
        async with _connect(server.ports["primary"]) as first, _connect(server.ports["primary"]) as second:
            await _shell(first)
            process = await _shell(second)
            process.stdin.write("enable\r")
            await process.stdout.readuntil("Password: ")
            process.stdin.write("cisco\r")
            await process.stdout.readuntil("primary/admin# ")
            process.stdin.write("show users\r")
            return await process.stdout.readuntil("primary/admin# ")

    out = with_server(lab, use)
    lines = [line for line in out.replace("\r", "").split("\n")[1:-1] if line]
    assert lines[0] == "    Line       User       Host(s)              Idle       Location"
    rows = [ROW.match(line) for line in lines[1:]]
    assert all(rows), lines
    got = [(m.group(1), m.group(3), m.group(4), m.group(5)) for m in rows if m]
    assert got == [(" ", "con 0", "", ""), (" ", "ssh 0", "admin", "127.0.0.1"),
                   ("*", "ssh 1", "admin", "127.0.0.1")]
