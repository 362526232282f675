"""Each unit's serial console over telnet (`serve --console`), as a lab platform's terminal
server offers it (GNS3, EVE-NG): PuTTY, SecureCRT or `telnet 127.0.0.1 5000` attach to it.

It is the unit's console session (`LabHandle.console`), the one the lab terminal types at:
console messages appear on it as they happen.  As on a terminal server's port, one client at a
time: a second connection is told the port is in use and closed.  The ports listen on the
loopback only.  No login is asked unless the admin context has `aaa authentication serial
console LOCAL` (device/mgmt.py); each new connection then logs in, and so does the next user
after `exit` (`Logoff`) or after the unit reloads.  Each login starts a fresh session at user
EXEC (the engine's `console_login`); a failed password slows down the next attempt of the same
(address, user) as on the SSH ports (throttle.py).

Telnet itself is the minimum a client needs (RFC 854/857/858): the server offers WILL ECHO and
WILL SUPPRESS-GO-AHEAD (character mode, the server echoes), accepts the client's SGA, refuses
every other option, skips subnegotiations without keeping them, turns CR NUL into CR, and sends
a bare CR as CR NUL.
"""

from __future__ import annotations

import asyncio
import codecs
import functools
import re
import time
from collections.abc import Callable

from asa_emulator.console import Console, LabHandle
from asa_emulator.device.messages import BAD_PASSWORD, LOGOFF_LINES, PASSWORD_PROMPT, USERNAME_PROMPT
from asa_emulator.frontends.line.cli_session import CliSession, run_line
from asa_emulator.frontends.line.pace import UNPACED, Pace
from asa_emulator.frontends.line.throttle import LoginThrottle, answer_secret

CONSOLE_HOST = "127.0.0.1"  # consoles are never reachable from other machines
# The emulator's wording (a terminal server refuses a busy line in its own words)
PORT_IN_USE = "% Console port of {unit} is in use by another connection"

IAC, DONT, DO, WONT, WILL, SB, SE = 255, 254, 253, 252, 251, 250, 240
NOP, BRK, IP, AYT, EC, EL, GA = 241, 243, 244, 246, 247, 248, 249
ECHO, SGA = 1, 3
NEGOTIATION = bytes([IAC, WILL, ECHO, IAC, WILL, SGA])
# what a telnet command stands for in the input (RFC 854: Interrupt Process, Erase Character,
# Erase Line): the keys that do the same at the console
_COMMAND_KEYS = {IP: b"\x03", EC: b"\x7f", EL: b"\x15"}


class TelnetParser:
    """Splits what a client sends into typed bytes and the replies its negotiation needs."""

    def __init__(self) -> None:
        self._state = "data"        # data, iac, option, sb, sb_iac
        self._command = 0
        self._after_cr = False
        self._local = {ECHO, SGA}   # options this side has (offered in NEGOTIATION)
        self._remote: set[int] = set()

    def feed(self, data: bytes) -> tuple[bytes, bytes]:
        """(the bytes typed, the negotiation replies to send)."""
        typed = bytearray()
        replies = bytearray()
        for byte in data:
            state = self._state
            if state == "data":
                if byte == IAC:
                    self._state = "iac"
                elif not (byte == 0 and self._after_cr):   # CR NUL is a CR
                    typed.append(byte)
                self._after_cr = byte == 13
            elif state == "iac":
                self._state = "data"
                if byte == IAC:
                    typed.append(IAC)           # an escaped 255 data byte
                elif byte in (DO, DONT, WILL, WONT):
                    self._command, self._state = byte, "option"
                elif byte == SB:
                    self._state = "sb"
                else:
                    typed += _COMMAND_KEYS.get(byte, b"")
            elif state == "option":
                self._state = "data"
                replies += self._negotiate(self._command, byte)
            elif state == "sb":             # skipped, never stored: bounded whatever is sent
                if byte == IAC:
                    self._state = "sb_iac"
            elif state == "sb_iac":
                self._state = "data" if byte == SE else "sb"
        return bytes(typed), bytes(replies)

    def _negotiate(self, command: int, option: int) -> bytes:
        """A reply only when the state changes (RFC 1143): two sides never loop."""
        if command == DO:
            return b"" if option in self._local else bytes([IAC, WONT, option])
        if command == DONT:
            if option in self._local:
                self._local.discard(option)
                return bytes([IAC, WONT, option])
            return b""
        if command == WILL:
            if option == SGA:
                if SGA in self._remote:
                    return b""
                self._remote.add(SGA)
                return bytes([IAC, DO, SGA])
            return bytes([IAC, DONT, option])
        if option in self._remote:       # WONT
            self._remote.discard(option)
            return bytes([IAC, DONT, option])
        return b""


_BARE_CR = re.compile(rb"\r(?!\n)")


def encode(text: str) -> bytes:
    """Text for the client: UTF-8, a data byte 255 doubled, a bare CR as CR NUL."""
    data = text.encode("utf-8", "replace").replace(b"\xff", b"\xff\xff")
    return _BARE_CR.sub(b"\r\x00", data)


class TelnetChannel:
    """A telnet connection as a CliSession's Channel."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader = reader
        self._writer = writer
        self._parser = TelnetParser()
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")

    async def read(self, n: int) -> str:
        while True:
            data = await self._reader.read(n)
            if not data:
                return ""
            typed, replies = self._parser.feed(data)
            if replies:
                self._writer.write(replies)
            text = self._decoder.decode(typed)
            if text:
                return text

    def write(self, text: str) -> None:
        self._writer.write(encode(text))

    async def drain(self) -> None:
        await self._writer.drain()


class ConsoleLogin:
    """The unit's console as one telnet client sees it: the unit's console session, behind a
    Username:/Password: login when the configuration asks for one."""

    def __init__(self, lab: LabHandle, unit: str, throttle: LoginThrottle | None = None,
                 source: str = CONSOLE_HOST) -> None:
        self._lab = lab
        self._unit = unit
        self._throttle = throttle
        self._source = source
        self._asking = ""            # "", USERNAME_PROMPT or PASSWORD_PROMPT
        self._username = ""
        # the console session logged in to; None and not asking: to be decided once the unit is up
        self._session: Console | None = None

    @property
    def unit_name(self) -> str:
        return self._unit

    def _inner(self) -> Console:
        inner = self._lab.console(self._unit)
        if self._session is not None and inner is not self._session:
            self._session = None         # the unit reloaded: a new console session
        if inner.prompt() != "" and self._session is None and not self._asking:
            # the unit is up (off or booting, it has no prompt): does it ask for a login?
            if self._lab.console_login_required(self._unit):
                self._asking = USERNAME_PROMPT
            else:
                self._session = inner
        return inner

    def prompt(self) -> str:
        inner = self._inner()
        return inner.prompt() and (self._asking or inner.prompt())

    async def execute_async(self, line: str) -> list[str]:
        """As execute; a password (the login's, `enable`'s) is checked in its turn (the
        failed-login throttle)."""
        inner = self._inner()
        if inner.prompt() == "":
            return []                       # typing at a unit that is off or booting
        if not self._asking and not inner.expects_secret():
            # the session's own execute_async: a filtered show in chunks that yield
            return self._ended(await run_line(inner, line))
        if self._throttle is None:
            return self.execute(line)
        if not self._asking:
            return await answer_secret(self._throttle, self._source, self._username or "console",
                                       lambda: self.execute(line))
        if self._asking != PASSWORD_PROMPT:
            return self.execute(line)
        ok = False

        async def check() -> bool:
            nonlocal ok
            ok = self._lab.console_login(self._unit, self._username, line)
            return ok
        await self._throttle.attempt(self._source, self._username, check)
        return self._logged_in(ok)

    def _logged_in(self, ok: bool) -> list[str]:
        if ok:
            self._asking, self._session = "", self._lab.console(self._unit)
            return []
        self._asking = USERNAME_PROMPT
        return [BAD_PASSWORD]

    def execute(self, line: str) -> list[str]:
        inner = self._inner()
        if inner.prompt() == "":
            return []                       # typing at a unit that is off or booting
        if self._asking == USERNAME_PROMPT:
            self._username, self._asking = line.strip(), PASSWORD_PROMPT
            return []
        if self._asking == PASSWORD_PROMPT:
            return self._logged_in(self._lab.console_login(self._unit, self._username, line))
        return self._ended(inner.execute(line))

    def _ended(self, out: list[str]) -> list[str]:
        if out[-len(LOGOFF_LINES):] == list(LOGOFF_LINES):
            self._session = None            # `exit`: the next user logs in
        return out

    def expects_secret(self) -> bool:
        inner = self._inner()
        return self._asking == PASSWORD_PROMPT if self._asking else inner.expects_secret()

    def help(self, line: str) -> list[str]:
        return [] if self._asking else self._inner().help(line)

    def complete(self, line: str) -> list[str]:
        return [] if self._asking else self._inner().complete(line)

    def pager_lines(self) -> int:
        return 0 if self._asking else self._inner().pager_lines()

    def take_messages(self) -> list[str]:
        return self._inner().take_messages()

    def closed(self) -> bool:
        return False

    def time_out(self) -> None:
        """`console timeout` ran out: a logged-in session is logged off (the next user logs in
        again); one still at Username:/Password: is left as it is."""
        if self._asking:
            return
        self._lab.console_timed_out(self._unit)
        self._session = None


class ConsolePorts:
    """The units' console listeners and the client attached to each (at most one).  `now` is
    the wall clock `console timeout` counts idle time with (the SSH server's, injectable)."""

    def __init__(self, lab: LabHandle, now: Callable[[], float] = time.monotonic,
                 throttle: LoginThrottle | None = None, pace: Pace = UNPACED) -> None:
        self._lab = lab
        self._now = now
        self._throttle = throttle
        self.pace = pace                # the lab's real-time clock, kept in step by each line
        # told when a console starts its idle time (`console timeout`): a watcher sleeping
        # until the next logoff sleeps again
        self.on_idle: Callable[[], None] = lambda: None
        self._servers: dict[str, asyncio.Server] = {}
        self._attached: dict[str, CliSession] = {}
        self._logins: dict[str, ConsoleLogin] = {}
        # the last key of each attached client; None once logged off for idleness (the timer
        # starts again at the next key, so an idle console is not logged off over and over)
        self._last_input: dict[str, float | None] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._writers: set[asyncio.StreamWriter] = set()

    @property
    def ports(self) -> dict[str, int]:
        """Unit name -> console port."""
        return {unit: int(server.sockets[0].getsockname()[1]) for unit, server in self._servers.items()}

    async def listen(self, port: int, listen_error: Callable[[int, OSError], OSError]) -> None:
        """Unit i on port + i (free ports when 0); `listen_error` names a port that fails."""
        for offset, unit in enumerate(self._lab.unit_names):
            at = port + offset if port else 0
            try:
                self._servers[unit] = await asyncio.start_server(
                    functools.partial(self._client, unit), CONSOLE_HOST, at)
            except OSError as exc:
                await self.close()
                raise listen_error(at, exc) from None

    def after_tick(self) -> None:
        """Messages reach the attached client; with none attached they are gone, as on a
        serial line nobody listens to (and never pile up in memory)."""
        for unit in self._lab.unit_names:
            session = self._attached.get(unit)
            if session is not None:
                session.notify()
            else:
                self._lab.console(unit).take_messages()

    def next_logoff(self) -> float | None:
        """When log_off_idle next logs a console off (the wall clock of `now`); None: never
        before a key is typed on one."""
        due = [last + timeout for unit, last in self._last_input.items()
               if last is not None and (timeout := self._lab.console_idle_timeout_s(unit)) > 0]
        return min(due) if due else None

    def log_off_idle(self) -> None:
        """Log off each attached console idle for its unit's `console timeout` (0: never)."""
        now = self._now()
        for unit, last in list(self._last_input.items()):
            timeout = self._lab.console_idle_timeout_s(unit)
            if last is None or timeout <= 0 or now - last < timeout:
                continue
            self._last_input[unit] = None
            self._logins[unit].time_out()
            self._attached[unit].notify()   # the logoff lines and the new prompt, at once

    async def _client(self, unit: str, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        self._writers.add(writer)
        try:
            if unit in self._attached:
                writer.write(encode(PORT_IN_USE.format(unit=unit) + "\r\n"))
                await writer.drain()
                return
            writer.write(NEGOTIATION)
            self._lab.console(unit).take_messages()   # what nobody was attached to hear is gone
            peer = writer.get_extra_info("peername")
            console = ConsoleLogin(self._lab, unit, self._throttle, str(peer[0]) if peer else CONSOLE_HOST)

            def touched() -> None:
                idle = self._last_input.get(unit) is None
                self._last_input[unit] = self._now()
                if idle:
                    self.on_idle()      # its timer starts (later keys only put it off)
            session = CliSession(lambda: console, TelnetChannel(reader, writer), touched, banner=False,
                                 pace=self.pace)
            self._attached[unit], self._logins[unit] = session, console
            touched()
            try:
                await session.run()
            finally:
                del self._attached[unit], self._logins[unit], self._last_input[unit]
        except (ConnectionError, OSError):
            pass  # the client went away
        finally:
            self._writers.discard(writer)
            writer.transport.abort()
            if task is not None:
                self._tasks.discard(task)

    async def close(self) -> None:
        """Stop listening and hang up on every client (each session then ends by itself)."""
        for server in self._servers.values():
            server.close()
        for writer in list(self._writers):
            writer.transport.abort()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        for server in self._servers.values():
            await server.wait_closed()
