"""Render running-configurations the way an ASA prints them.  Nothing else prints config.

System-space block sub-commands (failover group, context) are indented by two spaces and
interface sub-commands by one, as the ASA's system writer does.  Every rendered line is a
command of the grammar, so a rendered configuration can be executed to rebuild it.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import acl, defaults
from .model import (
    ContextConfig,
    CtxInterface,
    FailoverConfig,
    FailoverGroup,
    LoggingConfig,
    SystemConfig,
    is_bvi,
)
from .passwords import asa_hash

# `timeout` lines: the keywords each line carries, in the ASA's order
TIMEOUT_LINES = (
    ("xlate",), ("pat-xlate",), ("conn", "half-closed", "udp", "icmp"),
    ("sunrpc", "h323", "h225", "mgcp", "mgcp-pat"),
    ("sip", "sip_media", "sip-invite", "sip-disconnect"),
    ("sip-provisional-media", "uauth"), ("tcp-proxy-reassembly",), ("floating-conn",),
)

EMPTY_PASSWORD_HASH = "8Ry2YjIyt7RRXU24"   # what every ASA prints for an empty enable password


def password_hash(secret: str, user: str = "") -> str:
    """The encrypted form the ASA prints (config/passwords.py)."""
    return asa_hash(secret, user)


def checksum(lines: Iterable[str]) -> str:
    from hashlib import md5  # hashlib (OpenSSL) loads in ms: only when a checksum is due
    return md5("\n".join(lines).encode()).hexdigest()


def group_hex(h: str) -> str:
    """`4b86b1e42e731d6b...` -> `4b86b1e4 2e731d6b ...`: how the ASA prints a Cryptochecksum."""
    return " ".join(h[i:i + 8] for i in range(0, 32, 8))


def checksum_groups(lines: Iterable[str]) -> str:
    return group_hex(checksum(lines))


def _seconds(ms: int) -> str:
    return f"msec {ms}" if ms % 1000 else str(ms // 1000)


def _policy(policy: tuple[int, bool]) -> str:
    return f"{policy[0]}%" if policy[1] else str(policy[0])


def render_failover_group(g: FailoverGroup, all_: bool = False) -> list[str]:
    out = [f"failover group {g.gid}"]
    if g.preference == "secondary":
        out.append("  secondary")
    elif all_:
        out.append("  primary")
    if g.preempt is not None:
        out.append("  preempt" + (f" {g.preempt}" if g.preempt else ""))
    elif all_:
        out.append("  no preempt")
    if g.replication_http:
        out.append("  replication http")
    elif all_:
        out.append("  no replication http")
    if g.policy != defaults.INTERFACE_POLICY or all_:
        out.append(f"  interface-policy {_policy(g.policy)}")
    for phys, (act, stby) in g.macs.items():
        out.append(f"  mac address {phys} {act} {stby}")
    if g.poll_ms is not None or all_:
        poll = g.poll_ms if g.poll_ms is not None else defaults.IF_POLL_MS
        hold = g.hold_ms if g.hold_ms is not None else defaults.IF_HOLD_MS
        out.append(f"  polltime interface {_seconds(poll)} holdtime {hold // 1000}")
    return out


def render_failover(f: FailoverConfig, all_: bool = False, secrets: bool = False,
                    groups: bool = True) -> list[str]:
    out: list[str] = []
    out.append("failover" if f.enabled else "no failover")
    if f.lan_unit == "primary" or f.lan_if or all_:   # a configured secondary says so too
        out.append(f"failover lan unit {f.lan_unit}")
    if f.lan_if:
        out.append(f"failover lan interface {f.lan_if[0]} {f.lan_if[1]}")
    if f.unit_poll_explicit or all_:
        out.append(f"failover polltime unit {_seconds(f.unit_poll_ms)} holdtime "
                   f"{_seconds(f.unit_hold_ms)}")
    if f.if_poll_explicit or all_:
        out.append(f"failover polltime interface {_seconds(f.if_poll_ms)} holdtime "
                   f"{f.if_hold_ms // 1000}")
    if f.policy != defaults.INTERFACE_POLICY or all_:
        out.append(f"failover interface-policy {_policy(f.policy)}")
    if f.key is not None:
        shown = f.key if secrets else "*****"
        out.append(f"failover key {'hex ' if f.key_hex else ''}{shown}")
    if f.replication_http:
        out.append("failover replication http")
    for phys, (act, stby) in f.macs.items():
        out.append(f"failover mac address {phys} {act} {stby}")
    if f.timeout:
        out.append(f"failover timeout {f.timeout}")
    if f.link:
        out.append(f"failover link {f.link[0]} {f.link[1]}")
    for name, ip in f.ips.items():
        if ip.mask.startswith("/"):
            out.append(f"failover interface ip {name} {ip.active}{ip.mask} standby {ip.standby}")
        else:
            out.append(f"failover interface ip {name} {ip.active} {ip.mask} standby {ip.standby}")
    if groups:
        for gid in sorted(f.groups):
            out.extend(render_failover_group(f.groups[gid], all_))
    return out


def render_system_interfaces(sysc: SystemConfig, only: str | None = None) -> list[str]:
    out: list[str] = []
    for itf in sysc.ordered_interfaces():
        if only and itf.name != only:
            continue
        out.append(f"interface {itf.name}")
        if itf.description:
            out.append(f" description {itf.description}")
        if itf.speed:
            out.append(f" speed {itf.speed}")
        if itf.duplex:
            out.append(f" duplex {itf.duplex}")
        if itf.vlan is not None:
            out.append(f" vlan {itf.vlan}")
        if itf.mac:
            out.append(f" mac-address {itf.mac[0]}" + (f" standby {itf.mac[1]}" if itf.mac[1] else ""))
        if itf.shutdown:
            out.append(" shutdown")
        out.append("!")
    return out


def render_contexts(sysc: SystemConfig, only: str | None = None) -> list[str]:
    out: list[str] = []
    if sysc.admin_context and not only:
        out.append(f"admin-context {sysc.admin_context}")
    for ctx in sysc.contexts.values():
        if only and ctx.name != only:
            continue
        out.append(f"context {ctx.name}")
        if ctx.description:
            out.append(f"  description {ctx.description}")
        for a in ctx.allocations:
            words = [a.phys] + ([a.mapped] if a.mapped else []) + (["visible"] if a.visible else [])
            out.append("  allocate-interface " + " ".join(words))
        if ctx.config_url:
            out.append(f"  config-url {ctx.config_url}")
        if ctx.failover_group is not None:
            out.append(f"  join-failover-group {ctx.failover_group}")
        out.append("!")
        out.append("")
    return out


def render_classes(sysc: SystemConfig) -> list[str]:
    """Resource classes: two-space sub-commands, each block closed by `!` and a blank line."""
    out: list[str] = []
    for cls in sysc.classes.values():
        out.append(f"class {cls.name}")
        out.extend(f"  limit-resource {res} {limit}" for res, limit in cls.limits.items())
        out.append("!")
        out.append("")
    return out


def system_body(sysc: SystemConfig, all_: bool = False, secrets: bool = False) -> list[str]:
    """The system configuration without header and trailer."""
    out = [f"hostname {sysc.hostname}",
           f"enable password {sysc.enable_password or EMPTY_PASSWORD_HASH} encrypted"]
    if sysc.mac_auto is False:
        out.append("no mac-address auto")
    elif sysc.mac_auto is True:
        out.append("mac-address auto")
    else:
        out.append(f"mac-address auto prefix {sysc.mac_auto}")
    out.append("!")
    out.extend(render_system_interfaces(sysc))
    out.extend(render_classes(sysc))
    # `no ftp mode passive` (unverified) keeps a disabled setting across a reload or a sync
    out.append(("" if sysc.ftp_passive else "no ") + "ftp mode passive")
    out.append(f"pager lines {sysc.pager_lines}")
    out.extend(render_failover(sysc.failover, all_, secrets))
    out.append(("" if sysc.asdm_history else "no ") + "asdm history enable")
    out.append(f"arp timeout {sysc.arp_timeout}")
    out.append(f"console timeout {sysc.console_timeout}")
    out.append("")
    out.extend(render_contexts(sysc))
    out.append("prompt " + " ".join(sysc.prompt))
    return out


def render_context_interfaces(ctx: ContextConfig, only: str | None = None) -> list[str]:
    """A context's interface blocks (`only`: that interface's), each closed by `!`."""
    out: list[str] = []
    for itf in ctx.interfaces.values() if only is None else filter(None, [ctx.interfaces.get(only)]):
        out.append(f"interface {itf.name}")
        if itf.description:
            out.append(f" description {itf.description}")
        out.extend(_ctx_interface_lines(itf))
        out.append("!")
    return out


def context_body(ctx: ContextConfig, all_: bool = False) -> list[str]:
    out = ["firewall transparent"] if ctx.transparent else []
    out += [f"hostname {ctx.hostname or ctx.name}",
            f"enable password {ctx.enable_password or EMPTY_PASSWORD_HASH} encrypted"]
    out += render_names(ctx) + ["!"]
    out.extend(render_context_interfaces(ctx))
    out.extend(acl.render_objects_and_lists(ctx))
    out.append(f"pager lines {ctx.pager_lines}")
    out.extend(_ctx_tail(ctx))
    return out


def single_body(sysc: SystemConfig, ctx: ContextConfig, all_: bool = False,
                secrets: bool = False) -> list[str]:
    """A single context mode configuration: the system's lines and the one space's in one
    file; each interface block carries both its physical and its logical settings."""
    out = ["firewall transparent"] if ctx.transparent else []
    out += [f"hostname {sysc.hostname}",
            f"enable password {sysc.enable_password or EMPTY_PASSWORD_HASH} encrypted"]
    out += render_names(ctx) + ["!"]
    out.extend(render_single_interfaces(sysc, ctx))
    out.append(("" if sysc.ftp_passive else "no ") + "ftp mode passive")
    out.extend(acl.render_objects_and_lists(ctx))
    out.append(f"pager lines {sysc.pager_lines}")
    # a single-mode unit has no failover groups: the failover lines come after the mtu lines
    fover = render_failover(sysc.failover, all_, secrets, groups=False)
    out.extend(_ctx_tail(ctx, after_mtu=fover, asdm=sysc.asdm_history, arp=sysc.arp_timeout))
    out.append(f"console timeout {sysc.console_timeout}")
    out.append("prompt " + " ".join(sysc.prompt))
    return out


def render_single_interfaces(sysc: SystemConfig, ctx: ContextConfig,
                             only: str | None = None) -> list[str]:
    """A single-mode unit's interface blocks (`only`: that interface's): each carries its
    port's settings and its logical ones, closed by `!`."""
    out: list[str] = []
    links = {link[1] for link in (sysc.failover.lan_if, sysc.failover.link) if link}
    for sys_itf in sysc.ordered_interfaces():
        if only and sys_itf.name != only:
            continue
        phys = render_system_interfaces(sysc, only=sys_itf.name)[:-1]   # without its `!`
        # a failover link is the system's: it has no nameif, level or address lines (a data
        # interface that also carries the state link keeps its own)
        itf = ctx.interfaces.get(sys_itf.name)
        if itf is not None and sys_itf.name in links and not itf.nameif:
            itf = None
        logical = _ctx_interface_lines(itf) if itf is not None else []
        if logical[:1] in ([" management-only"], [" no management-only"]) and " shutdown" in phys:
            # the line comes before `shutdown` (public 9.x captures: ` no management-only`,
            # ` shutdown`, ` no nameif`)
            at = phys.index(" shutdown")
            phys, logical = phys[:at] + logical[:1] + phys[at:], logical[1:]
        out.extend(phys + logical + ["!"])
    # a transparent unit's BVIs come after its ports, as in a context (they have no port)
    bvis = [n for n in ctx.interfaces if is_bvi(n) and (only is None or n == only)]
    return out + [ln for n in bvis for ln in render_context_interfaces(ctx, n)]


def _ctx_interface_lines(itf: CtxInterface) -> list[str]:
    """An interface block's logical settings (a context's, or a single-mode unit's)."""
    out: list[str] = []
    if itf.mac:
        out.append(f" mac-address {itf.mac[0]}" + (f" standby {itf.mac[1]}" if itf.mac[1] else ""))
    if itf.is_management_only:
        out.append(" management-only")
    elif itf.mgmt_port:
        out.append(" no management-only")
    if itf.shutdown:
        out.append(" shutdown")
    bvi = is_bvi(itf.name)
    if itf.nameif:
        out.append(f" nameif {itf.nameif}")
    elif not bvi:
        out.append(" no nameif")
    if itf.bridge_group is not None:
        out.append(f" bridge-group {itf.bridge_group}")
    if itf.security_level is not None or itf.nameif:
        out.append(f" security-level {itf.security_level or 0}")
    elif not bvi:
        out.append(" no security-level")
    if itf.ip:
        addr, mask, stby = itf.ip
        out.append(f" ip address {addr} {mask}" + (f" standby {stby}" if stby else ""))
    elif itf.bridge_group is None:
        # a bridge-group member has no address of its own: its BVI's is the management one
        out.append(" no ip address")
    for prefix, stby in itf.ipv6:
        out.append(f" ipv6 address {prefix}" + (f" standby {stby}" if stby else ""))
    if itf.asr_group is not None:
        out.append(f" asr-group {itf.asr_group}")
    return out


def _ctx_tail(ctx: ContextConfig, after_mtu: list[str] | None = None, asdm: bool | None = None,
              arp: int | None = None) -> list[str]:
    """A space's lines after `pager lines`: logging, mtu, monitoring, defaults, routing,
    management (single context mode passes its failover lines and system settings)."""
    out = render_logging(ctx.logging)
    # every named interface has an `mtu` line (default 1500), after pager and before monitoring
    out.extend(f"mtu {itf.nameif} {itf.mtu}" for itf in ctx.interfaces.values() if itf.nameif)
    if ctx.mgmt_ip is not None:
        # unverified for 8.2: the place of the line (PIX 6 and 7 configurations print their
        # `ip address` lines right after the mtu lines)
        addr, mask, stby = ctx.mgmt_ip
        out.append(f"ip address {addr} {mask}" + (f" standby {stby}" if stby else ""))
    out.extend(after_mtu or [])
    for nameif, on in ctx.monitor.items():
        out.append(("" if on else "no ") + f"monitor-interface {nameif}")
    out.append("icmp unreachable rate-limit {} burst-size {}".format(*ctx.icmp_unreachable))
    out.append(("" if (ctx.asdm_history if asdm is None else asdm) else "no ") + "asdm history enable")
    out.append(f"arp timeout {ctx.arp_timeout if arp is None else arp}")
    out.extend(acl.render_access_groups(ctx))
    out.extend(render_routing(ctx))
    out.extend(render_routes(ctx))
    out.extend(render_timeouts(ctx))
    if ctx.user_identity_domain:
        out.append(f"user-identity default-domain {ctx.user_identity_domain}")
    out.extend(render_aaa(ctx))
    out.append(f"telnet timeout {ctx.telnet_timeout}")
    out.extend(f"ssh {a.address} {a.mask} {a.nameif}" for a in ctx.ssh_access)
    out.append(f"ssh timeout {ctx.ssh_timeout}")
    out.extend(render_users(ctx))
    out.extend(render_mpf(ctx))
    return out


def render_logging(cfg: LoggingConfig) -> list[str]:
    """A context's `logging` lines, between `pager lines` and the `mtu` lines, levels by name."""
    levels = defaults.LOGGING_LEVELS
    out = [f"logging {flag}" for flag, on in (("enable", cfg.enabled), ("timestamp", cfg.timestamp),
                                               ("standby", cfg.standby)) if on]
    if cfg.buffer_size != defaults.LOGGING_BUFFER_SIZE:
        out.append(f"logging buffer-size {cfg.buffer_size}")
    for dest, level in (("console", cfg.console), ("buffered", cfg.buffered), ("trap", cfg.trap)):
        if level is not None:
            out.append(f"logging {dest} {levels[level]}")
    if cfg.facility != defaults.LOGGING_FACILITY:
        out.append(f"logging facility {cfg.facility}")
    for h in cfg.hosts:
        out.append(f"logging host {h.nameif} {h.address}" + (f" {h.proto}/{h.port}" if h.port else ""))
    return out


def render_names(ctx: ContextConfig) -> list[str]:
    """`names` and its `name ADDR NAME [description TEXT]` lines, after the enable password."""
    if not ctx.names:
        return []
    return ["names"] + [f"name {addr} {name}" + (f" description {desc}" if desc else "")
                        for addr, (name, desc) in ctx.names.items()]


def render_routes(ctx: ContextConfig) -> list[str]:
    """`route IF NET MASK GW METRIC` lines (after the routing processes, before `timeout`)."""
    return [f"route {r.nameif} {r.network} {r.mask} {r.gateway} {r.metric}" for r in ctx.routes]


def render_aaa(ctx: ContextConfig) -> list[str]:
    # the order of the two lines is the emulator's (unverified)
    out = ["aaa authentication serial console LOCAL"] if ctx.aaa_serial_local else []
    if ctx.aaa_ssh_local:
        out.append("aaa authentication ssh console LOCAL")
    if ctx.max_fail is not None:
        out.append(f"aaa local authentication attempts max-fail {ctx.max_fail}")
    return out


def render_users(ctx: ContextConfig) -> list[str]:
    """`username` lines; the default privilege (2) is not printed (unverified)."""
    return [f"username {u.name} password {u.password} encrypted"
            + (f" privilege {u.privilege}" if u.privilege != 2 else "")
            for u in ctx.users.values()]


def render_timeouts(ctx: ContextConfig) -> list[str]:
    out: list[str] = []
    for keys in TIMEOUT_LINES:
        words = [f"{k} {ctx.timeouts[k]}" for k in keys if k in ctx.timeouts]
        if words:
            out.append("timeout " + " ".join(words))
    return out


def render_mpf(ctx: ContextConfig) -> list[str]:
    """Class maps, policy maps and service policies, with the ASA's `!` separators: one-space
    sub-commands, two spaces under a policy map's class or parameters."""
    out: list[str] = []
    if ctx.class_maps:
        out.append("!")
        for name, matches in ctx.class_maps.items():
            out.append(f"class-map {name}")
            out.extend(f" {m}" for m in matches)
        out.append("!")
    if ctx.policy_maps:
        out.append("!")
        # inspection policy maps first: a Layer 3/4 policy map's `inspect` lines name them
        for pm in sorted(ctx.policy_maps.values(), key=lambda pm: not pm.kind):
            out.append("policy-map " + (f"type {pm.kind} " if pm.kind else "") + pm.name)
            if pm.parameters is not None:
                out.append(" parameters")
                out.extend(f"  {p}" for p in pm.parameters)
            for cname, actions in pm.classes.items():
                out.append(f" class {cname}")
                out.extend(f"  {a}" for a in actions)
        out.append("!")
    for where, name in ctx.service_policies.items():
        out.append(f"service-policy {name} " + ("global" if where == "global" else f"interface {where}"))
    return out


def render_routing(ctx: ContextConfig) -> list[str]:
    """`router ospf` and `router rip` blocks, each closed by `!` as the ASA writes them."""
    out: list[str] = []
    for pid in sorted(ctx.ospf):
        p = ctx.ospf[pid]
        out.append(f"router ospf {pid}")
        if p.router_id:
            out.append(f" router-id {p.router_id}")
        for n in p.networks:
            out.append(f" network {n.address} {n.mask} area {n.area}")
        out.append({"on": " log-adj-changes", "detail": " log-adj-changes detail",
                    "off": " no log-adj-changes"}[p.log_adj])
        out.append("!")
    if ctx.rip is not None:
        out.append("router rip")
        for net in ctx.rip.networks:
            out.append(f" network {net}")
        if ctx.rip.version is not None:
            out.append(f" version {ctx.rip.version}")
        out.append("!")
    return out


def wrap(body: list[str], version: str, space: str, header: list[str] | None = None,
         digest: str | None = None, *, gap_after_saved: bool = False) -> list[str]:
    """Add the `: Saved` header and the Cryptochecksum / `: end` trailer.  `digest` is the
    checksum to print (by default that of `body`; a saved file with secrets in clear carries
    the checksum of the configuration as `show running-config` prints it)."""
    # a single-mode configuration's version line names no space
    # 9.4+ prints an empty line after `: Saved` (real 9.4(4)5 and 9.7(1)4 headers)
    head = [": Saved"] + ([""] if gap_after_saved else []) + [":"] + (header or []) + [f"ASA Version {version}" + (f" <{space}>" if space else ""), "!"]
    return head + body + [f"Cryptochecksum:{digest or checksum(body)}", ": end"]
