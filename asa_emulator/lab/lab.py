"""A running lab: two units, their cabling, the virtual clock and the failover pair.

Implements console.LabHandle.  The `@` directives are parsed in directives.py.
"""

from __future__ import annotations

import functools
from pathlib import Path

from ..device.flash import STARTUP, Flash, FlashError
from ..device.session import Session
from ..device.unit import Unit
from ..failover.pair import Pair
from .clock import Clock
from .labfile import LabError, LabSpec, load_spec
from .wiring import Wiring

SETTLE_LIMIT_MS = 15 * 60_000


def _builtin_flash(folder: Path | None) -> Flash:
    """A built-in lab's flash: the files, loaded into memory (the package stays read-only)."""
    if folder is None or not folder.is_dir():
        return Flash()
    fl = Flash.load(folder, in_memory=True)
    fl.files.pop(".keep", None)
    _import_startup(fl)
    return fl


def _unit_flash(spec: LabSpec, folder: Path | None) -> Flash:
    """A unit's flash: a built-in lab's in memory, a lab directory's backed by its folder.
    A folder that cannot be read is one clear line (LabError), never a traceback."""
    try:
        if spec.root is None:
            return _builtin_flash(folder)
        flash = Flash.load(folder) if folder else Flash()
        _import_startup(flash)
    except FlashError as exc:
        raise LabError(f"cannot use the flash folder {exc.path}: {exc.reason}") from None
    return flash


class Lab:
    def __init__(self, spec: LabSpec) -> None:
        import asa_emulator.device.handlers  # noqa: F401  (registers the command handlers)
        self.spec = spec
        self.clock = Clock(spec.clock_ms)
        self.units: dict[str, Unit] = {}
        for us in spec.units:
            flash = _unit_flash(spec, us.flash_dir)
            self.units[us.name] = Unit(us.name, us.hw, flash, self.clock, us.boot_ms)
        self.unit_names = tuple(self.units)
        self.wiring = Wiring(self, spec.cables)
        self.pair = Pair(self)
        for u in self.units.values():
            u.pair = self.pair
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
    the unit keeps it where an ASA does (moved there on disk too, so that the folder and the
    flash the commands see stay the same)."""
    if flash.exists("startup-config") and not flash.exists(STARTUP):
        flash.write(STARTUP, flash.read("startup-config"))
        flash.delete("startup-config")
