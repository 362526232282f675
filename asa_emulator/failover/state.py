"""Failover state of one unit: per-group state machines, history, monitored interfaces.

Plain data with small, pure transition helpers; the pair engine (pair.py) decides when
transitions happen.  State names are those a real ASA prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field

GROUPS = (1, 2)

ACTIVE_STATES = frozenset({"Active", "Just Active", "Active Drain", "Active Applying Config",
                           "Active Config Applied"})
TRANSIENT = frozenset({"Not Detected", "Negotiation", "Cold Standby", "Sync Config",
                       "Sync File System", "Bulk Sync", "Just Active", "Active Drain",
                       "Active Applying Config", "Active Config Applied"})

# The states a group passes through on its way to Active or Standby Ready (reference §2).
TO_ACTIVE = ("Just Active", "Active Drain", "Active Applying Config", "Active Config Applied",
             "Active")
TO_STANDBY = ("Cold Standby", "Sync Config", "Sync File System", "Bulk Sync", "Standby Ready")


@dataclass
class HistoryRec:
    at: int
    group: int
    from_state: str
    to_state: str
    reason: str


@dataclass
class GroupState:
    state: str = "Not Detected"
    active_since: int | None = None
    active_ms: int = 0
    failure: str | None = None               # why it is Failed: "Interface check", ...
    last_failure: tuple[str, int] | None = None
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


@dataclass
class UnitFailover:
    groups: dict[int, GroupState] = field(default_factory=lambda: {g: GroupState() for g in GROUPS})
    history: list[HistoryRec] = field(default_factory=list)
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
    ifmon: dict[tuple[str, str], IfMon] = field(default_factory=dict)
    last_failover: dict[int, int] = field(default_factory=dict)
    stats_sys_cmd: int = 0

    def set_state(self, gid: int, state: str, reason: str, now: int, chain: bool = True) -> bool:
        """Move a group to `state`, recording the intermediate states a real ASA passes
        through.  Returns True if the state changed."""
        g = self.groups[gid]
        if g.state == state:
            return False
        path: tuple[str, ...] = (state,)
        if chain and state == "Active" and not g.active:
            path = TO_ACTIVE
        elif chain and state == "Standby Ready" and g.state in ("Negotiation", "Not Detected"):
            path = TO_STANDBY
        elif chain and state == "Standby Ready" and g.state in TO_STANDBY:
            # a configuration sync under way finishes its remaining steps
            path = TO_STANDBY[TO_STANDBY.index(g.state) + 1:]
        for nxt in path:
            self.history.append(HistoryRec(now, gid, g.state, nxt, reason))
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
        if state == "Failed":
            g.failure = reason
            g.last_failure = (reason, now)
        elif state != "Failed":
            g.failure = None
        return True
