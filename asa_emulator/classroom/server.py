"""`asa-emulator serve --classroom DIR`: one process serves a class.

Three shared SSH listeners: PORT the primary's console, PORT+1 the secondary's, PORT+2 the
instructor's (instructor.py).  The SSH user name picks the trainee's lab, the port the unit;
the password is the roster's (scrypt, checked off the event loop).  A session is the unit's
serial console (room.py, console.py: the telnet consoles' ConsoleLogin and the shared
CliSession line editor), never the unit's own SSH server.  A new connection of the same
trainee to the same console takes it over: the old one is told and closed.

The SSH listeners' protection is the lab server's: admission bounds per address, user and
overall, the login grace time, the failed-login throttle (frontends/ssh/ssh.py's Login,
admission.py, throttle.py).  On SIGINT or SIGTERM every loaded lab is saved whole
(labs.py: lab/saved_state.py's files) before the process exits.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from ..console import ControlAccount
from ..device.messages import has_error
from ..frontends.line.cli_session import CliSession, run_line
from ..frontends.line.throttle import LoginThrottle
from ..frontends.server import ListenError, is_loopback
from ..frontends.ssh import ssh
from ..frontends.ssh.admission import Admission, Limits
from ..frontends.ssh.descriptors import AcceptGuard
from ..frontends.ssh.sshlib import asyncssh
from ..frontends.telnet.telnet import ConsoleLogin
from ..frontends.watch import Watch, seconds_until
from ..lab.account import check_login
from ..lab.spec import LabError
from .console import TraineeConsole
from .room import NOT_RESTORED, Attached, ClassLab, Classroom
from .roster import Roster, load

UNITS = ("primary", "secondary")
INSTRUCTOR = "instructor"
HOST_KEY = ".ssh_host_ed25519_key"


class _ClassLogin(ssh.Login):
    """The SSH login of the lab server, with the roster's accounts: trainees on the console
    ports, the instructor on the instructor's."""

    def __init__(self, state: ssh.SshState, room: Classroom, port: str) -> None:
        super().__init__(state, port)
        self._room = room
        self._port = port

    def unit_up(self) -> bool:
        return True             # a console port answers whatever the unit's state

    def _account(self, username: str) -> ControlAccount | None:
        self._room.refresh()
        roster = self._room.roster
        if self._port == INSTRUCTOR:
            inst = roster.instructor
            return ControlAccount(inst.username, inst.password_hash) if inst else None
        trainee = roster.trainees.get(username)
        return ControlAccount(trainee.name, trainee.password_hash) if trainee else None

    async def check_password(self, username: str, password: str) -> bool:
        account = self._account(username)       # scrypt, off the event loop
        return await asyncio.get_running_loop().run_in_executor(
            None, check_login, account, username, password)


class _TeeChannel(ssh.SshChannel):
    """The trainee's channel; what it is sent is also sent to the instructor's views."""

    def __init__(self, process: asyncssh.SSHServerProcess[str], tee: Any) -> None:
        super().__init__(process)
        self._tee = tee

    def write(self, text: str) -> None:
        super().write(text)
        self._tee(text)


async def _serve_trainee(room: Classroom, state: ssh.SshState, unit: str,
                         process: asyncssh.SSHServerProcess[str]) -> None:
    conn = process.channel.get_connection()
    username = str(conn.get_extra_info("username") or "")
    peer = conn.get_extra_info("peername")
    state.admission.session_opened(conn)
    status = 0
    try:
        try:
            cl = await room.lab_of(username)
        except LabError as exc:
            process.stdout.write(f"% Your lab cannot be started: {exc}\r\n")   # the emulator's words
            return
        if cl.note:
            cl.note = ""
            process.stdout.write(NOT_RESTORED + "\r\n")
        login = ConsoleLogin(cl.lab, unit, state.throttle, str(peer[0]) if peer else "")
        console = TraineeConsole(cl.lab, login, room.checked)
        if process.command is not None:     # `ssh -p PORT alice@host 'show version'`: one line
            status = await _one_line(room, cl, unit, console, process)
            return

        def take_over(line: str) -> None:
            with contextlib.suppress(BrokenPipeError, ConnectionError, asyncssh.Error):
                process.stdout.write("\r\n" + line + "\r\n")
            process.close()
        attached = Attached(lambda: session.notify(), take_over, login.time_out, state.now())

        def touched() -> None:
            cl.touched(attached, state.now())
        session = CliSession(lambda: console, _TeeChannel(process, functools.partial(cl.tee, unit)),
                             touched, banner=False, pace=cl)
        room.attach(cl, unit, attached)
        try:
            await session.run()
        finally:
            room.detach(cl, unit, attached)
    except (BrokenPipeError, ConnectionError, asyncssh.Error):
        pass  # the client went away
    finally:
        state.admission.session_closed(conn)
        process.exit(status)


async def _one_line(room: Classroom, cl: ClassLab, unit: str, console: TraineeConsole,
                    process: asyncssh.SSHServerProcess[str]) -> int:
    """An exec channel: the line typed at the console (its clock running meanwhile, as for
    any attached session), the output, exit 1 when the ASA printed an error."""
    attached = Attached(lambda: None, lambda line: process.close())
    room.attach(cl, unit, attached)
    try:
        out = await run_line(console, process.command or "", cl)
    finally:
        room.detach(cl, unit, attached)
    process.stdout.write("".join(line + "\r\n" for line in out))
    await process.stdout.drain()
    return 1 if has_error(out) else 0


async def _listen(room: Classroom, state: ssh.SshState, port_name: str, host: str, port: int,
                  key: asyncssh.SSHKey) -> asyncssh.SSHAcceptor:
    from .instructor import serve_instructor
    if port_name == INSTRUCTOR:
        serve_process = functools.partial(serve_instructor, room, state)
    else:
        serve_process = functools.partial(_serve_trainee, room, state, port_name)
    return await asyncssh.create_server(
        functools.partial(_ClassLogin, state, room, port_name), host, port,
        server_host_keys=[key], process_factory=serve_process,
        line_editor=False, encoding="utf-8", errors="replace",
        encryption_algs=ssh.ENCRYPTION_ALGS, mac_algs=ssh.MAC_ALGS,
        agent_forwarding=False, allow_scp=False, x11_forwarding=False,
        login_timeout=ssh.LOGIN_TIMEOUT_S, keepalive_interval=60, keepalive_count_max=3)


class ClassServer:
    def __init__(self, room: Classroom, state: ssh.SshState,
                 acceptors: dict[str, asyncssh.SSHAcceptor], watchdog: asyncio.Task[None]) -> None:
        self.room = room
        self._state = state
        self._acceptors = acceptors
        self._watchdog = watchdog
        self._guard = AcceptGuard(asyncio.get_running_loop())

    @property
    def ports(self) -> dict[str, int]:
        return {name: acceptor.get_port() for name, acceptor in self._acceptors.items()}

    def ready_line(self) -> str:
        return " ".join(["ready", *(f"{name}={port}" for name, port in self.ports.items())])

    async def close(self) -> list[str]:
        """Stop listening, close every connection, save every loaded lab."""
        self._watchdog.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._watchdog
        await ssh.close(self._acceptors, self._state)
        self._guard.close()
        return await self.room.save_all()


async def start(roster: Roster, host: str, port: int, key: asyncssh.SSHKey,
                now: Callable[[], float] = time.monotonic, limits: Limits | None = None,
                recheck_s: float | None = None) -> ClassServer:
    """Listen (free ports when `port` is 0).  `now`: the wall clock of the idle timeouts,
    `limits` admission's bounds (both injectable for tests); `recheck_s`: how often the
    timeouts are looked at besides their deadlines (a test that moves `now`)."""
    room = Classroom(roster, now, recheck_s)
    # the lab server's state; its `lab` is unused here (each session has its trainee's)
    state = ssh.SshState(cast(Any, None), now, Admission(now, limits or Limits()), LoginThrottle(now))
    acceptors: dict[str, asyncssh.SSHAcceptor] = {}
    try:
        for offset, name in enumerate((*UNITS, INSTRUCTOR)):
            at = port + offset if port else 0
            try:
                acceptors[name] = await _listen(room, state, name, host, at, key)
            except OSError as exc:
                raise ListenError(at, exc) from None
    except BaseException:
        for acceptor in acceptors.values():
            acceptor.close()
        raise
    # the one timer beyond the labs': connections logged in without a session, closed after
    # admission's idle time (a console's `console timeout` is its lab clock's: room.py)
    watch = Watch(lambda: seconds_until(state.admission.next_expiry(), state.now()),
                  functools.partial(ssh.close_idle, state))
    state.admission.on_idle = watch.poke
    return ClassServer(room, state, acceptors, asyncio.create_task(watch.run()))


async def _serve(roster: Roster, host: str, port: int, key: asyncssh.SSHKey) -> list[str]:
    server = await start(roster, host, port, key)
    print("\n".join([f"{name}: ssh -p {p} TRAINEE@{host}" if name != INSTRUCTOR
                     else f"instructor: ssh -p {p} {roster.instructor.username if roster.instructor else '-'}@{host}"
                     for name, p in server.ports.items()] + [server.ready_line()]), flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        problems = await server.close()
    return problems


def cmd_serve_classroom(folder: str, host: str, port: int) -> int:
    from ..frontends.ssh.hostkey import load_or_create
    if not 0 <= port <= 65533:
        print(f"asa-emulator: --port {port}: a port from 1 to 65533 (PORT+1 the secondary's "
              "console, PORT+2 the instructor's), or 0 for free ports", file=sys.stderr)
        return 2
    try:
        roster = load(Path(folder))
        key = load_or_create(roster.folder / HOST_KEY)
    except LabError as exc:
        print(f"asa-emulator: {exc}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as exc:
        print(f"asa-emulator: cannot use the SSH host key in {folder}: {exc}", file=sys.stderr)
        return 2
    from ..lab.lab import keep_for_good
    keep_for_good()         # cli.main paused the collector for the start-up
    if not is_loopback(host):
        print(f"asa-emulator: warning: listening on {host}: other machines can reach the trainees' "
              f"consoles ({len(roster.trainees)} trainees) and the instructor's port",
              file=sys.stderr, flush=True)
    try:
        problems = asyncio.run(_serve(roster, host, port, key))
    except ListenError as exc:
        print(f"asa-emulator: cannot listen on {host} port {exc.port}: {exc.strerror}", file=sys.stderr)
        return 2
    for line in problems:
        print(f"asa-emulator: {line}", file=sys.stderr)
    return 1 if problems else 0
