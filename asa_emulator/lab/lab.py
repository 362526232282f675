"""A running lab: two units, their cabling, the virtual clock and the failover pair.

Implements console.LabHandle.  The `@` directives are parsed in directives.py; running a
script on the lab (`Lab.run`) is the API's (asa_emulator/api.py), over the transcript runner.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..console import Console, LabSummary
from ..device import messages as msg
from ..device import mgmt
from ..device.flash import STARTUP, Flash, FlashError
from ..device.session import ModeState, Session
from ..device.syslog import Datagram
from ..device.unit import Unit
from ..failover.pair import Pair
from ..kept import Kept
from ..traffic.engine import Traffic
from .clock import Clock
from .directives import run_directive
from .labfile import load_spec
from .parts import ExerciseHook
from .spec import LabError, LabSpec, no_unit
from .status import summary
from .wiring import Wiring

if TYPE_CHECKING:
    from .snapshot import FailoverState

SETTLE_LIMIT_MS = 15 * 60_000


def _builtin_flash(folder: Path | None, capacity: int) -> Flash:
    """A built-in lab's flash: the files, loaded into memory (the package stays read-only)."""
    if folder is None or not folder.is_dir():
        return Flash(capacity=capacity)
    fl = Flash.load(folder, capacity, in_memory=True)
    fl.files.pop(".keep", None)
    _import_startup(fl)
    return fl


def _unit_flash(spec: LabSpec, folder: Path | None, capacity: int) -> Flash:
    """A unit's flash: a built-in lab's in memory, a lab directory's backed by its folder;
    `capacity` is the platform's (Hardware.flash_bytes), what `dir` reports.  A folder that
    cannot be read is one clear line (LabError), never a traceback."""
    try:
        if spec.root is None:
            return _builtin_flash(folder, capacity)
        flash = Flash.load(folder, capacity) if folder else Flash(capacity=capacity)
        _import_startup(flash)
    except FlashError as exc:
        raise LabError(f"cannot use the flash folder {exc.path}: {exc.reason}") from None
    return flash


class Lab:
    def __init__(self, spec: LabSpec) -> None:
        # the command handlers register themselves: the device's, the failover engine's
        # (failover, failover group, failover lan/link/interface ip), the traffic engine's
        # and the troubleshooting commands (packet-tracer, capture)
        import asa_emulator.device.handlers  # noqa: F401
        import asa_emulator.failover.commands  # noqa: F401
        import asa_emulator.traffic.commands  # noqa: F401
        import asa_emulator.troubleshoot.commands  # noqa: F401
        self.spec = spec
        self.control_account = spec.control     # the lab-control port's login ([control])
        self.clock = Clock(spec.clock_ms)
        self.kept = Kept()              # every value the lab keeps for speed (kept.py)
        self.units: dict[str, Unit] = {}
        for us in spec.units:
            flash = _unit_flash(spec, us.flash_dir, us.hw.flash_bytes)
            self.units[us.name] = Unit(us.name, us.hw, flash, self.clock, us.boot_ms, self.kept,
                                       sessions=Session)
        self.unit_names = tuple(self.units)
        self.wiring = Wiring(self.units, spec.cables)
        self.pair = Pair(self.units, self.clock, self.wiring)
        self.traffic = Traffic(self.pair.ps)
        self.pair.ps.listeners.append(self.traffic)
        self.pair.ps.repl_stats = self.traffic.repl_stats
        self.wiring.listeners.append(self.pair.links_changed)
        for u in self.units.values():
            u.pair, u.events, u.traffic = self.pair, self.pair, self.traffic
        self.current = self.unit_names[0]
        self.quit_requested = False     # `@quit` in a script: the runner reads no further
        self.exercise: ExerciseHook | None = None   # `@task`, `@check` (asa_emulator/exercise/)
        self._baseline: dict[tuple[str, str | None], str] = {}   # configurations once settled
        # virtual ms from the lab's start until it first settled (a restored lab: until it
        # was as saved); saved with the lab, what its restore expects to take (saved_state.py)
        self.settle_ms: int | None = None
        self._power_on_all()

    def _power_on_all(self) -> None:
        """Power the units on as lab.toml says (together, unless a unit has a `power_on`
        delay); the boot is not shown, as at the lab's start."""
        for us in self.spec.units:
            u = self.units[us.name]
            u.power_on_later(us.power_on_ms, us.boot_ms)

    @classmethod
    def load(cls, name_or_dir: str = "example", base: Path | None = None, *,
             in_memory: bool = False, confine_to: Path | None = None) -> Lab:
        """A lab by name or directory.  `in_memory`: its flash is read, never written back (a
        golden transcript's lab); `confine_to`: a lab directory must lie inside that folder."""
        spec = load_spec(name_or_dir, base, in_memory=in_memory, confine_to=confine_to)
        try:
            return cls(spec)
        except OSError as exc:      # the flash folder could not be read
            raise LabError(f"{spec.source}: cannot load the flash: "
                           f"{getattr(exc, 'strerror', None) or exc}") from None

    # ------------------------------------------------------------------ LabHandle
    def unit(self, name: str) -> Unit:
        try:
            return self.units[name]
        except KeyError:
            raise no_unit(name, self.units) from None

    def console(self, unit: str) -> Session:
        con = self.unit(unit).console
        assert isinstance(con, Session), "the lab makes its units' sessions (sessions=Session)"
        return con

    def open_session(self, unit: str) -> Session:
        u = self.unit(unit)
        return Session(u, "ssh")

    # ------------------------------------------------------------------ SSH (device/mgmt.py)
    def ssh_login(self, unit: str, username: str, password: str, client_ip: str) -> bool:
        return mgmt.ssh_login(self.unit(unit), username, password, client_ip) is not None

    def ssh_open(self, unit: str, username: str, client_ip: str, encryption: str, hmac: str,
                 drop: Callable[[], None]) -> Session | None:
        u = self.unit(unit)
        ctx = mgmt.admin_context(u)
        if ctx is None or not u.up:
            return None
        record = u.mgmt.add_ssh(ctx.name, client_ip, username, encryption, hmac, drop)
        if record is None:
            return None
        s = Session(u, "ssh")
        s.state = ModeState("ctx_user", ctx.name)
        s.ssh_record = record
        record.last_ms = u.clock.now
        return s

    def ssh_close(self, console: Console) -> None:
        if isinstance(console, Session) and console.ssh_record is not None:
            console.unit.mgmt.remove_ssh(console.ssh_record)
            if console.unit.shutting_down:
                console.ssh_record.drop()   # the unit is going down: the connection goes too

    def ssh_idle_timeout_s(self, unit: str) -> int:
        ctx = mgmt.admin_context(self.unit(unit))
        return (ctx.ssh_timeout if ctx else 5) * 60

    def console_idle_timeout_s(self, unit: str) -> int:
        u = self.unit(unit)
        return u.sys.console_timeout * 60 if u.up else 0

    def console_timed_out(self, unit: str) -> None:
        u = self.unit(unit)
        if u.up:
            u.console.log_off()
            u.emit(*msg.CONSOLE_TIMEOUT_LINES)

    def console_login_required(self, unit: str) -> bool:
        return mgmt.console_login_required(self.unit(unit))

    def console_login(self, unit: str, username: str, password: str) -> bool:
        u = self.unit(unit)
        if mgmt.console_login(u, username, password) is None:
            return False
        # a login starts a fresh session at user EXEC: never the mode, context or question the
        # previous user left on the console (a real console without `auto-enable`)
        u.console.log_off()
        self.console(unit).login_user = username
        return True

    def ssh_users(self, unit: str) -> list[str]:
        return mgmt.ssh_usernames(self.unit(unit))

    def directive(self, line: str) -> list[str]:
        return run_directive(self, line)

    def advance(self, ms: int) -> None:
        self.clock.advance(ms)

    def advance_some(self, ms: int, events: int) -> int:
        start = self.clock.now
        self.clock.run_until(start + ms, events)
        return self.clock.now - start

    def now_ms(self) -> int:
        return self.clock.now

    def run_mark(self) -> int:
        return self.clock.runs

    def wake_in_ms(self, mark: int) -> int | None:
        due = self.clock.next_due(self.pair.idle_ticks(mark))
        return None if due is None else max(0, due - self.clock.now)

    def summary(self) -> LabSummary:
        return summary(self)

    def unit_up(self, unit: str) -> bool:
        return self.unit(unit).up

    def unsaved(self) -> list[str]:
        found = []
        for name, u in self.units.items():
            if not u.up:
                continue
            spaces = [space or "system" for space, body in _bodies(u).items()
                      if self._baseline.get((name, space)) != body and not u.spaces.saved(space)]
            if spaces:
                found.append(f"{name}: {', '.join(spaces)}")
        return found

    def take_syslog(self) -> list[Datagram]:
        out: list[Datagram] = []
        for u in self.units.values():
            if u.syslog.outbox:         # most commands send nothing: no list built per unit
                out += u.syslog.take_datagrams()
        return out

    def forget_kept(self) -> None:
        """Drop every value the lab keeps for speed (kept.py): what is read next is computed
        from scratch."""
        self.kept.clear()

    def failover_state(self, unit: str) -> FailoverState:
        """A frozen copy of the unit's failover state: groups, monitored interfaces, links,
        history (snapshot.py).  Read-only: the public way to see what the engine holds."""
        # imported here: only the callers pay for it (a `run` never loads it)
        from .snapshot import failover_state
        return failover_state(self.pair.ps, self.unit(unit))

    # ------------------------------------------------------------------ settling
    def power_cycle(self) -> None:
        """`@reset`, first half: both units lose power and start again as at the lab's start,
        each from what its flash holds (unsaved changes are gone).  The cabling, and any fault
        injected on it, stays as it is.  `settle` is the second half."""
        for u in self.units.values():
            u.power_off()
        self.wiring.power_lost()
        self._power_on_all()

    def reset(self) -> None:
        """`@reset`: power-cycle both units from their saved flash and settle."""
        self.power_cycle()
        self.settle()

    def settled(self) -> bool:
        for u in self.units.values():
            if u.powered and not u.up:
                return False
        return self.pair.settled()

    def settle(self) -> None:
        """Advance until boot, negotiation and configuration sync are over."""
        end = self.clock.now + SETTLE_LIMIT_MS
        while self.clock.now < end:
            self.clock.advance(1000)
            if self.settled():
                break
        if self.settle_ms is None:
            self.settle_ms = self.clock.now - self.clock.start
        # what the lab started with is not "unsaved work": a unit booted from its files is
        # saved (ConfigSpaces.saved), but a secondary's configuration synced from its mate is not,
        # as on an ASA, and leaving the lab at once must not ask about it
        self._baseline = {(name, space): body for name, u in self.units.items() if u.up
                          for space, body in _bodies(u).items()}


def _bodies(u: Unit) -> dict[str | None, str]:
    """Each space's running configuration (None: the system space), to compare."""
    return {space: "\n".join(u.spaces.config_body(space, secrets=True)) for space in (None, *u.ctx)}


def keep_for_good() -> None:
    """A front end's lab lives as long as the process: move what exists now (the settled lab,
    its configuration, the grammar) out of the garbage collector's sight, so that its
    collections do not walk a large lab's objects again and again (they were most of a
    command's p99 on the 250-context lab).  Collection, paused for the start-up (cli.main),
    resumes."""
    gc.freeze()
    gc.enable()


def _import_startup(flash: Flash) -> None:
    """A lab directory may hold `startup-config` at the top of a unit's folder for readability;
    the unit keeps it where an ASA does (moved there on disk too, so that the folder and the
    flash the commands see stay the same)."""
    if flash.exists("startup-config") and not flash.exists(STARTUP):
        try:
            flash.write(STARTUP, flash.read("startup-config"))
        except FlashError:
            return      # the hidden folder cannot hold it (a file there): the boot says so
        flash.delete("startup-config")
