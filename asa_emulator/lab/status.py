"""`@status`: the units, their power, failover group states, links and the clock, in 80 columns."""

from __future__ import annotations

from datetime import UTC, datetime

from ..console import LabSummary, UnitSummary
from .parts import LabParts as Lab


def clock_text(ms: int) -> str:
    """The lab clock as the status and the terminal's toolbar show it."""
    when = datetime.fromtimestamp(ms / 1000, tz=UTC)
    return f"{when:%H:%M:%S} UTC {when:%b} {when.day} {when:%Y}"


def status_lines(lab: Lab) -> list[str]:
    """One row per unit (power, role, failover, each group's or the unit's state), then one
    line per special link: the table stays narrow however long the interface names are."""
    heads = ["unit", "power", "role", "failover", *lab.pair.status_headings()]
    rows: list[list[str]] = []
    lan: list[str] = []
    state: list[str] = []
    for name, u in lab.units.items():
        role, failover, *rest = lab.pair.status_row(u)
        *groups, lan_link, state_link = rest
        rows.append([name, "on" if u.powered else "off", role, failover, *map(_text, groups)])
        lan.append(f"{name} {lan_link}")
        state.append(f"{name} {state_link}")
    widths = [max(len(r[i]) for r in [heads, *rows]) for i in range(len(heads))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()
    return [f"lab {lab.spec.name}  {clock_text(lab.clock.now)}",
            line(heads), *(line(r) for r in rows),
            "failover link: " + ", ".join(lan),
            "state link:    " + ", ".join(state)]


def summary(lab: Lab) -> LabSummary:
    units = []
    links = ""
    for name, u in lab.units.items():
        _role, _failover, *rest = lab.pair.status_row(u)
        *states, lan_link, _state_link = rest
        units.append(UnitSummary(name, u.powered, u.up, tuple(_text(s) for s in states)))
        if u.up and not links:
            links = lan_link
    return LabSummary(lab.spec.name, clock_text(lab.clock.now), tuple(units), links or "-")


def _text(state: object) -> str:
    """A state as printed (a GroupState's value, or the placeholder `-`)."""
    return str(getattr(state, "value", state))
