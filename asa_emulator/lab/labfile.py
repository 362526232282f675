"""lab.toml: what a lab is made of (units, hardware, boot timing, cables, clock start)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..device.hardware import DEFAULT_INTERFACES, Hardware

BUILTIN = Path(__file__).resolve().parent / "builtin"
DEFAULT_CLOCK = "2024-06-12T12:00:00Z"


class LabError(ValueError):
    """A bad lab, directive or file: one clear line for the user."""


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


_DURATION = re.compile(r"([0-9]{1,12}(?:\.[0-9]{0,6})?|\.[0-9]{1,6})(ms|s|m|h)?")
_UNIT_MS = {"ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000}


def parse_duration(text: str) -> int:
    """`500ms`, `30s`, `2m`, `1h`, or a bare number of seconds -> milliseconds.  Only ASCII
    digits, at most 12 before the point: no sign, NaN, infinity or exponent gets through."""
    m = _DURATION.fullmatch(text.strip().lower())
    if m is None:
        raise LabError(f"bad duration '{text}' (use 500ms, 30s, 2m)")
    return int(float(m.group(1)) * _UNIT_MS[m.group(2) or "s"])


def parse_clock(text: str) -> int:
    try:
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise LabError(f"bad clock start '{text}' (use 2024-06-12T12:00:00Z)") from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return int(dt.timestamp() * 1000)


def find_lab(name_or_dir: str, base: Path | None = None) -> Path:
    """A built-in lab name or a lab directory (relative to `base` first, e.g. the transcript's
    folder, then to the working directory) -> the directory holding lab.toml."""
    if base is not None and (base / name_or_dir / "lab.toml").is_file():
        return base / name_or_dir
    p = Path(name_or_dir)
    if (p / "lab.toml").is_file():
        return p
    if p.is_file() and p.name == "lab.toml":
        return p.parent
    builtin = BUILTIN / name_or_dir
    if "/" not in name_or_dir and (builtin / "lab.toml").is_file():
        return builtin
    names = ", ".join(builtin_names())
    raise LabError(f"no lab '{name_or_dir}': not a built-in lab ({names}) nor a directory with lab.toml")


def builtin_names() -> list[str]:
    return sorted(p.name for p in BUILTIN.iterdir() if (p / "lab.toml").is_file())


def load_spec(name_or_dir: str, base: Path | None = None) -> LabSpec:
    folder = find_lab(name_or_dir, base)
    path = folder / "lab.toml"
    try:
        data = tomllib.loads(path.read_text())
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LabError(f"{path}: {exc}") from None
    is_builtin = folder.resolve().parent == BUILTIN or bool(data.get("lab", {}).get("volatile"))
    try:
        return _spec(data, folder, is_builtin)
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, LabError):
            raise LabError(f"{path}: {exc}") from None
        raise LabError(f"{path}: bad or missing setting {exc}") from None


def _spec(data: dict, folder: Path, is_builtin: bool) -> LabSpec:  # type: ignore[type-arg]
    lab = data.get("lab", {})
    units: list[UnitSpec] = []
    raw_units = data.get("unit", [])
    if len(raw_units) != 2:
        raise LabError("a lab needs exactly two [[unit]] tables")
    for raw in raw_units:
        lic = raw.get("license", {})
        hw = Hardware(
            model=str(raw.get("model", Hardware.model)),
            version=str(raw.get("version", "9.1(7)")),
            serial=str(raw.get("serial", "JMX0000A000")),
            interfaces=tuple(raw.get("interfaces", DEFAULT_INTERFACES)),
            mac_base=str(raw.get("mac_base", "0013.c480.8200")),
            ram_mb=int(raw.get("ram_mb", Hardware.ram_mb)),
            failover_license=str(lic.get("failover", "Active/Active")),
            contexts_license=int(lic.get("contexts", 5)),
        )
        name = str(raw["name"])
        if not name.isidentifier():
            raise LabError(f"unit name '{name}' must be a simple word")
        units.append(UnitSpec(
            name=name, hw=hw,
            power_on_ms=parse_duration(str(raw.get("power_on", "0s"))),
            boot_ms=parse_duration(str(raw.get("boot_time", "30s"))),
            flash_dir=folder / str(raw.get("flash", name)),
        ))
    if units[0].name == units[1].name:
        raise LabError("the two units need different names")
    cables = [(str(c["a"]), str(c["b"])) for c in data.get("cable", [])]
    return LabSpec(name=str(lab.get("name", folder.name)), units=units,
                   clock_ms=parse_clock(str(lab.get("clock", DEFAULT_CLOCK))), cables=cables,
                   root=None if is_builtin else folder, source=folder)
