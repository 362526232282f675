"""The failover pair: owns the shared state (state.py) and runs each unit's tick in order.

The engine is central and deterministic: each unit "sends" a hello every unit poll time as a
clock event; a hello is heard when the cabling carries it.  Everything that happens is a
consequence of those ticks, of commands and of lab directives, on the virtual clock.

The chapter's sections are free functions over the state, one module each; they never call
back here.  A tick runs them in the chapter's order:

    hello.listen          hellos, negotiation, losing the mate (Table 34-2 rows 1, 6, 7)
    health.poll           interface monitoring (Testing, Failed ...)
    health.apply_policy   interface policy (rows 2-5), and a failed unit's groups that stayed
                          active until the mate could take them (health.unit_failed)
    preempt.evaluate      the groups that recovered come back with preempt (row 4)

This class is also what a unit and its command handlers see of failover: it implements both
ports of device/boundary.py, the query (`unit.pair`) and the event sink (`unit.events`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import health, hello, preempt, remote, replication, standby_reload, sync
from .state import TRANSIENT, PairState, Reason, UnitFailover

if TYPE_CHECKING:
    from ..cabling import Link
    from ..clock import Clock, Timer
    from ..device.commands import Command
    from ..device.unit import Unit


class Pair:
    def __init__(self, units: dict[str, Unit], clock: Clock, link: Link) -> None:
        self.ps = PairState(units, clock, link)
        self.clock = clock
        self._ticks: dict[str, Timer] = {}
        self._ticks_run = 0
        self.ticks_computed = 0     # ticks actually run (not skipped): what a `@wait` costs
        # per unit: when its last tick changed nothing (the world's stamp then), else None
        self._steady: dict[str, tuple[int, int] | None] = {}
        self._ran_at: dict[str, int] = {}       # when each unit's last tick ran (or was skipped)

    @property
    def fo(self) -> dict[str, UnitFailover]:
        """Each unit's failover state, by unit name."""
        return self.ps.fo

    # ------------------------------------------------------------------ the tick
    def _schedule_tick(self, u: Unit) -> None:
        old = self._ticks.get(u.name)
        if old is not None and old.pending:
            return
        self._ticks[u.name] = self.clock.call_later(u.sys.failover.unit_poll_ms,
                                                    lambda: self._tick(u))

    def _tick(self, u: Unit) -> None:
        self._ticks_run += 1
        self.ticks_computed += 1
        if not u.up:
            return
        self._ran_at[u.name] = self.clock.now
        self._schedule_tick(u)
        ps = self.ps
        fo = ps.of(u)
        if not fo.started or not u.sys.failover.enabled:
            self._after_tick(u, True)
            return
        before = _signature(u, fo)
        m = ps.mate(u)
        hello.listen(ps, u, m)
        if fo.paired:
            health.poll(ps, u, m)
            recovered = health.apply_policy(ps, u, m)
            if recovered:
                preempt.evaluate(ps, recovered)
        hold = max(health.poll_hold(u, gid)[1] for gid in ps.gids)
        steady = before == _signature(u, fo) and _repeats(fo, self.clock.now, hold,
                                                          u.sys.failover.unit_hold_ms)
        self._after_tick(u, steady)

    # ------------------------------------------------------------------ skipping quiet ticks
    # In steady state a tick is bookkeeping: both units hear each other (or have given their
    # verdict on not hearing: LAN failed, the mate lost, negotiation over), every monitored
    # interface is Normal (or down, or tested, with nothing to time), nothing changes but
    # "last heard" times.  When the last ticks of both units were such, and nothing else ran
    # since, the ticks until the next other event (or the end of the run) would be the same:
    # they are skipped, with the times they would have set.  `@wait` then costs the events
    # that happen, not the milliseconds (tests/contracts/test_long_wait.py, each steady state).

    def _stamp(self) -> tuple[int, int]:
        """Changes whenever anything but a tick ran: a new run (commands and directives come
        between runs) or another event."""
        return self.clock.runs, self.clock.events_run - self._ticks_run

    def _after_tick(self, u: Unit, steady: bool) -> None:
        stamp = self._stamp()
        self._steady[u.name] = stamp if steady else None
        if not steady:
            return
        m = self.ps.mate(u)
        if not m.up:
            self._skip_ahead([u])
        elif self._steady.get(m.name) == stamp and not self._due_now(m):
            # both at once, in the order they tick: skipping one first would put its next
            # tick behind the other's, an order the clock keeps at equal times
            self._skip_ahead([u, m])

    def idle_ticks(self, after_run: int) -> list[Timer]:
        """The ticks a real-time front end need not wake for: every running unit's last tick
        changed nothing, ran after run `after_run` (the last command came before it), and
        nothing but ticks ran since.  Until another event, they would change nothing: the run
        that catches up later skips them as `@wait` does, with the same result."""
        quiet = self._stamp()[1]
        ups = [u for u in self.ps.units.values() if u.up]
        for u in ups:
            steady = self._steady.get(u.name)
            if steady is None or steady[0] <= after_run or steady[1] != quiet:
                return []
        return [t for u in ups if (t := self._ticks.get(u.name)) is not None and t.pending]

    def _due_now(self, u: Unit) -> bool:
        """u's tick of this millisecond has not run yet: the round is not over (the pending
        ticks' order is that of the next round only once it is)."""
        timer = self._ticks.get(u.name)
        return timer is not None and timer.pending and timer.at <= self.clock.now

    def _skip_ahead(self, units: list[Unit]) -> None:
        until = self.clock.quiet_until(list(self._ticks.values()))
        if until is None:
            return
        pending = [(t, x) for x in units if (t := self._ticks.get(x.name)) is not None and t.pending]
        for timer, x in sorted(pending, key=lambda tx: tx[0].order):
            self._skip_one(x, timer, until)

    def _skip_one(self, u: Unit, timer: Timer, until: int) -> None:
        """u's ticks due strictly before `until` are skipped: its next tick is the first one at
        or after it, and the times the skipped ticks would have set are set."""
        ran = self._ran_at[u.name]
        poll = timer.at - ran
        if poll <= 0:
            return
        k = (until - 1 - ran) // poll
        if k < 1:
            return
        last = ran + k * poll
        fo = self.ps.of(u)
        if fo.heard_at == ran:
            fo.heard_at = last
            fo.hello_rx += k        # each skipped tick heard the mate's hello
        if fo.hello_sent_at == ran:
            fo.hello_sent_at = last
            fo.hello_tx += k
        for mon in fo.ifmon.values():
            if mon.last_heard == ran:
                mon.last_heard = last
        timer.cancel()
        self._ran_at[u.name] = last     # the last tick ran there, as far as anyone can tell
        self._ticks_run += k        # as if they ran: the stamp stays that of a quiet world
        self.clock.events_run += k
        self._ticks[u.name] = self.clock.call_at(last + poll, lambda: self._tick(u))

    def _start(self, u: Unit) -> None:
        if hello.start(self.ps, u):
            self._schedule_tick(u)

    # ------------------------------------------------------------------ unit lifecycle
    def unit_booted(self, u: Unit) -> None:
        self.ps.fo[u.name] = UnitFailover()
        self.ps.memory_lost(u)
        self._schedule_tick(u)
        if u.sys.failover.enabled:
            self._start(u)

    def unit_down(self, u: Unit) -> None:
        hello.went_down(self.ps, u)
        self.ps.memory_lost(u)      # connections live in memory

    def failover_toggled(self, cmd: Command) -> None:
        u, session = cmd.unit, cmd.session
        if session.batch or not u.up:
            return
        if u.sys.failover.enabled:
            self._start(u)
        else:
            hello.turned_off(self.ps, u, session)

    # ------------------------------------------------------------------ commands
    def config_changed(self, u: Unit) -> None:
        preempt.config_changed(self.ps, u)

    def interfaces_changed(self, u: Unit) -> None:
        """A port was shut or opened on u: the monitoring of both units sees it now."""
        self.links_changed()

    def links_changed(self) -> None:
        """The cabling changed (the wiring raises it) or a unit lost power: each unit that
        runs failover with its mate polls its monitored interfaces now."""
        for u in self.ps.units.values():
            if u.up and self.ps.of(u).paired:
                health.poll(self.ps, u, self.ps.mate(u))

    def after_command(self, cmd: Command) -> None:
        replication.after_command(self.ps, cmd.unit, cmd.session, cmd)

    def config_warning(self, u: Unit, context: str | None) -> list[str]:
        return replication.config_warning(self.ps, u, context)

    def force_active(self, cmd: Command, gid: int | None, active: bool) -> None:
        why = preempt.force_active(self.ps, cmd.unit, gid, active)
        if why:
            cmd.error(*why)

    def reset(self, cmd: Command, gid: int | None) -> None:
        preempt.reset(self.ps, cmd.unit, gid)

    def reload_standby(self, cmd: Command) -> None:
        standby_reload.reload_standby(self.ps, cmd)

    def write_standby(self, cmd: Command) -> None:
        sync.write_standby(self.ps, cmd)

    def exec_remote(self, cmd: Command, target: str, line: str) -> None:
        remote.exec_remote(self.ps, cmd, target, line)

    # ------------------------------------------------------------------ queries
    def is_active_here(self, u: Unit, context: str | None) -> bool:
        """Failover never started: everything is active.  After `no failover` each group
        keeps the state it had (chapter 34, "Disabling Failover")."""
        g = self.ps.of(u).groups[u.spaces.group_of(context)]
        return g.state == "Not Detected" or g.active

    def prompt_state(self, u: Unit, context: str | None) -> str:
        """`prompt ... state`: act / stby, with `NoFailover` when failover is not enabled
        (command reference).  The system space shows group 1's state, a context its group's."""
        state = "act" if self.is_active_here(u, context) else "stby"
        return state if u.sys.failover.enabled else state + "NoFailover"

    def linked(self, u: Unit) -> bool:
        return self.ps.linked(u)

    def over_threshold(self, u: Unit, gid: int) -> bool:
        return health.over_threshold(self.ps, u, gid)

    def failover_ran(self, u: Unit) -> bool:
        """Failover has run on this unit: its groups have states (kept after `no failover`)."""
        return any(g.state != "Not Detected" for g in self.ps.of(u).groups.values())

    def mate_unit(self, u: Unit) -> Unit:
        """The other unit of the pair (whatever its state)."""
        return self.ps.mate(u)

    def mate_seen(self, u: Unit) -> bool:
        """u has heard its mate since failover started on it (it knows the mate's burned-in
        MAC addresses: device/virtual_mac.py)."""
        return self.ps.of(u).mate_seen

    def has_link(self, u: Unit, phys: str) -> bool:
        return self.ps.link.has_link(u.name, phys)

    def cluster_uptime_s(self, u: Unit) -> int | None:
        """`failover cluster up`: since the earlier of the two units started failover, while
        they are a pair; since this unit did otherwise; None with failover off."""
        fo = self.ps.of(u)
        if not fo.started:
            return None
        since = fo.started_at
        mfo = self.ps.of(self.ps.mate(u))
        if fo.paired and mfo.started:
            since = min(since, mfo.started_at)
        return max(0, (self.clock.now - since) // 1000)

    # ------------------------------------------------------------------ for the lab
    def fail_unit(self, u: Unit, kind: str) -> bool:
        """`@fail UNIT hardware|service-card`; False when failover does not run on u."""
        if not (u.up and self.ps.of(u).started):
            return False
        reason = Reason.HARDWARE if kind == "hardware" else Reason.SERVICE_CARD
        health.unit_failed(self.ps, u, reason)
        return True

    def special_link_ends(self, which: str) -> list[tuple[str, str]]:
        """(unit, port) of the failover (`which` = "failover") or state link, where configured."""
        for u in self.ps.units.values():
            f = u.sys.failover
            link = f.lan_if if which == "failover" else f.link
            if link:
                return [(u.name, link[1])]
        return []

    def status_headings(self) -> list[str]:
        from .show import gather
        return gather.status_headings(self.ps)

    def status_row(self, u: Unit) -> list[str]:
        from .show import gather
        return gather.status_row(self.ps, u)

    def settled(self) -> bool:
        """No unit is receiving a configuration or passing through a transient state."""
        for u in self.ps.units.values():
            if not u.up:
                continue
            fo = self.ps.of(u)
            if fo.syncing:
                return False
            if fo.started and any(fo.groups[g].state in TRANSIENT for g in self.ps.gids):
                return False
        return True


_STABLE = ("Normal", "Link Down", "No Link")     # statuses that do not change with time


def _signature(u: Unit, fo: UnitFailover) -> tuple[object, ...]:
    """What a tick may change, besides the times it last heard the mate."""
    return (fo.paired, fo.lan_failed, fo.mate_failed, fo.syncing, fo.mismatch, fo.neg_deadline,
            fo.history_count, len(u.messages), tuple(g.state for g in fo.groups.values()),
            tuple(m.status for m in fo.ifmon.values()))


def _repeats(fo: UnitFailover, now: int, hold: int, unit_hold: int) -> bool:
    """The next tick would do the same: the mate is heard now, or is past hearing (the
    failover link down with the mate still answering on a data interface: the unit waits,
    LAN failed, for the link to come back), or failover runs alone with no negotiation
    deadline; and no monitored interface is counting towards a test."""
    if not fo.paired:
        return fo.neg_deadline is None and not fo.syncing
    # not heard past the unit hold time: `hello.listen` has given its verdict (LAN failed;
    # a mate gone altogether unpairs, a change) and repeats it until a link or the mate
    # changes, which only a directive, a command or another event does (they end the skip)
    heard = fo.heard_at == now or (fo.lan_failed and now - fo.heard_at >= unit_hold)
    # Normal must have been heard just now: one that has gone quiet still shows Normal
    # until half the hold time, and is counting
    # Failed, Unknown or Normal past the hold time is the interface test's verdict, which only a link
    # change (a directive, between runs) alters
    return heard and all(
        (m.status in _STABLE and (m.status != "Normal" or m.last_heard == now))
        or (m.status in ("Failed", "Unknown", "Normal") and now - m.last_heard >= hold)
        for m in fo.ifmon.values())
