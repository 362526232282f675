"""`show asp table routing` and `show asp table classify` of a context (and of single mode):
the accelerated security path's copies of the routing table and of the access-groups.  Data
in, lines out.

Routing (`in   255.255.255.255 255.255.255.255 identity`): the input table holds what is
for the unit itself (the broadcast and each interface's own address: `identity`) and the
connected networks; the output table, per interface, its broadcast, own address, connected
network and the multicast range, then each installed static route `via GATEWAY, IF`.
# unverified: modelled on the command reference's `show asp table routing` example (8.x);
# the order within each table and the absence of a `route table timestamp` line are not
# confirmed by a capture.

Classify: one `in` entry per element of each ACE of an interface's inbound access-group, then
the implicit deny, with the layout of the command reference's `show asp table classify`
example: `in  id=0x..., priority=13, domain=permit, deny=false` and four indented detail
lines.  # unverified: ids and user_data are internal pointers on a real unit; here they are
# CRC-32s of the entry's text (stable from run to run, as `show access-list` hashes are), and
# the priorities (13 for an ACE, 11 for the implicit deny) are those of the example.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

from ..config.acl import entry_text
from ..config.model import AclAddr, AclEntry, ContextConfig
from . import acl
from .routes import Route

_PROTO = {"ip": 0, "icmp": 1, "tcp": 6, "udp": 17}


def _row(way: str, network: str, mask: str, target: str) -> str:
    return f"{way:<5}{network:<16}{mask:<16}{target}"


def show_asp_routing(routes: Sequence[Route], own: dict[str, tuple[str, str]]) -> list[str]:
    """`routes`: the context's routing table (device/routes.py), `own`: nameif -> (address,
    mask) of each interface that is up with an address."""
    out = [_row("in", "255.255.255.255", "255.255.255.255", "identity")]
    out += [_row("in", ip, "255.255.255.255", "identity") for ip, _ in own.values()]
    connected = [r for r in routes if r.code == "C"]
    out += [_row("in", r.network, r.mask, r.nameif) for r in connected]
    for nameif, (ip, _) in own.items():
        out.append(_row("out", "255.255.255.255", "255.255.255.255", nameif))
        out.append(_row("out", ip, "255.255.255.255", nameif))
        out += [_row("out", r.network, r.mask, nameif) for r in connected if r.nameif == nameif]
        out.append(_row("out", "224.0.0.0", "240.0.0.0", nameif))
    out += [_row("out", r.network, r.mask, f"via {r.gateway}, {r.nameif}")
            for r in routes if r.gateway is not None]
    return out


def _ip_mask(a: AclAddr) -> tuple[str, str]:
    if a.kind == "host":
        return a.address, "255.255.255.255"
    if a.kind == "net":
        return a.address, a.mask
    return "0.0.0.0", "0.0.0.0"


def _pointer(text: str) -> str:
    return f"0x{zlib.crc32(text.encode()):08x}"


def _entry(key: str, priority: int, deny: bool, hits: int, el: AclEntry | None, nameif: str) -> list[str]:
    src, dst = (_ip_mask(el.src), _ip_mask(el.dst)) if el is not None else (("0.0.0.0",) * 2, ("0.0.0.0",) * 2)
    proto = _PROTO.get(el.proto, 0) if el is not None else 0
    port = el.port if el is not None and el.port is not None else 0
    return [f"in  id={_pointer(key)}, priority={priority}, domain=permit, deny={str(deny).lower()}",
            f"\thits={hits}, user_data={_pointer('user ' + key)}, cs_id=0x0, flags=0x0, protocol={proto}",
            f"\tsrc ip/id={src[0]}, mask={src[1]}, port=0, tag=any",
            f"\tdst ip/id={dst[0]}, mask={dst[1]}, port={port}, tag=any, dscp=0x0",
            f"\tinput_ifc={nameif}, output_ifc=any"]


def _acl_entries(ctx: ContextConfig, name: str, nameif: str, hits: acl.Hits) -> list[str]:
    out: list[str] = []
    for e in ctx.access_lists.get(name, []):
        if e.action == "remark":
            continue
        text = entry_text(e)
        for el in acl.elements(ctx, e):
            el_text = entry_text(el)
            count = hits.get((name, text, el_text), 0)
            out += _entry(f"{nameif} {name} {el_text}", 13, el.action == "deny", count, el, nameif)
    return out


def show_asp_classify(ctx: ContextConfig, nameifs: Sequence[str], hits: acl.Hits,
                      *, interface: str | None = None, domain: str | None = None) -> list[str]:
    """The classifier entries of each named interface with an inbound access-group, in the
    interfaces' order; `interface` and `domain` narrow it (only the `permit` domain is
    modelled: another domain has no entries)."""
    if domain not in (None, "permit"):
        return []
    out: list[str] = []
    for nameif in nameifs:
        name = ctx.access_groups.get((nameif, "in"))
        if name is None or interface not in (None, nameif):
            continue
        out += [f"Interface {nameif}:", "", "Input Table"]
        out += _acl_entries(ctx, name, nameif, hits)
        out += _entry(f"{nameif} implicit deny", 11, True, 0, None, nameif)
        out += ["", "Output Table:", ""]
    return out

