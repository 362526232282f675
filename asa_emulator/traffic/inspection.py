"""`show service-policy`: the context's service policies with the packets each inspection saw.

The policy framework is configuration the emulator keeps (device/handlers/defaults.py); it
does not change what traffic does.  What it counts: each TCP or UDP packet the context
forwards (counted once, as it leaves) whose server port is an inspection's well-known port,
against the policy that applies to it: the policy of the interface it arrived on if that
policy inspects the protocol, else the global policy.  Counters are per unit and die with it
(a reload, a power cut), as a real unit's do.

Layouts, from public captures of real units:
* 9.x (genieparser ShowServicePolicy golden output; sctp inspection and its counter exist from
  9.5(2), the release the long form is gated on here, # unverified between 9.1 and 9.5):
  `Inspect: dns preset_dns_map, packet 0, lock fail 0, drop 0, reset-drop 0, 5-min-pkt-rate 0
  pkts/sec, v6-fail-close 0 sctp-drop-override 0`, the default maps named (`h323 h225
  _default_h323_map`, `esmtp _default_esmtp_map`, `ip-options _default_ip_options_map`), `sip `
  and `skinny ` with their space before the comma, and a `tcp-proxy:` line under rtsp,
  sunrpc, h323 h225, sip and skinny;
* the short form and the indentation (`Global policy: ` with its trailing space after an empty
  line, 2/4/6 spaces, `tcp-proxy:` at 15): a real unit quoted in a public monitoring script of
  2014 (get_asa_inspect.pl, `myfirewall# sh service-policy`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..config.model import ContextConfig, PolicyMap
    from ..device.unit import Unit

# (protocol, server port) -> the inspection that handles it (the ASA's default ports,
# configuration guide "Default Inspection Policy")
PORTS: dict[tuple[str, int], str] = {
    ("UDP", 53): "dns", ("TCP", 53): "dns", ("TCP", 21): "ftp", ("TCP", 1720): "h323 h225",
    ("UDP", 1718): "h323 ras", ("UDP", 1719): "h323 ras", ("TCP", 514): "rsh",
    ("TCP", 554): "rtsp", ("TCP", 25): "esmtp", ("TCP", 1521): "sqlnet", ("TCP", 2000): "skinny",
    ("TCP", 111): "sunrpc", ("UDP", 111): "sunrpc", ("UDP", 177): "xdmcp", ("TCP", 5060): "sip",
    ("UDP", 5060): "sip", ("UDP", 137): "netbios", ("UDP", 138): "netbios", ("UDP", 69): "tftp",
    ("TCP", 80): "http", ("TCP", 1723): "pptp",
}
# the map a real 9.x unit names after an inspection configured without one (genieparser golden)
_DEFAULT_MAP = {"h323": "_default_h323_map", "esmtp": "_default_esmtp_map",
                "ip-options": "_default_ip_options_map"}
_TCP_PROXY = {"rtsp", "sunrpc", "h323 h225", "sip", "skinny"}
_SPACED = {"sip", "skinny"}        # `Inspect: sip , packet ...` (both captures)

# (context, policy-map, class-map, inspection) -> packets
Counts = dict[tuple[str, str, str, str], int]


class PacketLike(Protocol):
    """What the counter reads of a traffic engine packet (traffic/engine.py's Packet)."""

    @property
    def proto(self) -> str: ...
    @property
    def src_if(self) -> str: ...
    @property
    def src(self) -> tuple[str, int]: ...
    @property
    def dst(self) -> tuple[str, int]: ...


def _inspection(line: str) -> str:
    """`inspect dns preset_dns_map` -> `dns`; `inspect h323 h225` -> `h323 h225`."""
    words = line.split()[1:]
    return " ".join(words[:2]) if words and words[0] == "h323" else (words[0] if words else "")


def _class_for(pmap: PolicyMap | None, kind: str) -> str | None:
    if pmap is None:
        return None
    for cname, lines in pmap.classes.items():
        if any(line.startswith("inspect ") and _inspection(line) == kind for line in lines):
            return cname
    return None


class Inspections:
    """A traffic engine tap (traffic/engine.py's Tap) that counts inspected packets."""

    def __init__(self) -> None:
        self.counts: dict[str, Counts] = {}          # unit name -> its counters

    def of(self, u: Unit) -> Counts:
        return self.counts.get(u.name, {})

    def begin(self, u: Unit, ctx: str, p: PacketLike) -> None:
        pass

    def dropped(self, u: Unit, ctx: str, nameif: str, p: PacketLike, reason: str) -> None:
        pass

    def unit_reset(self, u: Unit) -> None:
        self.counts.pop(u.name, None)

    def seen(self, u: Unit, ctx: str, nameif: str, p: PacketLike) -> None:
        if nameif == p.src_if:          # arriving: counted once, when it leaves
            return
        kind = PORTS.get((p.proto, p.dst[1])) or PORTS.get((p.proto, p.src[1]))
        cfg = u.ctx.get(ctx) if kind is not None else None
        if cfg is None or kind is None:
            return
        for where in (p.src_if, "global"):
            pname = cfg.service_policies.get(where)
            cname = _class_for(cfg.policy_maps.get(pname or ""), kind)
            if pname is not None and cname is not None:
                key = (ctx, pname, cname, kind)
                counts = self.counts.setdefault(u.name, {})
                counts[key] = counts.get(key, 0) + 1
                return


def _inspect_line(ctx: str, pname: str, cname: str, line: str, counts: Counts, long: bool) -> list[str]:
    words = line.split()[1:]
    kind = _inspection(line)
    label = " ".join(words)
    if len(words) == len(kind.split()) and words[0] in _DEFAULT_MAP:
        label += f" {_DEFAULT_MAP[words[0]]}"
    if kind in _SPACED:
        label += " "
    n = counts.get((ctx, pname, cname, kind), 0)
    text = f"      Inspect: {label}, packet {n}, lock fail 0, drop 0, reset-drop 0"
    if long:
        text += ", 5-min-pkt-rate 0 pkts/sec, v6-fail-close 0 sctp-drop-override 0"
    out = [text]
    if kind in _TCP_PROXY:
        out.append("               tcp-proxy: bytes in buffer 0, bytes dropped 0")
    return out


def _policy(ctx: str, pmap: PolicyMap, counts: Counts, long: bool) -> list[str]:
    out = [f"  Service-policy: {pmap.name}"]
    for cname, lines in pmap.classes.items():
        out.append(f"    Class-map: {cname}")
        for line in lines:
            if line.startswith("inspect "):
                out += _inspect_line(ctx, pmap.name, cname, line, counts, long)
    return out


def show_service_policy(ctx: str, cfg: ContextConfig, counts: Counts, *, long: bool,
                        only: str | None = None) -> list[str]:
    """The global policy, then each interface's (`only`: "global" or one nameif).
    # unverified: the `Interface NAME:` heading of an interface policy and the empty line
    # before it follow the global block's form."""
    out: list[str] = []
    # the global policy first, then the interfaces' in the order they were applied
    for where, pname in sorted(cfg.service_policies.items(), key=lambda wp: wp[0] != "global"):
        pmap = cfg.policy_maps.get(pname)
        if pmap is None or only not in (None, where):
            continue
        heading = "Global policy: " if where == "global" else f"Interface {where}:"
        out += ["", heading, *_policy(ctx, pmap, counts, long)]
    return out
