"""The failover commands (chapter: "Configuring the Primary Failover Unit", "Configuring
Failover Parameters", "Configuring Failover Groups", "Controlling Failover"): `failover`,
`failover lan unit|interface`, `failover link`, `failover interface ip`, `failover key`,
`failover polltime`, `failover group N` and its sub-mode, `failover active|reset [group N]`.

Validation and the configuration model live here; what the pair does about it (hellos,
negotiation, switching groups) runs through the unit's ports to the pair (`unit.events`, device/boundary.py).  The lab
registers these handlers when it assembles a pair (lab/lab.py).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

from ..config.defaults import (
    GROUP_PREFERENCE,
    IF_HOLD_MS,
    IF_POLL_MS,
    INTERFACE_POLICY,
    MAX_MONITORED,
    UNIT_HOLD_MS,
    UNIT_POLL_MS,
)
from ..config.model import FailoverGroup, FailoverIp
from ..config.netmask import is_netmask
from ..device import messages, names
from ..device.commands import Command, Handler, handler
from ..device.interfaces import norm_mac, phys_name
from . import show_commands  # noqa: F401  (registers the show handlers beside these)
from .data_link import data_state_link, is_data_link

# These commands exist only in the system execution space's grammar, so no handler here runs
# in a security context.


def _poll_values(cmd: Command) -> list[tuple[int, bool]]:
    """(value, is_msec) for each number typed, in order."""
    out: list[tuple[int, bool]] = []
    msec = False
    for tok, word in zip(cmd.tokens, cmd.words, strict=True):
        if word == "msec":
            msec = True
        elif tok.type == "N_1_999":
            out.append((int(tok), msec))
            msec = False
    return out


def _poll_ms(cmd: Command, typed: tuple[int, bool], lowest_msec: int, msec_error: str,
             sec_error: str) -> int:
    """A poll time: 1-15 seconds, or after `msec` lowest_msec-999 milliseconds."""
    poll, msec = typed
    if msec and not lowest_msec <= poll <= 999:
        cmd.error(msec_error)
    if not msec and not 1 <= poll <= 15:
        cmd.error(sec_error)
    return poll if msec else poll * 1000


def _check_interface_poll(cmd: Command, vals: list[tuple[int, bool]]) -> tuple[int, int]:
    poll_ms = _poll_ms(cmd, vals[0], 500, messages.IF_POLL_MSEC_RANGE, messages.IF_POLL_SEC_RANGE)
    hold_ms = vals[1][0] * 1000 if len(vals) > 1 else max(5000, poll_ms * 5)
    if not 5000 <= hold_ms <= 75000:
        cmd.error(messages.IF_HOLD_RANGE)
    if hold_ms < 5 * poll_ms:
        cmd.error(messages.IF_HOLD_5X_POLL)
    return poll_ms, hold_ms


def _changed(cmd: Command) -> None:
    if cmd.unit.events is not None:
        cmd.unit.events.config_changed(cmd.unit)


@handler("failover_cmd")
def failover_cmd(cmd: Command) -> None:
    """`failover` / `no failover` alone."""
    u = cmd.unit
    fo = u.sys.failover
    if cmd.no == (not fo.enabled):
        return
    if not cmd.no and u.hw.failover_license == "Disabled":
        cmd.error(messages.FAILOVER_NOT_LICENSED)
    fo.enabled = not cmd.no
    if u.events is not None:
        u.events.failover_toggled(cmd)


def setting(name: str) -> Callable[[Handler], Handler]:
    """Register a `failover ...` setting's handler under its alias (grammar/failover.lark):
    the pair hears of the change once the setting is accepted."""
    def register(fn: Handler) -> Handler:
        def run(cmd: Command) -> None:
            fn(cmd)
            _changed(cmd)
        handler(name)(run)
        return fn
    return register


@setting("fo_lan_unit")

def fo_lan_unit(cmd: Command) -> None:
    fo = cmd.unit.sys.failover
    fo.lan_unit = "secondary" if cmd.no else ("primary" if cmd.has("primary") else "secondary")


def _auto_description(cmd: Command) -> None:
    """The ASA labels the failover interfaces itself (not a data interface that carries the
    state link: it keeps its own description)."""
    u = cmd.unit
    fo = u.sys.failover
    lan = fo.lan_if[1] if fo.lan_if else None
    link = fo.link[1] if fo.link and not is_data_link(u, fo.link) else None
    for itf in u.sys.interfaces.values():
        if itf.description in ("LAN Failover Interface", "STATE Failover Interface",
                               "LAN/STATE Failover Interface"):
            itf.description = ""
    if lan and lan == link:
        u.sys.interfaces[lan].description = "LAN/STATE Failover Interface"
    else:
        if lan:
            u.sys.interfaces[lan].description = "LAN Failover Interface"
        if link:
            u.sys.interfaces[link].description = "STATE Failover Interface"


def _allocated_to(cmd: Command, phys: str) -> str | None:
    for cdef in cmd.unit.sys.contexts.values():
        if any(a.phys == phys for a in cdef.allocations):
            return cdef.name
    return None


def _existing_port(cmd: Command) -> str:
    """The port a failover or state link names: a subinterface must have been created
    (`interface GigabitEthernet0/1.100`) first, else the `^` error as for any unknown
    interface."""
    phys = phys_name(cmd)
    if phys not in cmd.unit.sys.interfaces:
        cmd.invalid_token("PHY_IF")
    return phys


def _one_port_per_name(cmd: Command, name: str, phys: str, other: tuple[str, str] | None) -> None:
    """The LAN and state links may share a port under one name, never one name on two ports."""
    if other is not None and other[0] == name and other[1] != phys:
        cmd.error(messages.failover_name_in_use(name, other[1]))


def _running(cmd: Command) -> bool:
    """Failover runs and the command was typed (a saved or synchronised configuration
    replays its own lines)."""
    return cmd.unit.sys.failover.enabled and not cmd.session.batch


@setting("fo_lan_interface")
def fo_lan_interface(cmd: Command) -> None:
    fo = cmd.unit.sys.failover
    if cmd.no:
        if fo.enabled:
            cmd.error(messages.FAILOVER_LAN_IF_IN_USE)
        if fo.lan_if:
            fo.ips.pop(fo.lan_if[0], None)
        fo.lan_if = None
        _auto_description(cmd)
        return
    name = cmd.value("NAME") or ""
    if not names.valid_nameif(name):     # an interface name, as `nameif` takes it
        cmd.invalid_token("NAME")
    if not cmd.values("PHY_IF"):
        cmd.error(messages.failover_phys_missing(name))
    phys = _existing_port(cmd)
    if fo.lan_if == (name, phys):
        return
    if fo.lan_if and _running(cmd):
        # the link the pair talks over cannot be renamed or moved under it
        cmd.error(messages.FAILOVER_LAN_IF_CHANGE)
    _one_port_per_name(cmd, name, phys, fo.link)
    owner = _allocated_to(cmd, phys)
    if owner:
        cmd.error(messages.interface_allocated(phys, owner))
    if fo.lan_if and fo.lan_if[0] != name:
        fo.ips.pop(fo.lan_if[0], None)
    if fo.link is not None and fo.link == fo.lan_if:
        fo.link = (name, phys)          # a state link that shares the LAN link follows it
    fo.lan_if = (name, phys)
    _auto_description(cmd)
    if not cmd.session.batch and cmd.unit.hw.at_least(9, 0):
        # 9.x says so when the port becomes the LAN failover link (real 9.2(2)4; taken as the
        # same from 9.0: unverified on 9.0/9.1)
        cmd.print(messages.lan_interface_cleared(phys))


@setting("fo_link")
def fo_link(cmd: Command) -> None:
    fo = cmd.unit.sys.failover
    if cmd.no:
        fo.link = None
        _auto_description(cmd)
        return
    name = cmd.value("NAME") or ""
    if not names.valid_nameif(name):
        cmd.invalid_token("NAME")
    data = data_state_link(cmd, name)
    if data is not None:
        fo.link = (name, data)
        _auto_description(cmd)
        return
    if cmd.values("PHY_IF"):
        phys = _existing_port(cmd)
        if fo.lan_if and fo.lan_if[0] != name and fo.lan_if[1] == phys:
            cmd.error(messages.already_lan_failover_interface(phys))
        _one_port_per_name(cmd, name, phys, fo.lan_if)
        owner = _allocated_to(cmd, phys)
        if owner:
            cmd.error(messages.state_link_allocated(phys, owner))
    elif fo.lan_if and fo.lan_if[0] == name:
        phys = fo.lan_if[1]
    else:
        cmd.error(messages.failover_phys_missing(name))
        return
    fo.link = (name, phys)
    _auto_description(cmd)


@setting("fo_interface_ip")
def fo_interface_ip(cmd: Command) -> None:
    fo = cmd.unit.sys.failover
    name = cmd.value("NAME") or ""
    if cmd.no:
        if name in fo.ips and fo.lan_if and fo.lan_if[0] == name and _running(cmd):
            cmd.error(messages.FAILOVER_LAN_IP_IN_USE)
        fo.ips.pop(name, None)
        return
    known = {n for n, _ in filter(None, (fo.lan_if, fo.link))}
    if name not in known:
        cmd.error(messages.not_failover_interface(name))
    v4 = cmd.values("IPV4")
    if v4:
        addr, mask, standby = v4
        if not is_netmask(mask):
            cmd.invalid_token("IPV4", 1)
            return
        net = ipaddress.IPv4Network(f"{addr}/{mask}", strict=False)
        if ipaddress.IPv4Address(standby) not in net:
            cmd.error(messages.FAILOVER_STANDBY_NOT_IN_SUBNET)
        if net.prefixlen < 31:
            for each in (addr, standby):
                if ipaddress.IPv4Address(each) in (net.network_address, net.broadcast_address):
                    cmd.error(messages.not_host_address(each))
        if ipaddress.IPv4Address(standby) == ipaddress.IPv4Address(addr):
            cmd.error(messages.STANDBY_SAME_AS_ACTIVE)
        fo.ips[name] = FailoverIp(addr, mask, standby)
        return
    prefix = cmd.value("IPV6_PREFIX") or ""
    standby6 = cmd.value("IPV6") or ""
    try:
        iface = ipaddress.IPv6Interface(prefix)
        sb = ipaddress.IPv6Address(standby6)
    except ValueError:
        cmd.invalid_token("IPV6_PREFIX")
        return
    if sb not in iface.network:
        cmd.error(messages.FAILOVER_STANDBY_NOT_IN_SUBNET)
    if sb == iface.ip:
        cmd.error(messages.STANDBY_SAME_AS_ACTIVE)
    fo.ips[name] = FailoverIp(str(iface.ip), f"/{iface.network.prefixlen}", standby6)


@setting("fo_key")
def fo_key(cmd: Command) -> None:
    fo = cmd.unit.sys.failover
    if cmd.no:
        fo.key, fo.key_hex = None, False
        return
    secret = cmd.value("SECRET") or ""
    if cmd.has("hex"):
        if len(secret) != 32 or any(c not in "0123456789abcdefABCDEF" for c in secret):
            cmd.error(messages.FAILOVER_HEX_KEY_LENGTH)
        fo.key, fo.key_hex = secret.lower(), True
    else:
        if not 1 <= len(secret) <= 63:
            cmd.error(messages.FAILOVER_KEY_LENGTH)
        fo.key, fo.key_hex = secret, False


@setting("fo_polltime_unit")
def fo_polltime_unit(cmd: Command) -> None:
    fo = cmd.unit.sys.failover
    if cmd.no:
        fo.unit_poll_ms, fo.unit_hold_ms, fo.unit_poll_explicit = UNIT_POLL_MS, UNIT_HOLD_MS, False
        return
    vals = _poll_values(cmd)
    poll_ms = _poll_ms(cmd, vals[0], 200, messages.UNIT_POLL_MSEC_RANGE, messages.UNIT_POLL_SEC_RANGE)
    pmsec = vals[0][1]
    if len(vals) > 1:
        hold, hmsec = vals[1]
        hold_ms = hold if hmsec else hold * 1000
        if hmsec and not 800 <= hold <= 999 or not hmsec and not 1 <= hold <= 45:
            cmd.error(messages.UNIT_HOLD_RANGE)
    else:
        hold_ms = max(3 * poll_ms, 800 if pmsec else 3000)
    if hold_ms < 3 * poll_ms:
        cmd.error(messages.UNIT_HOLD_3X_POLL)
    fo.unit_poll_ms, fo.unit_hold_ms, fo.unit_poll_explicit = poll_ms, hold_ms, True


@setting("fo_polltime_interface")
def fo_polltime_interface(cmd: Command) -> None:
    fo = cmd.unit.sys.failover
    if cmd.no:
        fo.if_poll_ms, fo.if_hold_ms, fo.if_poll_explicit = IF_POLL_MS, IF_HOLD_MS, False
        return
    fo.if_poll_ms, fo.if_hold_ms = _check_interface_poll(cmd, _poll_values(cmd))
    fo.if_poll_explicit = True


@setting("fo_replication_http")
def fo_replication_http(cmd: Command) -> None:
    cmd.unit.sys.failover.replication_http = not cmd.no


def _mac_pair(cmd: Command) -> tuple[str, str]:
    macs = cmd.values("MAC")
    return norm_mac(macs[0]), norm_mac(macs[1])


@setting("fo_mac_address")
def fo_mac_address(cmd: Command) -> None:
    fo = cmd.unit.sys.failover
    phys = phys_name(cmd)
    if cmd.no:
        fo.macs.pop(phys, None)
    else:
        fo.macs[phys] = _mac_pair(cmd)


def _policy(cmd: Command) -> tuple[int, bool]:
    raw = cmd.value("POLICY") or "1"
    pct = raw.endswith("%")
    n = int(raw.rstrip("%"))
    if pct and not 1 <= n <= 100 or not pct and not 1 <= n <= MAX_MONITORED:
        cmd.invalid_token("POLICY")
    return n, pct


@setting("fo_interface_policy")
def fo_interface_policy(cmd: Command) -> None:
    fo = cmd.unit.sys.failover
    fo.policy = INTERFACE_POLICY if cmd.no else _policy(cmd)


@setting("fo_timeout")
def fo_timeout(cmd: Command) -> None:
    cmd.unit.sys.failover.timeout = "" if cmd.no else (cmd.value("REST") or "")




# ---------------------------------------------------------------- failover groups

@handler("failover_group")
def failover_group(cmd: Command) -> None:
    u = cmd.unit
    fo = u.sys.failover
    gid = int(cmd.value("N_1_2") or 1)
    if gid not in fo.groups:
        if fo.enabled and not cmd.session.batch:   # a saved configuration lists them after `failover`
            cmd.error(messages.FOGROUP_NEEDS_FAILOVER_OFF)
        fo.groups[gid] = FailoverGroup(gid)
        fo.groups = dict(sorted(fo.groups.items()))
    cmd.session.enter("sys_fover_group", target=gid)
    _changed(cmd)


@handler("no_failover_group")
def no_failover_group(cmd: Command) -> None:
    u = cmd.unit
    fo = u.sys.failover
    gid = int(cmd.value("N_1_2") or 1)
    if gid not in fo.groups:
        return
    if fo.enabled:
        cmd.error(messages.FOGROUP_NEEDS_FAILOVER_OFF)
    if gid == 1 and 2 in fo.groups:
        cmd.error(messages.FOGROUP_REMOVE_GROUP1_LAST)
    users = [c.name for c in u.sys.contexts.values() if c.failover_group == gid]
    if users:
        cmd.error(messages.fogroup_has_contexts(gid))
    del fo.groups[gid]
    _changed(cmd)


def _group(cmd: Command) -> FailoverGroup:
    return cmd.unit.sys.failover.groups[int(cmd.session.state.target or 1)]


@handler("fg_primary", "fg_secondary")
def fg_preference(cmd: Command) -> None:
    g = _group(cmd)
    want = "primary" if cmd.rule == "fg_primary" else "secondary"
    if cmd.no:
        g.preference = GROUP_PREFERENCE
    else:
        g.preference = want
    _changed(cmd)


@handler("fg_preempt")
def fg_preempt(cmd: Command) -> None:
    g = _group(cmd)
    delay = cmd.value("N_1_1200")
    g.preempt = None if cmd.no else (int(delay) if delay else 0)
    _changed(cmd)


@handler("fg_replication_http")
def fg_replication_http(cmd: Command) -> None:
    _group(cmd).replication_http = not cmd.no


@handler("fg_interface_policy")
def fg_interface_policy(cmd: Command) -> None:
    g = _group(cmd)
    g.policy = INTERFACE_POLICY if cmd.no or not cmd.value("POLICY") else _policy(cmd)
    _changed(cmd)


@handler("fg_mac_address")
def fg_mac_address(cmd: Command) -> None:
    g = _group(cmd)
    phys = phys_name(cmd)
    if cmd.no:
        g.macs.pop(phys, None)
    else:
        if not cmd.values("MAC"):
            cmd.error(messages.INCOMPLETE)
        g.macs[phys] = _mac_pair(cmd)


@handler("fg_polltime")
def fg_polltime(cmd: Command) -> None:
    g = _group(cmd)
    vals = _poll_values(cmd)
    if cmd.no or not vals:
        g.poll_ms = g.hold_ms = None
    else:
        g.poll_ms, g.hold_ms = _check_interface_poll(cmd, vals)
    _changed(cmd)


# ---------------------------------------------------------------- control

def _named_group(cmd: Command) -> int | None:
    """The `group N` a control command names (None: the whole unit), refused when this
    unit has no such group (Active/Standby has none; Active/Active at most two)."""
    gid = cmd.value("N_1_2")
    if gid is None:
        return None
    if cmd.unit.single:
        # failover groups are multiple context mode only: the keyword does not exist there
        at = cmd.words.index("group")
        cmd.invalid_at(int(cmd.tokens[at].start_pos or 0))
    if int(gid) not in cmd.unit.sys.failover.group_ids():
        cmd.error(messages.failover_group_missing(int(gid)))
    return int(gid)


@handler("failover_active")
def failover_active(cmd: Command) -> None:
    gid = _named_group(cmd)
    cmd.pair.force_active(cmd, gid, not cmd.no)


@handler("failover_reset")
def failover_reset(cmd: Command) -> None:
    gid = _named_group(cmd)
    cmd.pair.reset(cmd, gid)


@handler("failover_reload_standby")
def failover_reload_standby(cmd: Command) -> None:
    cmd.pair.reload_standby(cmd)


@handler("failover_exec")
def failover_exec(cmd: Command) -> None:
    target = next(w for w in cmd.words if w in ("active", "mate", "standby"))
    cmd.pair.exec_remote(cmd, target, cmd.value("REST") or "")
