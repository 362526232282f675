"""`packet-tracer`: one made-up packet walked through a context's policy, changing nothing.

The walk is the traffic engine's own decision for the first packet of a connection
(traffic/engine.py `_build`), read without its side effects: no connection, no hit count, no
drop counter.  It prints the phases a real unit prints for what the emulator models: the route
lookup, the inbound access list of the input interface (the matching entry, or the implicit
rule), the outbound list of the egress interface, IP options and the flow creation.

Layout from public captures of real units (cited beside each form):
* 8.x/9.1 form, `Subtype: input` and the route as `in   NET  MASK  IF`: the ASA 8.x
  troubleshooting write-up "ASA packet-tracer" (denon-it.blogspot.com, 2012), an ajsnetworking
  blog capture (2015) and a Fortinet community question quoting an ASA 5505 (8.x) whose
  allowed flow ends with FLOW-CREATION `New flow created with id N, packet dispatched to next
  module` and whose port-81 flow drops on `Implicit Rule` with `(acl-drop) Flow is denied by
  configured rule`;
* 9.x form, `Subtype: Resolve Egress Interface` and `found next-hop X using egress ifc  IF`
  (two spaces): a 9.x capture in a public Russian ASA lab write-up (ASAv), which also shows a
  destination without a route: no phase at all, the input lines, `Action: drop`,
  `Drop-reason: (no-route) No route to host`.  # unverified: the release the form changed in
  (taken as 9.3, where `show route` gained its `L` routes);
* a matching entry: `Subtype: log`, `Config:` the `access-group` line then the entry
  (denon-it capture, ajsnetworking capture; a deny entry reads the same with `Result: DROP`,
  an FTD 6.x capture).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..config.acl import entry_text
from ..device import acl, bridge, routes
from ..records import dataclass
from ..traffic.engine import security_level
from . import to_the_box as box

if TYPE_CHECKING:
    from ..config.model import AclAddr, AclEntry, ContextConfig
    from ..device.unit import Unit
    from ..traffic.engine import Traffic

# drop reasons as `show asp drop` names them (device/acl.py DROP_REASONS)
NO_ROUTE = "(no-route) No route to host"
ACL_DROP = "(acl-drop) Flow is denied by configured rule"
# unverified: a trace from a down input interface (modelled on the ASP reason of the same name)
IF_DOWN = "(interface-down) Interface is down"
# unverified: no capture of packet-tracer on the standby unit of a failover group was found;
# the standby drops the packet for this ASP reason (traffic/engine.py), so the trace says so
STANDBY = "(fo-standby) Dropped by standby unit"
# unverified: no capture of a trace entering a management-only interface was found; the unit
# blocks through-the-device packets there (`show interface` counts them), so the trace drops
# the drop of through traffic a transparent unit cannot bridge (a group without a BVI
# address: syslog %ASA-6-322004 "No management IP address configured for transparent
# firewall", community.cisco.com; or no other member): the ASP's L2 lookup drop reason
# unverified: that a packet-tracer without `dmac` ends with this reason
NO_BRIDGE = "(dst-l2_lookup-fail) Dst MAC L2 Lookup Failed"
MGMT_ONLY = "(mgmt-only) Management-only interface does not pass through-the-device traffic"
PROTOCOL_NUMBERS = {"icmp": 1, "tcp": 6, "udp": 17}


@dataclass(frozen=True)
class Probe:
    """The packet to trace: protocol (tcp|udp|icmp), input interface, source and destination
    (ports, or for ICMP the type in `sport` and code in `dport`)."""
    proto: str
    src_if: str
    src: str
    sport: int
    dst: str
    dport: int


@dataclass(frozen=True)
class Phase:
    type: str
    subtype: str
    result: str                                 # ALLOW | DROP
    config: tuple[str, ...] = ()
    info: tuple[str, ...] = ()
    detail: tuple[str, ...] = ()                # what `detailed` adds to the information


@dataclass(frozen=True)
class IfStatus:
    nameif: str
    status: str                                 # up | down (administratively)
    line: str                                   # up | down (the line protocol)


@dataclass(frozen=True)
class Trace:
    phases: tuple[Phase, ...]
    input: IfStatus
    output: IfStatus | None
    drop: str | None                            # None: allowed

    @property
    def action(self) -> str:
        return "allow" if self.drop is None else "drop"


def if_status(u: Unit, ctx: str, nameif: str, link: bool) -> IfStatus:
    """`up`/`down` as `show interface` would say: shut down (the context's interface or the
    system's port) is down/down; a port without link is up/down."""
    cfg = u.ctx[ctx]
    itf = cfg.by_nameif(nameif)
    cdef = u.sys.contexts.get(ctx)
    phys = next((a.phys for a in cdef.allocations if itf and a.ctx_name == itf.name), None) if cdef else None
    admin = itf is not None and not itf.shutdown and phys is not None
    if phys is not None:
        for name in (phys, phys.split(".")[0]):
            sysif = u.sys.interfaces.get(name)
            admin = admin and not (sysif is not None and sysif.shutdown)
    if not admin:
        return IfStatus(nameif, "down", "down")
    return IfStatus(nameif, "up", "up" if link else "down")


def trace(eng: Traffic, u: Unit, ctx: str, probe: Probe) -> Trace:
    """What the context on unit u would do with the probe's packet."""
    cfg = u.ctx[ctx]
    inp = if_status(u, ctx, probe.src_if, eng.passes(u, ctx, probe.src_if))
    if not eng.passes(u, ctx, probe.src_if):
        return Trace((), inp, None, IF_DOWN)
    src = cfg.by_nameif(probe.src_if)
    if src is not None and src.is_management_only:
        return Trace((), inp, None, MGMT_ONLY)
    if box.invalid_source(probe.src):
        return Trace((), inp, None, box.INVALID_SRC)
    mine = box.own_interface(u, ctx, probe.dst)
    if mine is not None:
        return _to_the_box(eng, u, ctx, probe, inp, mine)
    if cfg.transparent:
        # a transparent space bridges: the egress is the bridge group's other member
        bridged = bridge.egress(cfg, probe.src_if)
        if bridged is None:
            return Trace((), inp, None, NO_BRIDGE)
        egress, phases = bridged, [_l2_phase(bridged)]
    else:
        route = routes.lookup(u, ctx, probe.dst)
        if route is None or _management_only(cfg, route.nameif):
            return Trace((), inp, None, NO_ROUTE)
        egress, phases = route.nameif, [_route_phase(u, probe, route)]
    out = if_status(u, ctx, egress, eng.passes(u, ctx, egress))
    hits = eng.acl_hits(u, ctx)
    inbound = _acl_phase(cfg, probe, probe.src_if, "in", hits)
    if inbound is None and not _levels_allow(cfg, probe.src_if, egress):
        inbound = _implicit(probe.src_if, "in")
    if inbound is not None:
        phases.append(inbound)
        if inbound.result == "DROP":
            return Trace(tuple(phases), inp, out, ACL_DROP)
    outbound = _acl_phase(cfg, probe, egress, "out", hits)
    if outbound is not None:
        phases.append(outbound)
        if outbound.result == "DROP":
            return Trace(tuple(phases), inp, out, ACL_DROP)
    phases.append(Phase("IP-OPTIONS", "", "ALLOW"))
    if not u.is_active_here(ctx):
        return Trace(tuple(phases), inp, out, STANDBY)
    flow = eng.of(u).flows + 1
    phases.append(Phase("FLOW-CREATION", "", "ALLOW", (), (
        f"New flow created with id {flow}, packet dispatched to next module",)))
    return Trace(tuple(phases), inp, out, None)


def _to_the_box(eng: Traffic, u: Unit, ctx: str, probe: Probe, inp: IfStatus, nameif: str) -> Trace:
    """The identity route, then the to-the-box path (to_the_box.py): no access list."""
    out = IfStatus(box.IDENTITY_IFC, "up", "up")
    phases = [_identity_phase(u, probe.dst)]
    if nameif != probe.src_if:
        phases.append(_implicit(probe.src_if, "in"))
        return Trace(tuple(phases), inp, out, ACL_DROP)
    phases.append(Phase("IP-OPTIONS", "", "ALLOW"))
    flow = eng.of(u).flows + 1
    phases.append(Phase("FLOW-CREATION", "", "ALLOW", (), (
        f"New flow created with id {flow}, packet dispatched to next module",)))
    return Trace(tuple(phases), inp, out, None)


def _identity_phase(u: Unit, address: str) -> Phase:
    if u.hw.at_least(9, 3):
        return Phase("ROUTE-LOOKUP", "Resolve Egress Interface", "ALLOW", (),
                     (f"found next-hop {address} using egress ifc  identity",))
    return Phase("ROUTE-LOOKUP", "input", "ALLOW", (),
                 (f"in   {address:<16}{'255.255.255.255':<16}identity",))


def _management_only(cfg: ContextConfig, nameif: str) -> bool:
    itf = cfg.by_nameif(nameif)
    return itf is not None and itf.is_management_only


def _l2_phase(egress: str) -> Phase:
    """A transparent unit's first phase: where the destination MAC address leads.
    # unverified: no public capture of an ASA transparent-mode packet-tracer found; the
    phase follows the ASA command reference's `dmac` description ("the output interface
    selection") and 9.x phase naming"""
    return Phase("L2-EGRESS-IFC-LOOKUP", "Destination MAC L2 Lookup", "ALLOW", (),
                 (f"Destination MAC lookup resulted in egress ifc {egress}",))


def _route_phase(u: Unit, probe: Probe, route: routes.Route) -> Phase:
    if u.hw.at_least(9, 3):
        hop = route.gateway or probe.dst
        return Phase("ROUTE-LOOKUP", "Resolve Egress Interface", "ALLOW", (),
                     (f"found next-hop {hop} using egress ifc  {route.nameif}",))
    return Phase("ROUTE-LOOKUP", "input", "ALLOW", (),
                 (f"in   {route.network:<16}{route.mask:<16}{route.nameif}",))


def _levels_allow(cfg: ContextConfig, src_if: str, egress: str) -> bool:
    """Without an inbound access list only a higher security level reaches a lower one."""
    return security_level(cfg.by_nameif(src_if)) > security_level(cfg.by_nameif(egress))


def _implicit(nameif: str, way: str) -> Phase:
    return Phase("ACCESS-LIST", "", "DROP", ("Implicit Rule",), (),
                 _rule_detail(nameif, way, "0x0", 1, True, 0, None))


def _acl_phase(cfg: ContextConfig, probe: Probe, nameif: str, way: str,
               hits: acl.Hits) -> Phase | None:
    """The phase of the access list applied to nameif in direction `way` (None: none is)."""
    name = cfg.access_groups.get((nameif, way))
    if name is None:
        return None
    port = probe.dport if probe.proto != "icmp" else 0
    action, key = acl.first_match(cfg, name, acl.Flow(probe.proto, probe.src, probe.dst, port))
    if key is None:
        return _implicit(nameif, way)
    result = "ALLOW" if action == "permit" else "DROP"
    config = (f"access-group {name} {way} interface {nameif}", f"access-list {name} {key[1]}")
    rule = acl.crc(f"{name} {key[2]}")
    detail = _rule_detail(nameif, way, rule, 13, action != "permit", hits.get(key, 0),
                          _element(cfg, name, key))
    return Phase("ACCESS-LIST", "log", result, config, (), detail)


def _element(cfg: ContextConfig, name: str, key: tuple[str, str, str]) -> AclEntry | None:
    """The element (objects expanded) the hit-count key names."""
    for e in cfg.access_lists.get(name, []):
        if entry_text(e) == key[1]:
            return next((el for el in acl.elements(cfg, e) if entry_text(el) == key[2]), None)
    return None


def _ends(el: AclEntry | None) -> tuple[tuple[str, str], tuple[str, str]]:
    def one(a: AclAddr | None) -> tuple[str, str]:
        if a is None or a.kind in ("any", "any4"):
            return "0.0.0.0", "0.0.0.0"
        if a.kind == "host":
            return a.address, "255.255.255.255"
        return a.address, a.mask or "0.0.0.0"
    return one(el.src if el else None), one(el.dst if el else None)


def _rule_detail(nameif: str, way: str, rule: str, priority: int, deny: bool, hits: int,
                 el: AclEntry | None) -> tuple[str, ...]:
    """What `detailed` prints under an ACCESS-LIST phase.  # unverified: modelled on 9.x
    captures ("Forward Flow based lookup yields rule:", `in  id=0x...`, `hits=`, `src ip/id=`,
    `input_ifc=`), indentation simplified; the ids are the entry's hash, not a memory address."""
    (src, smask), (dst, dmask) = _ends(el)
    proto = PROTOCOL_NUMBERS.get(el.proto, 0) if el else 0
    port = el.port if el and el.port is not None else 0
    ifcs = f"input_ifc={nameif}, output_ifc=any" if way == "in" else f"input_ifc=any, output_ifc={nameif}"
    return (" Forward Flow based lookup yields rule:",
            f" {way}  id={rule}, priority={priority}, domain=permit, deny={'true' if deny else 'false'}",
            f"        hits={hits}, user_data={rule}, cs_id=0x0, use_real_addr, flags=0x0, protocol={proto}",
            f"        src ip/id={src}, mask={smask}, port=0, tag=any",
            f"        dst ip/id={dst}, mask={dmask}, port={port}, tag=any, dscp=0x0",
            f"        {ifcs}")


# ---------------------------------------------------------------- rendering

def render(t: Trace, detailed: bool = False) -> list[str]:
    """The text form: a blank line, each phase and a blank line, then the result block."""
    out = [""]
    for n, ph in enumerate(t.phases, start=1):
        out += [f"Phase: {n}", f"Type: {ph.type}", f"Subtype: {ph.subtype}", f"Result: {ph.result}",
                "Config:", *ph.config, "Additional Information:", *ph.info]
        if detailed:
            out += ph.detail
        out.append("")
    out += ["Result:", f"input-interface: {t.input.nameif}", f"input-status: {t.input.status}",
            f"input-line-status: {t.input.line}"]
    if t.output is not None:
        out += [f"output-interface: {t.output.nameif}", f"output-status: {t.output.status}",
                f"output-line-status: {t.output.line}"]
    out.append(f"Action: {t.action}")
    if t.drop is not None:
        out.append(f"Drop-reason: {t.drop}")
    return out


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_xml(t: Trace, detailed: bool = False) -> list[str]:
    """`xml`: one <Phase> element per phase, then <result>.  # unverified: element names from
    the narc tool's model of a real unit's output (github.com/nickrusso42518/narc,
    narc/tasks.py), the values as the text form prints them."""
    out: list[str] = []
    for n, ph in enumerate(t.phases, start=1):
        extra = list(ph.info) + (list(ph.detail) if detailed else [])
        out += ["<Phase>", f"<id>{n}</id>", f"<type>{ph.type}</type>",
                f"<subtype>{_esc(ph.subtype)}</subtype>", f"<result>{ph.result}</result>",
                f"<config>{_esc(chr(10).join(ph.config))}</config>",
                f"<extra>{_esc(chr(10).join(extra))}</extra>", "</Phase>"]
    out += ["<result>", f"<input-interface>{t.input.nameif}</input-interface>",
            f"<input-status>{t.input.status}</input-status>",
            f"<input-line-status>{t.input.line}</input-line-status>"]
    if t.output is not None:
        out += [f"<output-interface>{t.output.nameif}</output-interface>",
                f"<output-status>{t.output.status}</output-status>",
                f"<output-line-status>{t.output.line}</output-line-status>"]
    out.append(f"<action>{t.action}</action>")
    if t.drop is not None:
        out.append(f"<drop-reason>{_esc(t.drop)}</drop-reason>")
    out.append("</result>")
    return "\n".join(out).split("\n")
