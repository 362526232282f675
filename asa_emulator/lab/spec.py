"""What a lab is, as lab.toml says it (the units, their hardware and timing, the cables, the
clock), and the one error a bad lab, directive or file gives: the bottom of `lab/`, which
labfile.py (finding and reading) and labschema.py (checking) both build on."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import field
from pathlib import Path

from ..console import ControlAccount
from ..device.hardware import Hardware
from ..records import dataclass


class LabError(ValueError):
    """A bad lab, directive or file: one clear line for the user."""


def no_unit(name: str, units: Iterable[str]) -> LabError:
    """The error for a unit the lab does not have (`@console`, `@link`, a front end's unit)."""
    return LabError(f"no unit '{name}' in this lab (units: {', '.join(units)})")


@dataclass
class UnitSpec:
    name: str
    hw: Hardware
    power_on_ms: int = 0           # when the unit is powered on after the lab starts
    boot_ms: int = 30_000          # how long a boot takes
    flash_dir: Path | None = None


@dataclass
class LabSpec:
    name: str
    units: list[UnitSpec]
    clock_ms: int
    cables: list[tuple[str, str]] = field(default_factory=list)   # ("unit:if", "unit:if")
    root: Path | None = None        # lab directory (flash persists) or None (in memory)
    source: Path | None = None      # where the files came from
    control: ControlAccount | None = None   # the lab-control port's account ([control])


_DURATION = re.compile(r"([0-9]{1,12}(?:\.[0-9]{0,6})?|\.[0-9]{1,6})(ms|s|m|h)?")
_UNIT_MS = {"ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000}


def parse_duration(text: str) -> int:
    """`500ms`, `30s`, `2m`, `1h`, or a bare number of seconds -> milliseconds.  Only ASCII
    digits, at most 12 before the point: no sign, NaN, infinity or exponent gets through."""
    m = _DURATION.fullmatch(text.strip().lower())
    if m is None:
        raise LabError(f"bad duration '{text}' (use 500ms, 30s, 2m)")
    return int(float(m.group(1)) * _UNIT_MS[m.group(2) or "s"])
