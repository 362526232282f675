"""`asa-emulator serve`: a lab's listeners started together, and the lab clock in real time.

One place assembles what `serve` (and the pytest plugin's BackgroundLab) listen with: each
unit's SSH port and the lab-control port (frontends/ssh/ssh.py), the units' telnet consoles
(frontends/telnet/telnet.py), the clock that runs the lab in wall-clock time (clock.py), the
watch that closes idle sessions at their deadlines (watch.py), and the guard that refuses
connections quietly when the process runs out of descriptors (ssh/descriptors.py).  Stopping the server stops them all.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import ipaddress
import os
import signal
import sys
import time
from collections.abc import Callable

from asa_emulator.console import LabHandle
from asa_emulator.frontends.clock import RealTimeClock
from asa_emulator.frontends.line.pace import Pace
from asa_emulator.frontends.line.throttle import LoginThrottle
from asa_emulator.frontends.ssh import ssh
from asa_emulator.frontends.ssh.admission import Admission
from asa_emulator.frontends.ssh.descriptors import AcceptGuard
from asa_emulator.frontends.ssh.sshlib import asyncssh
from asa_emulator.frontends.telnet.telnet import CONSOLE_HOST, ConsolePorts
from asa_emulator.frontends.watch import Watch, earliest, seconds_until


class _Paced:
    """What each line run on the lab's listeners tells (frontends/line/pace.py): the lab clock
    (caught up before, poked after) and the idle watch (the line may have changed `ssh
    timeout` or `console timeout`)."""

    def __init__(self, clock: RealTimeClock, idle: Watch) -> None:
        self._clock = clock
        self._idle = idle

    def catch_up(self) -> None:
        self._clock.catch_up()

    def ran(self) -> None:
        self._clock.ran()
        self._idle.poke()


def _idle_watch(state: ssh.SshState, consoles: ConsolePorts, now: Callable[[], float],
                recheck_s: float | None) -> Watch:
    """Closes SSH sessions and connections idle too long (ssh.close_idle) and logs off telnet
    consoles idle longer than `console timeout`, in wall-clock time, each at its deadline:
    with nobody connected it has no deadline and no timer.  `recheck_s`: look at least that
    often too (a test that moves an injected wall clock)."""

    def act() -> None:
        consoles.log_off_idle()
        ssh.close_idle(state)

    def wait() -> float | None:
        return earliest(seconds_until(earliest(ssh.next_expiry(state), consoles.next_logoff()), now()),
                        recheck_s)
    watch = Watch(wait, act)
    state.admission.on_idle = state.on_session = consoles.on_idle = watch.poke
    return watch


class LabServer:
    """The lab's listeners (SSH per unit, the lab-control port, the telnet consoles) and the
    lab clock running in real time."""

    def __init__(
        self,
        acceptors: dict[str, asyncssh.SSHAcceptor],
        state: ssh.SshState,
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
    def pace(self) -> Pace:
        """What a line run on the lab from outside the listeners tells (a test's `call`)."""
        return self._state.pace

    @property
    def admission(self) -> Admission:
        """The connection bounds' bookkeeping (admission.py)."""
        return self._state.admission

    @property
    def ports(self) -> dict[str, int]:
        """Unit name -> its SSH port."""
        return {unit: acceptor.get_port() for unit, acceptor in self._acceptors.items() if unit != ssh.CONTROL}

    @property
    def control_port(self) -> int | None:
        """The lab-control port (`--lab-control`), else None."""
        acceptor = self._acceptors.get(ssh.CONTROL)
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
        await ssh.close(self._acceptors, self._state)
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
    watchdog_s: float | None = None,
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
    when they are not given; `watchdog_s`: how often the idle timeouts are looked at besides
    their deadlines (a test that moves `now`)."""
    key = host_key or asyncssh.generate_private_key("ssh-ed25519")
    throttle = throttle or LoginThrottle(now)
    state = ssh.SshState(lab, now, admission or Admission(now), throttle)
    acceptors: dict[str, asyncssh.SSHAcceptor] = {}
    clock = RealTimeClock(lab)
    consoles = ConsolePorts(lab, now, throttle)
    idle = _idle_watch(state, consoles, now, watchdog_s)
    consoles.pace = state.pace = _Paced(clock, idle)
    names = [*lab.unit_names, *([ssh.CONTROL] if control else [])]
    try:
        for offset, name in enumerate(names):
            at = port + offset if port else 0
            try:
                acceptors[name] = await ssh.listen(state, name, host, at, key)
            except OSError as exc:
                raise ListenError(at, exc) from None
        if console_port is not None:
            await consoles.listen(console_port, functools.partial(ListenError, host=CONSOLE_HOST))
    except BaseException:
        for acceptor in acceptors.values():
            acceptor.close()
        raise
    tasks = [asyncio.create_task(clock.run(after_tick=consoles.after_tick)),
             asyncio.create_task(idle.run())]
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


def is_loopback(host: str) -> bool:
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

    if not is_loopback(host):
        print(exposure_warning(lab, host), file=sys.stderr, flush=True)
    # started from a shell's background job, the process inherits SIGINT ignored and Python
    # installs no Ctrl-C handler (nor asyncio.run its own): the server would ignore `kill -INT`
    signal.signal(signal.SIGINT, signal.default_int_handler)
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
