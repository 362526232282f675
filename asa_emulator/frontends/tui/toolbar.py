"""The terminal's bottom toolbar: the lab, whose console this is, each unit's failover states,
the failover link, the virtual clock, and the lab's keys."""

from __future__ import annotations

from asa_emulator.console import LabSummary, UnitSummary

KEYS = "F2 other  F3 split  ^Q quit  @help"
SHORT = {"Standby Ready": "Standby"}   # the toolbar is one line of 80 columns for both units


def unit_text(unit: UnitSummary) -> str:
    """`primary Active/Standby` (group 1/group 2), `primary Active` (Active/Standby)."""
    if not unit.powered:
        return f"{unit.name} off"
    if not unit.up:
        return f"{unit.name} booting"
    return f"{unit.name} " + "/".join(SHORT.get(state, state) for state in unit.states)


def toolbar_lines(summary: LabSummary, current: str) -> list[str]:
    units = "  ".join(unit_text(u) for u in summary.units)
    return [f"{summary.name} | console: {current} | {units}",
            f"failover link {summary.links} | {summary.clock[:8]} | {KEYS}"]
