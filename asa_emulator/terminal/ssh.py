"""SSH server: each unit's CLI on its own port, as a person with `ssh` and netmiko (`cisco_asa`) expect.

Any user name and password are accepted.  Each connection is a new session on the unit
(`LabHandle.open_session`).  The server does its own echo and line editing (asyncssh's line editor
is off) so that it can behave like an ASA: echo typed characters, `?` help at once, Tab completion,
no echo of passwords, `<--- More --->` paging, CRLF line endings.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import sys
from collections import deque
from collections.abc import Callable

import asyncssh

from asa_emulator.console import Console, LabHandle
from asa_emulator.device.messages import HELP_BANNER, MORE_PROMPT
from asa_emulator.terminal.clock import RealTimeClock
from asa_emulator.terminal.completer import candidate_listing, complete_line
from asa_emulator.terminal.keys import in_config_mode
from asa_emulator.terminal.pager import MoreAction, more_action, paginate

ENTER = "\n"  # what the key reader returns for CR, LF and CRLF alike
_ERASE_MORE = "\r" + " " * len(MORE_PROMPT) + "\r"


class _AnyLogin(asyncssh.SSHServer):
    """Accepts any user name and password; keeps the set of open connections up to date."""

    def __init__(self, connections: set[asyncssh.SSHServerConnection]) -> None:
        self._connections = connections
        self._conn: asyncssh.SSHServerConnection | None = None

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self._conn = conn
        self._connections.add(conn)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._conn is not None:
            self._connections.discard(self._conn)

    def begin_auth(self, username: str) -> bool:
        return True  # ask for a password, like a device, then take any

    def password_auth_supported(self) -> bool:
        return True

    def validate_password(self, username: str, password: str) -> bool:
        return True


class _CliSession:
    """One interactive session: reads keys, echoes, runs lines on the console."""

    def __init__(self, console: Console, process: asyncssh.SSHServerProcess[str]) -> None:
        self._console = console
        self._process = process
        self._pending: deque[str] = deque()  # received characters not handled yet
        self._after_cr = False
        self._out: list[str] = []  # written at once when waiting for input: one packet per reply
        self._prompt = ""
        self._line = ""
        self._secret = False

    async def run(self) -> None:
        self._write_lines([HELP_BANNER])
        self._show_prompt()
        while (key := await self._key()) is not None:
            if key == ENTER:
                self._write("\r\n")
                if not await self._run(self._line):
                    break
            elif key == "\x1b":
                await self._skip_escape_sequence()
            elif key == "\x03":  # Ctrl-C: abandon the line
                self._write("\r\n")
                self._show_prompt()
            elif key in ("\x7f", "\b"):
                if self._line:
                    self._line = self._line[:-1]
                    self._echo("\b \b")
            elif key == "\x15":  # Ctrl-U: erase the line
                self._echo("\b \b" * len(self._line))
                self._line = ""
            elif self._secret:
                if key >= " ":
                    self._line += key
            elif key == "\x1a":  # Ctrl-Z
                if in_config_mode(self._prompt):
                    self._write("^Z\r\n")
                    if not await self._run("end"):
                        break
            elif key == "?":
                self._write("?\r\n")
                self._write_lines(self._console.help(self._line))
                self._write(self._prompt + self._line)
            elif key == "\t":
                self._complete()
            elif key >= " ":
                self._line += key
                self._write(key)
        self._flush()

    async def _run(self, line: str) -> bool:
        """Run `line`; False when the session has ended."""
        console = self._console
        await paginate(console.execute(line), console.pager_lines(), self._write_lines, self._ask_more)
        if console.closed():
            return False
        self._show_prompt()
        return True

    def _show_prompt(self) -> None:
        self._write_lines(self._console.take_messages())
        self._prompt = self._console.prompt()
        self._secret = self._console.expects_secret()
        self._line = ""
        self._write(self._prompt)

    def _complete(self) -> None:
        old = self._line
        new, listing = complete_line(old, self._console.complete(old))
        if listing:
            self._write("\r\n" + candidate_listing(listing) + "\r\n" + self._prompt + old)
            return
        # Redraw from the first changed character; blank out what is left of a longer old line.
        same = len(os.path.commonprefix([old, new]))
        extra = max(0, len(old) - len(new))
        self._write("\b" * (len(old) - same) + new[same:] + " " * extra + "\b" * extra)
        self._line = new

    async def _ask_more(self) -> MoreAction:
        self._write(MORE_PROMPT)
        key = await self._key()
        self._write(_ERASE_MORE)
        return more_action(key if key is not None else "q")

    async def _skip_escape_sequence(self) -> None:
        # Cursor and function keys (ESC [ ... final, ESC O x) have no meaning here.
        key = await self._key()
        if key == "[":
            while (key := await self._key()) is not None and not "@" <= key <= "~":
                pass
        elif key == "O":
            await self._key()

    async def _key(self) -> str | None:
        """The next key typed, ENTER for CR, LF or CRLF; None when the client has closed."""
        while True:
            while not self._pending:
                self._flush()
                try:
                    data = await self._process.stdin.read(4096)
                except (asyncssh.TerminalSizeChanged, asyncssh.BreakReceived, asyncssh.SignalReceived):
                    continue
                if not data:
                    return None
                self._pending.extend(data)
            key = self._pending.popleft()
            after_cr, self._after_cr = self._after_cr, key == "\r"
            if key == "\n" and after_cr:
                continue
            return ENTER if key in ("\r", "\n") else key

    def _echo(self, text: str) -> None:
        if not self._secret:
            self._write(text)

    def _write(self, text: str) -> None:
        self._out.append(text)

    def _write_lines(self, lines: list[str]) -> None:
        self._out.extend(line + "\r\n" for line in lines)

    def _flush(self) -> None:
        if self._out:
            self._process.stdout.write("".join(self._out))
            self._out.clear()


async def _serve_process(lab: LabHandle, unit: str, process: asyncssh.SSHServerProcess[str]) -> None:
    console = lab.open_session(unit)
    try:
        if process.command is not None:  # `ssh host 'show version'`: one command, then close
            process.stdout.write("".join(line + "\r\n" for line in console.execute(process.command)))
        else:
            await _CliSession(console, process).run()
    except (BrokenPipeError, ConnectionError, asyncssh.Error):
        pass  # the client went away
    finally:
        process.exit(0)


class LabServer:
    """The lab's SSH listeners, one per unit, and the lab clock running in real time."""

    def __init__(
        self,
        acceptors: dict[str, asyncssh.SSHAcceptor],
        connections: set[asyncssh.SSHServerConnection],
        clock: asyncio.Task[None],
    ) -> None:
        self._acceptors = acceptors
        self._connections = connections
        self._clock = clock

    @property
    def ports(self) -> dict[str, int]:
        """Unit name -> listening port."""
        return {unit: acceptor.get_port() for unit, acceptor in self._acceptors.items()}

    async def close(self) -> None:
        self._clock.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._clock
        for acceptor in self._acceptors.values():
            acceptor.close()
        for conn in list(self._connections):
            conn.close()
        for acceptor in self._acceptors.values():
            await acceptor.wait_closed()
        for conn in list(self._connections):
            await conn.wait_closed()

    async def serve_forever(self) -> None:
        try:
            await asyncio.get_running_loop().create_future()
        finally:
            await self.close()


async def start_server(lab: LabHandle, host: str = "127.0.0.1", port: int = 2222) -> LabServer:
    """Listen for SSH: lab.unit_names[i] on port + i (each on a free port of its own when port is 0)."""
    host_key = asyncssh.generate_private_key("ssh-ed25519")
    connections: set[asyncssh.SSHServerConnection] = set()
    acceptors: dict[str, asyncssh.SSHAcceptor] = {}
    try:
        for offset, unit in enumerate(lab.unit_names):
            acceptors[unit] = await asyncssh.create_server(
                functools.partial(_AnyLogin, connections),
                host,
                port + offset if port else 0,
                server_host_keys=[host_key],
                process_factory=functools.partial(_serve_process, lab, unit),
                line_editor=False,  # echo and editing are ours (see _CliSession)
                encoding="utf-8",
                errors="replace",
                agent_forwarding=False,
            )
    except BaseException:
        for acceptor in acceptors.values():
            acceptor.close()
        raise
    clock = asyncio.create_task(RealTimeClock(lab).run())
    return LabServer(acceptors, connections, clock)


async def serve(
    lab: LabHandle,
    host: str,
    port: int,
    on_listening: Callable[[dict[str, int]], None] | None = None,
) -> None:
    """Serve the lab over SSH until cancelled; `on_listening` gets the unit -> port map once listening."""
    server = await start_server(lab, host, port)
    if on_listening is not None:
        on_listening(server.ports)
    await server.serve_forever()


def run_server(lab: LabHandle, host: str = "127.0.0.1", port: int = 2222) -> int:
    """`asa-emulator serve`: serve until interrupted; the exit status."""

    def announce(ports: dict[str, int]) -> None:
        for unit, unit_port in ports.items():
            print(f"{unit}: ssh -p {unit_port} {host}", flush=True)

    try:
        asyncio.run(serve(lab, host, port, announce))
    except KeyboardInterrupt:
        return 0
    except OSError as exc:
        reason = os.strerror(exc.errno) if exc.errno else str(exc)  # asyncio's strerror repeats the address
        print(f"asa-emulator: cannot listen on {host} port {port}: {reason}", file=sys.stderr)
        return 2
    return 0
