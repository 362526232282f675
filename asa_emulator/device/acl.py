"""Access lists at work: an entry's elements (its objects and groups expanded), the first
entry a packet matches, and `show access-list` with hit counts.

An entry that names an object or an object group stands for the cross product of the
addresses they hold; `show access-list` prints it with its elements indented beneath, each
with its own hit count (the entry's is their sum), as the ASA does.  The hashes the ASA prints
are internal; here they are CRC-32s of the text, stable from run to run.
"""

from __future__ import annotations

import ipaddress
import zlib

from ..config.acl import entry_text
from ..config.model import AclAddr, AclEntry, ContextConfig
from ..records import dataclass

# What `show access-list` prints before the lists (real 9.x captures)
HEADER = ["access-list cached ACL log flows: total 0, denied 0 (deny-flow-max 4096)",
          "            alert-interval 300"]

# Hit counts of one context: (ACL, entry text, element text) -> packets matched
Hits = dict[tuple[str, str, str], int]


@dataclass(frozen=True)
class Flow:
    """What an access list looks at in the first packet of a connection."""
    proto: str          # tcp | udp (lower case)
    src: str
    dst: str
    port: int


def resolve(ctx: ContextConfig, a: AclAddr) -> list[AclAddr]:
    """The plain addresses (any, any4, host, net) an entry's end or a group member stands for."""
    if a.kind == "object":
        obj = ctx.objects.get(a.address)
        if obj is None or not obj.kind:
            return []
        return [AclAddr("host", obj.address) if obj.kind == "host"
                else AclAddr("net", obj.address, obj.mask)]
    if a.kind == "object-group":
        grp = ctx.object_groups.get(a.address)
        return [x for m in (grp.members if grp else []) for x in resolve(ctx, m)]
    return [a]


def expands(e: AclEntry) -> bool:
    return e.action != "remark" and "object" in (e.src.kind[:6], e.dst.kind[:6])


def elements(ctx: ContextConfig, e: AclEntry) -> list[AclEntry]:
    """The entry with its objects and groups replaced by each address they hold."""
    if e.action == "remark":
        return []
    if not expands(e):
        return [e]
    return [AclEntry(e.action, e.proto, s, d, e.port)
            for s in resolve(ctx, e.src) for d in resolve(ctx, e.dst)]


def contains(a: AclAddr, ip: str) -> bool:
    if a.kind in ("any", "any4"):
        return True
    if a.kind == "host":
        return a.address == ip
    net = ipaddress.IPv4Network(f"{a.address}/{a.mask}", strict=False)
    return ipaddress.IPv4Address(ip) in net


def _matches(el: AclEntry, f: Flow) -> bool:
    if el.proto not in ("ip", f.proto):
        return False
    if el.port is not None and el.port != f.port:
        return False
    return contains(el.src, f.src) and contains(el.dst, f.dst)


def first_match(ctx: ContextConfig, name: str, f: Flow) -> tuple[str, tuple[str, str, str] | None]:
    """("permit" | "deny", the hit-count key of the element that decided, None for the
    implicit deny at the end of every access list)."""
    for e in ctx.access_lists.get(name, []):
        for el in elements(ctx, e):
            if _matches(el, f):
                return e.action, (name, entry_text(e), entry_text(el))
    return "deny", None


def crc(text: str) -> str:
    return f"0x{zlib.crc32(text.encode()):08x}"


def show_access_list(ctx: ContextConfig, hits: Hits, only: str | None = None) -> list[str]:
    out = list(HEADER)
    for name, entries in ctx.access_lists.items():
        if only is not None and name != only:
            continue
        rows: list[str] = []
        count = 0
        for i, e in enumerate(entries, start=1):
            head = f"access-list {name} line {i} "
            text = entry_text(e)
            if e.action == "remark":
                rows.append(head + text)
                continue
            els = elements(ctx, e)
            count += len(els)
            counts = [hits.get((name, text, entry_text(el)), 0) for el in els]
            own = crc(f"{name} {text}")
            rows.append(f"{head}{text} (hitcnt={sum(counts)}) {own}")
            if not expands(e):
                continue
            for el, n in zip(els, counts, strict=True):
                # a single element carries its entry's hash (real captures)
                h = own if len(els) == 1 else crc(f"{name} {entry_text(el)}")
                rows.append(f"  {head}{entry_text(el)} (hitcnt={n}) {h}")
        out.append(f"access-list {name}; {count} elements; name hash: {crc(name)}")
        out.extend(rows)
    return out


def show_access_list_brief(ctx: ContextConfig, hits: Hits, last: Hits, only: str | None = None) -> list[str]:
    """`show access-list [NAME] brief` (ntc-templates cisco_asa_show_access-list_brief.raw,
    a real unit): each list's header line as `show access-list` prints it, then one line per
    element that was hit: its hash, the hash of the entry it was expanded from (00000000 for
    an entry of one element), the hit count and the last hit's time (seconds since 1970), in
    hexadecimal.  # unverified: elements never hit are left out (the command reference's
    description; the capture's three elements all have hits)."""
    out: list[str] = []
    for name, entries in ctx.access_lists.items():
        if only is not None and name != only:
            continue
        rows: list[str] = []
        count = 0
        for e in entries:
            if e.action == "remark":
                continue
            text = entry_text(e)
            els = elements(ctx, e)
            count += len(els)
            own = crc(f"{name} {text}")
            for el in els:
                key = (name, text, entry_text(el))
                n = hits.get(key, 0)
                if not n:
                    continue
                mine, parent = (own, "0x00000000") if len(els) == 1 else (crc(f"{name} {entry_text(el)}"), own)
                rows.append(f"{mine[2:]} {parent[2:]} {n:08x} {last.get(key, 0) // 1000:08x}")
        out.append(f"access-list {name}; {count} elements; name hash: {crc(name)}")
        out.extend(rows)
    return out


# `show asp drop`: the frame drop reasons the emulator counts, in the order a 9.x capture
# lists them (ntc-templates' cisco_asa_show_asp_drop2); the count ends at column 80
DROP_REASONS = {
    "no-route": "No route to host",
    # a transparent unit's through traffic it cannot bridge  # unverified: its place in the list
    "dst-l2_lookup-fail": "Dst MAC L2 Lookup Failed",
    "acl-drop": "Flow is denied by configured rule",
    "tcp-not-syn": "First TCP packet not SYN",
    "interface-down": "Interface is down",
    "fo-standby": "Dropped by standby unit",
}


def show_asp_drop(drops: dict[str, int], cleared: str) -> list[str]:
    out = ["Frame drop:"]
    for reason, label in DROP_REASONS.items():
        n = drops.get(reason, 0)
        if n:
            text = f"  {label} ({reason})"
            out.append(text + str(n).rjust(max(80 - len(text), len(str(n)) + 1)))
    out += ["", f"Last clearing: {cleared}", "", "Flow drop:", "", f"Last clearing: {cleared}"]
    return out
