"""A read-only snapshot of one unit's failover state (`Lab.failover_state(unit)`), for tests
and tools that need more than `show failover` prints but must not reach into the engine.

The snapshot is frozen and copies plain values (states are the ASA's own strings: "Active",
"Standby Ready", ...): it never changes with the lab after it is taken, and nothing done to it
changes the lab.  What it holds is what the engine knows now, in the words of chapter 34:

    groups     the failover groups the unit shows (Active/Standby: the unit-level state, as
               group 1), each with its state, why it failed, its configured preference
               (`primary` / `secondary`) and preempt delay, and whether the interface policy
               is exceeded on this unit
    monitors   the monitored interfaces (context, nameif) and their status
    links      the failover link and the Stateful Failover link, as this unit sees them
    history    the transitions `show failover history` keeps, and how many there were ever
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..failover import health
from ..records import dataclass

if TYPE_CHECKING:
    from ..device.unit import Unit
    from ..failover.state import PairState


@dataclass(frozen=True)
class GroupSnapshot:
    """One failover group on one unit."""

    id: int
    state: str                   # as `show failover` prints it: "Active", "Standby Ready", ...
    active: bool                 # one of the active states (Active, Just Active, ...)
    failure: str | None          # why it is Failed ("Interface check", ...), else None
    preference: str              # `primary` or `secondary` (`failover group N`); Active/Standby:
                                 # "primary"
    preempt_s: int | None        # `preempt [DELAY]`: None when off
    over_threshold: bool         # more monitored interfaces failed here than the policy allows


@dataclass(frozen=True)
class MonitorSnapshot:
    """One monitored interface as this unit sees it."""

    context: str                 # "admin", a context name, or the unit's name in single mode
    name: str                    # the nameif
    status: str                  # "Normal", "Failed", "Link Down", "No Link", "Testing", ...


@dataclass(frozen=True)
class LinkSnapshot:
    """The two special links as this unit sees them."""

    failover_up: bool            # the failover link carries hellos to the mate
    state_up: bool               # the Stateful Failover link is configured and carries updates
    lan_failed: bool             # the failover link failed during operation (LAN failed)
    linked: bool                 # paired over a working failover link, the mate not syncing


@dataclass(frozen=True)
class HistorySnapshot:
    """One transition of `show failover history`."""

    at_ms: int                   # the lab clock, in milliseconds
    group: int
    from_state: str
    to_state: str
    reason: str


@dataclass(frozen=True)
class FailoverState:
    """One unit's failover state (`Lab.failover_state(unit)`)."""

    unit: str
    role: str                    # "Primary" or "Secondary" (`failover lan unit`)
    enabled: bool                # `failover` is configured and the unit is up
    started: bool                # failover runs on the unit
    paired: bool                 # hellos from the mate are heard
    mate_seen: bool              # the mate has been detected since failover started
    negotiating: bool            # still waiting for a mate, before the negotiation deadline
    mate_failed: bool            # the mate stopped answering
    syncing: bool                # receiving a configuration from the mate
    mismatch: str | None         # why the mate cannot pair ("role", "prereq", ...), else None
    unit_failure: str | None     # a hardware or service-card failure, until the next reload
    active_active: bool          # which `show failover` layout the unit prints
    groups: tuple[GroupSnapshot, ...]
    monitors: tuple[MonitorSnapshot, ...]
    links: LinkSnapshot
    history: tuple[HistorySnapshot, ...]
    history_count: int           # transitions ever recorded (the history keeps the latest)

    @property
    def gids(self) -> tuple[int, ...]:
        """The groups the unit shows, in order."""
        return tuple(g.id for g in self.groups)

    @property
    def active(self) -> bool:
        """Some group the unit shows is active here (Active/Standby: the unit is active)."""
        return any(g.active for g in self.groups)

    def group(self, gid: int) -> GroupSnapshot:
        """Group `gid` (KeyError when the unit does not show it)."""
        for g in self.groups:
            if g.id == gid:
                return g
        raise KeyError(gid)

    def states(self) -> tuple[str, ...]:
        """Each group's state, in group order."""
        return tuple(g.state for g in self.groups)

    def monitor(self, context: str, name: str) -> str | None:
        """The status of a monitored interface, None when it is not monitored."""
        for m in self.monitors:
            if (m.context, m.name) == (context, name):
                return m.status
        return None


def failover_state(ps: PairState, u: Unit) -> FailoverState:
    """u's failover state as the pair's engine holds it now, copied."""
    fo = ps.of(u)
    cfg = u.sys.failover
    groups = []
    for gid in ps.gids_of(u):
        g = fo.groups[gid]
        conf = cfg.groups.get(gid)
        groups.append(GroupSnapshot(
            id=gid, state=str(g.state), active=g.active,
            failure=None if g.failure is None else str(g.failure),
            preference=conf.preference if conf else "primary",
            preempt_s=conf.preempt if conf else None,
            over_threshold=health.over_threshold(ps, u, gid)))
    monitors = tuple(MonitorSnapshot(ctx, name, mon.status)
                     for (ctx, name), mon in fo.ifmon.items())
    m = ps.mate(u)
    links = LinkSnapshot(failover_up=ps.lan_carries(u, m), state_up=ps.state_link_carries(u),
                         lan_failed=fo.lan_failed, linked=ps.linked(u))
    history = tuple(HistorySnapshot(h.at, h.group, str(h.from_state), str(h.to_state),
                                    str(h.reason)) for h in fo.history)
    return FailoverState(
        unit=u.name, role=str(ps.role(u)), enabled=ps.enabled(u), started=fo.started,
        paired=fo.paired, mate_seen=fo.mate_seen,
        negotiating=fo.neg_deadline is not None, mate_failed=fo.mate_failed,
        syncing=fo.syncing, mismatch=fo.mismatch,
        unit_failure=None if fo.unit_failure is None else str(fo.unit_failure),
        active_active=ps.active_active_of(u), groups=tuple(groups), monitors=monitors,
        links=links, history=history, history_count=fo.history_count)
