"""A lab directory's physical state (issue 21): which units are powered, which links are down,
failing or cut, kept in `physical.json` beside lab.toml so that a saved lab boots as it was
left: `exercise grade` sees the link a trainee brought up still up, the fault a setup made
still there.  The configuration is the flash's; this file is only what a hand did to the rack."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .parts import LabParts
from .spec import LabError

FILE = "physical.json"
MAX_BYTES = 64 * 1024


def state_of(lab: LabParts) -> dict[str, Any]:
    w = lab.wiring
    return {
        "powered": {name: u.powered for name, u in lab.units.items()},
        "no_link": sorted([u, p] for u, p in w.no_link),
        "failed": sorted([u, p] for u, p in w.failed),
        "cut": sorted(list(min(pair)) for pair in w.cut),     # one end names the cable
    }


def save(lab: LabParts, folder: Path) -> None:
    import os

    from ..device.flash import atomic_write
    data = (json.dumps(state_of(lab), indent=1, sort_keys=True) + "\n").encode()
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        atomic_write(fd, FILE, data)
    finally:
        os.close(fd)


def apply(lab: LabParts, folder: Path, only: set[tuple[str, str]] | None = None) -> list[str]:
    """Put the saved links on a lab just loaded (before it settles) and return the units to
    power off once it has (each powers on at the lab's start); no file: the lab as lab.toml
    cables it.  `only`: the saved faults of these (unit, port) ends alone, power left as it is."""
    path = folder / FILE
    if not path.is_file():
        return []
    try:
        raw = path.read_bytes()
        if len(raw) > MAX_BYTES:
            raise ValueError("too large")
        data = json.loads(raw)
        powered = {str(k): bool(v) for k, v in data.get("powered", {}).items()}
        ends = {key: [(str(u), str(p)) for u, p in data.get(key, [])] for key in ("no_link", "failed", "cut")}
    except (OSError, ValueError, TypeError, AttributeError) as exc:
        raise LabError(f"{path}: not a physical state file ({exc})") from None
    w = lab.wiring
    for unit, phys in ends["no_link"] + ends["failed"] + ends["cut"]:
        w.check_if(unit, phys)
    if only is not None:
        ends = {key: [end for end in found if end in only] for key, found in ends.items()}
        powered = {}
    for unit, phys in ends["no_link"]:
        w.set_link(unit, phys, False)
    for unit, phys in ends["failed"]:
        w.set_fail(unit, phys, True)
    for unit, phys in ends["cut"]:
        w.set_cut(unit, phys, True)
    for name in powered:
        lab.unit(name)
    lab.pair.links_changed()
    return [name for name, on in powered.items() if not on]


def power_off(lab: LabParts, names: list[str]) -> None:
    for name in names:
        lab.unit(name).power_off()
    if names:
        lab.pair.links_changed()
