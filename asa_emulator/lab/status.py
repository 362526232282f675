"""`@status`: a table of the units, their power, failover group states, links and the clock."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .lab import Lab


def status_lines(lab: Lab) -> list[str]:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    when = datetime.fromtimestamp(lab.clock.now / 1000, tz=UTC)
    table = Table(title=f"lab {lab.spec.name}  {when:%H:%M:%S} UTC {when:%b} {when.day} {when:%Y}",
                  box=box.ASCII, show_lines=False)
    for col in ("unit", "power", "role", "failover", *lab.pair.status_headings(),
                "failover link", "state link"):
        table.add_column(col)
    for name, u in lab.units.items():
        row = lab.pair.status_row(u)
        table.add_row(name, "on" if u.powered else "off", *row)
    buf = io.StringIO()
    Console(file=buf, width=110, color_system=None, force_terminal=False,
            legacy_windows=False).print(table)
    return [ln.rstrip() for ln in buf.getvalue().splitlines()]
