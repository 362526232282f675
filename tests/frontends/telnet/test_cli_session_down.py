"""A console session (telnet, the terminal's serial line) while its unit is down: as on a real
console, what is typed during the boot is neither shown nor run."""

from __future__ import annotations

import asyncio

from asa_emulator.frontends.line.cli_session import CliSession
from asa_emulator.lab.lab import Lab


class ScriptedChannel:
    """A client that types `keys` at once, then hangs up; what the session wrote is kept."""

    def __init__(self, keys: str) -> None:
        self._keys = [keys]
        self.written = ""

    async def read(self, n: int) -> str:
        return self._keys.pop() if self._keys else ""

    def write(self, text: str) -> None:
        self.written += text

    async def drain(self) -> None:
        return None


def test_keys_typed_at_a_console_while_its_unit_reboots_are_not_echoed_or_run(lab: Lab) -> None:
    console = lab.console("primary")
    console.execute("enable")
    console.execute("")
    console.execute("reload noconfirm")
    console.take_messages()
    channel = ScriptedChannel("show clock\r\n?\t\x1b[Aconf t\x1a\x03\r")
    asyncio.run(CliSession(lambda: lab.console("primary"), channel, banner=False).run())
    assert channel.written == ""            # no prompt while down, no echo, no output
    lab.advance(lab.units["primary"].boot_ms + 1)
    assert lab.console("primary").prompt() == "primary> "
