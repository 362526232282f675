"""`show resource usage`: the live count of each modelled resource per context, and its peak
since the unit booted.

Counted: SSH sessions (the unit's management sessions in the context), connections and their
peak (the traffic engine's table), hosts (the distinct addresses of the context's connections)
and routes (the context's routing table).  Not modelled, so never counted: Telnet, ASDM,
syslog and connection rates, inspections, xlates (no NAT).  A peak other than the connections'
is the highest count a `show resource usage` has seen since boot (the emulator does not sample
between commands).
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from . import everyday, routes

if TYPE_CHECKING:
    from .unit import Unit

RESOURCES = ("Telnet", "SSH Server", "ASDM", "Syslogs [rate]", "Conns", "Xlates", "Hosts",
             "Conns [rate]", "Inspects [rate]", "Routes")
DEFAULT_LIMIT = {"Telnet": "5", "SSH Server": "5", "ASDM": "5"}
# the legend that ends the listing (ntc fixture cisco_asa_show_resource_usage.raw, a real unit)
LEGEND = "S = System: Combined context limits exceed the system limit; the system limit is shown"

# per unit: (the boot the peaks belong to, (context, resource) -> peak)
_PEAKS: WeakKeyDictionary[Unit, tuple[int, dict[tuple[str, str], int]]] = WeakKeyDictionary()


def _current(u: Unit, name: str) -> tuple[dict[str, int], int]:
    """The context's counts now, and the engine's connection peak."""
    conns, most = u.traffic.counts(u, name) if u.traffic is not None else (0, 0)
    hosts = {ip for _nameif, ip, _ms in u.traffic.hosts(u, name)} if u.traffic is not None else set()
    return {"SSH Server": u.mgmt.ssh_count(name), "Conns": conns, "Hosts": len(hosts),
            "Routes": len(routes.table(u, name))}, most


def usage_rows(u: Unit, threshold: int = 1) -> list[everyday.ResourceRow]:
    """Each context's resources whose count or peak reached `threshold` (the real default:
    rows that never reached 1 are left out, as in the real capture)."""
    booted, peaks = _PEAKS.get(u, (u.booted_at, {}))
    if booted != u.booted_at:
        peaks = {}
    _PEAKS[u] = (u.booted_at, peaks)
    out = []
    for name in u.sys.contexts:
        if name not in u.ctx:
            continue
        now, most_conns = _current(u, name)
        for r in RESOURCES:
            cur = now.get(r, 0)
            peak = peaks[(name, r)] = max(peaks.get((name, r), 0), cur, most_conns if r == "Conns" else 0)
            if max(cur, peak) >= threshold:
                out.append(everyday.ResourceRow(r, cur, peak, DEFAULT_LIMIT.get(r, "unlimited"), 0, name))
    return out


def show_usage(u: Unit) -> list[str]:
    return [*everyday.show_resource_usage(usage_rows(u)), LEGEND]
