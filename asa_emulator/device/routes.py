"""A context's routing table: connected (`C`), local (`L`, where the release has them) and
static (`S`) routes, the longest-prefix lookup `@traffic` and `ping` use, and which addresses
answer on a connected subnet (this unit's, and the mate's on the same interface)."""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

from ..records import dataclass
from .addresses import current_ip
from .interfaces import address_holder

if TYPE_CHECKING:
    from ..config.model import CtxInterface
    from .unit import Unit


@dataclass(frozen=True)
class Route:
    code: str                      # "C", "L", "S", "S*"
    network: str
    mask: str
    nameif: str
    gateway: str | None = None     # None: directly connected
    distance: int = 1
    metric: int = 0

    @property
    def net(self) -> ipaddress.IPv4Network:
        return ipaddress.IPv4Network(f"{self.network}/{self.mask}", strict=False)


def has_local_routes(u: Unit) -> bool:
    """`L` routes (each interface's own address as a /32) appear from 9.3 on (the 9.1
    configuration guide's `show route` has no `L`; 9.4+ captures do): the release in between is
    unverified."""
    return u.hw.at_least(9, 3)


def held_ip(u: Unit, context: str, itf: CtxInterface) -> tuple[str, str] | None:
    """The address `itf` answers at and sends from now: its own or, in transparent mode, its
    bridge group's BVI's (8.4(1) and later) or the context's management address (before):
    a transparent unit reaches a connected host through the member interfaces."""
    return current_ip(u, context, address_holder(u.ctx[context], itf))


def named_up(u: Unit, context: str) -> list[tuple[str, CtxInterface]]:
    """(physical, interface) for each named interface of the context with an IPv4 address in
    use on this unit whose link is up."""
    out: list[tuple[str, CtxInterface]] = []
    cdef = u.sys.contexts.get(context)
    ctx = u.ctx.get(context)
    if cdef is None or ctx is None:
        return out
    for a in cdef.allocations:
        itf = ctx.interfaces.get(a.ctx_name)
        if itf is None or not itf.nameif or itf.shutdown or held_ip(u, context, itf) is None:
            continue
        base = a.phys.split(".")[0]
        sysif = u.sys.interfaces.get(a.phys)
        parent = u.sys.interfaces.get(base)
        if (sysif and sysif.shutdown) or (parent and parent.shutdown) or not u.has_link(base):
            continue
        out.append((a.phys, itf))
    return out


def table(u: Unit, context: str) -> list[Route]:
    """The routes `show route` lists, in address order (connected before local)."""
    routes: list[Route] = []
    up = {itf.nameif: itf for _, itf in named_up(u, context)}
    for itf in up.values():
        ip = held_ip(u, context, itf)
        assert ip is not None
        net = ipaddress.IPv4Network(f"{ip[0]}/{ip[1]}", strict=False)
        routes.append(Route("C", str(net.network_address), str(net.netmask), itf.nameif))
        if has_local_routes(u):
            routes.append(Route("L", ip[0], "255.255.255.255", itf.nameif))
    connected = [r for r in routes if r.code == "C"]
    for r in u.ctx[context].routes:
        # a static route is installed while its gateway is on a connected subnet of its interface
        if r.nameif in up and any(c.nameif == r.nameif and ipaddress.IPv4Address(r.gateway) in c.net
                                  for c in connected):
            code = "S*" if r.mask == "0.0.0.0" else "S"
            routes.append(Route(code, r.network, r.mask, r.nameif, r.gateway, r.metric, 0))
    routes.sort(key=lambda r: (int(ipaddress.IPv4Address(r.network)), r.net.prefixlen,
                               "CLS".index(r.code[0])))
    return routes


def lookup(u: Unit, context: str, address: str) -> Route | None:
    """The route a packet to `address` takes: the longest prefix (L routes are the unit's own)."""
    dest = ipaddress.IPv4Address(address)
    best: Route | None = None
    for r in table(u, context):
        if r.code == "L" or dest not in r.net:
            continue
        if best is None or r.net.prefixlen > best.net.prefixlen:
            best = r
    return best


def answers(u: Unit, context: str, address: str) -> str | None:
    """The nameif behind which `address` answers (own address, or the mate's on the same
    interface while the mate is up and linked), or None: a ping to it times out."""
    mate = u.pair.mate_unit(u) if u.pair is not None else None
    for phys, itf in named_up(u, context):
        own = held_ip(u, context, itf)
        if own and own[0] == address:
            return itf.nameif
        if mate is None or not mate.up or context not in mate.ctx:
            continue
        mitf = mate.ctx[context].interfaces.get(itf.name)
        theirs = held_ip(mate, context, mitf) if mitf is not None and mitf.nameif else None
        if theirs and theirs[0] == address and mate.has_link(phys.split(".")[0]):
            return itf.nameif
    return None


def gateway_line(routes: list[Route]) -> str:
    default = next((r for r in routes if r.code == "S*"), None)
    if default is None:
        return "Gateway of last resort is not set"
    return f"Gateway of last resort is {default.gateway} to network 0.0.0.0"


# `show route summary`: no capture of an ASA found; modelled on IOS's `show ip route summary`
# (its columns, and 88 bytes of overhead and 288 of memory per route)  # unverified
_SUMMARY_HEAD = f"{'Route Source':<16}{'Networks':<12}{'Subnets':<12}{'Replicates':<12}{'Overhead':<12}Memory (bytes)"


def _classful(r: Route) -> bool:
    """A route of a whole class A/B/C network (or the default route): a `Networks` count;
    any other prefix is a subnet."""
    first = int(r.network.split(".")[0])
    natural = 8 if first < 128 else 16 if first < 192 else 24
    return r.net.prefixlen in (0, natural)


def show_route_summary(table: list[Route]) -> list[str]:
    """Each route source of the table (connected with local, static), then the total."""
    out = ["IP routing table maximum-paths is 3", _SUMMARY_HEAD]
    total = [0, 0, 0, 0]
    for source, codes in (("connected", "CL"), ("static", "S")):
        mine = [r for r in table if r.code[0] in codes]
        nets = sum(1 for r in mine if _classful(r))
        row = [nets, len(mine) - nets, 88 * len(mine), 288 * len(mine)]
        total = [a + b for a, b in zip(total, row, strict=True)]
        out.append(f"{source:<16}{row[0]:<12}{row[1]:<12}{0:<12}{row[2]:<12}{row[3]}")
    out.append(f"{'Total':<16}{total[0]:<12}{total[1]:<12}{0:<12}{total[2]:<12}{total[3]}")
    return out
