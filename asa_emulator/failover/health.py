"""Failover health monitoring: interface monitoring, the interface policy, unit failures.

Chapter 34, "Failover Health Monitoring" ("Interface Monitoring", the interface poll and hold
times, the interface tests) and "Configuring Interface Health Monitoring"; Table 34-2, the
interface rows: 2 (an interface fails on the active unit), 3 (on the standby unit), 4 (it
recovers, with preempt) and 5 (the failover threshold is not reached); "Failover Triggers"
("The unit has a hardware failure"), with row 3's rule applied to it (`unit_failed`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..config.defaults import IF_HOLD_MS, IF_POLL_MS, INTERFACE_POLICY
from ..device.interfaces import monitoring
from .state import GroupState, IfMon, PairState, Reason

if TYPE_CHECKING:
    from ..device.unit import Unit

S = GroupState
FAILING = ("Failed", "No Link")          # monitored statuses that count towards the threshold


def monitored(u: Unit) -> tuple[tuple[str, str, str, int], ...]:
    """(context, nameif, physical, group) for every interface failover tests on this unit:
    monitored, with a standby address (an interface without one waits, untested).  Kept until
    the configuration changes: a tick's work follows the monitored interfaces, not the
    configured ones."""
    return monitoring(u).tested


def poll_hold(u: Unit, gid: int) -> tuple[int, int]:
    """A group's interface poll and hold times (the group's `polltime interface`); in
    Active/Standby (no group on u) the system's `failover polltime interface`."""
    f = u.sys.failover
    if not f.groups:
        return f.if_poll_ms, f.if_hold_ms
    g = f.groups.get(gid)
    if g is not None and g.poll_ms is not None:
        return g.poll_ms, g.hold_ms or IF_HOLD_MS
    return IF_POLL_MS, IF_HOLD_MS


def policy(u: Unit, gid: int) -> tuple[int, bool]:
    """A group's interface policy (number, is percent); in Active/Standby the system's
    `failover interface-policy`."""
    f = u.sys.failover
    if not f.groups:
        return f.policy
    g = f.groups.get(gid)
    return g.policy if g else INTERFACE_POLICY


def poll(ps: PairState, u: Unit, m: Unit) -> None:
    """Each monitored interface's status on u: Normal while it hears the mate, Testing after
    half the hold time without, then the result of the interface tests."""
    fo = ps.of(u)
    now = ps.clock.now
    link = ps.link
    mate_phys = ps.live_phys(m) if ps.enabled(m) else frozenset()
    seen: set[tuple[str, str]] = set()
    down = _shut_down(u)
    for ctx, nameif, phys, gid in monitored(u):
        key = (ctx, nameif)
        seen.add(key)
        mon = fo.ifmon.get(key)
        if mon is None:
            mon = fo.ifmon[key] = IfMon("Unknown", now)
            fo.monitoring_changed()
        shut = key in down
        _, hold = poll_hold(u, gid)
        status = mon.status
        if shut:
            status = "Link Down"
        elif not link.has_link(u.name, phys):
            status = "No Link"
        elif link.carries(u.name, phys) and phys in mate_phys:
            status, mon.last_heard = "Normal", now
        else:
            quiet = now - mon.last_heard
            if quiet >= hold:
                status = _test_result(ps, u, phys)
            elif quiet >= hold // 2:
                status = "Testing"
        if status != mon.status:
            mon.status = status
            fo.monitoring_changed()
    if len(fo.ifmon) > len(seen):
        for key in list(fo.ifmon):
            if key not in seen:
                del fo.ifmon[key]
        fo.monitoring_changed()


def _shut_down(u: Unit) -> frozenset[tuple[str, str]]:
    """(context, nameif) of the monitored interfaces shut down, in the context or in the
    system space (kept per context, as monitored)."""
    return monitoring(u).shut


def _test_result(ps: PairState, u: Unit, phys: str) -> str:
    """The interface tests after the hold time (link, network activity, ARP, ping): an
    end that hears traffic passes (Normal); one that hears nothing fails, unless the
    mate's end hears nothing either: then neither unit can tell and both show Unknown,
    which does not count towards the failover threshold (configuration guide, "Failover
    Health Monitoring")."""
    link = ps.link
    if link.receives(u.name, phys):
        return "Normal"
    peer = link.peer(u.name, phys)
    if peer is not None and not link.receives(*peer):
        return "Unknown"
    return "Failed"


def failed_count(ps: PairState, u: Unit, gid: int) -> tuple[int, int]:
    """(failed, monitored) interfaces of a group's contexts on this unit."""
    fo = ps.of(u)
    mons = [(c, n) for c, n, _, g in monitored(u) if g == gid]
    failed = sum(1 for k in mons if fo.ifmon.get(k) and fo.ifmon[k].status in FAILING)
    return failed, len(mons)


def over_threshold(ps: PairState, u: Unit, gid: int) -> bool:
    """The group's interface policy is exceeded on u."""
    failed, total = failed_count(ps, u, gid)
    if failed == 0:
        return False
    n, pct = policy(u, gid)
    return failed * 100 >= n * total if pct else failed >= n


def apply_policy(ps: PairState, u: Unit, m: Unit) -> list[int]:
    """Table 34-2 rows for interface failures and recovery, from u's point of view.
    Returns the groups that recovered here after failing while active (row 4: they come
    back only with preempt, which the caller evaluates)."""
    fo, mfo = ps.of(u), ps.of(m)
    recovered: list[int] = []
    unit_failure_policy(ps, u, m)
    if fo.lan_failed or fo.syncing or mfo.syncing or not mfo.paired:
        return recovered
    for gid in ps.gids:
        g, mg = fo.groups[gid], mfo.groups[gid]
        over = over_threshold(ps, u, gid)
        if over and g.active:
            # judge the mate on its interfaces as they are now, not as of its last tick
            poll(ps, m, u)
            if mg.state == S.STANDBY_READY and not over_threshold(ps, m, gid):
                ps.set(u, gid, S.FAILED, Reason.INTERFACE_CHECK)
                g.failed_while_active = True
                ps.set(m, gid, S.ACTIVE, Reason.MATE_WANTS_ACTIVE)
        elif over and g.state == S.STANDBY_READY:
            # a standby group fails (row 3); if it was active here before an earlier
            # failure, it still counts as the formerly active group
            ps.set(u, gid, S.FAILED, Reason.INTERFACE_CHECK)
        elif not over and g.state == S.FAILED and g.failure == Reason.INTERFACE_CHECK:
            ps.set(u, gid, S.STANDBY_READY, Reason.INTERFACE_CHECK)
            if g.failed_while_active:
                recovered.append(gid)
    return recovered


# ------------------------------------------------------------------ unit failures
def unit_failed(ps: PairState, u: Unit, reason: Reason) -> None:
    """A hardware or service-card failure on u (chapter 34, "Failover Triggers": "The unit
    has a hardware failure"): the unit stays up and keeps sending hellos; its standby
    groups are marked Failed, and an active group fails over to the mate when the mate can
    take it (its group Standby Ready over a working failover link).

    Otherwise the group stays active where it is.  Table 34-2 says so for interfaces (row 3:
    "When the standby failover group is marked as failed, the active failover group does not
    attempt to fail over") and row 7 for the failover link ("the unit cannot fail over to the
    standby unit while the failover link is down"); the emulator applies the same rule to a
    unit failure, as no capture shows a real pair with both units failed.  Marking it Failed
    would leave the group active nowhere.  The failure is kept (`unit_failure`, until the
    unit reloads): once the mate's group is Standby Ready again, `unit_failure_policy` moves
    the group there.  `failover reset` cannot clear it (preempt.reset)."""
    ps.of(u).unit_failure = reason
    m = ps.mate(u)
    mate_runs = m.up and ps.of(m).started
    for gid in ps.gids:
        g = ps.of(u).groups[gid]
        if not g.active and not mate_runs:
            # a unit alone (its mate off or not running failover), failed while it negotiates:
            # the same rule, no unit would ever hold the group; it goes active when its
            # negotiation ends, carrying the failure (found by the failover property test)
            if g.last_failure is None or g.last_failure[0] != reason:
                g.last_failure = (reason, ps.clock.now)
        elif not g.active:
            ps.set(u, gid, S.FAILED, reason)
        elif _mate_takes(ps, u, m, gid):
            _fail_over(ps, u, m, gid)
        else:
            # still active, but `show failover state` names the failure it carries, from
            # its first time: the same failure again changes nothing (unverified: no capture
            # of a pair with both units failed).  The show's key moves with unit_failure.
            if g.last_failure is None or g.last_failure[0] != reason:
                g.last_failure = (reason, ps.clock.now)


def unit_failure_policy(ps: PairState, u: Unit, m: Unit) -> None:
    """The groups still active on a failed unit go to the mate once it can take them."""
    if ps.of(u).unit_failure is None:
        return
    for gid in ps.gids:
        if ps.of(u).groups[gid].active and _mate_takes(ps, u, m, gid):
            _fail_over(ps, u, m, gid)


def _mate_takes(ps: PairState, u: Unit, m: Unit, gid: int) -> bool:
    """The mate can take a group over from u: its group is Standby Ready, over a working
    failover link."""
    return ps.linked(u) and ps.state(m, gid) == S.STANDBY_READY


def _fail_over(ps: PairState, u: Unit, m: Unit, gid: int) -> None:
    reason = ps.of(u).unit_failure or Reason.HARDWARE
    g = ps.of(u).groups[gid]
    noted = g.last_failure          # when the failure happened, if the group waited since
    ps.set(u, gid, S.FAILED, reason)
    if noted is not None and noted[0] == reason:
        g.last_failure = noted
    g.failed_while_active = True
    ps.set(m, gid, S.ACTIVE, Reason.MATE_WANTS_ACTIVE)
