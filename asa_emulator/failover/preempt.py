"""Preemption, forcing a failover, and restoring a failed group.

Chapter 34, "Configuring Failover Group Preemption" (`preempt [delay]`), "Forcing Failover"
(`[no] failover active [group N]`) and "Restoring a Failed Unit or Failover Group"
(`failover reset [group N]`); Table 34-2, row 4 (a group that recovers is made active again
only with preempt).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..device import messages
from . import health
from .state import GroupState, PairState, Reason

if TYPE_CHECKING:
    from ..device.unit import Unit

S = GroupState


def evaluate(ps: PairState, gids: Iterable[int] | None = None) -> None:
    """Schedule preemption of each group in gids (all by default) that is standby on its
    preferred unit while active on the other one, after the group's preempt delay."""
    for gid in ps.gids if gids is None else gids:
        timer = ps.preempt_timers.get(gid)
        if timer is not None and timer.pending:
            continue            # already counting down since the unit became available
        p = ps.preferred(gid)
        if p is None or not ps.enabled(p):
            continue
        grp = p.sys.failover.groups.get(gid)
        if grp is None or grp.preempt is None:
            continue
        o = ps.mate(p)
        if not (ps.of(p).paired and ps.of(o).paired):
            continue
        if ps.state(p, gid) == S.STANDBY_READY and ps.of(o).groups[gid].active:
            ps.preempt_timers[gid] = ps.after(grp.preempt * 1000,
                                              functools.partial(_preempt, ps, gid, p))


def _preempt(ps: PairState, gid: int, p: Unit) -> None:
    o = ps.mate(p)
    if not (ps.enabled(p) and ps.of(p).paired and ps.of(o).paired):
        return
    if ps.of(p).lan_failed:
        return
    if health.over_threshold(ps, p, gid):
        return      # the preferred unit's own interfaces are failing: stay where it is
    if ps.state(p, gid) != S.STANDBY_READY or not ps.of(o).groups[gid].active:
        return
    if not _state_replicated(ps, p):
        # Stateful Failover: preemption waits until the connections have been replicated
        ps.preempt_timers[gid] = ps.after(p.sys.failover.unit_poll_ms,
                                          functools.partial(_preempt, ps, gid, p))
        return
    ps.set(o, gid, S.STANDBY_READY, Reason.MATE_WANTS_STANDBY)
    ps.set(p, gid, S.ACTIVE, Reason.STATE_CHECK)


def _state_replicated(ps: PairState, u: Unit) -> bool:
    """No Stateful Failover link, or one that carries the connection updates."""
    return u.sys.failover.link is None or ps.state_link_carries(u)


def config_changed(ps: PairState, u: Unit) -> None:
    """A failover command was accepted.  Only a change of a group's unit preference or
    of its `preempt` setting can start preemption; any other command (entering
    `failover group 2`, a key, a poll time) leaves the groups where they are."""
    now = _preempt_config(ps)
    changed = [g for g in ps.gids if now[g] != ps.preempt_cfg.get(g)]
    ps.preempt_cfg = now
    if not changed or not (u.up and ps.of(u).paired):
        return
    if any(x.syncing for x in ps.fo.values()):
        return      # a configuration sync ends by evaluating preemption itself
    evaluate(ps, changed)


def _preempt_config(ps: PairState) -> dict[int, tuple[object, ...]]:
    out: dict[int, tuple[object, ...]] = {}
    for gid in ps.gids:
        sig: list[object] = []
        for x in ps.units.values():
            grp = x.sys.failover.groups.get(gid)
            sig += [x.sys.failover.lan_unit, grp.preference if grp else None,
                    grp.preempt if grp else None]
        out[gid] = tuple(sig)
    return out


def force_active(ps: PairState, u: Unit, gid: int | None, active: bool) -> list[str]:
    """`failover active [group N]` (active=True) or `no failover active [group N]`.  Returns
    why a switch that was asked for cannot happen (nothing when it happened, or when the
    group already is where it was asked to be): the failover link down, no mate, a mate or
    a unit that failed, a configuration sync under way."""
    m = ps.mate(u)
    fo, mfo = ps.of(u), ps.of(m)
    gids = [gid] if gid else list(ps.gids)
    linked = fo.paired and mfo.paired and not fo.lan_failed and ps.enabled(m)
    why: list[str] = []
    for g in gids:
        mine, theirs = fo.groups[g], mfo.groups[g]
        if active == mine.active:
            continue
        reason = _cannot_switch(ps, u, g, active, linked)
        if reason is not None:
            why.append(reason)
        elif active:
            if linked and theirs.active:
                ps.set(m, g, S.STANDBY_READY, Reason.MATE_WANTS_STANDBY)
                theirs.failed_while_active = False
            ps.set(u, g, S.ACTIVE, Reason.CONFIG_COMMAND)
        else:
            ps.set(u, g, S.STANDBY_READY, Reason.CONFIG_COMMAND)
            mine.failed_while_active = False
            ps.set(m, g, S.ACTIVE, Reason.MATE_WANTS_ACTIVE)
    return list(dict.fromkeys(why))


def _cannot_switch(ps: PairState, u: Unit, gid: int, active: bool, linked: bool) -> str | None:
    """Why group gid cannot be made active (active=True) or standby here, or None."""
    m = ps.mate(u)
    fo, mfo = ps.of(u), ps.of(m)
    what = f"group {gid}" if ps.active_active else "unit"
    if linked and (fo.syncing or mfo.syncing):
        return messages.FORCE_SYNCING
    if fo.lan_failed:
        # each unit keeps its groups: both would be active, or none
        return messages.FORCE_LINK_DOWN
    if active:
        if fo.groups[gid].state == S.FAILED:
            return messages.force_self_failed(what)
        return None     # alone, or taking the group over from the mate
    if not fo.paired:
        return messages.FORCE_MATE_LOST if fo.mate_failed else messages.FORCE_NO_MATE
    if not linked:
        return messages.FORCE_NO_MATE
    if mfo.groups[gid].state == S.FAILED:
        return messages.force_mate_failed(what)
    if mfo.groups[gid].state != S.STANDBY_READY:
        return messages.FORCE_SYNCING
    return None


def reset(ps: PairState, u: Unit, gid: int | None) -> None:
    """`failover reset [group N]`: failed groups go back to Standby Ready.  They do not
    become active, except a group with `preempt` that was active on its preferred unit
    when it failed ("Restoring a Failed Unit or Failover Group")."""
    gids = [gid] if gid else list(ps.gids)
    restored: list[int] = []
    for x in (u, ps.mate(u)):
        fo = ps.of(x)
        if not ps.enabled(x) or fo.unit_failure is not None:
            continue        # a unit whose hardware or service card failed stays Failed
        for g in gids:
            if fo.groups[g].state == S.FAILED:
                ps.set(x, g, S.STANDBY_READY, Reason.CONFIG_COMMAND)
                if fo.groups[g].failed_while_active:
                    restored.append(g)
    if restored:
        evaluate(ps, restored)
