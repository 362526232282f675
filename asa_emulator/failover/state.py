"""The pair's shared failover state: per-unit, per-group state machines, history, monitored
interfaces, and the vocabulary (group states, unit roles, reasons) a real ASA prints.

Every chapter module (hello, sync, health, preempt, replication, remote, show) is free
functions over one `PairState`; `pair.py` owns it and decides the order of a tick.  The enums'
values are the ASA's own strings, so they print and compare as before.

Active/Standby (no failover group configured, chapter 34 "Failover Groups": groups exist only
once configured) needs no other shape: the unit-level state is group 1's record, which every
context maps to without a group (`ConfigSpaces.group_of`).  `PairState.gids` is the one place that says
which groups run, and `PairState.active_active` which layout `show failover` prints.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Collection
from dataclasses import field
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from ..device import messages
from ..device.interfaces import live_ports, sys_shut  # noqa: F401  (sys_shut: failover's name for it)
from ..kept import REVISIONS
from ..records import dataclass

if TYPE_CHECKING:
    from ..cabling import Link
    from ..clock import Clock, Timer
    from ..device.unit import Unit


class GroupState(StrEnum):
    """A failover group's state, as `show failover` prints it."""

    NOT_DETECTED = "Not Detected"
    NEGOTIATION = "Negotiation"
    COLD_STANDBY = "Cold Standby"
    SYNC_CONFIG = "Sync Config"
    SYNC_FILE_SYSTEM = "Sync File System"
    BULK_SYNC = "Bulk Sync"
    STANDBY_READY = "Standby Ready"
    JUST_ACTIVE = "Just Active"
    ACTIVE_DRAIN = "Active Drain"
    ACTIVE_APPLYING_CONFIG = "Active Applying Config"
    ACTIVE_CONFIG_APPLIED = "Active Config Applied"
    ACTIVE = "Active"
    FAILED = "Failed"

    @property
    def active(self) -> bool:
        return self in ACTIVE_STATES

    @property
    def negotiating(self) -> bool:
        """Still looking for a mate: nothing decided yet."""
        return self in (GroupState.NEGOTIATION, GroupState.NOT_DETECTED)


class UnitRole(StrEnum):
    """`failover lan unit`, as `show failover` prints it."""

    PRIMARY = "Primary"
    SECONDARY = "Secondary"

    @property
    def other(self) -> UnitRole:
        return UnitRole.SECONDARY if self is UnitRole.PRIMARY else UnitRole.PRIMARY


# `failover lan unit` -> the role `show failover` prints (an enum call costs a lookup by value)
_ROLES = {"primary": UnitRole.PRIMARY, "secondary": UnitRole.SECONDARY}


class Reason(StrEnum):
    """Why a group changed state (history, syslog 104001/104002, `show failover state`)."""

    NO_ERROR = "No Error"
    NO_ACTIVE_UNIT = "No Active unit found"
    ACTIVE_MATE = "Detected an Active mate"
    CONFIG_COMMAND = "Set by the config command"
    MATE_WANTS_ACTIVE = "Other unit wants me Active"
    MATE_WANTS_STANDBY = "Other unit wants me Standby"
    HELLO_LOST = "HELLO not heard from mate"
    INTERFACE_CHECK = "Interface check"
    STATE_CHECK = "Failover state check"
    SERVICE_CARD = "Service card failure"
    HARDWARE = "Hardware failure"            # unverified: no capture names it


GROUPS = (1, 2)
UNIT = 1            # Active/Standby: the unit-level state lives in group 1's record
S = GroupState

ACTIVE_STATES = frozenset({S.ACTIVE, S.JUST_ACTIVE, S.ACTIVE_DRAIN, S.ACTIVE_APPLYING_CONFIG,
                           S.ACTIVE_CONFIG_APPLIED})
TRANSIENT = frozenset({S.NOT_DETECTED, S.NEGOTIATION, S.COLD_STANDBY, S.SYNC_CONFIG,
                       S.SYNC_FILE_SYSTEM, S.BULK_SYNC, S.JUST_ACTIVE, S.ACTIVE_DRAIN,
                       S.ACTIVE_APPLYING_CONFIG, S.ACTIVE_CONFIG_APPLIED})

# The states a group passes through on its way to Active or Standby Ready (reference §2).
TO_ACTIVE = (S.JUST_ACTIVE, S.ACTIVE_DRAIN, S.ACTIVE_APPLYING_CONFIG, S.ACTIVE_CONFIG_APPLIED,
             S.ACTIVE)
TO_STANDBY = (S.COLD_STANDBY, S.SYNC_CONFIG, S.SYNC_FILE_SYSTEM, S.BULK_SYNC, S.STANDBY_READY)


@dataclass
class HistoryRec:
    at: int
    group: int
    from_state: GroupState
    to_state: GroupState
    reason: str


@dataclass
class Group:
    """One failover group on one unit."""

    state: GroupState = GroupState.NOT_DETECTED
    active_since: int | None = None
    active_ms: int = 0
    failure: Reason | None = None              # why it is Failed
    last_failure: tuple[Reason, int] | None = None
    # active here when it last failed, and not made active or handed over by a command
    # since: the "previously active" group that preempt brings back after a recovery
    failed_while_active: bool = False

    @property
    def active(self) -> bool:
        return self.state in ACTIVE_STATES

    def active_time_ms(self, now: int) -> int:
        return self.active_ms + (now - self.active_since if self.active_since is not None else 0)


@dataclass
class IfMon:
    """One monitored interface as this unit sees it."""

    status: str = "Unknown"
    last_heard: int = 0


# `show failover history` keeps the latest transitions only, as a real unit's buffer does, so
# a lab that runs for weeks with thousands of failovers does not grow.  # unverified: the size
HISTORY_MAX = 200


@dataclass(eq=False)            # one unit's engine state, known by identity (show keys hold it)
class UnitFailover:
    groups: dict[int, Group] = field(default_factory=lambda: {g: Group() for g in GROUPS})
    history: deque[HistoryRec] = field(default_factory=lambda: deque(maxlen=HISTORY_MAX))
    history_count: int = 0                   # transitions ever recorded (the deque forgets)
    started: bool = False                    # failover enabled and running on this unit
    started_at: int = 0
    paired: bool = False                     # hellos from the mate are being heard
    heard_at: int = 0                        # last hello from the mate on the failover link
    neg_deadline: int | None = None          # when negotiation gives up waiting for a mate
    lan_failed: bool = False                 # failover link failed during operation
    mate_failed: bool = False                # the mate stopped answering (power/software failure)
    mate_seen: bool = False                  # the mate has been detected since start
    mate_lost_at: int = 0
    syncing: bool = False
    sync_gen: int = 0                        # bumped to call off a configuration sync under way
    mismatch: str | None = None              # why the mate cannot pair (prerequisites)
    unit_failure: Reason | None = None       # a hardware or service-card failure (until reload)
    ifmon: dict[tuple[str, str], IfMon] = field(default_factory=dict)
    # counts the changes of ifmon (an interface added or removed, a new status): what shows
    # the statuses keeps its lines until it moves (monitoring_changed is the one place)
    mon_gen: int = 0
    last_failover: dict[int, int] = field(default_factory=dict)
    stats_sys_cmd: int = 0
    # the failover link's messages (`show failover statistics`): hellos sent and heard, the
    # tick that last sent one (Pair._skip_one counts the ticks it skips from it), and the
    # replicated commands and configuration-sync lines sent to and received from the mate
    hello_tx: int = 0
    hello_rx: int = 0
    hello_sent_at: int | None = None
    data_tx: int = 0
    data_rx: int = 0
    def monitoring_changed(self) -> None:
        """A monitored interface was added or removed, or its status changed."""
        REVISIONS.bump(self, "mon_gen")

    def negotiating(self, gids: tuple[int, ...]) -> bool:
        """Still looking for a mate in one of the groups that run (gids).  A group still
        Not Detected on a unit that runs failover is one it does not know (configured on
        the mate only): it does not make an active unit a negotiating one."""
        return any(self.groups[g].state == GroupState.NEGOTIATION for g in gids)

    def set_state(self, gid: int, state: GroupState, reason: Reason, now: int,
                  chain: bool = True) -> bool:
        """Move a group to `state`, recording the intermediate states a real ASA passes
        through.  Returns True if the state changed."""
        state, reason = GroupState(state), Reason(reason)
        g = self.groups[gid]
        if g.state == state:
            return False
        path: tuple[GroupState, ...] = (state,)
        if chain and state == S.ACTIVE and not g.active:
            path = TO_ACTIVE
        elif chain and state == S.STANDBY_READY and g.state.negotiating:
            path = TO_STANDBY
        elif chain and state == S.STANDBY_READY and g.state in TO_STANDBY:
            # a configuration sync under way finishes its remaining steps
            path = TO_STANDBY[TO_STANDBY.index(g.state) + 1:]
        for nxt in path:
            self.history.append(HistoryRec(now, gid, g.state, nxt, reason))
            REVISIONS.bump(self, "history_count")
            g.state = nxt
        if g.active and g.active_since is None:
            g.active_since = now
            self.last_failover[gid] = now
        elif not g.active and g.active_since is not None:
            g.active_ms += now - g.active_since
            g.active_since = None
            self.last_failover[gid] = now
        if g.active:
            g.failed_while_active = False
        if state == S.FAILED:
            g.failure = reason
            g.last_failure = (reason, now)
        else:
            g.failure = None
        return True


class GroupListener(Protocol):
    """Told when a group changes state on a unit, when a unit's memory is wiped (boot, power
    loss), and when `write standby` replaces the configuration of contexts active on a unit:
    traffic subscribes to keep its connection tables in step."""

    def group_changed(self, unit: Unit, gid: int, before: GroupState, after: GroupState) -> None: ...
    def unit_reset(self, unit: Unit) -> None: ...
    def config_replaced(self, unit: Unit, contexts: list[str]) -> None: ...


ReplStats = Callable[["Unit", "int | None"], dict[str, tuple[int, int]]]
"""Stateful Failover counters of a unit, one group or all: row name -> (xmit, rcv)."""


def no_repl_stats(unit: Unit, gid: int | None) -> dict[str, tuple[int, int]]:
    return {}


@dataclass
class PairState:
    """The two units, what connects them, and each one's failover state."""

    units: dict[str, Unit]                   # the two units, in lab order
    clock: Clock
    link: Link                               # the cabling between them
    fo: dict[str, UnitFailover] = field(default_factory=dict)
    listeners: list[GroupListener] = field(default_factory=list)
    preempt_timers: dict[int, Timer] = field(default_factory=dict)
    preempt_cfg: dict[int, tuple[object, ...]] = field(default_factory=dict)
    repl_stats: ReplStats = no_repl_stats    # what traffic counted, for `show failover`

    def __post_init__(self) -> None:
        for name in self.units:
            self.fo.setdefault(name, UnitFailover())

    # ------------------------------------------------------------------ who is who
    @property
    def gids(self) -> tuple[int, ...]:
        """The failover groups the pair runs: those configured (`failover group N`) on
        either running unit, in order; Active/Standby, with none, runs the unit-level state
        (UNIT).  A unit that holds only its bootstrap lines runs the groups its running mate
        is configured with, so both agree on which states exist before the configuration
        sync; a unit that is off or booting has no running configuration.  A unit in single
        context mode has no groups (and does not pair with a multiple-mode mate): what it
        shows is its own unit-level state (`gids_of`)."""
        a, b = self.units.values()
        ga = a.sys.failover.group_ids() if a.up else ()
        gb = b.sys.failover.group_ids() if b.up else ()
        if ga == gb:        # the usual case (both run the same groups): no set built
            return ga or (UNIT,)
        return tuple(sorted({*ga, *gb}))

    @property
    def active_active(self) -> bool:
        """A failover group is configured on a running unit: Active/Active; otherwise the
        whole unit fails over (Active/Standby)."""
        return any(u.sys.failover.groups for u in self.units.values() if u.up)

    def gids_of(self, u: Unit) -> tuple[int, ...]:
        """The groups u shows: the pair's, or the unit-level state in single context mode
        (a single-mode unit never pairs with a multiple-mode one: hello.prerequisites)."""
        return (UNIT,) if u.single else self.gids

    def active_active_of(self, u: Unit) -> bool:
        """Which `show failover` layout u prints."""
        return not u.single and self.active_active

    def of(self, u: Unit) -> UnitFailover:
        return self.fo[u.name]

    def mate(self, u: Unit) -> Unit:
        a, b = self.units
        return self.units[b if u.name == a else a]

    def role(self, u: Unit) -> UnitRole:
        return _ROLES[u.sys.failover.lan_unit]

    def enabled(self, u: Unit) -> bool:
        return u.up and u.sys.failover.enabled

    def state(self, u: Unit, gid: int) -> GroupState:
        return self.fo[u.name].groups[gid].state

    def linked(self, u: Unit) -> bool:
        """Paired over a working failover link, with the mate not receiving a configuration."""
        m = self.mate(u)
        fo, mfo = self.fo[u.name], self.fo[m.name]
        return fo.paired and mfo.paired and not fo.lan_failed and self.enabled(m) \
            and not mfo.syncing

    def preferred(self, gid: int) -> Unit | None:
        """The unit a group prefers (`primary` / `secondary` in `failover group N`)."""
        for u in self.units.values():
            grp = u.sys.failover.groups.get(gid)
            pref = grp.preference if grp else "primary"
            if u.sys.failover.lan_unit == pref:
                return u
        return None

    # ------------------------------------------------------------------ the cabling
    def lan_carries(self, u: Unit, m: Unit) -> bool:
        """The failover link between u and m carries frames (whatever the key): cabled end
        to end, not cut, and neither end administratively down (`shutdown`)."""
        a, b = u.sys.failover.lan_if, m.sys.failover.lan_if
        if not a or not b or sys_shut(u, a[1]) or sys_shut(m, b[1]):
            return False
        return self.link.peer(u.name, a[1]) == (m.name, b[1]) and self.link.carries(u.name, a[1])

    def state_link_carries(self, u: Unit) -> bool:
        """u's Stateful Failover link is configured and carries updates to the mate: cabled,
        not cut, and not shut down at either end."""
        link = u.sys.failover.link
        if link is None or sys_shut(u, link[1]):
            return False
        mlink = self.mate(u).sys.failover.link
        if mlink is not None and sys_shut(self.mate(u), mlink[1]):
            return False
        return self.link.carries(u.name, link[1])

    def live_phys(self, u: Unit) -> Collection[str]:
        """The physical ports of u's named interfaces that are not shut down (kept per
        context: device/interfaces.live_ports)."""
        return live_ports(u)

    # ------------------------------------------------------------------ changing state
    def set(self, u: Unit, gid: int, state: GroupState, reason: Reason) -> None:
        """Move a group on u, with the console lines and the listeners a change brings."""
        fo = self.fo[u.name]
        if fo.unit_failure is not None and state == S.STANDBY_READY:
            # a unit whose hardware or service card failed is never a standby to fail over
            # to: what would make its group standby (a preemption, a forced switch) marks it
            # Failed, for that failure (health.unit_failed)
            state, reason = S.FAILED, fo.unit_failure
        before = fo.groups[gid].state
        if not fo.set_state(gid, state, reason, self.clock.now):
            return
        for listener in self.listeners:
            listener.group_changed(u, gid, before, state)
        if state == S.STANDBY_READY and gid not in fo.last_failover:
            # a group that settles as standby here without ever having been active: its
            # last failover is the pair's (both units print "Group N last failover at:",
            # command-reference A/A sample)
            mine = self.fo[self.mate(u).name].last_failover.get(gid)
            fo.last_failover[gid] = mine if mine is not None else self.clock.now
        role = self.role(u)
        if state == S.ACTIVE and before in (S.STANDBY_READY, S.FAILED):
            u.emit(messages.CONSOLE_SWITCHING_ACTIVE)
            u.log(*messages.switching_active(role, reason))
        elif state == S.STANDBY_READY and before == S.FAILED:
            u.log(*messages.switching_ok(role))
        elif state == S.STANDBY_READY and before in ACTIVE_STATES:
            u.emit(messages.CONSOLE_SWITCHING_STANDBY)
            u.log(*messages.switching_standby(role, reason))
        elif state == S.FAILED:
            u.log(*messages.switching_failed(role))

    def config_replaced(self, u: Unit, contexts: list[str]) -> None:
        """`write standby` replaced the configuration of these contexts, active on u: their
        connections are terminated (chapter 34, the note under `write standby`)."""
        for listener in self.listeners:
            listener.config_replaced(u, contexts)

    def memory_lost(self, u: Unit) -> None:
        """u booted or lost power: what listeners keep of it in memory is gone."""
        for listener in self.listeners:
            listener.unit_reset(u)

    def after(self, delay_ms: int, action: Callable[[], None]) -> Timer:
        return self.clock.call_later(delay_ms, action)

    def cancel_preempt(self) -> None:
        """A unit went away: a countdown that began when it became available is void."""
        for timer in self.preempt_timers.values():
            timer.cancel()
        self.preempt_timers.clear()
