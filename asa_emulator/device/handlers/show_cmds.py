"""A unit's own `show` commands.  Handlers gather state; device/show.py prints it (`show
failover` and `show monitor-interface` are failover/show_commands.py's)."""

from __future__ import annotations

from ...config import render
from ...config.model import SINGLE
from .. import messages as msg
from .. import show, views
from ..commands import Command, handler
from ..platform_show import memory_split
from ..printable import file_lines, masked_keys
from ..views import resolve_interface


@handler("show_running")
def show_running(cmd: Command) -> None:
    u, s = cmd.unit, cmd.session
    all_ = cmd.has("all")
    section = [w for w in cmd.words[2:] if w and w != "all"]
    if not section:
        cmd.print(*u.spaces.running_config(s.context, all_))
        return
    key = section[0]
    if s.context is None:
        lines = _system_section(cmd, key, all_)
    else:
        lines = _context_section(cmd, key, all_)
    cmd.print(*lines)


def _system_section(cmd: Command, key: str, all_: bool) -> list[str]:
    u = cmd.unit
    sysc = u.sys
    if key == "failover":
        if cmd.has("group"):
            gid = cmd.value("N_1_2")
            return [ln for g in sorted(sysc.failover.groups) if gid is None or int(gid) == g
                    for ln in render.render_failover_group(sysc.failover.groups[g], all_)]
        return render.render_failover(sysc.failover, all_)
    if key == "interface":
        only = resolve_interface(cmd) if cmd.value("IFNAME") else None
        if u.single:        # the one space: each block with its logical settings
            return _bang_first(render.render_single_interfaces(sysc, u.ctx[SINGLE], only))
        return _bang_first(render.render_system_interfaces(sysc, only))
    if key == "context":
        return render.render_contexts(sysc, cmd.value("NAME"))
    if key == "hostname":
        return [f"hostname {sysc.hostname}"]
    if key == "admin-context":
        return [f"admin-context {sysc.admin_context}"] if sysc.admin_context else []
    if key == "mac-address":
        return [ln for ln in render.system_body(sysc) if ln.startswith(("mac-address", "no mac-address"))]
    if key == "enable":
        return [ln for ln in render.system_body(sysc) if ln.startswith("enable ")]
    if key in ("pager", "terminal"):
        return [f"pager lines {sysc.pager_lines}"]
    if key == "prompt":
        return ["prompt " + " ".join(sysc.prompt)]
    if u.single:
        # one configuration space: the context's sections (route, access-list, ...) are in it
        return _blocks(render.single_body(sysc, u.ctx[SINGLE], all_), key)
    return _blocks(render.system_body(sysc, all_), key)


def _blocks(body: list[str], key: str) -> list[str]:
    """The lines of a configuration that start with `key` (`no key` too), each with the
    indented lines of its block: `show running-config timeout`, `policy-map`, `class`…"""
    out: list[str] = []
    keep = False
    for ln in body:
        if not ln.startswith((" ", "!")) and ln:
            first = ln.split()[1] if ln.startswith("no ") and len(ln.split()) > 1 else ln.split()[0]
            keep = first == key
        elif not ln.startswith(" "):
            keep = False
        if keep:
            out.append(ln)
    return out


def _bang_first(blocks: list[str]) -> list[str]:
    """`show running-config interface`: each block is preceded by `!` (the full listing
    closes each block with one instead)."""
    out: list[str] = []
    for ln in blocks:
        if ln.startswith("interface "):
            out.append("!")
        if ln != "!":
            out.append(ln)
    return out


def _context_section(cmd: Command, key: str, all_: bool) -> list[str]:
    u, s = cmd.unit, cmd.session
    ctx = u.ctx[s.context or ""]
    if key == "interface":
        # the interface blocks only, not the whole context rendered and cut
        want = resolve_interface(cmd) if cmd.value("IFNAME") else None
        return _bang_first(render.render_context_interfaces(ctx, want))
    body = render.context_body(ctx, all_)
    if key in ("nameif", "ip", "asr-group"):
        # interface sub-commands: each interface that has one, with its matching lines
        prefix = {"nameif": " nameif ", "ip": " ip address ", "asr-group": " asr-group "}[key]
        out, head = [], ""
        for ln in body:
            if ln.startswith("interface "):
                head = ln
            elif ln.startswith(prefix) and head:
                out += ["!", head, ln]
        return out
    if key == "monitor-interface":
        if all_:
            # with `all` every named interface is listed, monitored or not (defaults included)
            from ..interfaces import is_monitored
            return [("" if is_monitored(u, ctx, itf, phys) else "no ") + f"monitor-interface {itf.nameif}"
                    for _, phys, itf in u.spaces.named_interfaces_in([s.context or ""])]
        return [ln for ln in body if "monitor-interface" in ln]
    if key == "names":
        # `names` and the `name` lines it enables (unverified: a capture of the section)
        return _blocks(body, "names") + _blocks(body, "name")
    if key in ("hostname", "enable", "pager", "firewall"):
        return [ln for ln in body if ln.startswith(key + " ")]
    if key == "terminal":
        return [ln for ln in body if ln.startswith("pager")]
    return _blocks(body, key)


@handler("show_startup")
def show_startup(cmd: Command) -> None:
    u = cmd.unit
    path = u.spaces.startup_path(cmd.session.context)
    if path is None or not u.flash.exists(path):
        cmd.print(msg.NO_CONFIGURATION)     # a context without its file: the same (unverified)
        return
    cmd.print(*masked_keys(file_lines(u.flash.read(path))))


@handler("show_mode")
def show_mode(cmd: Command) -> None:
    cmd.print(*show.show_mode("single" if cmd.unit.single else "multiple"))


@handler("show_curpriv")
def show_curpriv(cmd: Command) -> None:
    s = cmd.session
    level = s.level
    # every configuration mode (config, interface, context, group, router, class...) is P_CONF
    mode = "P_UNPR" if s.mode.endswith("_user") else "P_PRIV" if s.mode.endswith("_exec") else "P_CONF"
    # an SSH or console login is known by its user until `enable` (unverified: from memory of
    # real units); without a login the level names the user
    login = s.ssh_record.username if s.ssh_record is not None else s.login_user
    user = login if login is not None and level < 15 else f"enable_{level}"
    cmd.print(f"Username : {user}",
              f"Current privilege level : {level}", f"Current Mode/s : {mode}")


@handler("show_pager")
def show_pager(cmd: Command) -> None:
    cmd.print(f"pager lines {cmd.session.pager}" if cmd.session.pager else "no pager")


@handler("show_terminal")
def show_terminal(cmd: Command) -> None:
    cmd.print("", "Width = 80, no monitor", "terminal interactive")


@handler("show_history")
def show_history(cmd: Command) -> None:
    cmd.print(*(f"  {h}" for h in cmd.session.history))


@handler("show_admin_context")
def show_admin_context(cmd: Command) -> None:
    u = cmd.unit
    cdef = u.sys.contexts.get(u.sys.admin_context or "")
    if cdef is None:
        cmd.print("Admin: none")
        return
    cmd.print(f"Admin: {cdef.name} {cdef.config_url}")


@handler("show_firewall")
def show_firewall(cmd: Command) -> None:
    u, s = cmd.unit, cmd.session
    space = s.space             # single mode: the one space's mode
    transparent = bool(space is not None and u.ctx[space].transparent)
    cmd.print(f"Firewall mode: {'Transparent' if transparent else 'Router'}")


@handler("show_hostname")
def show_hostname(cmd: Command) -> None:
    u, s = cmd.unit, cmd.session
    cmd.print(u.ctx[s.context].hostname or s.context if s.context else u.sys.hostname)


@handler("show_memory")
def show_memory(cmd: Command) -> None:
    total, free, used = memory_split(cmd.unit.hw.ram_mb)
    cmd.print(f"Free memory:       {free:>12} bytes ({free * 100 // total}%)",
              f"Used memory:       {used:>12} bytes ({used * 100 // total}%)",
              "-------------     ------------------",
              f"Total memory:      {total:>12} bytes (100%)")


# the shows whose views (device/views.py) gather the unit's state: one handler each
@handler("show_version")
def show_version(cmd: Command) -> None:
    cmd.print(*views.version(cmd))


@handler("show_clock")
def show_clock(cmd: Command) -> None:
    cmd.print(*views.clock(cmd))


@handler("show_interface")
def show_interface(cmd: Command) -> None:
    cmd.print(*views.interface(cmd))


@handler("show_interface_ip_brief")
def show_interface_ip_brief(cmd: Command) -> None:
    cmd.print(*views.interface_ip_brief(cmd))


@handler("show_ip_address")
def show_ip_address(cmd: Command) -> None:
    cmd.print(*views.ip_address(cmd))


@handler("show_context")
def show_context(cmd: Command) -> None:
    cmd.print(*views.context(cmd))


@handler("show_flash")
def show_flash(cmd: Command) -> None:
    from .files import dir_
    dir_(cmd)


