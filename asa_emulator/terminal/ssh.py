"""SSH server: each unit's CLI on its own port, as a person with `ssh` and netmiko (`cisco_asa`) expect.

Logins are checked by the engine against the admin context's configuration
(`LabHandle.ssh_login`); each session enters the admin context at user EXEC (`LabHandle.ssh_open`),
at most 5 per context.  The server does its own echo and line editing (asyncssh's line editor
is off) so that it can behave like an ASA: echo typed characters, `?` help at once, Tab completion,
no echo of passwords, `<--- More --->` paging, CRLF line endings.

No client can stall the others: keys are handled a bounded number at a time between yields to
the event loop, lines stop growing at MAX_LINE, output is drained (a client that does not read
is paused, and its input is not read meanwhile), unauthenticated connections are few and timed
out, idle sessions are closed after the context's `ssh timeout` of wall-clock time, and nothing
is logged to stderr.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import ipaddress
import logging
import os
import sys
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

import asyncssh

from asa_emulator.console import Console, LabHandle
from asa_emulator.device.messages import HELP_BANNER, MORE_PROMPT, SSH_TOO_MANY, has_error
from asa_emulator.device.session import MAX_LINE
from asa_emulator.terminal.clock import RealTimeClock
from asa_emulator.terminal.completer import candidate_listing, complete_line
from asa_emulator.terminal.keys import in_config_mode
from asa_emulator.terminal.lineedit import LineEditor
from asa_emulator.terminal.pager import MoreAction, more_action, paginate

ENTER = "\n"  # what the key reader returns for CR, LF and CRLF alike
# Editing keys and the LineEditor method each calls; cursor keys arrive as escape sequences.
_EDIT_KEYS = {"\x01": "home", "\x05": "end", "\x02": "left", "\x06": "right",
              "\x10": "up", "\x0e": "down", "\x04": "delete"}
_ESCAPE_KEYS = {"A": "\x10", "B": "\x0e", "C": "\x06", "D": "\x02", "H": "\x01", "F": "\x05"}
_ERASE_MORE = "\r" + " " * len(MORE_PROMPT) + "\r"

LOGIN_TIMEOUT_S = 30          # to authenticate, from the TCP connection
MAX_UNAUTHENTICATED = 10      # connections still authenticating, server-wide
MAX_AUTH_ATTEMPTS = 3         # passwords tried on one connection before it is closed
KEYS_PER_YIELD = 64           # keys handled before giving the event loop to the others
FLUSH_BYTES = 16 * 1024       # output kept before it is written and drained
WATCHDOG_S = 1.0              # how often idle sessions are looked for
# The ciphers and MACs an ASA 9.x offers (AES in CTR and CBC modes, SHA-1 and SHA-2 HMACs;
# the order is the emulator's, unverified): clients negotiate what a real ASA would give
# them, and `show ssh sessions` shows names that fit its columns (not chacha20-poly1305).
ENCRYPTION_ALGS = ("aes128-ctr", "aes192-ctr", "aes256-ctr", "aes128-cbc", "aes192-cbc", "aes256-cbc")
MAC_ALGS = ("hmac-sha2-256", "hmac-sha1")

# asyncssh logs every connection at INFO and failures at WARNING; a server exposed to clients
# must not write a line to stderr per connection.
_log = logging.getLogger("asyncssh")
_log.addHandler(logging.NullHandler())
_log.propagate = False


@dataclass
class _ServerState:
    """What the listeners share: open connections, the unauthenticated count, live sessions."""

    lab: LabHandle
    now: Callable[[], float]                  # the wall clock (injectable for tests)
    connections: set[asyncssh.SSHServerConnection] = field(default_factory=set)
    unauthenticated: int = 0
    sessions: set[_Live] = field(default_factory=set)


@dataclass(eq=False)
class _Live:
    """A running SSH session: its unit, console, last input (wall clock) and closer."""

    unit: str
    console: Console
    last_input: float
    close: Callable[[], None]


class _Login(asyncssh.SSHServer):
    """Password login checked by the engine; few unauthenticated connections at a time."""

    def __init__(self, state: _ServerState, unit: str) -> None:
        self._state = state
        self._unit = unit
        self._conn: asyncssh.SSHServerConnection | None = None
        self._authenticated = False
        self._failures = 0

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self._conn = conn
        self._state.connections.add(conn)
        self._state.unauthenticated += 1
        if self._state.unauthenticated > MAX_UNAUTHENTICATED:
            conn.close()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._conn is not None:
            self._state.connections.discard(self._conn)
        if not self._authenticated:
            self._state.unauthenticated -= 1

    def begin_auth(self, username: str) -> bool:
        return True  # always ask for a password, like a device

    def password_auth_supported(self) -> bool:
        return True

    def validate_password(self, username: str, password: str) -> bool:
        peer = self._conn.get_extra_info("peername") if self._conn else None
        client_ip = _client_ip(peer[0] if peer else "")
        if self._state.lab.ssh_login(self._unit, username, password, client_ip):
            return True
        self._failures += 1
        if self._failures >= MAX_AUTH_ATTEMPTS and self._conn is not None:
            self._conn.close()
        return False

    def auth_completed(self) -> None:
        self._authenticated = True
        self._state.unauthenticated -= 1


def _client_ip(address: str) -> str:
    """The client's IPv4 address (an IPv4-mapped IPv6 peer is its IPv4 address)."""
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        if ip.is_loopback:
            return "127.0.0.1"
    return str(ip)


class _CliSession:
    """One interactive session: reads keys, echoes, runs lines on the console."""

    def __init__(self, console: Console, process: asyncssh.SSHServerProcess[str],
                 on_input: Callable[[], None] = lambda: None) -> None:
        self._console = console
        self._process = process
        self._on_input = on_input  # a key arrived: the session is not idle
        self._pending: deque[str] = deque()  # received characters not handled yet
        self._after_cr = False
        self._out: list[str] = []  # written at once when waiting for input: one packet per reply
        self._out_len = 0
        self._handled = 0
        self._prompt = ""
        self._ed = LineEditor(MAX_LINE)
        self._secret = False

    async def run(self) -> None:
        self._write_lines([HELP_BANNER])
        self._show_prompt()
        ed = self._ed
        while (key := await self._key()) is not None:
            if key == "\x1b":
                key = await self._escape_sequence()
            if key == ENTER:
                self._write("\r\n")
                if not await self._run(ed.accept(remember=not self._secret)):
                    break
            elif key == "\x03":  # Ctrl-C: abandon the line
                ed.reset()
                self._write("\r\n")
                self._show_prompt()
            elif key in ("\x7f", "\b"):
                self._echo(ed.backspace())
            elif key == "\x15":  # Ctrl-U: erase the line
                self._echo(ed.replace(""))
            elif self._secret:
                if key >= " ":
                    ed.insert(key)
            elif key in _EDIT_KEYS:
                self._write(getattr(ed, _EDIT_KEYS[key])())
            elif key == "\x1a":  # Ctrl-Z
                if in_config_mode(self._prompt):
                    self._write("^Z\r\n")
                    ed.reset()
                    if not await self._run("end"):
                        break
            elif key == "?":
                before = ed.line[:ed.cursor]
                self._write("?\r\n")
                self._write_lines(self._console.help(before))
                self._write(self._prompt + ed.line + "\b" * (len(ed.line) - ed.cursor))
            elif key == "\t":
                self._complete()
            elif key >= " ":
                self._write(ed.insert(key))
        await self._flush()

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
        self._ed.reset()
        self._write(self._prompt)

    def _complete(self) -> None:
        ed = self._ed
        if ed.cursor != len(ed.line):
            return  # as on the ASA: Tab completes the word at the end of the line
        old = ed.line
        new, listing = complete_line(old, self._console.complete(old))
        if listing:
            self._write("\r\n" + candidate_listing(listing) + "\r\n" + self._prompt + old)
        else:
            self._write(ed.replace(new))

    async def _ask_more(self) -> MoreAction:
        self._write(MORE_PROMPT)
        key = await self._key()
        self._write(_ERASE_MORE)
        return more_action(key if key is not None else "q")

    async def _escape_sequence(self) -> str:
        """The key an escape sequence stands for (cursor keys as their control keys, Home and End
        as Ctrl-A and Ctrl-E); "" for the keys that have no meaning here."""
        key = await self._key()
        final = ""
        if key == "[":
            while (key := await self._key()) is not None and not "@" <= key <= "~":
                pass
            final = key or ""
        elif key == "O":
            final = await self._key() or ""
        return _ESCAPE_KEYS.get(final, "")

    async def _key(self) -> str | None:
        """The next key typed, ENTER for CR, LF or CRLF; None when the client has closed."""
        while True:
            if self._out_len >= FLUSH_BYTES:
                await self._flush()  # a client that does not read stops being read
            self._handled += 1
            if self._handled % KEYS_PER_YIELD == 0:
                await asyncio.sleep(0)  # the other sessions and the lab clock get their turn
            while not self._pending:
                await self._flush()
                try:
                    data = await self._process.stdin.read(4096)
                except (asyncssh.TerminalSizeChanged, asyncssh.BreakReceived, asyncssh.SignalReceived):
                    continue
                if not data:
                    return None
                self._on_input()
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
        self._out_len += len(text)

    def _write_lines(self, lines: list[str]) -> None:
        for line in lines:
            self._write(line + "\r\n")

    async def _flush(self) -> None:
        if self._out:
            text = "".join(self._out)
            self._out.clear()
            self._out_len = 0
            self._process.stdout.write(text)
            await self._process.stdout.drain()  # back-pressure: wait while the client is not reading


def _cipher_names(conn: asyncssh.connection.SSHConnection) -> tuple[str, str]:
    """The negotiated encryption and MAC, as `show ssh sessions` names them."""
    cipher = str(conn.get_extra_info("send_cipher") or "")
    mac = str(conn.get_extra_info("send_mac") or "")
    if mac.startswith("hmac-"):
        mac = mac[len("hmac-"):]
    if "@" in cipher or not mac or "etm@" in mac:
        mac = mac.split("-etm@")[0] or "-"
    return cipher, mac


async def _serve_process(state: _ServerState, unit: str, process: asyncssh.SSHServerProcess[str]) -> None:
    lab = state.lab
    conn = process.channel.get_connection()
    peer = conn.get_extra_info("peername")
    username = str(conn.get_extra_info("username") or "")
    encryption, mac = _cipher_names(conn)

    def drop() -> None:
        conn.close()  # the unit went down (reload): the connection is closed
    console = lab.ssh_open(unit, username, _client_ip(peer[0] if peer else ""), encryption, mac, drop)
    if console is None:
        with contextlib.suppress(BrokenPipeError, ConnectionError, asyncssh.Error):
            process.stdout.write(SSH_TOO_MANY + "\r\n")
        process.exit(1)
        return
    live = _Live(unit, console, state.now(), process.close)
    state.sessions.add(live)

    def touched() -> None:
        live.last_input = state.now()
    status = 0
    try:
        if process.command is not None:  # `ssh host 'show version'`: one command, then close
            # whole: a line over MAX_LINE is refused by the unit, never cut into another command
            out = console.execute(process.command)
            status = 1 if has_error(out) else 0  # as `run --strict`: scripts see the failure
            process.stdout.write("".join(line + "\r\n" for line in out))
            await process.stdout.drain()
        else:
            await _CliSession(console, process, touched).run()
    except (BrokenPipeError, ConnectionError, asyncssh.Error):
        pass  # the client went away
    finally:
        state.sessions.discard(live)
        lab.ssh_close(console)
        process.exit(status)


async def _watch_idle(state: _ServerState, interval: float) -> None:
    """Close sessions idle longer than their context's `ssh timeout`, in wall-clock time."""
    while True:
        await asyncio.sleep(interval)
        now = state.now()
        for live in list(state.sessions):
            if now - live.last_input >= state.lab.ssh_idle_timeout_s(live.unit):
                state.sessions.discard(live)
                live.close()


class LabServer:
    """The lab's SSH listeners, one per unit, and the lab clock running in real time."""

    def __init__(
        self,
        acceptors: dict[str, asyncssh.SSHAcceptor],
        state: _ServerState,
        tasks: list[asyncio.Task[None]],
    ) -> None:
        self._acceptors = acceptors
        self._state = state
        self._tasks = tasks

    @property
    def ports(self) -> dict[str, int]:
        """Unit name -> listening port."""
        return {unit: acceptor.get_port() for unit, acceptor in self._acceptors.items()}

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        for acceptor in self._acceptors.values():
            acceptor.close()
        for conn in list(self._state.connections):
            conn.close()
        for acceptor in self._acceptors.values():
            await acceptor.wait_closed()
        for conn in list(self._state.connections):
            await conn.wait_closed()

    async def serve_forever(self) -> None:
        try:
            await asyncio.get_running_loop().create_future()
        finally:
            await self.close()


async def start_server(
    lab: LabHandle,
    host: str = "127.0.0.1",
    port: int = 2222,
    host_key: asyncssh.SSHKey | None = None,
    now: Callable[[], float] = time.monotonic,
    watchdog_s: float = WATCHDOG_S,
) -> LabServer:
    """Listen for SSH: lab.unit_names[i] on port + i (each on a free port of its own when port is 0).

    `host_key`: the lab's kept key (terminal/hostkey.py); a new one when None.  `now`: the wall
    clock the idle timeout counts (injectable for tests)."""
    key = host_key or asyncssh.generate_private_key("ssh-ed25519")
    state = _ServerState(lab, now)
    acceptors: dict[str, asyncssh.SSHAcceptor] = {}
    try:
        for offset, unit in enumerate(lab.unit_names):
            acceptors[unit] = await _listen(state, unit, host, port + offset if port else 0, key)
    except BaseException:
        for acceptor in acceptors.values():
            acceptor.close()
        raise
    tasks = [asyncio.create_task(RealTimeClock(lab).run()), asyncio.create_task(_watch_idle(state, watchdog_s))]
    return LabServer(acceptors, state, tasks)


class ListenError(OSError):
    """A unit's port cannot be listened on: `port` is that unit's (PORT or PORT+1)."""

    def __init__(self, port: int, exc: OSError) -> None:
        # asyncio's message repeats the address: the reason alone, as strerror gives it
        errno = exc.errno or 0
        super().__init__(errno, os.strerror(errno) if errno > 0 else exc.strerror or str(exc))
        self.port = port


async def _listen(state: _ServerState, unit: str, host: str, port: int,
                  key: asyncssh.SSHKey) -> asyncssh.SSHAcceptor:
    try:
        return await asyncssh.create_server(
            functools.partial(_Login, state, unit),
            host,
            port,
            server_host_keys=[key],
            process_factory=functools.partial(_serve_process, state, unit),
            line_editor=False,  # echo and editing are ours (see _CliSession)
            encoding="utf-8",
            errors="replace",
            encryption_algs=ENCRYPTION_ALGS,
            mac_algs=MAC_ALGS,
            agent_forwarding=False,
            allow_scp=False,
            x11_forwarding=False,
            login_timeout=LOGIN_TIMEOUT_S,
            keepalive_interval=60,
            keepalive_count_max=3,
        )
    except OSError as exc:
        raise ListenError(port, exc) from None


async def serve(
    lab: LabHandle,
    host: str,
    port: int,
    on_listening: Callable[[dict[str, int]], None] | None = None,
    host_key: asyncssh.SSHKey | None = None,
) -> None:
    """Serve the lab over SSH until cancelled; `on_listening` gets the unit -> port map once listening."""
    server = await start_server(lab, host, port, host_key)
    if on_listening is not None:
        on_listening(server.ports)
    await server.serve_forever()


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def exposure_warning(lab: LabHandle, host: str) -> str:
    """What `serve` says on stderr when it listens beyond this machine."""
    users = "; ".join(f"{unit}: {', '.join(lab.ssh_users(unit)) or 'none'}" for unit in lab.unit_names)
    return (f"asa-emulator: warning: listening on {host}: other machines can reach the lab's SSH; "
            f"logins in force (user names per unit): {users}")


def run_server(lab: LabHandle, host: str = "127.0.0.1", port: int = 2222,
               host_key: asyncssh.SSHKey | None = None) -> int:
    """`asa-emulator serve`: serve until interrupted; the exit status."""

    def announce(ports: dict[str, int]) -> None:
        for unit, unit_port in ports.items():
            print(f"{unit}: ssh -p {unit_port} {host}", flush=True)

    if not _is_loopback(host):
        print(exposure_warning(lab, host), file=sys.stderr, flush=True)
    try:
        asyncio.run(serve(lab, host, port, announce, host_key))
    except KeyboardInterrupt:
        return 0
    except ListenError as exc:
        print(f"asa-emulator: cannot listen on {host} port {exc.port}: {exc.strerror}", file=sys.stderr)
        return 2
    except OSError as exc:
        reason = os.strerror(exc.errno) if exc.errno else str(exc)  # asyncio's strerror repeats the address
        print(f"asa-emulator: cannot listen on {host} port {port}: {reason}", file=sys.stderr)
        return 2
    return 0
