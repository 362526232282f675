"""What lab.toml may say: every key's type and range, checked before a lab is built.

A lab file is input like any other: a typo must not fall back silently to a default (unknown keys
are refused), an absurd value must not reach the engine (a boot of a year, thousands of
interfaces), and a unit's flash folder must lie inside the lab directory.  Every problem is one
LabError line; load_spec puts the file's path in front of it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..console import ControlAccount
from ..device.hardware import DEFAULT_INTERFACES, Hardware, canonical_interface, known_models, max_contexts
from .account import USERNAME, hash_problem
from .spec import LabError, LabSpec, UnitSpec, parse_duration

DEFAULT_CLOCK = "2024-06-12T12:00:00Z"
BOOT_TIME_MS = (1_000, 10 * 60_000)            # 1s to 10m
POWER_ON_MS = (0, 24 * 3_600_000)              # at once to a day later
RAM_MB = (256, 65_536)
MAX_INTERFACES = 64
# The years an ASA's `clock set` accepts.  # unverified: 1993-2035 as on IOS
CLOCK_YEARS = (1993, 2035)
# `Failover : Disabled`: the Base licence of an ASA 5505, 5510 or 5512-X, which has no failover
FAILOVER_LICENCES = ("Active/Active", "Active/Standby", "Disabled")

UNIT_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,31}")        # @console NAME, cable ends NAME:IF
LAB_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
VERSION = re.compile(r"\d{1,2}\.\d{1,2}\(\d{1,3}\)\d{0,3}")     # 9.1(7), 9.2(2)4
SERIAL = re.compile(r"[A-Z0-9]{1,20}")
MAC = re.compile(r"[0-9a-fA-F]{4}\.[0-9a-fA-F]{4}\.[0-9a-fA-F]{4}")

TOP_KEYS = ("lab", "unit", "cable", "control")
LAB_KEYS = ("name", "clock", "volatile")
UNIT_KEYS = ("name", "model", "version", "serial", "interfaces", "mac_base", "ram_mb", "license",
             "power_on", "boot_time", "flash")
LICENSE_KEYS = ("failover", "contexts")
CABLE_KEYS = ("a", "b")
CONTROL_KEYS = ("username", "password_hash")

Table = dict[str, Any]


def shown(value: object) -> str:
    """A value quoted for a one-line message: control characters escaped, long values cut."""
    text = value if isinstance(value, str) else repr(value)
    text = repr(text)[1:-1]
    return f"'{text[:40]}...'" if len(text) > 40 else f"'{text}'"


def _kind(value: object) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a number", str: "a string",
             list: "a list", dict: "a table"}
    return names.get(type(value), "a date")


def _table(value: object, where: str, known: tuple[str, ...]) -> Table:
    if not isinstance(value, dict):
        raise LabError(f"{where} must be a table, not {_kind(value)}")
    for key in value:
        if key not in known:
            raise LabError(f"{where}: unknown key {shown(key)} (known: {', '.join(known)})")
    return value


def _str(t: Table, key: str, where: str, default: str, pattern: re.Pattern[str] | None = None,
         hint: str = "") -> str:
    value = t.get(key, default)
    if not isinstance(value, str):
        raise LabError(f"{where}: {key} must be a string, not {_kind(value)}")
    if pattern is not None and not pattern.fullmatch(value):
        raise LabError(f"{where}: {key} {shown(value)} is not valid ({hint})")
    return value


def _int(t: Table, key: str, where: str, default: int, lo: int, hi: int) -> int:
    value = t.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise LabError(f"{where}: {key} must be an integer, not {_kind(value)}")
    if not lo <= value <= hi:
        raise LabError(f"{where}: {key} must be from {lo} to {hi}, not {value}")
    return value


def _duration(t: Table, key: str, where: str, default: str, bounds: tuple[int, int],
              bounds_text: str) -> int:
    value = t.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise LabError(f"{where}: {key} must be a duration such as \"30s\", not {_kind(value)}")
    try:
        ms = parse_duration(str(value))
    except (LabError, ValueError, OverflowError):
        raise LabError(f"{where}: {key} {shown(value)} is not a duration (use 500ms, 30s, 2m)") from None
    if not bounds[0] <= ms <= bounds[1]:
        raise LabError(f"{where}: {key} must be from {bounds_text}, not {shown(value)}")
    return ms


def _clock(value: object) -> int:
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, str):
        try:
            dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise LabError(f"[lab]: clock {shown(value)} is not a date (use {DEFAULT_CLOCK})") from None
    else:
        raise LabError(f"[lab]: clock must be a date such as \"{DEFAULT_CLOCK}\", not {_kind(value)}")
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    try:
        year = dt.astimezone(UTC).year
    except OverflowError:           # 0001-01-01T00:00+01:00 is in the year 0 in UTC
        year = dt.year
    if not CLOCK_YEARS[0] <= year <= CLOCK_YEARS[1]:
        raise LabError(f"[lab]: clock must be in the years {CLOCK_YEARS[0]} to {CLOCK_YEARS[1]}, "
                       f"not {shown(str(value))}")
    return int(dt.timestamp() * 1000)


def _model(t: Table, where: str) -> str:
    model = _str(t, "model", where, Hardware.model)
    if model.removesuffix("-X") not in known_models():
        raise LabError(f"{where}: unknown model {shown(model)} (known: {', '.join(known_models())})")
    return model


def _interfaces(t: Table, where: str) -> tuple[str, ...]:
    value = t.get("interfaces", list(DEFAULT_INTERFACES))
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LabError(f"{where}: interfaces must be a list of interface names")
    if not 1 <= len(value) <= MAX_INTERFACES:
        raise LabError(f"{where}: interfaces must list 1 to {MAX_INTERFACES} interfaces, not {len(value)}")
    for name in value:
        if "." in name or canonical_interface(name, (name,)) != name:
            raise LabError(f"{where}: {shown(name)} is not a physical interface name "
                           "(such as GigabitEthernet0/1)")
    if len(set(value)) != len(value):
        raise LabError(f"{where}: interfaces are listed twice")
    return tuple(value)


def _licence(t: Table, where: str, model: str) -> tuple[str, int]:
    lic = _table(t.get("license", {}), f"{where}: license", LICENSE_KEYS)
    failover = _str(lic, "failover", where, "Active/Active")
    if failover not in FAILOVER_LICENCES:
        raise LabError(f"{where}: license failover must be one of {', '.join(FAILOVER_LICENCES)}, "
                       f"not {shown(failover)}")
    return failover, _int(lic, "contexts", f"{where}: license", 5, 0, max_contexts(model))


def _flash_dir(t: Table, where: str, folder: Path, default: str) -> Path:
    """The unit's flash folder: inside the lab directory (links resolved), and a folder."""
    rel = _str(t, "flash", where, default)
    if not rel or any(ord(c) < 32 for c in rel):
        raise LabError(f"{where}: flash {shown(rel)} is not a folder name")
    home = folder.resolve()
    try:
        real = (folder / rel).resolve()
    except (OSError, RuntimeError, ValueError):      # a loop of links, an unreadable folder
        raise LabError(f"{where}: flash folder {shown(rel)} cannot be resolved") from None
    if real == home or not real.is_relative_to(home):
        raise LabError(f"{where}: flash folder {shown(rel)} is outside the lab directory")
    try:
        if real.exists() and not real.is_dir():
            raise LabError(f"{where}: flash folder {shown(rel)} is a file, not a folder")
    except OSError as exc:          # a name too long, no permission
        raise LabError(f"{where}: flash folder {shown(rel)} cannot be used: "
                       f"{exc.strerror or exc}") from None
    return real


def _unit(raw: object, index: int, folder: Path) -> UnitSpec:
    t = _table(raw, f"[[unit]] {index}", UNIT_KEYS)
    if "name" not in t:
        raise LabError(f"[[unit]] {index}: name is missing")
    name = _str(t, "name", f"[[unit]] {index}", "", UNIT_NAME,
                "a letter, then letters, digits or _, at most 32")
    where = f"unit {name}"
    model = _model(t, where)
    failover, contexts = _licence(t, where, model)
    interfaces = _interfaces(t, where)
    mac_base = _str(t, "mac_base", where, Hardware.mac_base, MAC, "such as 0013.c480.8200")
    if int(mac_base.replace(".", ""), 16) + len(interfaces) >= 1 << 48:
        raise LabError(f"{where}: mac_base {shown(mac_base)} leaves no room for {len(interfaces)} interfaces")
    hw = Hardware(
        model=model,
        version=_str(t, "version", where, Hardware.version, VERSION, "such as 9.1(7)"),
        serial=_str(t, "serial", where, Hardware.serial, SERIAL, "capital letters and digits, at most 20"),
        interfaces=interfaces, mac_base=mac_base.lower(),
        ram_mb=_int(t, "ram_mb", where, Hardware.ram_mb, *RAM_MB),
        failover_license=failover, contexts_license=contexts,
    )
    return UnitSpec(name=name, hw=hw,
                    power_on_ms=_duration(t, "power_on", where, "0s", POWER_ON_MS, "0s to 24h"),
                    boot_ms=_duration(t, "boot_time", where, "30s", BOOT_TIME_MS, "1s to 10m"),
                    flash_dir=_flash_dir(t, where, folder, name))


def _cables(raw: object, units: list[UnitSpec]) -> list[tuple[str, str]]:
    if not isinstance(raw, list):
        raise LabError("[[cable]] must be a list of tables")
    ports = {u.name: u.hw.interfaces for u in units}
    used: set[str] = set()
    cables: list[tuple[str, str]] = []
    for i, item in enumerate(raw, 1):
        where = f"[[cable]] {i}"
        t = _table(item, where, CABLE_KEYS)
        ends = []
        for key in CABLE_KEYS:
            if key not in t:
                raise LabError(f"{where}: {key} is missing")
            end = _str(t, key, where, "")
            unit, _, phys = end.partition(":")
            if unit not in ports or phys not in ports[unit]:
                raise LabError(f"{where}: {key} {shown(end)} is not UNIT:INTERFACE of this lab "
                               "(such as primary:GigabitEthernet0/1)")
            if end in used:
                raise LabError(f"{where}: {shown(end)} is cabled twice")
            used.add(end)
            ends.append((unit, end))
        if ends[0][0] == ends[1][0]:
            raise LabError(f"{where}: a cable joins the two units")
        cables.append((ends[0][1], ends[1][1]))
    return cables


def _control(raw: object) -> ControlAccount:
    """`[control]`: the lab-control port's account (lab/account.py)."""
    t = _table(raw, "[control]", CONTROL_KEYS)
    for key in CONTROL_KEYS:
        if key not in t:
            raise LabError(f"[control]: {key} is missing "
                           "(python -m asa_emulator.lab.account prints the table)")
    username = _str(t, "username", "[control]", "", USERNAME, "letters, digits, . _ @ -, at most 64")
    stored = _str(t, "password_hash", "[control]", "")
    problem = hash_problem(stored)
    if problem is not None:
        raise LabError(f"[control]: password_hash {problem} "
                       "(python -m asa_emulator.lab.account prints one)")
    return ControlAccount(username, stored)


def build_spec(data: Table, folder: Path, in_memory: bool) -> LabSpec:
    """The lab a parsed lab.toml describes, or LabError naming the first thing wrong."""
    for key in data:
        if key not in TOP_KEYS:
            raise LabError(f"unknown table or key {shown(key)} (known: {', '.join(TOP_KEYS)})")
    lab = _table(data.get("lab", {}), "[lab]", LAB_KEYS)
    volatile = lab.get("volatile", False)
    if not isinstance(volatile, bool):
        raise LabError(f"[lab]: volatile must be true or false, not {_kind(volatile)}")
    name = _str(lab, "name", "[lab]", folder.name) if "name" in lab else folder.name
    if "name" in lab and not LAB_NAME.fullmatch(name):
        raise LabError(f"[lab]: name {shown(name)} is not valid (letters, digits, . _ -, at most 64)")
    raw_units = data.get("unit", [])
    if not isinstance(raw_units, list) or len(raw_units) != 2:
        raise LabError("a lab needs exactly two [[unit]] tables")
    units = [_unit(raw, i, folder) for i, raw in enumerate(raw_units, 1)]
    if units[0].name == units[1].name:
        raise LabError("the two units need different names")
    a, b = units[0].flash_dir, units[1].flash_dir
    if a == b or (a is not None and b is not None and (a.is_relative_to(b) or b.is_relative_to(a))):
        # one flash inside the other: a unit's file commands would reach its mate's flash
        raise LabError("the two units need different flash folders, neither inside the other")
    cables = _cables(data.get("cable", []), units)
    control = _control(data["control"]) if "control" in data else None
    return LabSpec(name=name, units=units, clock_ms=_clock(lab.get("clock", DEFAULT_CLOCK)),
                   cables=cables, root=None if in_memory or volatile else folder, source=folder,
                   control=control)
