"""A running lab: two units, their cabling, the virtual clock and the failover pair.

Implements console.LabHandle.  The `@` directives are parsed in directives.py.
"""

from __future__ import annotations

import functools
from pathlib import Path

from ..device.flash import Flash
from ..device.session import Session
from ..device.unit import Unit
from ..failover.pair import Pair
from ..traffic.engine import Traffic
from .clock import Clock
from .labfile import LabError, LabSpec, load_spec
from .wiring import Wiring

SETTLE_LIMIT_MS = 15 * 60_000


def _builtin_flash(folder: Path | None) -> Flash:
    """A built-in lab's flash: the files, loaded into memory (the package stays read-only)."""
    fl = Flash()
    if folder is None or not folder.is_dir():
        return fl
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        if p.name == ".keep":
            continue
        if p.is_dir():
            fl.dirs.add(rel)
        elif p.name == "startup-config":
            fl.files[".private/startup-config"] = p.read_bytes()
        else:
            fl.files[rel] = p.read_bytes()
    return fl


class Lab:
    def __init__(self, spec: LabSpec) -> None:
        # the command handlers register themselves: the device's, then the traffic engine's
        import asa_emulator.device.handlers  # noqa: F401
        import asa_emulator.traffic.commands  # noqa: F401
        self.spec = spec
        self.clock = Clock(spec.clock_ms)
        self.units: dict[str, Unit] = {}
        for us in spec.units:
            if spec.root is None:
                flash = _builtin_flash(us.flash_dir)
            else:
                flash = Flash.load(us.flash_dir) if us.flash_dir else Flash()
                _import_startup(flash)
            self.units[us.name] = Unit(us.name, us.hw, flash, self.clock, us.boot_ms)
        self.unit_names = tuple(self.units)
        self.wiring = Wiring(self, spec.cables)
        self.pair = Pair(self.units, self.clock, self.wiring)
        self.traffic = Traffic(self.pair.ps)
        self.pair.ps.listeners.append(self.traffic)
        self.pair.ps.repl_stats = self.traffic.repl_stats
        for u in self.units.values():
            u.pair, u.traffic = self.pair, self.traffic
        self.current = self.unit_names[0]
        for us in spec.units:
            u = self.units[us.name]
            self.clock.call_later(us.power_on_ms, functools.partial(u.power_on, us.boot_ms, False))

    @classmethod
    def load(cls, name_or_dir: str = "example", base: Path | None = None) -> Lab:
        return cls(load_spec(name_or_dir, base))

    # ------------------------------------------------------------------ LabHandle
    def unit(self, name: str) -> Unit:
        try:
            return self.units[name]
        except KeyError:
            raise LabError(f"no unit '{name}' in this lab (units: {', '.join(self.unit_names)})") from None

    def console(self, unit: str) -> Session:
        return self.unit(unit).console

    def open_session(self, unit: str) -> Session:
        u = self.unit(unit)
        return Session(u, "ssh")

    def directive(self, line: str) -> list[str]:
        from .directives import run_directive
        return run_directive(self, line)

    def advance(self, ms: int) -> None:
        self.clock.advance(ms)

    # ------------------------------------------------------------------ settling
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
                return


def _import_startup(flash: Flash) -> None:
    """A lab directory may hold `startup-config` at the top of a unit's folder for readability;
    the unit keeps it where an ASA does."""
    if "startup-config" in flash.files and ".private/startup-config" not in flash.files:
        flash.files[".private/startup-config"] = flash.files.pop("startup-config")
