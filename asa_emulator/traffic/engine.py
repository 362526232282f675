"""Packets through the contexts of the two units, Stateful Failover and ASR groups.

A packet (from the `@traffic` directive) arrives on one unit, on one context's interface:

* where the context's failover group is active, it belongs to the connection it matches
  (same endpoints, sender's end on that interface) and leaves through the connection's other
  interface; a packet that matches no connection opens one (it is taken as the first packet,
  the SYN of a TCP connection) if the policy allows it: an inbound `access-group` on its
  interface decides; without one, only traffic from a higher to a lower security level
  passes; an outbound `access-group` on the egress interface must permit it too.  The egress
  is the interface the packet names, else the one the context's routes choose.  A denied
  packet, a close (FIN/RST) without a connection, a packet with no route are dropped and
  counted in `show asp drop` (hits of the deciding entry in `show access-list`);
* where the group is standby, it is dropped;
* on an interface with `asr-group N` (and Stateful Failover configured), a packet that matches
  no connection of its context is first looked up on the unit's other interfaces of ASR group
  N, in any context, standby copies included (chapter 34, "Configuring Support for
  Asymmetrically Routed Packets").  Found in a context active on this unit: reinjected there.
  Found in a context active on the mate: sent out of the member interface to the mate, which
  forwards it on its connection (Figure 34-1, steps 3-5).  Not found: dropped.

Stateful Failover (`failover link` configured and carrying): building or closing a
connection in an active context sends the update to the mate's same context, where the group
is standby; HTTP (TCP to port 80) only with the group's `replication http`.  When a group
becomes standby on a unit its contexts' connections there are replaced by a bulk copy from the
active unit; with the stateful link down nothing is sent and the standby's copies go stale.
A group that fails over keeps, on its new active unit, the copies it had received.
"""

from __future__ import annotations

from dataclasses import field
from typing import TYPE_CHECKING, Protocol

from ..device import acl, bridge, routes
from ..device.boundary import IfCounters
from ..failover.state import GroupState, PairState
from ..records import dataclass
from . import show
from .inspection import Inspections
from .table import TCP, UDP, Addr, Conn, ConnTable, Endpoint, copy_conn, flags, is_http, orient, record

if TYPE_CHECKING:
    from ..config.model import CtxInterface
    from ..device.unit import Unit

PROTOCOLS = (TCP, UDP)
TIMEOUTS = {TCP: "1h0m", UDP: "2m0s"}


@dataclass
class ReplCounter:
    """Stateful Failover connection updates of one group and protocol."""

    xmit: int = 0
    rcv: int = 0


@dataclass
class UnitTraffic:
    """One unit's traffic state; it lives in memory and goes with a reload or power loss."""

    tables: dict[str, ConnTable] = field(default_factory=dict)
    counters: dict[tuple[str, str], IfCounters] = field(default_factory=dict)  # (ctx, allocated if)
    repl: dict[tuple[int, str], ReplCounter] = field(default_factory=dict)     # (group, TCP|UDP)
    hits: dict[str, acl.Hits] = field(default_factory=dict)    # context -> access-list hit counts
    last_hits: dict[str, acl.Hits] = field(default_factory=dict)   # context -> clock ms of the last hit
    drops: dict[str, int] = field(default_factory=dict)        # `show asp drop` reason -> frames
    drops_cleared: int | None = None                           # clock ms of `clear asp drop`
    flows: int = 0                                             # connections built since boot

    def table(self, ctx: str) -> ConnTable:
        return self.tables.setdefault(ctx, ConnTable())

    def repl_counter(self, gid: int, proto: str) -> ReplCounter:
        return self.repl.setdefault((gid, proto), ReplCounter())


@dataclass(frozen=True)
class Packet:
    """One packet: from `src` arriving on `src_if` towards `dst` (out of `dst_if` if it opens
    a connection; None: where the routes send it), with `nbytes` of payload; `close` ends the
    connection (FIN/RST)."""

    proto: str
    src_if: str
    src: Addr
    dst_if: str | None
    dst: Addr
    nbytes: int = 0
    close: bool = False


class Tap(Protocol):
    """What watches packets go by (packet capture, asa_emulator/troubleshoot/capture.py):
    told of each packet as it arrives, each time an interface of a context receives or sends
    it, and of each drop."""

    def begin(self, u: Unit, ctx: str, p: Packet) -> None: ...

    def seen(self, u: Unit, ctx: str, nameif: str, p: Packet) -> None: ...

    def dropped(self, u: Unit, ctx: str, nameif: str, p: Packet, reason: str) -> None: ...

    def unit_reset(self, u: Unit) -> None: ...


def security_level(itf: CtxInterface | None) -> int:
    """The configured level, else the ASA's default: 100 for `inside`, 0 otherwise."""
    if itf is None:
        return 0
    if itf.security_level is not None:
        return itf.security_level
    return 100 if itf.nameif == "inside" else 0


class Traffic:
    """The lab's traffic engine.  It reads the pair's state (who is active, paired, the
    cabling) and listens for group changes (state.GroupListener); the lab subscribes it."""

    def __init__(self, ps: PairState) -> None:
        self.ps = ps
        self.units: dict[str, UnitTraffic] = {}
        # packet watchers: the inspection counters of `show service-policy`, and the captures
        self.inspections = Inspections()
        self.taps: list[Tap] = [self.inspections]

    def of(self, u: Unit) -> UnitTraffic:
        found = self.units.get(u.name)      # (setdefault would build a UnitTraffic per call)
        if found is None:
            found = self.units[u.name] = UnitTraffic()
        return found

    def unit_reset(self, u: Unit) -> None:
        """The unit booted or lost power: its connections and counters are gone."""
        self.units[u.name] = UnitTraffic()
        for tap in self.taps:
            tap.unit_reset(u)

    # ------------------------------------------------------------------ interfaces
    def interface(self, u: Unit, ctx: str, nameif: str) -> CtxInterface | None:
        cfg = u.ctx.get(ctx)
        return cfg.by_nameif(nameif) if cfg is not None else None

    def _phys(self, u: Unit, ctx: str, itf: CtxInterface) -> str | None:
        cdef = u.sys.contexts.get(ctx)
        if cdef is None:
            return None
        return next((a.phys for a in cdef.allocations if a.ctx_name == itf.name), None)

    def passes(self, u: Unit, ctx: str, nameif: str) -> bool:
        """The interface passes packets now (packet-tracer reads it; nothing changes)."""
        return self._up(u, ctx, nameif)

    def _up(self, u: Unit, ctx: str, nameif: str) -> bool:
        """The interface passes packets: configured, not shut down, physical link up."""
        itf = self.interface(u, ctx, nameif)
        phys = self._phys(u, ctx, itf) if itf is not None else None
        if itf is None or phys is None or itf.shutdown:
            return False
        base = phys.split(".")[0]
        for name in (phys, base):
            sysif = u.sys.interfaces.get(name)
            if sysif is not None and sysif.shutdown:
                return False
        return self.ps.link.has_link(u.name, base)

    def _management_only(self, u: Unit, ctx: str, nameif: str) -> bool:
        itf = self.interface(u, ctx, nameif)
        return itf is not None and itf.is_management_only

    def _counter(self, u: Unit, ctx: str, nameif: str) -> IfCounters:
        itf = self.interface(u, ctx, nameif)
        return self.of(u).counters.setdefault((ctx, itf.name if itf else nameif), IfCounters())

    def _count_in(self, u: Unit, ctx: str, nameif: str, p: Packet) -> None:
        c = self._counter(u, ctx, nameif)
        c.packets_in += 1
        c.bytes_in += p.nbytes
        for tap in self.taps:
            tap.seen(u, ctx, nameif, p)

    def _count_out(self, u: Unit, ctx: str, nameif: str, p: Packet) -> None:
        c = self._counter(u, ctx, nameif)
        c.packets_out += 1
        c.bytes_out += p.nbytes
        for tap in self.taps:
            tap.seen(u, ctx, nameif, p)

    def _drop(self, u: Unit, ctx: str, nameif: str, p: Packet, reason: str | None = None) -> str:
        """Drop the packet; `reason` is its `show asp drop` counter, if the emulator keeps one."""
        self._counter(u, ctx, nameif).dropped += 1
        if reason is not None:
            drops = self.of(u).drops
            drops[reason] = drops.get(reason, 0) + 1
            for tap in self.taps:
                tap.dropped(u, ctx, nameif, p, reason)
        return "dropped"

    # ------------------------------------------------------------------ packets
    def packet(self, u: Unit, ctx: str, p: Packet) -> str:
        """Deliver a packet to unit u's context; say what became of it: lost (never arrived:
        unit or interface down), built, forwarded, closed, reinjected, redirected,
        asr-dropped or dropped."""
        for tap in self.taps:
            tap.begin(u, ctx, p)
        if not u.up or ctx not in u.ctx or not self._up(u, ctx, p.src_if):
            return "lost"
        self._count_in(u, ctx, p.src_if, p)
        if self._management_only(u, ctx, p.src_if):
            # `show interface`: "Management-only interface. Blocked N through-the-device packets"
            self._counter(u, ctx, p.src_if).blocked += 1
            return self._drop(u, ctx, p.src_if, p)
        tbl = self.of(u).table(ctx)
        if not u.is_active_here(ctx):
            return self._asr(u, ctx, p) or self._drop(u, ctx, p.src_if, p, "fo-standby")
        conn = tbl.find(p.proto, p.src, p.dst, p.src_if)
        if conn is not None:
            return self._forward(u, ctx, conn, p, p.src_if)
        if tbl.get(p.proto, p.src, p.dst) is not None:
            return self._drop(u, ctx, p.src_if, p)  # a known connection, on the wrong interface
        asr = self._asr(u, ctx, p)
        if asr is not None:
            return asr
        if p.close:
            return self._drop(u, ctx, p.src_if, p, "tcp-not-syn" if p.proto == TCP else None)
        return self._build(u, ctx, p)

    def _egress(self, u: Unit, ctx: str, p: Packet) -> str | None:
        """The interface a new connection leaves by: the one named, else the route's."""
        if p.dst_if is not None:
            return p.dst_if
        cfg = u.ctx[ctx]
        if cfg.transparent:
            # a transparent space bridges through traffic to its group's other member,
            # whatever the address (device/bridge.py)
            return bridge.egress(cfg, p.src_if)
        route = routes.lookup(u, ctx, p.dst[0])
        return route.nameif if route is not None else None

    def _check(self, u: Unit, ctx: str, nameif: str, way: str, p: Packet) -> bool | None:
        """The verdict of the access list applied to nameif in direction `way` (None: there
        is none); a matching entry's hit count goes up."""
        cfg = u.ctx[ctx]
        name = cfg.access_groups.get((nameif, way))
        if name is None:
            return None
        flow = acl.Flow(p.proto.lower(), p.src[0], p.dst[0], p.dst[1])
        action, key = acl.first_match(cfg, name, flow)
        if key is not None:
            hits = self.of(u).hits.setdefault(ctx, {})
            hits[key] = hits.get(key, 0) + 1
            self.of(u).last_hits.setdefault(ctx, {})[key] = u.clock.now
        return action == "permit"

    def _permitted(self, u: Unit, ctx: str, p: Packet, egress: str) -> bool:
        """Inbound access list, else the security levels (higher to lower only, as on an ASA
        without `same-security-traffic`); then the egress interface's outbound list."""
        inbound = self._check(u, ctx, p.src_if, "in", p)
        if inbound is None:
            levels = [security_level(self.interface(u, ctx, n)) for n in (p.src_if, egress)]
            inbound = levels[0] > levels[1]
        if not inbound:
            return False
        return self._check(u, ctx, egress, "out", p) is not False

    def _build(self, u: Unit, ctx: str, p: Packet) -> str:
        """Open a connection if a route (or the named interface) gives it an egress and the
        policy permits it."""
        egress = self._egress(u, ctx, p)
        if egress is None or self._management_only(u, ctx, egress):
            # unverified: through traffic routed out of a management-only interface is
            # dropped as unroutable (its routes serve the unit's own traffic only)
            if not u.ctx[ctx].transparent:
                return self._drop(u, ctx, p.src_if, p, "no-route")
            unmanaged = bridge.unmanaged(u.ctx[ctx], p.src_if)
            if unmanaged is not None:
                u.log(*bridge.no_management_address(p.proto, p.src_if, p.src, unmanaged, p.dst), ctx)
            return self._drop(u, ctx, p.src_if, p, "dst-l2_lookup-fail")
        if not self._permitted(u, ctx, p, egress):
            return self._drop(u, ctx, p.src_if, p, "acl-drop")
        if not self._up(u, ctx, egress):
            return self._drop(u, ctx, p.src_if, p, "interface-down")
        now = self.ps.clock.now
        conn = Conn(p.proto, Endpoint(p.src_if, *p.src), Endpoint(egress, *p.dst), now, now)
        record(conn, p.src, p.nbytes, now)
        self.of(u).table(ctx).add(conn)
        self.of(u).flows += 1
        self._count_out(u, ctx, egress, p)
        self._replicate(u, ctx, conn, opened=True)
        return "built"

    def _forward(self, u: Unit, ctx: str, conn: Conn, p: Packet, ingress: str) -> str:
        egress = conn.other_end(p.src).nameif
        if not self._up(u, ctx, egress):
            return self._drop(u, ctx, ingress, p)
        record(conn, p.src, p.nbytes, self.ps.clock.now)
        self._count_out(u, ctx, egress, p)
        if p.close:
            self.of(u).table(ctx).remove(conn)
            self._replicate(u, ctx, conn, opened=False)
            return "closed"
        return "forwarded"

    # ------------------------------------------------------------------ ASR groups
    def _stateful(self, u: Unit) -> bool:
        """Stateful Failover is configured (without it `asr-group` has no effect)."""
        f = u.sys.failover
        return f.enabled and f.link is not None

    def _asr_members(self, u: Unit, group: int) -> list[tuple[str, CtxInterface]]:
        return [(name, itf) for name, _, itf in u.spaces.named_interfaces() if itf.asr_group == group]

    def _asr(self, u: Unit, ctx: str, p: Packet) -> str | None:
        """ASR handling of a packet that matches no connection of its context; None when the
        interface is in no ASR group, Stateful Failover is off or no member knows the
        connection."""
        itf = self.interface(u, ctx, p.src_if)
        if itf is None or itf.asr_group is None or not self._stateful(u):
            return None
        for ctx2, member in self._asr_members(u, itf.asr_group):
            if ctx2 == ctx and member.nameif == p.src_if:
                continue
            conn = self.of(u).table(ctx2).find(p.proto, p.src, p.dst, member.nameif)
            if conn is None:
                continue
            if u.is_active_here(ctx2):
                self._forward(u, ctx2, conn, p, member.nameif)
                return "reinjected"
            return self._redirect(u, ctx, ctx2, member, p)
        return None

    def _redirect(self, u: Unit, ctx: str, ctx2: str, member: CtxInterface, p: Packet) -> str:
        """Send the packet out of `member` (context ctx2) to the mate, where ctx2 is active."""
        m = self.ps.mate(u)
        if not (m.up and ctx2 in m.ctx and m.is_active_here(ctx2)):
            return self._drop(u, ctx, p.src_if, p)
        name = member.nameif
        phys = self._phys(u, ctx2, member)
        mine = self._counter(u, ctx2, name)
        if not (phys and self._up(u, ctx2, name) and self._up(m, ctx2, name)
                and self.ps.link.carries(u.name, phys)):
            mine.asr_dropped += 1
            return "asr-dropped"
        mine.asr_transmitted += 1
        self._count_out(u, ctx2, name, p)
        self._counter(m, ctx2, name).asr_received += 1
        self._count_in(m, ctx2, name, p)
        conn = self.of(m).table(ctx2).find(p.proto, p.src, p.dst, name)
        if conn is None:
            self._drop(m, ctx2, name, p)
        else:
            self._forward(m, ctx2, conn, p, name)
        return "redirected"

    # ------------------------------------------------------------------ Stateful Failover
    def _http_ok(self, u: Unit, ctx: str, conn: Conn) -> bool:
        """HTTP connections replicate only with the group's `replication http` (the
        system-wide `failover replication http` has no effect in Active/Active)."""
        if not is_http(conn):
            return True
        grp = u.sys.failover.groups.get(u.spaces.group_of(ctx))
        return bool(grp and grp.replication_http)

    def _link_up(self, u: Unit) -> bool:
        return self._stateful(u) and self.ps.state_link_carries(u)

    def _standby_mate(self, u: Unit, ctx: str) -> Unit | None:
        """The mate, if it holds ctx's group as standby and updates reach it now."""
        ps = self.ps
        m = ps.mate(u)
        if not (self._link_up(u) and m.up and ctx in m.ctx):
            return None
        if not (ps.of(u).paired and ps.of(m).paired):
            return None
        return m if ps.state(m, u.spaces.group_of(ctx)) == GroupState.STANDBY_READY else None

    def _sent(self, src: Unit, dst: Unit, gid: int, proto: str) -> None:
        self.of(src).repl_counter(gid, proto).xmit += 1
        self.of(dst).repl_counter(gid, proto).rcv += 1

    def _replicate(self, u: Unit, ctx: str, conn: Conn, opened: bool) -> None:
        m = self._standby_mate(u, ctx)
        if m is None or not self._http_ok(u, ctx, conn):
            return
        theirs = self.of(m).table(ctx)
        if opened:
            theirs.add(copy_conn(conn))
        else:
            theirs.remove(conn)
        self._sent(u, m, u.spaces.group_of(ctx), conn.proto)

    def _bulk(self, src: Unit, dst: Unit, gid: int) -> None:
        """The active unit gives a unit that became standby its group's connections."""
        if not self._link_up(src):
            return
        for ctx in src.sys.contexts:
            if src.spaces.group_of(ctx) != gid or ctx not in dst.ctx:
                continue
            conns = [copy_conn(c) for c in self.of(src).table(ctx) if self._http_ok(src, ctx, c)]
            self.of(dst).table(ctx).replace_all(conns)
            for c in conns:
                self._sent(src, dst, gid, c.proto)

    def group_changed(self, u: Unit, gid: int, before: GroupState, after: GroupState) -> None:
        """Failover group gid changed state on unit u (state.GroupListener)."""
        was, now = before.active, after.active
        if was and not now:
            # no longer active here: these connections now live on the mate (the copies it
            # received) or are gone; a bulk sync refills the standby copies
            for ctx in u.sys.contexts:
                if u.spaces.group_of(ctx) == gid:
                    self.of(u).table(ctx).replace_all([])
        m = self.ps.mate(u)
        if not m.up:
            return
        if after == GroupState.STANDBY_READY and self.ps.of(m).groups[gid].active:
            self._bulk(m, u, gid)
        elif now and not was and self.ps.state(m, gid) == GroupState.STANDBY_READY:
            self._bulk(u, m, gid)

    def config_replaced(self, u: Unit, contexts: list[str]) -> None:
        """`write standby` replaced the configuration of these contexts, active on u: their
        connections are terminated there, and the mate's standby copies go with them
        (state.GroupListener)."""
        for x in (u, self.ps.mate(u)):
            for ctx in contexts:
                self.of(x).table(ctx).replace_all([])

    # ------------------------------------------------------------------ CLI
    def counts(self, u: Unit, ctx: str) -> tuple[int, int]:
        tbl = self.of(u).table(ctx)
        return len(tbl), tbl.most_used

    def conn_views(self, u: Unit, ctx: str) -> list[show.ConnView]:
        now = self.ps.clock.now
        cfg = u.ctx.get(ctx)

        def level(nameif: str) -> int:
            return security_level(cfg.by_nameif(nameif) if cfg else None)
        out = []
        for c in self.of(u).table(ctx):
            outside, inside, from_outside = orient(c, level)
            out.append(show.ConnView(
                c.proto, outside.nameif, outside.ip, outside.port, inside.nameif, inside.ip,
                inside.port, (now - c.last_ms) // 1000, (now - c.created_ms) // 1000, c.bytes,
                flags(c, from_outside), c.initiator.ip, c.responder.ip, TIMEOUTS[c.proto]))
        return out

    def clear(self, u: Unit, ctx: str, proto: str | None = None, address: str | None = None,
              port: int | None = None) -> int:
        """`clear conn`: tear the connections down (the teardown replicates from the active
        unit); returns how many went."""
        tbl = self.of(u).table(ctx)
        gone = tbl.select(proto, address, port)
        active = u.is_active_here(ctx)
        for c in gone:
            tbl.remove(c)
            if active:
                self._replicate(u, ctx, c, opened=False)
        return len(gone)

    def hosts(self, u: Unit, ctx: str) -> list[tuple[str, str, int]]:
        """(nameif, address, last seen ms) of each end of the context's connections: the
        hosts `show arp` lists when they are on a connected subnet."""
        seen: dict[tuple[str, str], int] = {}
        for c in self.of(u).table(ctx):
            for end in (c.initiator, c.responder):
                key = (end.nameif, end.ip)
                seen[key] = max(seen.get(key, 0), c.last_ms)
        return [(n, ip, ms) for (n, ip), ms in seen.items()]

    def acl_hits(self, u: Unit, ctx: str) -> acl.Hits:
        return self.of(u).hits.get(ctx, {})

    def acl_last_hits(self, u: Unit, ctx: str) -> acl.Hits:
        """The clock time (ms) each access-list element was last hit."""
        return self.of(u).last_hits.get(ctx, {})

    def clear_acl_hits(self, u: Unit, ctx: str, name: str | None) -> None:
        for table in (self.of(u).hits.get(ctx, {}), self.of(u).last_hits.get(ctx, {})):
            for key in [k for k in table if name is None or k[0] == name]:
                del table[key]

    def asp_drops(self, u: Unit) -> dict[str, int]:
        return self.of(u).drops

    def clear_asp_drops(self, u: Unit, now_ms: int) -> None:
        t = self.of(u)
        t.drops = {}
        t.drops_cleared = now_ms

    def if_counters(self, u: Unit, ctx: str, ifname: str) -> IfCounters:
        """Counters of a context interface, by its allocated name."""
        return self.of(u).counters.get((ctx, ifname)) or IfCounters()

    def phys_counters(self, u: Unit) -> dict[str, IfCounters]:
        """Physical interface -> what the context interfaces on it saw, added up (a port
        also counts its subinterfaces)."""
        totals: dict[str, IfCounters] = {}
        for (ctx, ifname), c in self.of(u).counters.items():
            cdef = u.sys.contexts.get(ctx)
            phys = next((a.phys for a in cdef.allocations if a.ctx_name == ifname), None) if cdef else None
            if phys is None:
                continue
            for name in dict.fromkeys((phys, phys.split(".")[0])):
                totals.setdefault(name, IfCounters()).add(c)
        return totals

    def repl_stats(self, u: Unit, gid: int | None = None) -> dict[str, tuple[int, int]]:
        """Stateful Failover `TCP conn` / `UDP conn` (xmit, rcv), one group or all."""
        repl = self.of(u).repl
        rows = {}
        for proto in PROTOCOLS:
            xmit = rcv = 0
            for (g, pr), c in repl.items():
                if pr == proto and (gid is None or g == gid):
                    xmit += c.xmit
                    rcv += c.rcv
            rows[f"{proto} conn"] = (xmit, rcv)
        return rows

