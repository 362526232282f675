"""How access-list entries, objects and object groups read: port names, address forms and the
configuration lines (`show running-config` and the `show access-list` rows both use them)."""

from __future__ import annotations

from .model import AclAddr, AclEntry, ContextConfig, NetGroup, NetObject

# The ASA's port literals (configuration guide, "Addresses, Protocols, and Ports"): name ->
# (port, protocols it names).  A configured port prints as its name where the protocol has one
# (`eq 80` reads `eq www`; UDP 443 stays `443`, `https` being TCP only).
PORT_NAMES: dict[str, tuple[int, str]] = {
    "echo": (7, "tcp udp"), "discard": (9, "tcp udp"), "daytime": (13, "tcp"),
    "chargen": (19, "tcp"), "ftp-data": (20, "tcp"), "ftp": (21, "tcp"), "ssh": (22, "tcp"),
    "telnet": (23, "tcp"), "smtp": (25, "tcp"), "time": (37, "udp"), "nameserver": (42, "udp"),
    "whois": (43, "tcp"), "tacacs": (49, "tcp udp"), "domain": (53, "tcp udp"),
    "bootps": (67, "udp"), "bootpc": (68, "udp"), "tftp": (69, "udp"), "gopher": (70, "tcp"),
    "finger": (79, "tcp"), "www": (80, "tcp udp"), "hostname": (101, "tcp"), "pop2": (109, "tcp"),
    "pop3": (110, "tcp"), "sunrpc": (111, "tcp udp"), "ident": (113, "tcp"), "nntp": (119, "tcp"),
    "ntp": (123, "udp"), "netbios-ns": (137, "udp"), "netbios-dgm": (138, "udp"),
    "netbios-ssn": (139, "tcp"), "imap4": (143, "tcp"), "snmp": (161, "udp"),
    "snmptrap": (162, "udp"), "xdmcp": (177, "udp"), "bgp": (179, "tcp"), "irc": (194, "tcp"),
    "dnsix": (195, "udp"), "ldap": (389, "tcp"), "https": (443, "tcp"), "isakmp": (500, "udp"),
    "exec": (512, "tcp"), "biff": (512, "udp"), "login": (513, "tcp"), "who": (513, "udp"),
    "rsh": (514, "tcp"), "syslog": (514, "udp"), "lpd": (515, "tcp"), "talk": (517, "tcp udp"),
    "rip": (520, "udp"), "uucp": (540, "tcp"), "klogin": (543, "tcp"), "kshell": (544, "tcp"),
    "rtsp": (554, "tcp"), "ldaps": (636, "tcp"), "kerberos": (750, "tcp udp"),
    "lotusnotes": (1352, "tcp"), "citrix-ica": (1494, "tcp"), "sqlnet": (1521, "tcp"),
    "radius": (1645, "udp"), "radius-acct": (1646, "udp"), "h323": (1720, "tcp"),
    "pptp": (1723, "tcp"), "nfs": (2049, "tcp udp"), "ctiqbe": (2748, "tcp"),
    "cifs": (3020, "tcp udp"), "sip": (5060, "tcp udp"), "aol": (5190, "tcp"),
    "pcanywhere-data": (5631, "tcp"), "pcanywhere-status": (5632, "udp"),
}
# typed as `http` too; it prints as `www`
ALIASES = {"http": "www"}


def port_value(text: str, proto: str) -> int | None:
    """The port a typed `eq` argument names for the protocol, or None (not a port here)."""
    if text.isdigit():
        n = int(text)
        return n if n <= 65535 else None
    found = PORT_NAMES.get(ALIASES.get(text, text))
    return found[0] if found is not None and proto in found[1].split() else None


# (port, protocol) -> the name it prints as: the first name of PORT_NAMES for it.  A lookup,
# not a walk of the table: an access list of thousands of entries renders in milliseconds
PORT_TEXT: dict[tuple[int, str], str] = {}
for _name, (_n, _protos) in PORT_NAMES.items():
    for _proto in _protos.split():
        PORT_TEXT.setdefault((_n, _proto), _name)


def port_text(port: int, proto: str) -> str:
    return PORT_TEXT.get((port, proto)) or str(port)


def addr_text(a: AclAddr) -> str:
    if a.kind == "host":
        return f"host {a.address}"
    if a.kind == "net":
        return f"{a.address} {a.mask}"
    if a.kind in ("object", "object-group"):
        return f"{a.kind} {a.address}"
    return a.kind


def entry_text(e: AclEntry) -> str:
    """An entry as the configuration prints it after `access-list NAME `."""
    if e.action == "remark":
        return f"remark {e.remark}"
    text = f"extended {e.action} {e.proto} {addr_text(e.src)} {addr_text(e.dst)}"
    if e.port is not None:
        text += f" eq {port_text(e.port, e.proto)}"
    return text


def object_lines(obj: NetObject) -> list[str]:
    out = [f"object network {obj.name}"]
    if obj.kind == "host":
        out.append(f" host {obj.address}")
    elif obj.kind == "subnet":
        out.append(f" subnet {obj.address} {obj.mask}")
    if obj.description:
        out.append(f" description {obj.description}")
    return out


def group_lines(grp: NetGroup) -> list[str]:
    out = [f"object-group network {grp.name}"]
    if grp.description:
        out.append(f" description {grp.description}")
    out.extend(f" network-object {addr_text(m)}" for m in grp.members)
    return out


def render_objects_and_lists(ctx: ContextConfig) -> list[str]:
    """Objects, then object groups, then access lists: after the interfaces, before
    `pager lines`, as an ASA writes them (a group may only name objects defined before it)."""
    out: list[str] = []
    for obj in ctx.objects.values():
        out.extend(object_lines(obj))
    for grp in ctx.object_groups.values():
        out.extend(group_lines(grp))
    for name, entries in ctx.access_lists.items():
        out.extend(f"access-list {name} {entry_text(e)}" for e in entries)
    return out


def render_access_groups(ctx: ContextConfig) -> list[str]:
    """`access-group` lines, after `arp timeout` (and NAT) and before the routing lines."""
    return [f"access-group {acl} {way} interface {nameif}"
            for (nameif, way), acl in ctx.access_groups.items()]
