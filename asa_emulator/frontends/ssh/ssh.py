"""SSH server: each unit's CLI on its own port, as a person with `ssh` and netmiko (`cisco_asa`) expect.

Logins are checked by the engine against the admin context's configuration
(`LabHandle.ssh_login`); each session enters the admin context at user EXEC (`LabHandle.ssh_open`),
at most 5 per context.  The server does its own echo and line editing (asyncssh's line editor
is off) so that it can behave like an ASA: echo typed characters, `?` help at once, Tab completion,
no echo of passwords, `<--- More --->` paging, CRLF line endings (cli_session.py, shared with
the telnet consoles of telnet.py).  With `control`, one more port (PORT+2) takes the `@`
directives (control.py), with the lab's own control account.

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
import os
import sys
import time
from collections.abc import Callable
from dataclasses import field

from asa_emulator.console import Console, LabHandle
from asa_emulator.device.messages import SSH_TOO_MANY, has_error
from asa_emulator.frontends.clock import RealTimeClock
from asa_emulator.frontends.control.control import DirectiveConsole
from asa_emulator.frontends.line.cli_session import CliSession, run_line
from asa_emulator.frontends.line.throttle import LoginThrottle, SecretTurns
from asa_emulator.frontends.ssh.admission import Admission
from asa_emulator.frontends.ssh.descriptors import AcceptGuard
from asa_emulator.frontends.ssh.sshlib import asyncssh
from asa_emulator.frontends.telnet.telnet import CONSOLE_HOST, ConsolePorts
from asa_emulator.lab.account import check_login

from ...records import dataclass

LOGIN_TIMEOUT_S = 30          # the login grace time: to authenticate, from the TCP connection
MAX_AUTH_ATTEMPTS = 3         # passwords tried on one connection before it is closed
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
    """What the listeners share: open connections, their admission, live sessions."""

    lab: LabHandle
    now: Callable[[], float]                  # the wall clock (injectable for tests)
    admission: Admission
    throttle: LoginThrottle
    connections: set[asyncssh.SSHServerConnection] = field(default_factory=set)
    sessions: set[_Live] = field(default_factory=set)


@dataclass(eq=False)
class _Live:
    """A running SSH session: its unit, console, last input (wall clock) and closer."""

    unit: str
    console: Console
    last_input: float
    close: Callable[[], None]


class _Login(asyncssh.SSHServer):
    """Password login checked by the engine (the control port: by its own account), within the
    admission bounds and the failed-login throttle."""

    def __init__(self, state: _ServerState, unit: str) -> None:
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
        if not self._unit_up() or not self._state.admission.admit(conn, self._source):
            conn.abort()

    def _unit_up(self) -> bool:
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

    async def validate_password(self, username: str, password: str) -> bool:
        async def check() -> bool:
            lab = self._state.lab
            if self._unit == CONTROL:   # scrypt, off the event loop: sessions keep being served
                return await asyncio.get_running_loop().run_in_executor(
                    None, check_login, lab.control_account, username, password)
            return lab.ssh_login(self._unit, username, password, self._source)

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


class _SshChannel:
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
    state.admission.session_opened(conn)

    def touched() -> None:
        live.last_input = state.now()
    status = 0
    try:
        if process.command is not None:  # `ssh host 'show version'`: one command, then close
            # whole: a line over MAX_LINE is refused by the unit, never cut into another command
            out = await run_line(console, process.command)
            status = 1 if has_error(out) else 0  # as `run --strict`: scripts see the failure
            process.stdout.write("".join(line + "\r\n" for line in out))
            await process.stdout.drain()
        else:
            guarded = SecretTurns(console, state.throttle, _client_ip(peer[0] if peer else ""), username)
            await CliSession(lambda: guarded, _SshChannel(process), touched).run()
    except (BrokenPipeError, ConnectionError, asyncssh.Error):
        pass  # the client went away
    finally:
        state.sessions.discard(live)
        state.admission.session_closed(conn)
        process.exit(status)
        lab.ssh_close(console)      # after the exit status: a reload then closes the connection


async def _serve_control(state: _ServerState, process: asyncssh.SSHServerProcess[str]) -> None:
    """The lab-control port: `@` directives (frontends/control/control.py)."""
    console = DirectiveConsole(state.lab, process.is_closing)
    conn = process.channel.get_connection()
    state.admission.session_opened(conn)
    status = 0
    try:
        if process.command is not None:
            out = await console.execute_async(process.command)
            status = 1 if has_error(out) else 0
            process.stdout.write("".join(line + "\r\n" for line in out))
            await process.stdout.drain()
        else:
            await CliSession(lambda: console, _SshChannel(process), banner=False).run()
    except (BrokenPipeError, ConnectionError, asyncssh.Error):
        pass
    finally:
        state.admission.session_closed(conn)
        process.exit(status)


async def _watch_idle(state: _ServerState, interval: float, consoles: ConsolePorts) -> None:
    """Close sessions idle longer than their context's `ssh timeout`, and connections logged in
    without a session channel for admission's idle time; log off telnet consoles idle longer
    than `console timeout`; in wall-clock time (one clock for all)."""
    while True:
        await asyncio.sleep(interval)
        consoles.log_off_idle()
        for conn in state.admission.expired():
            state.admission.gone(conn)      # counted out now: closing may take a while
            conn.close()
        now = state.now()
        for live in list(state.sessions):
            if now - live.last_input >= state.lab.ssh_idle_timeout_s(live.unit):
                state.sessions.discard(live)
                live.close()


class LabServer:
    """The lab's listeners (SSH per unit, the lab-control port, the telnet consoles) and the
    lab clock running in real time."""

    def __init__(
        self,
        acceptors: dict[str, asyncssh.SSHAcceptor],
        state: _ServerState,
        tasks: list[asyncio.Task[None]],
        consoles: ConsolePorts | None = None,
        guard: AcceptGuard | None = None,
    ) -> None:
        self._acceptors = acceptors
        self._state = state
        self._tasks = tasks
        self._consoles = consoles
        self._guard = guard

    @property
    def admission(self) -> Admission:
        """The connection bounds' bookkeeping (admission.py)."""
        return self._state.admission

    @property
    def ports(self) -> dict[str, int]:
        """Unit name -> its SSH port."""
        return {unit: acceptor.get_port() for unit, acceptor in self._acceptors.items() if unit != CONTROL}

    @property
    def control_port(self) -> int | None:
        """The lab-control port (`--lab-control`), else None."""
        acceptor = self._acceptors.get(CONTROL)
        return acceptor.get_port() if acceptor is not None else None

    @property
    def console_ports(self) -> dict[str, int]:
        """Unit name -> its telnet console port (`--console`); empty without consoles."""
        return self._consoles.ports if self._consoles is not None else {}

    def ready_line(self) -> str:
        """The one machine-readable line `serve` prints when it listens (README, "serve"):
        `ready primary=2222 secondary=2223 control=2224 console-primary=5000 console-secondary=5001`."""
        fields = [f"{unit}={port}" for unit, port in self.ports.items()]
        if self.control_port is not None:
            fields.append(f"control={self.control_port}")
        fields += [f"console-{unit}={port}" for unit, port in self.console_ports.items()]
        return " ".join(["ready", *fields])

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self._consoles is not None:
            await self._consoles.close()
        for acceptor in self._acceptors.values():
            acceptor.close()
        for conn in list(self._state.connections):
            conn.close()
        for acceptor in self._acceptors.values():
            await acceptor.wait_closed()
        for conn in list(self._state.connections):
            await conn.wait_closed()
        if self._guard is not None:
            self._guard.close()

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
    *,
    control: bool = False,
    console_port: int | None = None,
    admission: Admission | None = None,
    throttle: LoginThrottle | None = None,
) -> LabServer:
    """Listen for SSH: lab.unit_names[i] on port + i, the lab-control port (`control`) after
    them; each on a free port of its own when port is 0.  `console_port`: the units' telnet
    consoles on console_port + i, on the loopback (free ports when 0; None: no consoles).

    `host_key`: the lab's kept key (frontends/ssh/hostkey.py); a new one when None.  `now`: the wall
    clock the idle timeouts count (injectable for tests), also `admission`'s and `throttle`'s
    when they are not given."""
    key = host_key or asyncssh.generate_private_key("ssh-ed25519")
    throttle = throttle or LoginThrottle(now)
    state = _ServerState(lab, now, admission or Admission(now), throttle)
    acceptors: dict[str, asyncssh.SSHAcceptor] = {}
    consoles = ConsolePorts(lab, now, throttle)
    names = [*lab.unit_names, *([CONTROL] if control else [])]
    try:
        for offset, name in enumerate(names):
            acceptors[name] = await _listen(state, name, host, port + offset if port else 0, key)
        if console_port is not None:
            await consoles.listen(console_port, functools.partial(ListenError, host=CONSOLE_HOST))
    except BaseException:
        for acceptor in acceptors.values():
            acceptor.close()
        raise
    tasks = [asyncio.create_task(RealTimeClock(lab).run(after_tick=consoles.after_tick)),
             asyncio.create_task(_watch_idle(state, watchdog_s, consoles))]
    guard = AcceptGuard(asyncio.get_running_loop())
    return LabServer(acceptors, state, tasks, consoles if console_port is not None else None, guard)


class ListenError(OSError):
    """A port cannot be listened on: `port` is the one that failed (PORT, PORT+1, PORT+2, a
    console port); `host` the address when it is not --host (the consoles' loopback)."""

    def __init__(self, port: int, exc: OSError, host: str | None = None) -> None:
        # asyncio's message repeats the address: the reason alone, as strerror gives it
        errno = exc.errno or 0
        super().__init__(errno, os.strerror(errno) if errno > 0 else exc.strerror or str(exc))
        self.port = port
        self.host = host


async def _listen(state: _ServerState, unit: str, host: str, port: int,
                  key: asyncssh.SSHKey) -> asyncssh.SSHAcceptor:
    serve_process = (functools.partial(_serve_control, state) if unit == CONTROL
                     else functools.partial(_serve_process, state, unit))
    try:
        return await asyncssh.create_server(
            functools.partial(_Login, state, unit),
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
    except OSError as exc:
        raise ListenError(port, exc) from None


async def serve(
    lab: LabHandle,
    host: str,
    port: int,
    on_listening: Callable[[LabServer], None] | None = None,
    host_key: asyncssh.SSHKey | None = None,
    *,
    control: bool = False,
    console_port: int | None = None,
) -> None:
    """Serve the lab until cancelled; `on_listening` gets the server once it listens."""
    server = await start_server(lab, host, port, host_key, control=control, console_port=console_port)
    if on_listening is not None:
        on_listening(server)
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
               host_key: asyncssh.SSHKey | None = None, *, control: bool = False,
               console_port: int | None = None) -> int:
    """`asa-emulator serve`: serve until interrupted; the exit status."""

    def announce(server: LabServer) -> None:
        lines = [f"{unit}: ssh -p {unit_port} {host}" for unit, unit_port in server.ports.items()]
        if server.control_port is not None:
            lines.append(f"lab control: ssh -p {server.control_port} {host}")
        lines += [f"{unit} console: telnet {CONSOLE_HOST} {console}"
                  for unit, console in server.console_ports.items()]
        print("\n".join([*lines, server.ready_line()]), flush=True)

    if not _is_loopback(host):
        print(exposure_warning(lab, host), file=sys.stderr, flush=True)
    try:
        asyncio.run(serve(lab, host, port, announce, host_key, control=control, console_port=console_port))
    except KeyboardInterrupt:
        return 0
    except ListenError as exc:
        print(f"asa-emulator: cannot listen on {exc.host or host} port {exc.port}: {exc.strerror}",
              file=sys.stderr)
        return 2
    except OSError as exc:
        reason = os.strerror(exc.errno) if exc.errno else str(exc)  # asyncio's strerror repeats the address
        print(f"asa-emulator: cannot listen on {host} port {port}: {reason}", file=sys.stderr)
        return 2
    return 0
