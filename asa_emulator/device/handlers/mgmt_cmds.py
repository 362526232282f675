"""Management access commands of a context: `username`, `aaa authentication ssh console LOCAL`,
`aaa local authentication attempts max-fail`, `ssh ADDR MASK IFNAME`; and `show ssh sessions`,
`who`, `show aaa local user`, `clear aaa local user lockout` (run-time state: device/mgmt.py)."""

from __future__ import annotations

from ...config.model import ContextConfig, LocalUser, SshAccess
from ...config.netmask import is_netmask
from ...config.render import password_hash
from .. import messages as msg
from ..commands import Command, handler


def _ctx(cmd: Command) -> ContextConfig:
    return cmd.unit.ctx[cmd.session.context or ""]


@handler("username")
def username(cmd: Command) -> None:
    name = cmd.value("NAME") or ""
    secret = cmd.value("SECRET") or ""
    encrypted = secret if cmd.has("encrypted") else password_hash(secret, name)
    level = cmd.value("N_0_15")
    _ctx(cmd).users[name] = LocalUser(name, encrypted, int(level) if level is not None else 2)


@handler("no_username")
def no_username(cmd: Command) -> None:
    name = cmd.value("NAME") or ""
    ctx = _ctx(cmd)
    if ctx.users.pop(name, None) is None:
        cmd.error(msg.user_not_found(name))
    cmd.unit.mgmt.lockouts.clear(ctx.name, name)


@handler("aaa_ssh")
def aaa_ssh(cmd: Command) -> None:
    _ctx(cmd).aaa_ssh_local = not cmd.no


@handler("aaa_serial")
def aaa_serial(cmd: Command) -> None:
    _ctx(cmd).aaa_serial_local = not cmd.no


@handler("aaa_max_fail")
def aaa_max_fail(cmd: Command) -> None:
    n = cmd.value("N_1_16")
    _ctx(cmd).max_fail = None if cmd.no else int(n or 0)


@handler("ssh_access")
def ssh_access(cmd: Command) -> None:
    addr, mask = cmd.values("IPV4")[:2]
    nameif = cmd.value("NAME") or ""
    ctx = _ctx(cmd)
    if not is_netmask(mask):
        cmd.error(msg.BAD_NETMASK)
    line = SshAccess(addr, mask, nameif)
    if cmd.no:
        if line in ctx.ssh_access:
            ctx.ssh_access.remove(line)
        return
    if ctx.by_nameif(nameif) is None:
        cmd.error(msg.ssh_no_interface(nameif))
    if line not in ctx.ssh_access:
        ctx.ssh_access.append(line)


def _records(cmd: Command) -> list:
    """The SSH sessions of the session's context; from the system space, every one."""
    ctx = cmd.session.context
    return [r for r in cmd.unit.mgmt.ssh if ctx is None or r.context == ctx]


@handler("show_ssh_sessions")
def show_ssh_sessions(cmd: Command) -> None:
    records = _records(cmd)
    if not records:
        return
    cmd.print(msg.SSH_SESSIONS_HEADER)
    for r in records:
        cmd.print(msg.ssh_session_row(str(r.sid), r.client_ip, "IN", r.encryption, r.hmac, r.username),
                  msg.ssh_session_row("", "", "OUT", r.encryption, r.hmac, r.username))


@handler("who")
def who(cmd: Command) -> None:
    cmd.print(*(f"{r.sid}: {r.client_ip}" for r in _records(cmd)))


@handler("show_aaa_local_user")
def show_aaa_local_user(cmd: Command) -> None:
    ctx = _ctx(cmd)
    lock = cmd.unit.mgmt.lockouts
    locked_only = cmd.has("locked")
    rows = []
    for name in ctx.users:
        key = (ctx.name, name)
        locked = key in lock.locked
        if locked_only and not locked:
            continue
        rows.append(msg.aaa_local_user_row(lock.failures.get(key, 0), locked, name))
    if rows:
        cmd.print(msg.AAA_LOCAL_USER_HEADER, *rows)


@handler("clear_aaa_lockout")
def clear_aaa_lockout(cmd: Command) -> None:
    """`clear aaa local user lockout username NAME|all`: unlock."""
    cmd.unit.mgmt.lockouts.clear(_ctx(cmd).name, _user_or_all(cmd))


@handler("clear_aaa_fail_attempts")
def clear_aaa_fail_attempts(cmd: Command) -> None:
    """`clear aaa local user fail-attempts username NAME|all`: reset the counters only."""
    cmd.unit.mgmt.lockouts.reset_counts(_ctx(cmd).name, _user_or_all(cmd))


def _user_or_all(cmd: Command) -> str | None:
    """The user named, or None for `all`."""
    return None if cmd.has("all") else cmd.value("NAME") or ""
