"""Management access of a unit: the local user database check, lockouts, and the SSH sessions
open on it.

The engine does no I/O: the SSH server (frontends/ssh/ssh.py) asks `ssh_login` whether a login is
allowed, registers each session it opens (`SshSessions.add`) with a callback that closes the
connection, and removes it when the client goes away.  `show ssh sessions`, `who` and `reload`
use the registry.  Lockout counters are run-time state: a reload clears them, as on an ASA.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from dataclasses import field
from typing import Protocol

from ..config.model import ContextConfig, SystemConfig
from ..config.passwords import asa_hash
from ..records import dataclass

MAX_SSH_SESSIONS = 5        # per context: the ASA's limit (configuration guide, "Configure SSH Access")


@dataclass
class SshRecord:
    """One SSH session as `show ssh sessions` lists it."""

    sid: int
    context: str
    client_ip: str
    username: str
    encryption: str = "aes128-ctr"
    hmac: str = "sha1"
    drop: Callable[[], None] = field(default=lambda: None, repr=False)   # closes the connection
    last_ms: int = 0                # virtual time of its last command (`show users` idle)


@dataclass
class Lockouts:
    """Consecutive failed logins per (context, user), as `aaa local authentication attempts
    max-fail` counts them."""

    failures: dict[tuple[str, str], int] = field(default_factory=dict)
    locked: set[tuple[str, str]] = field(default_factory=set)

    def clear(self, context: str, user: str | None = None) -> None:
        """`clear aaa local user lockout`: unlock, and count from zero again."""
        for key in [k for k in self.locked if k[0] == context and user in (None, k[1])]:
            self.locked.discard(key)
            self.failures.pop(key, None)

    def reset_counts(self, context: str, user: str | None = None) -> None:
        """`clear aaa local user fail-attempts`: the counters go back to zero; a locked user
        stays locked (the command reference's description, from memory; unverified)."""
        for key in [k for k in self.failures if k[0] == context and user in (None, k[1])]:
            del self.failures[key]


class Management:
    """Per-unit run-time state of management access."""

    def __init__(self) -> None:
        self.lockouts = Lockouts()
        self.ssh: list[SshRecord] = []
        self._next_sid = 0

    def ssh_count(self, context: str) -> int:
        return sum(1 for r in self.ssh if r.context == context)

    def add_ssh(self, context: str, client_ip: str, username: str, encryption: str, hmac: str,
                drop: Callable[[], None]) -> SshRecord | None:
        """Register a session; None when the context already has the maximum."""
        if self.ssh_count(context) >= MAX_SSH_SESSIONS:
            return None
        record = SshRecord(self._next_sid, context, client_ip, username, encryption, hmac, drop)
        self._next_sid += 1
        self.ssh.append(record)
        return record

    def remove_ssh(self, record: SshRecord) -> None:
        if record in self.ssh:
            self.ssh.remove(record)

    def drop_all(self) -> None:
        """The unit went down: every SSH session is closed."""
        records, self.ssh = self.ssh, []
        for r in records:
            r.drop()

    def reset(self) -> None:
        self.lockouts = Lockouts()


class ManagedUnit(Protocol):
    """What the checks below read of a unit (device/unit.py's Unit, which holds Management
    and so sits above this module)."""

    @property
    def up(self) -> bool: ...
    @property
    def sys(self) -> SystemConfig: ...
    @property
    def ctx(self) -> dict[str, ContextConfig]: ...
    @property
    def mgmt(self) -> Management: ...
    def log(self, msg_id: int, level: int, text: str, context: str | None = None) -> None: ...


def check_local(unit: ManagedUnit, ctx: ContextConfig, username: str, password: str) -> int | None:
    """Check a username and password against the context's local user database: the user's
    privilege level, or None (unknown user, wrong password, locked out).  A wrong password
    counts towards the lockout; a right one resets the count.  Privilege-15 users are counted
    but never locked (the ASA keeps an administrator able to log in; unverified)."""
    user = ctx.users.get(username)
    key = (ctx.name, username)
    lock = unit.mgmt.lockouts
    if user is None:
        return None
    if key in lock.locked:
        return None
    if asa_hash(password, username) != user.password:
        lock.failures[key] = lock.failures.get(key, 0) + 1
        if ctx.max_fail is not None and lock.failures[key] >= ctx.max_fail and user.privilege < 15:
            lock.locked.add(key)
            # the syslog guide's 113006: "User user locked out on exceeding number successive
            # failed authentication attempts"
            unit.log(113006, 6, f"User {username} locked out on exceeding {ctx.max_fail} "
                                "successive failed authentication attempts",
                     ctx.name)
        return None
    lock.failures.pop(key, None)
    return user.privilege


def ssh_permits(ctx: ContextConfig, client_ip: str) -> bool:
    """An `ssh ADDR MASK IFNAME` line covers the client on a named interface of the context.
    The lab has no network: the client is taken to arrive on any named interface."""
    try:
        client = ipaddress.IPv4Address(client_ip)
    except ValueError:
        return False
    for line in ctx.ssh_access:
        if ctx.by_nameif(line.nameif) is None:
            continue
        try:
            net = ipaddress.IPv4Network(f"{line.address}/{line.mask}", strict=False)
        except ValueError:
            continue
        if client in net:
            return True
    return False


def admin_context(unit: ManagedUnit) -> ContextConfig | None:
    name = unit.sys.admin_context
    return unit.ctx.get(name) if name is not None else None


def ssh_login(unit: ManagedUnit, username: str, password: str, client_ip: str) -> int | None:
    """May `username` log in over SSH from `client_ip`?  Their privilege level, or None.

    As on an ASA since 8.4(2): SSH needs `aaa authentication ssh console LOCAL` and a local
    user; the admin context's `ssh` lines must cover the client."""
    if not unit.up:
        return None
    ctx = admin_context(unit)
    if ctx is None or not ctx.aaa_ssh_local or not ssh_permits(ctx, client_ip):
        return None
    return check_local(unit, ctx, username, password)


def console_login_required(unit: ManagedUnit) -> bool:
    """Does the serial console ask for a login?  In multiple context mode the system execution
    space has no AAA commands (configuration guide, "Information About Security Contexts"):
    the emulator takes the admin context's `aaa authentication serial console LOCAL` and users
    for the console, as for SSH (unverified)."""
    ctx = admin_context(unit)
    return unit.up and ctx is not None and ctx.aaa_serial_local


def console_login(unit: ManagedUnit, username: str, password: str) -> int | None:
    """The user's privilege level when the console login is right, else None (counts towards
    the lockout as an SSH login does)."""
    ctx = admin_context(unit)
    if not unit.up or ctx is None:
        return None
    return check_local(unit, ctx, username, password)


def ssh_usernames(unit: ManagedUnit) -> list[str]:
    """The users who can log in over SSH now (for the server's warning when it is exposed)."""
    ctx = admin_context(unit)
    if ctx is None or not ctx.aaa_ssh_local or not ctx.ssh_access:
        return []
    return sorted(ctx.users)
