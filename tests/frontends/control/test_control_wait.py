"""A long `@wait` on the lab-control port never holds the server: the port reads directives
as the lab does (lab/directives.py `parse`: `@"wait" 720h` is a wait) and runs every wait in
slices of work with the event loop's turns between (frontends/control/control.py).

The server is a child process whose waits cost what their virtual time holds (every tick
computed: tests/support/every_tick_server.py), so 720 hours are minutes of work.  While the control
port waits, a second SSH session's `show clock` is answered, again and again, showing the
virtual clock moving under the wait, and the wait's own reply has not come: the order of
events, not their timing.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from asa_emulator.frontends.ssh.sshlib import asyncssh
from tests.support.paths import ROOT
from tests.support.probes import WAIT_S, parse_ready

SERVER = ROOT / "tests" / "support" / "every_tick_server.py"
CLOCK = re.compile(r"(\d\d:\d\d:\d\d)\.\d+ UTC \w+ (\w+ \d+ \d+)")


@pytest.fixture
def ports(tmp_path: Path) -> Iterator[dict[str, int]]:
    env = {**os.environ, "ASA_EMULATOR_DATA": str(tmp_path), "PYTHONUNBUFFERED": "1",
           "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, str(SERVER), "serve", "--lab", "example", "--port",
                             "0", "--lab-control"], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert proc.stdout is not None
        while not (line := proc.stdout.readline().decode()).startswith("ready "):
            assert line, proc.stderr.read().decode() if proc.stderr else "serve ended"
        yield parse_ready(line)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.communicate(timeout=WAIT_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()


def _connect(port: int, control: bool = False) -> asyncssh.SSHClientConnection:
    """A unit's admin, or the example lab's control account."""
    user, password = ("lab", "lab") if control else ("admin", "cisco")
    return asyncssh.connect("127.0.0.1", port, username=user, password=password,
                            known_hosts=None, client_keys=None)


async def _clock(shell: asyncssh.SSHClientProcess[str]) -> datetime:
    """`show clock` typed in the session: the unit's virtual time."""
    shell.stdin.write("show clock\r")
    out = await asyncio.wait_for(shell.stdout.readuntil("> "), WAIT_S)
    found = CLOCK.search(out)
    assert found, out
    return datetime.strptime(" ".join(found.groups()), "%H:%M:%S %b %d %Y")


async def _second_session_during(ports: dict[str, int], spelling: str) -> int:
    async with _connect(ports["control"], control=True) as control, _connect(ports["primary"]) as ssh:
        waiter = await control.create_process(term_type="vt100")
        await asyncio.wait_for(waiter.stdout.readuntil("lab> "), WAIT_S)
        shell = await ssh.create_process(term_type="vt100")
        await asyncio.wait_for(shell.stdout.readuntil("> "), WAIT_S)
        start = await _clock(shell)
        waiter.stdin.write(spelling + "\r")
        reply = asyncio.ensure_future(waiter.stdout.readuntil("lab> "))
        answers = 0
        # each `show clock` is answered while the wait runs; the clock it shows moves on
        # with the wait, an hour of virtual time and more (thousands of ticks computed)
        while (await _clock(shell) - start).total_seconds() < 3600:
            answers += 1
            assert not reply.done(), "the wait ended before the second session was answered"
        assert not reply.done()
        reply.cancel()
        return answers


@pytest.mark.parametrize("spelling", ["@wait 720h", '@"wait" 720h', "@WAIT '720h'"])
def test_a_second_session_is_answered_while_the_control_port_waits(
        ports: dict[str, int], spelling: str) -> None:
    assert asyncio.run(_second_session_during(ports, spelling)) >= 1
