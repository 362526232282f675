"""SSH server: each unit's CLI on its own port, as a person with `ssh` and netmiko (`cisco_asa`) expect
(frontends/server.py starts these listeners with the telnet consoles and the lab clock).

Logins are checked by the engine against the admin context's configuration
(`LabHandle.ssh_login`); each session enters the admin context at user EXEC (`LabHandle.ssh_open`),
at most 5 per context.  The server does its own echo and line editing (asyncssh's line editor
is off) so that it can behave like an ASA: echo typed characters, `?` help at once, Tab completion,
no echo of passwords, `<--- More --->` paging, CRLF line endings (cli_session.py, shared with
the telnet consoles of telnet.py).  The lab-control port (PORT+2, `--lab-control`) is an SSH
listener too: it takes the `@` directives (control.py), with the lab's own control account.

No client can stall the others: keys are handled a bounded number at a time between yields to
the event loop, lines stop growing at MAX_LINE, output is drained (a client that does not read
is paused, and its input is not read meanwhile), idle sessions are closed after the context's
`ssh timeout` of wall-clock time, and nothing is logged to stderr.  No client can take the
server from the others either (the emulator's own protection, not an ASA feature):
connections are admitted within bounds per source address, per user and overall, a new one
past a bound is refused and none is ever evicted, logins time out, connections that log in
and open no session are closed (admission.py); running out of descriptors refuses connections
quietly (descriptors.py); failed passwords slow down the next attempt of the same (address,
user) (throttle.py).

The lab-control port has its own account (lab.toml's `[control]`, lab/account.py), checked
off the event loop (scrypt is slow on purpose) and independent of the units' state.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import ipaddress
import logging
from collections.abc import Callable
from dataclasses import field

from asa_emulator.console import Console, LabHandle
from asa_emulator.device.messages import SSH_TOO_MANY, has_error
from asa_emulator.frontends.control.control import DirectiveConsole
from asa_emulator.frontends.line.cli_session import CliSession, run_line
from asa_emulator.frontends.line.pace import UNPACED, Pace
from asa_emulator.frontends.line.throttle import LoginThrottle, SecretTurns
from asa_emulator.frontends.ssh.admission import Admission
from asa_emulator.frontends.ssh.sshlib import asyncssh
from asa_emulator.frontends.watch import earliest
from asa_emulator.lab.account import check_login

from ...records import dataclass

LOGIN_TIMEOUT_S = 30          # the login grace time: to authenticate, from the TCP connection
MAX_AUTH_ATTEMPTS = 3         # passwords tried on one connection before it is closed
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
class SshState:
    """What the listeners share: open connections, their admission, live sessions."""

    lab: LabHandle
    now: Callable[[], float]                  # the wall clock (injectable for tests)
    admission: Admission
    throttle: LoginThrottle
    connections: set[asyncssh.SSHServerConnection] = field(default_factory=set)
    sessions: set[_Live] = field(default_factory=set)
    # the lab's real-time clock, kept in step by each line (pace.py)
    pace: Pace = UNPACED
    # told when a session starts its idle time (`ssh timeout`): a watcher sleeping until the
    # next expiry sleeps again
    on_session: Callable[[], None] = lambda: None


@dataclass(eq=False)
class _Live:
    """A running SSH session: its unit, console, last input (wall clock) and closer."""

    unit: str
    console: Console
    last_input: float
    close: Callable[[], None]


class Login(asyncssh.SSHServer):
    """Password login checked by the engine (the control port: by its own account), within the
    admission bounds and the failed-login throttle."""

    def __init__(self, state: SshState, unit: str) -> None:
        self._state = state
        self._unit = unit
        self._conn: asyncssh.SSHServerConnection | None = None
        self._source = ""
        self._failures = 0

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self._conn = conn
        self._state.connections.add(conn)
        peer = conn.get_extra_info("peername")
        self._source = _client_ip(peer[0] if peer else "")
        # a unit that is off or booting has no SSH server to answer; past a bound the new
        # connection is the one refused (never one already logging in)
        if not self.unit_up() or not self._state.admission.admit(conn, self._source):
            conn.abort()

    def unit_up(self) -> bool:
        """Whether the listener answers now (an off or booting unit has no SSH server)."""
        if self._unit == CONTROL:
            return True
        return self._state.lab.unit_up(self._unit)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._conn is not None:
            self._state.connections.discard(self._conn)
            self._state.admission.gone(self._conn)

    def begin_auth(self, username: str) -> bool:
        return True  # always ask for a password, like a device

    def password_auth_supported(self) -> bool:
        return True

    async def check_password(self, username: str, password: str) -> bool:
        """The password check itself (the throttle and the attempts are validate_password's)."""
        lab = self._state.lab
        if self._unit == CONTROL:   # scrypt, off the event loop: sessions keep being served
            return await asyncio.get_running_loop().run_in_executor(
                None, check_login, lab.control_account, username, password)
        return lab.ssh_login(self._unit, username, password, self._source)

    async def validate_password(self, username: str, password: str) -> bool:
        async def check() -> bool:
            return await self.check_password(username, password)

        if await self._state.throttle.attempt(self._source, username, check):
            return True
        self._failures += 1
        if self._failures >= MAX_AUTH_ATTEMPTS and self._conn is not None:
            self._conn.close()
        return False

    def auth_completed(self) -> None:
        conn = self._conn
        if conn is not None and not self._state.admission.logged_in(conn, str(conn.get_extra_info("username"))):
            conn.disconnect(asyncssh.DISC_TOO_MANY_CONNECTIONS, "Too many connections")  # unverified wording


CONTROL = ""  # the listener name of the lab-control port (not a unit)


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


class SshChannel:
    """An SSH session channel as a CliSession's Channel."""

    def __init__(self, process: asyncssh.SSHServerProcess[str]) -> None:
        self._process = process

    async def read(self, n: int) -> str:
        while True:
            try:
                return await self._process.stdin.read(n)
            except (asyncssh.TerminalSizeChanged, asyncssh.BreakReceived, asyncssh.SignalReceived):
                continue

    def write(self, text: str) -> None:
        self._process.stdout.write(text)

    async def drain(self) -> None:
        await self._process.stdout.drain()


def _cipher_names(conn: asyncssh.connection.SSHConnection) -> tuple[str, str]:
    """The negotiated encryption and MAC, as `show ssh sessions` names them."""
    cipher = str(conn.get_extra_info("send_cipher") or "")
    mac = str(conn.get_extra_info("send_mac") or "")
    if mac.startswith("hmac-"):
        mac = mac[len("hmac-"):]
    if "@" in cipher or not mac or "etm@" in mac:
        mac = mac.split("-etm@")[0] or "-"
    return cipher, mac


async def _serve_process(state: SshState, unit: str, process: asyncssh.SSHServerProcess[str]) -> None:
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
    state.admission.session_opened(conn)
    state.on_session()

    def touched() -> None:
        live.last_input = state.now()
    status = 0
    try:
        if process.command is not None:  # `ssh host 'show version'`: one command, then close
            # whole: a line over MAX_LINE is refused by the unit, never cut into another command
            out = await run_line(console, process.command, state.pace)
            status = 1 if has_error(out) else 0  # as `run --strict`: scripts see the failure
            process.stdout.write("".join(line + "\r\n" for line in out))
            await process.stdout.drain()
        else:
            guarded = SecretTurns(console, state.throttle, _client_ip(peer[0] if peer else ""), username)
            await CliSession(lambda: guarded, SshChannel(process), touched, pace=state.pace).run()
    except (BrokenPipeError, ConnectionError, asyncssh.Error):
        pass  # the client went away
    finally:
        state.sessions.discard(live)
        state.admission.session_closed(conn)
        process.exit(status)
        lab.ssh_close(console)      # after the exit status: a reload then closes the connection


async def _serve_control(state: SshState, process: asyncssh.SSHServerProcess[str]) -> None:
    """The lab-control port: `@` directives (frontends/control/control.py)."""
    console = DirectiveConsole(state.lab, process.is_closing)
    conn = process.channel.get_connection()
    state.admission.session_opened(conn)
    status = 0
    try:
        if process.command is not None:
            out = await run_line(console, process.command, state.pace)
            status = 1 if has_error(out) else 0
            process.stdout.write("".join(line + "\r\n" for line in out))
            await process.stdout.drain()
        else:
            await CliSession(lambda: console, SshChannel(process), banner=False, pace=state.pace).run()
    except (BrokenPipeError, ConnectionError, asyncssh.Error):
        pass
    finally:
        state.admission.session_closed(conn)
        process.exit(status)


def close_idle(state: SshState) -> None:
    """Close connections logged in without a session channel for admission's idle time, and
    sessions idle longer than their context's `ssh timeout` (wall-clock time)."""
    for conn in state.admission.expired():
        state.admission.gone(conn)      # counted out now: closing may take a while
        conn.close()
    now = state.now()
    for live in list(state.sessions):
        if now - live.last_input >= state.lab.ssh_idle_timeout_s(live.unit):
            state.sessions.discard(live)
            live.close()


def next_expiry(state: SshState) -> float | None:
    """When close_idle next has something to close (the wall clock of `state.now`); None:
    nothing can expire before a connection or a session starts its idle time."""
    return earliest(state.admission.next_expiry(),
                    *(live.last_input + state.lab.ssh_idle_timeout_s(live.unit) for live in state.sessions))


async def close(acceptors: dict[str, asyncssh.SSHAcceptor], state: SshState) -> None:
    """Stop listening and close every connection."""
    for acceptor in acceptors.values():
        acceptor.close()
    for conn in list(state.connections):
        conn.close()
    for acceptor in acceptors.values():
        await acceptor.wait_closed()
    for conn in list(state.connections):
        await conn.wait_closed()


async def listen(state: SshState, unit: str, host: str, port: int,
                 key: asyncssh.SSHKey) -> asyncssh.SSHAcceptor:
    """Listen for SSH to `unit` (the lab-control port: CONTROL) on host:port (OSError if it
    cannot)."""
    serve_process = (functools.partial(_serve_control, state) if unit == CONTROL
                     else functools.partial(_serve_process, state, unit))
    return await asyncssh.create_server(
        functools.partial(Login, state, unit),
        host,
        port,
        server_host_keys=[key],
        process_factory=serve_process,
        line_editor=False,  # echo and editing are ours (cli_session.py)
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
