"""System execution space configuration: hostname, interfaces, contexts, mode, prompt."""

from __future__ import annotations

from ...config.model import Allocation, ContextDef, SysInterface
from ...config.render import password_hash
from ..commands import Command, handler
from ..hardware import canonical_interface


def phys_name(cmd: Command, terminal: str = "PHY_IF", nth: int = 0) -> str:
    """The canonical physical interface a PHY_IF word names, or the `^` error."""
    typed = cmd.values(terminal)[nth]
    name = canonical_interface(typed, cmd.unit.hw.interfaces)
    if name is None:
        cmd.invalid_token(terminal, nth)
        raise AssertionError  # unreachable: invalid_token raises
    return name


@handler("hostname")
def hostname(cmd: Command) -> None:
    s, u = cmd.session, cmd.unit
    name = cmd.value("NAME")
    if s.context:
        u.ctx[s.context].hostname = "" if cmd.no else (name or "")
    else:
        u.sys.hostname = "ciscoasa" if cmd.no else (name or "ciscoasa")


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
    name = phys_name(cmd)
    if name not in u.sys.interfaces:
        parent = name.split(".")[0]
        if parent not in u.sys.interfaces:
            cmd.invalid_token("PHY_IF")
        u.sys.interfaces[name] = SysInterface(name)
        _sort_interfaces(cmd)
    s.enter("sys_if", target=name)


def _sort_interfaces(cmd: Command) -> None:
    hw = cmd.unit.hw.interfaces

    def key(n: str) -> tuple[int, int]:
        base, _, sub = n.partition(".")
        return (hw.index(base) if base in hw else 99, int(sub) if sub else -1)
    cmd.unit.sys.interfaces = dict(sorted(cmd.unit.sys.interfaces.items(), key=lambda kv: key(kv[0])))


@handler("no_sys_interface")
def no_sys_interface(cmd: Command) -> None:
    u = cmd.unit
    name = phys_name(cmd)
    if "." not in name:
        cmd.error(f"ERROR: Cannot remove physical interface {name}")  # unverified
    for cdef in u.sys.contexts.values():
        if any(a.phys == name for a in cdef.allocations):
            cmd.error(f"ERROR: Interface {name} is allocated to context {cdef.name}")  # unverified
    u.sys.interfaces.pop(name, None)


# ---------------------------------------------------------------- interface sub-commands

def _sys_if(cmd: Command) -> SysInterface:
    return cmd.unit.sys.interfaces[str(cmd.session.state.target)]


@handler("description")
def description(cmd: Command) -> None:
    s, u = cmd.session, cmd.unit
    text = "" if cmd.no else (cmd.value("REST") or "")[:200]
    if s.mode == "sys_if":
        _sys_if(cmd).description = text
    elif s.mode == "sys_ctx":
        u.sys.contexts[str(s.state.target)].description = text
    elif s.mode == "ctx_if":
        u.ctx[s.context or ""].interfaces[str(s.state.target)].description = text


@handler("shutdown")
def shutdown(cmd: Command) -> None:
    s, u = cmd.session, cmd.unit
    if s.mode == "sys_if":
        _sys_if(cmd).shutdown = not cmd.no
    else:
        u.ctx[s.context or ""].interfaces[str(s.state.target)].shutdown = not cmd.no
    if u.pair is not None:
        changed = getattr(u.pair, "links_changed", None)
        if changed:
            changed()


@handler("mac_address")
def mac_address(cmd: Command) -> None:
    s, u = cmd.session, cmd.unit
    macs = [m.lower() for m in cmd.values("MAC")]
    value = None if cmd.no or not macs else (_norm_mac(macs[0]), _norm_mac(macs[1]) if len(macs) > 1 else None)
    if s.mode == "sys_if":
        _sys_if(cmd).mac = value
    else:
        u.ctx[s.context or ""].interfaces[str(s.state.target)].mac = value


def _norm_mac(mac: str) -> str:
    return ".".join(part.zfill(4) for part in mac.lower().split("."))


@handler("vlan")
def vlan(cmd: Command) -> None:
    itf = _sys_if(cmd)
    if "." not in itf.name:
        cmd.error("ERROR: VLAN can only be configured on a subinterface")  # unverified
    itf.vlan = None if cmd.no else int(cmd.value("N_1_4094") or 0)


@handler("speed")
def speed(cmd: Command) -> None:
    w = [t for t in cmd.words if t in ("10", "100", "1000", "auto")]
    _sys_if(cmd).speed = "" if not w or w[0] == "auto" else w[0]


@handler("duplex")
def duplex(cmd: Command) -> None:
    w = [t for t in cmd.words if t in ("full", "half", "auto")]
    _sys_if(cmd).duplex = "" if not w or w[0] == "auto" else w[0]


@handler("nameif_sys")
def nameif_sys(cmd: Command) -> None:
    cmd.error("ERROR: This command is not supported in the system context")  # unverified


# ---------------------------------------------------------------- contexts

@handler("context")
def context(cmd: Command) -> None:
    u, s = cmd.unit, cmd.session
    name = cmd.value("NAME") or ""
    if len(name) > 32:
        cmd.invalid_token("NAME")
    if name.lower() in ("system", "null") or "/" in name:
        cmd.error(f"ERROR: The name '{name}' is reserved")  # unverified
    if name not in u.sys.contexts:
        if len(u.sys.contexts) >= u.hw.contexts_license + 1:
            cmd.error("ERROR: Maximum number of contexts reached")  # unverified
        u.sys.contexts[name] = ContextDef(name)
        u.new_context(name)
        if u.sys.admin_context is None and not s.batch:
            pass
    s.enter("sys_ctx", target=name)


@handler("no_context")
def no_context(cmd: Command) -> None:
    u = cmd.unit
    name = cmd.value("NAME") or ""
    if name not in u.sys.contexts:
        cmd.error(f"ERROR: Context '{name}' not found")  # unverified
    if name == u.sys.admin_context:
        cmd.error("ERROR: Cannot delete the admin context")  # unverified
    del u.sys.contexts[name]
    u.ctx.pop(name, None)
    s = u.console
    if s.context == name:
        s.enter("sys_exec", context=None, keep_context=False)


@handler("admin_context")
def admin_context(cmd: Command) -> None:
    u = cmd.unit
    name = cmd.value("NAME") or ""
    cdef = u.sys.contexts.get(name)
    if cdef is None:
        # the ASA creates the admin context on demand when it is named first
        u.sys.contexts[name] = ContextDef(name)
        u.new_context(name)
    elif cdef.failover_group not in (None, 1):
        cmd.error("ERROR: The admin context must be in failover group 1")  # unverified
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
        cdef.allocations = [a for a in cdef.allocations if a.phys != phys]
        u.deallocate(cdef.name, phys, mapped)
        return
    fo = u.sys.failover
    if (fo.lan_if and fo.lan_if[1] == phys) or (fo.link and fo.link[1] == phys):
        cmd.error(f"ERROR: Interface {phys} is used as a failover link")  # unverified
    for a in cdef.allocations:
        if a.phys == phys:
            a.mapped, a.visible = mapped, visible
            return
    cdef.allocations.append(Allocation(phys, mapped, visible))
    order = {n: i for i, n in enumerate(u.sys.interfaces)}
    cdef.allocations.sort(key=lambda a: order.get(a.phys, 999))
    u.allocate(cdef.name, phys, mapped)


@handler("config_url")
def config_url(cmd: Command) -> None:
    u, s = cmd.unit, cmd.session
    cdef = u.sys.contexts[str(s.state.target)]
    if cmd.no:
        cdef.config_url = ""
        return
    url = cmd.value("FILE") or ""
    from ..flash import split_url
    loc = split_url(url)
    if loc is None:
        cmd.error(f"ERROR: Unsupported URL {url}")  # unverified
    assert loc is not None
    cdef.config_url = f"{loc[0]}/{loc[1]}"
    if not u.flash.exists(loc[1]):
        if not s.batch:
            cmd.print(f"WARNING: Could not fetch the URL {cdef.config_url}",
                      "INFO: Creating context with default config")
        return
    if u.ctx[cdef.name].interfaces and any(i.nameif for i in u.ctx[cdef.name].interfaces.values()):
        return   # already configured: the ASA does not reload a running context
    u.load_context_url(cdef.name)
    if not s.batch:
        cmd.print(f"Cryptochecksum (changed): {_ctx_sum(cmd, cdef.name)}")
        if cdef.name == u.sys.admin_context:
            cmd.print("INFO: Admin context will take some time to come up .... please wait.")


def _ctx_sum(cmd: Command, name: str) -> str:
    from ...config.render import checksum_groups
    return checksum_groups(cmd.unit.config_body(name))


@handler("join_failover_group")
def join_failover_group(cmd: Command) -> None:
    u, s = cmd.unit, cmd.session
    cdef = u.sys.contexts[str(s.state.target)]
    if cmd.no:
        cdef.failover_group = None
        return
    gid = int(cmd.value("N_1_2") or 1)
    if cdef.name == u.sys.admin_context and gid != 1:
        cmd.error("ERROR: The admin context must be in failover group 1")  # unverified
    if gid not in u.sys.failover.groups:
        cmd.error(f"ERROR: Failover group {gid} does not exist")  # unverified
    cdef.failover_group = gid


@handler("member")
def member(cmd: Command) -> None:
    if (cmd.value("NAME") or "") != "default":
        cmd.error(f"ERROR: Class {cmd.value('NAME')} does not exist")  # unverified


# ---------------------------------------------------------------- misc system settings

@handler("mode")
def mode(cmd: Command) -> None:
    u, s = cmd.unit, cmd.session
    target = "single" if cmd.has("single") else "multiple"
    if target == "multiple":
        if not s.batch:
            cmd.print("WARNING: The running mode is already multiple")  # unverified
        return

    def answer(typed: str, out: list[str]) -> None:
        if typed.lower() in ("", "y", "yes"):
            u.pending_mode = target
            out.append("Convert the system configuration? [confirm]")
            out.append("INFO: The mode change takes effect at the next reload")
    if cmd.has("noconfirm"):
        u.pending_mode = target
        return
    s.ask("WARNING: This command will change the behavior of the device\n"
          "WARNING: This command will initiate a Reboot\n"
          "Proceed with change mode? [confirm]", answer)


@handler("no_mode")
def no_mode(cmd: Command) -> None:
    cmd.unit.pending_mode = None


@handler("firewall")
def firewall(cmd: Command) -> None:
    u, s = cmd.unit, cmd.session
    if not s.context:
        cmd.error("ERROR: This command is only valid in a security context")  # unverified
    u.ctx[s.context].transparent = not cmd.no


@handler("mac_address_auto")
def mac_address_auto(cmd: Command) -> None:
    u = cmd.unit
    if cmd.no:
        u.sys.mac_auto = False
    else:
        prefix = cmd.value("N_0_65535")
        u.sys.mac_auto = int(prefix) if prefix is not None else True


@handler("pager_lines")
def pager_lines(cmd: Command) -> None:
    u, s = cmd.unit, cmd.session
    n = 0 if cmd.no else int(cmd.value("N_0_2147483647") or 24)
    if s.context:
        u.ctx[s.context].pager_lines = n
    else:
        u.sys.pager_lines = n
    s.pager = n


@handler("prompt")
def prompt(cmd: Command) -> None:
    u = cmd.unit
    if cmd.no:
        u.sys.prompt = ("hostname", "context")
        return
    items = tuple(v.lower() for v in cmd.values("PROMPT_ITEM"))
    u.sys.prompt = items
