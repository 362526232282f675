"""System execution space configuration: hostname, interfaces, contexts, mode, prompt."""

from __future__ import annotations

from ...config.model import (
    DEFAULT_HOSTNAME,
    DEFAULT_PROMPT,
    SINGLE,
    Allocation,
    ContextDef,
    CtxInterface,
    SysInterface,
    is_bvi,
)
from ...config.render import checksum_groups, password_hash
from ...kept import memo
from .. import bridge, context_mode, names, show
from .. import messages as msg
from ..commands import Command, handler
from ..flash import FlashError, resolve, shown, split_url
from ..interfaces import norm_mac, phys_name
from ..vlans import vlan_licence_check


@handler("hostname")
def hostname(cmd: Command) -> None:
    s, u = cmd.session, cmd.unit
    name = cmd.value("NAME") or ""
    if not names.valid_hostname(name):
        cmd.invalid_token("NAME")
    if s.context:
        u.ctx[s.context].hostname = name
    else:
        u.sys.hostname = name


@handler("no_hostname")
def no_hostname(cmd: Command) -> None:
    s, u = cmd.session, cmd.unit
    if s.context:
        u.ctx[s.context].hostname = ""
    else:
        u.sys.hostname = DEFAULT_HOSTNAME


@handler("enable_password")
def enable_password(cmd: Command) -> None:
    s, u = cmd.session, cmd.unit
    secret = cmd.value("SECRET") or ""
    value = "" if cmd.no else (secret if cmd.has("encrypted") else password_hash(secret))
    if s.context:
        u.ctx[s.context].enable_password = value
    else:
        u.sys.enable_password = value


@handler("sys_interface")
def sys_interface(cmd: Command) -> None:
    u, s = cmd.unit, cmd.session
    bvi = _single_bvi(cmd)
    if bvi is not None:
        # a single-mode transparent unit's bridge virtual interface lives in its one space
        space = u.ctx[SINGLE]
        if bvi not in space.interfaces:
            if not bridge.room_for(space, u.hw, int(bvi[3:])):
                cmd.error(msg.bridge_groups_full(bridge.max_groups(u.hw)))
            space.interfaces[bvi] = CtxInterface(bvi)
        s.enter("sys_if", target=bvi)
        return
    name = phys_name(cmd)
    if name not in u.sys.interfaces:
        parent = name.split(".")[0]
        if parent not in u.sys.interfaces:
            cmd.invalid_token("PHY_IF")
        u.sys.interfaces[name] = SysInterface(name, shutdown=False)   # subinterfaces start enabled
        if u.single:
            u.spaces.allocate_single(name)
    s.enter("sys_if", target=name)


@memo("interfaces: listing order", 4096, per=1, most=1 << 16)
def interface_order(hw: tuple[str, ...], name: str) -> tuple[int, int]:
    """Hardware order, subinterfaces after their parent by number (the ASA's listing order)."""
    base, _, sub = name.partition(".")
    return (hw.index(base) if base in hw else 99, int(sub) if sub else -1)


def _single_bvi(cmd: Command) -> str | None:
    """`interface BVI<n>` on a single-mode transparent unit of 8.4(1) or later: its name."""
    u = cmd.unit
    if not (u.single and u.ctx[SINGLE].transparent and u.hw.at_least(8, 4)):
        return None
    return bridge.bvi_name(cmd.values("PHY_IF")[0])


@handler("no_sys_interface")
def no_sys_interface(cmd: Command) -> None:
    u = cmd.unit
    bvi = _single_bvi(cmd)
    if bvi is not None:
        u.ctx[SINGLE].interfaces.pop(bvi, None)
        return
    name = phys_name(cmd)
    if "." not in name:
        cmd.error(msg.cannot_remove_physical(name))
    if u.single:
        cdef = u.sys.contexts[SINGLE]
        cdef.allocations = [a for a in cdef.allocations if a.phys != name]
        u.spaces.deallocate(SINGLE, name, None)
    for cdef in u.sys.contexts.values():
        if any(a.phys == name for a in cdef.allocations):
            cmd.error(msg.interface_allocated(name, cdef.name))
    u.sys.interfaces.pop(name, None)


# ---------------------------------------------------------------- interface sub-commands

def _sys_if(cmd: Command) -> SysInterface:
    target = str(cmd.session.state.target)
    if is_bvi(target):
        cmd.invalid_at(0)       # a BVI has no port: no vlan, speed or duplex
    return cmd.unit.sys.interfaces[target]


def _port_mode(cmd: Command) -> bool:
    """The sub-command sets a port (system space, or a single-mode unit's port); a single-mode
    BVI's settings are its space's, as a context's interface's are."""
    return cmd.session.mode in ("sys_if", "one_if") and not is_bvi(str(cmd.session.state.target))


@handler("description")
def description(cmd: Command) -> None:
    s, u = cmd.session, cmd.unit
    text = "" if cmd.no else (cmd.value("REST") or "")[:200]
    if _port_mode(cmd):
        _sys_if(cmd).description = text
    elif s.mode == "sys_ctx":
        u.sys.contexts[str(s.state.target)].description = text
    elif s.mode in ("ctx_if", "one_if"):
        u.ctx[s.context or ""].interfaces[str(s.state.target)].description = text


@handler("shutdown")
def shutdown(cmd: Command) -> None:
    s, u = cmd.session, cmd.unit
    if _port_mode(cmd):                       # single mode: the port itself
        _sys_if(cmd).shutdown = not cmd.no
    else:
        u.ctx[s.context or ""].interfaces[str(s.state.target)].shutdown = not cmd.no
    if u.events is not None:
        u.events.interfaces_changed(u)


@handler("mac_address")
def mac_address(cmd: Command) -> None:
    s, u = cmd.session, cmd.unit
    macs = [m.lower() for m in cmd.values("MAC")]
    value = None if cmd.no or not macs else (norm_mac(macs[0]), norm_mac(macs[1]) if len(macs) > 1 else None)
    if s.mode == "sys_if":
        _sys_if(cmd).mac = value
    else:
        u.ctx[s.context or ""].interfaces[str(s.state.target)].mac = value


@handler("vlan")
def vlan(cmd: Command) -> None:
    itf = _sys_if(cmd)
    if "." not in itf.name:
        cmd.error(msg.VLAN_ONLY_SUBINTERFACE)
    if not cmd.no and itf.vlan is None:
        vlan_licence_check(cmd)
    itf.vlan = None if cmd.no else int(cmd.value("N_1_4094") or 0)


@handler("speed")
def speed(cmd: Command) -> None:
    w = [t for t in cmd.words if t in ("10", "100", "1000", "auto")]
    _sys_if(cmd).speed = "" if not w or w[0] == "auto" else w[0]


@handler("duplex")
def duplex(cmd: Command) -> None:
    w = [t for t in cmd.words if t in ("full", "half", "auto")]
    _sys_if(cmd).duplex = "" if not w or w[0] == "auto" else w[0]


# ---------------------------------------------------------------- contexts

@handler("context")
def context(cmd: Command) -> None:
    u, s = cmd.unit, cmd.session
    name = cmd.value("NAME") or ""
    if not names.valid_context(name):
        cmd.invalid_token("NAME")
    if _reserved(name):
        cmd.error(msg.context_name_reserved(name))
    if name not in u.sys.contexts:
        _create_context(cmd, name)
    s.enter("sys_ctx", target=name)


def _reserved(name: str) -> bool:
    """Names the ASA uses for itself (`changeto system`, the null context)."""
    return name.lower() in ("system", "null")


def _create_context(cmd: Command, name: str) -> None:
    u = cmd.unit
    if len(u.sys.contexts) >= u.hw.contexts_license + 1:
        cmd.error(msg.MAX_CONTEXTS)
    u.sys.contexts[name] = ContextDef(name)
    u.spaces.new_context(name).add_default_inspection()    # a new context starts from the default config
    if not cmd.session.batch:
        cmd.print(msg.context_created(name, len(u.sys.contexts)))


@handler("no_context")
def no_context(cmd: Command) -> None:
    u = cmd.unit
    name = cmd.value("NAME") or ""
    if name not in u.sys.contexts:
        cmd.error(msg.context_not_found(name))
    if name == u.sys.admin_context:
        cmd.error(msg.CANNOT_REMOVE_ADMIN_CONTEXT)
    del u.sys.contexts[name]
    u.ctx.pop(name, None)     # sessions inside it drop back to the system space (Session.execute)


@handler("admin_context")
def admin_context(cmd: Command) -> None:
    u = cmd.unit
    name = cmd.value("NAME") or ""
    cdef = u.sys.contexts.get(name)
    if cdef is None:
        # the ASA creates the admin context on demand when it is named first
        if not names.valid_context(name) or _reserved(name):
            cmd.invalid_token("NAME")
        _create_context(cmd, name)
    elif cdef.failover_group not in (None, 1):
        cmd.error(msg.ADMIN_CONTEXT_GROUP_1)
    u.sys.admin_context = name


@handler("allocate_interface")
def allocate_interface(cmd: Command) -> None:
    u, s = cmd.unit, cmd.session
    cdef = u.sys.contexts[str(s.state.target)]
    phys = phys_name(cmd)
    if phys not in u.sys.interfaces:
        cmd.invalid_token("PHY_IF")
    names = cmd.values("NAME")
    mapped = names[0] if names else None
    visible = cmd.has("visible")
    if cmd.no:
        for a in cdef.allocations:
            if a.phys == phys:
                u.spaces.deallocate(cdef.name, phys, a.mapped)
        cdef.allocations = [a for a in cdef.allocations if a.phys != phys]
        return
    fo = u.sys.failover
    if (fo.lan_if and fo.lan_if[1] == phys) or (fo.link and fo.link[1] == phys):
        cmd.error(msg.interface_is_failover_link(phys))
    key = mapped or phys
    same = None                     # this interface's allocation already, if any
    for a in cdef.allocations:      # one pass: a context allocates a dozen, a sync thousands
        if a.phys == phys:
            if same is None:
                same = a
        elif (a.mapped or a.phys) == key:
            cmd.error(msg.mapped_name_in_use(key))
    if same is not None:
        if same.ctx_name != key:
            u.spaces.rename_allocation(cdef.name, same.ctx_name, key)
        same.mapped, same.visible = mapped, visible
        return
    cdef.allocations.append(Allocation(phys, mapped, visible))
    hw = u.hw.interfaces
    if len(cdef.allocations) > 1 and interface_order(hw, cdef.allocations[-2].phys) > interface_order(hw, phys):
        cdef.allocations.sort(key=lambda a: interface_order(hw, a.phys))
    u.spaces.allocate(cdef.name, phys, mapped)


@handler("config_url")
def config_url(cmd: Command) -> None:
    """`config-url URL`: kept as typed.  The first URL of a context (or a new one) loads the
    file into the context if it exists; retyping the same URL changes nothing (a running
    context is not reloaded, which is also what configuration sync relies on)."""
    u, s = cmd.unit, cmd.session
    cdef = u.sys.contexts[str(s.state.target)]
    if cmd.no:
        cdef.config_url = ""
        return
    url = cmd.value("FILE") or ""
    if split_url(url) is None:
        cmd.error(msg.unsupported_url(shown(url)))
    try:
        path = resolve(url)
    except FlashError as exc:     # a path out of the flash, or a name the flash refuses
        cmd.error(msg.error_opening(shown(url), exc.reason))
        raise
    if url.lower().startswith("flash:"):
        # the ASA 5500 series stores flash: URLs under their real name, disk0:
        converted = "disk0:" + url[len("flash:"):]
        if not s.batch:
            cmd.print(msg.converting_url(url, converted))
        url = converted
    if cdef.config_url and _flash_path(cdef.config_url) == path:
        cdef.config_url = url
        return
    cdef.config_url = url
    if not u.flash.exists(path):
        if not s.batch:
            cmd.print(*msg.context_url_not_fetched(url))
        return
    report = u.spaces.load_context_url(cdef.name) or []
    if s.batch:
        u.emit(*report)            # loading at boot or by sync: errors go to the console
        return
    cmd.print(*report)
    cmd.print(msg.context_checksum_changed(checksum_groups(u.spaces.config_body(cdef.name))))
    if cdef.name == u.sys.admin_context:
        cmd.print(msg.ADMIN_CONTEXT_COMING_UP)


def _flash_path(url: str) -> str | None:
    try:
        return resolve(url)
    except FlashError:
        return None


@handler("join_failover_group")
def join_failover_group(cmd: Command) -> None:
    u, s = cmd.unit, cmd.session
    cdef = u.sys.contexts[str(s.state.target)]
    if cmd.no:
        cdef.failover_group = None
        return
    gid = int(cmd.value("N_1_2") or 1)
    if cdef.name == u.sys.admin_context and gid != 1:
        cmd.error(msg.ADMIN_CONTEXT_GROUP_1)
    if gid not in u.sys.failover.group_ids():
        cmd.error(msg.failover_group_missing(gid))
    cdef.failover_group = gid


@handler("member")
def member(cmd: Command) -> None:
    if (cmd.value("NAME") or "") != "default":
        cmd.error(msg.class_missing(cmd.value("NAME") or ""))


# ---------------------------------------------------------------- misc system settings

@handler("mode")
def mode(cmd: Command) -> None:
    """`mode single|multiple [noconfirm]`: confirm, then reboot at once into the other mode
    (device/context_mode.py); to multiple mode, offer to convert the configuration.  A
    configuration file never changes the mode (it is not part of any configuration)."""
    u, s = cmd.unit, cmd.session
    want = "single" if cmd.has("single") else "multiple"
    if s.batch:
        return
    if want == ("single" if u.single else "multiple"):
        cmd.print(msg.MODE_ALREADY_SINGLE if u.single else msg.MODE_ALREADY_MULTIPLE)
        return
    convert = want == "multiple"

    def go(do_convert: bool, out: list[str]) -> None:
        if do_convert:
            context_mode.convert_to_multiple(u, out)
        out.append(show.show_mode(want)[0])
        context_mode.reboot_into(u, s, want, out)

    def converting(typed: str, out: list[str]) -> None:
        go(affirm(typed), out)

    def proceed(typed: str, out: list[str]) -> None:
        if not affirm(typed):
            return
        if convert:
            s.ask(msg.MODE_CONVERT, converting)
        else:
            go(False, out)
    if cmd.has("noconfirm"):
        go(convert, cmd.out)
        return
    s.ask("\n".join((msg.MODE_WARNING_BEHAVIOR, msg.MODE_WARNING_REBOOT, msg.MODE_CONFIRM)), proceed)


def affirm(typed: str) -> bool:
    """A `[confirm]` question: Enter or yes goes on."""
    return typed.strip().lower() in ("", "y", "yes")


@handler("no_mode")
def no_mode(cmd: Command) -> None:
    """`no mode`: the mode is not a configuration setting; nothing to undo."""


@handler("firewall")
def firewall(cmd: Command) -> None:
    """`firewall transparent` in a context.  Changing the firewall mode clears the context's
    configuration, as on the ASA (the two modes do not share most commands)."""
    u, s = cmd.unit, cmd.session
    ctx = u.ctx[s.context or ""]
    transparent = not cmd.no
    if ctx.transparent == transparent:
        return
    for name in list(ctx.interfaces):
        if is_bvi(name):
            del ctx.interfaces[name]         # BVIs exist only in transparent mode
        else:
            ctx.interfaces[name] = CtxInterface(name, management_port=ctx.interfaces[name].management_port)
    ctx.hostname, ctx.enable_password = "", ""
    ctx.monitor.clear()
    ctx.transparent = transparent


@handler("mac_address_auto")
def mac_address_auto(cmd: Command) -> None:
    prefix = cmd.value("N_0_65535")
    cmd.unit.sys.mac_auto = int(prefix) if prefix is not None else True


@handler("no_mac_address_auto")
def no_mac_address_auto(cmd: Command) -> None:
    cmd.unit.sys.mac_auto = False


@handler("pager_lines")
def pager_lines(cmd: Command) -> None:
    _set_pager(cmd, int(cmd.value("N_0_2147483647") or 24))


@handler("no_pager")
def no_pager(cmd: Command) -> None:
    _set_pager(cmd, 0)


def _set_pager(cmd: Command, n: int) -> None:
    u, s = cmd.unit, cmd.session
    if s.context:
        u.ctx[s.context].pager_lines = n
    else:
        u.sys.pager_lines = n
    s.pager = n


@handler("prompt")
def prompt(cmd: Command) -> None:
    u = cmd.unit
    if cmd.no:
        u.sys.prompt = DEFAULT_PROMPT
        return
    items = tuple(w for w in cmd.words[1:] if w)
    u.sys.prompt = items
