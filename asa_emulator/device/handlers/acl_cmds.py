"""Access control in a context (or a single-mode unit): `access-list NAME extended ...` and
`remark`, `access-group`, `object network` and `object-group network` with their sub-modes.
The traffic engine applies them (traffic/engine.py); device/acl.py expands and matches."""

from __future__ import annotations

from ...config.acl import addr_text, group_lines, port_value
from ...config.model import AclAddr, AclEntry, ContextConfig, NetGroup, NetObject
from ...config.netmask import pairs
from .. import messages as msg
from ..commands import Command, handler


def _ctx(cmd: Command) -> ContextConfig:
    return cmd.unit.ctx[cmd.session.context or ""]


def _check_net(cmd: Command, address: str, mask: str) -> None:
    if not pairs(address, mask):
        cmd.error(msg.acl_mask_mismatch(address, mask))


def _check_named(cmd: Command, ctx: ContextConfig, a: AclAddr) -> None:
    if a.kind == "object" and a.address not in ctx.objects:
        cmd.error(msg.object_missing(a.address))
    if a.kind == "object-group" and a.address not in ctx.object_groups:
        cmd.error(msg.object_group_missing(a.address))


def _addr(cmd: Command, i: int) -> tuple[AclAddr, int]:
    """The address spec starting at token i, and the index after it."""
    word, tok = cmd.words[i], str(cmd.tokens[i])
    if word in ("any", "any4"):
        return AclAddr(word), i + 1
    if word == "host":
        return AclAddr("host", str(cmd.tokens[i + 1])), i + 2
    if word in ("object", "object-group"):
        return AclAddr(word, str(cmd.tokens[i + 1])), i + 2
    mask = str(cmd.tokens[i + 1])
    _check_net(cmd, tok, mask)
    if mask == "255.255.255.255":
        return AclAddr("host", tok), i + 2          # the ASA writes a /32 as `host`
    return AclAddr("net", tok, mask), i + 2


def _entry(cmd: Command) -> AclEntry:
    ctx = _ctx(cmd)
    i = cmd.words.index("extended") + 1
    action, proto = cmd.words[i], cmd.words[i + 1]
    src, i = _addr(cmd, i + 2)
    dst, i = _addr(cmd, i)
    for a in (src, dst):
        _check_named(cmd, ctx, a)
    port = None
    if i < len(cmd.words) and cmd.words[i] == "eq":
        port = port_value(str(cmd.tokens[i + 1]).lower(), proto)
        if port is None:
            cmd.invalid_token("ACL_PORT")
    return AclEntry(action, proto, src, dst, port)


def _drop_empty(ctx: ContextConfig, name: str) -> None:
    """An access list without entries is gone, and the `access-group` lines that applied it."""
    if not ctx.access_lists.get(name):
        ctx.access_lists.pop(name, None)
        ctx.access_groups = {k: v for k, v in ctx.access_groups.items() if v != name}


@handler("show_object_group")
def show_object_group(cmd: Command) -> None:
    """The network object groups as the configuration writes them (ntc-templates reads `show
    object-group network` and `show running-config object-group network` with one template,
    cisco_asa_show_object-group_network).  # unverified: the unknown-id message's wording."""
    ctx = _ctx(cmd)
    only = cmd.value("NAME")
    if only is not None and only not in ctx.object_groups:
        cmd.error(f"ERROR: object-group {only} does not exist")
    for grp in ctx.object_groups.values():
        if only is None or grp.name == only:
            cmd.print(*group_lines(grp))


@handler("clear_configure_acl")
def clear_configure_acl(cmd: Command) -> None:
    """`clear configure access-list [NAME]`: every list (or the one named) is gone, and the
    `access-group` lines that applied it, as when its last entry goes."""
    ctx = _ctx(cmd)
    name = cmd.value("NAME")
    if name is not None and name not in ctx.access_lists:
        cmd.error(msg.acl_missing(name))
    for gone in [name] if name is not None else list(ctx.access_lists):
        ctx.access_lists[gone] = []
        _drop_empty(ctx, gone)


def _name_clash(cmd: Command, ctx: ContextConfig, name: str) -> None:
    """Access lists, objects and object groups: `access-list` names an existing object?"""
    if name in ctx.objects or name in ctx.object_groups:
        cmd.error(msg.name_in_use(name))


@handler("access_list")
def access_list(cmd: Command) -> None:
    ctx = _ctx(cmd)
    name = str(cmd.tokens[2 if cmd.no else 1])
    entry = _entry(cmd)
    entries = ctx.access_lists.get(name, [])
    if cmd.no:
        if entry in entries:
            entries.remove(entry)
            _drop_empty(ctx, name)
        return
    _name_clash(cmd, ctx, name)
    if entry in entries:
        cmd.print(msg.acl_duplicate(name))
        return
    ctx.access_lists.setdefault(name, []).append(entry)


@handler("access_list_remark")
def access_list_remark(cmd: Command) -> None:
    ctx = _ctx(cmd)
    name = str(cmd.tokens[2 if cmd.no else 1])
    entry = AclEntry("remark", remark=(cmd.value("REST") or "").strip()[:100])
    if cmd.no:
        entries = ctx.access_lists.get(name, [])
        if entry in entries:
            entries.remove(entry)
            _drop_empty(ctx, name)
        return
    _name_clash(cmd, ctx, name)
    ctx.access_lists.setdefault(name, []).append(entry)


@handler("access_group")
def access_group(cmd: Command) -> None:
    ctx = _ctx(cmd)
    acl_name, nameif = cmd.values("NAME")[:2]
    way = "in" if cmd.has("in") else "out"
    if ctx.by_nameif(nameif) is None:
        cmd.invalid_token("NAME", 1)
    key = (nameif, way)
    if cmd.no:
        if ctx.access_groups.get(key) == acl_name:
            del ctx.access_groups[key]
        return
    if acl_name not in ctx.access_lists:
        cmd.error(msg.acl_missing(acl_name))
    ctx.access_groups[key] = acl_name     # one list per interface and direction: it replaces


# ---------------------------------------------------------------- objects

def _used(ctx: ContextConfig, kind: str, name: str) -> bool:
    ref = AclAddr(kind, name)
    in_acl = any(ref in (e.src, e.dst) for es in ctx.access_lists.values() for e in es)
    in_grp = any(ref in g.members for g in ctx.object_groups.values())
    return in_acl or in_grp


@handler("net_object")
def net_object(cmd: Command) -> None:
    ctx = _ctx(cmd)
    name = cmd.value("NAME") or ""
    if name in ctx.object_groups or name in ctx.access_lists:
        cmd.error(msg.name_in_use(name))
    ctx.objects.setdefault(name, NetObject(name))
    cmd.session.enter("ctx_netobj", target=name)


@handler("net_group")
def net_group(cmd: Command) -> None:
    ctx = _ctx(cmd)
    name = cmd.value("NAME") or ""
    if name in ctx.objects or name in ctx.access_lists:
        cmd.error(msg.name_in_use(name))
    ctx.object_groups.setdefault(name, NetGroup(name))
    cmd.session.enter("ctx_netgrp", target=name)


@handler("no_net_object", "no_net_group")
def no_net_object(cmd: Command) -> None:
    ctx = _ctx(cmd)
    name = cmd.value("NAME") or ""
    kind = "object" if cmd.rule == "no_net_object" else "object-group"
    table: dict[str, NetObject] | dict[str, NetGroup] = (
        ctx.objects if kind == "object" else ctx.object_groups)
    if name not in table:
        cmd.error(msg.object_missing(name) if kind == "object" else msg.object_group_missing(name))
    if _used(ctx, kind, name):
        cmd.error(msg.object_in_use(name))
    del table[name]


def _object(cmd: Command) -> NetObject:
    obj = _ctx(cmd).objects.get(str(cmd.session.state.target))
    if obj is None:         # removed meanwhile (on the mate, say)
        cmd.error(msg.INCOMPLETE)
    assert obj is not None
    return obj


def _group(cmd: Command) -> NetGroup:
    grp = _ctx(cmd).object_groups.get(str(cmd.session.state.target))
    if grp is None:
        cmd.error(msg.INCOMPLETE)
    assert grp is not None
    return grp


@handler("netobj_host", "netobj_subnet")
def netobj_address(cmd: Command) -> None:
    obj = _object(cmd)
    ips = cmd.values("IPV4")
    kind = "host" if cmd.rule == "netobj_host" else "subnet"
    mask = ips[1] if kind == "subnet" else ""
    if kind == "subnet":
        _check_net(cmd, ips[0], mask)
    if cmd.no:
        if (obj.kind, obj.address, obj.mask) == (kind, ips[0], mask):
            obj.kind, obj.address, obj.mask = "", "", ""
        return
    obj.kind, obj.address, obj.mask = kind, ips[0], mask


@handler("obj_description")
def obj_description(cmd: Command) -> None:
    text = "" if cmd.no else (cmd.value("REST") or "").strip()[:200]
    if cmd.session.mode in ("ctx_netobj", "one_netobj"):
        _object(cmd).description = text
    else:
        _group(cmd).description = text


@handler("netgrp_object")
def netgrp_object(cmd: Command) -> None:
    grp = _group(cmd)
    ctx = _ctx(cmd)
    ips = cmd.values("IPV4")
    if cmd.has("host"):
        member = AclAddr("host", ips[0])
    elif cmd.has("object"):
        member = AclAddr("object", cmd.value("NAME") or "")
        if not cmd.no:
            _check_named(cmd, ctx, member)
    else:
        _check_net(cmd, ips[0], ips[1])
        member = AclAddr("net", ips[0], ips[1])
    if cmd.no:
        if member in grp.members:
            grp.members.remove(member)
        return
    if member in grp.members:
        cmd.print(msg.group_duplicate(addr_text(member), grp.name))
        return
    grp.members.append(member)
