"""The platform's own shows (system space and single mode: `show memory detail`, `show cpu
usage detailed`, `show environment`, `show vlan`) and a context's `show asp table routing`.
device/platform_show.py and device/asp_table.py print; `show asp table classify` reads the
traffic engine's hit counts and lives in traffic/commands.py."""

from __future__ import annotations

from .. import asp_table, platform_show, routes
from ..commands import Command, handler


@handler("show_memory_detail")
def show_memory_detail(cmd: Command) -> None:
    cmd.print(*platform_show.show_memory_detail(cmd.unit.hw.ram_mb))


@handler("show_cpu_detailed")
def show_cpu_detailed(cmd: Command) -> None:
    cmd.print(*platform_show.show_cpu_detailed(platform_show.cores(cmd.unit.hw)))


@handler("show_environment")
def show_environment(cmd: Command) -> None:
    cmd.print(*platform_show.show_environment(cmd.unit.hw))


@handler("show_vlan")
def show_vlan(cmd: Command) -> None:
    """The VLANs of the unit's subinterfaces (single mode: the one space's are the system's)."""
    vlans = [itf.vlan for itf in cmd.unit.sys.interfaces.values() if itf.vlan is not None]
    cmd.print(*platform_show.show_vlan(vlans))


@handler("show_asp_table_routing")
def show_asp_table_routing(cmd: Command) -> None:
    u, context = cmd.unit, cmd.session.context or ""
    own: dict[str, tuple[str, str]] = {}
    for _, itf in routes.named_up(u, context):
        ip = routes.held_ip(u, context, itf)
        if ip is not None:
            own[itf.nameif] = ip
    cmd.print(*asp_table.show_asp_routing(routes.table(u, context), own))
