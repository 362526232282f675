"""The failover pair: hellos, negotiation, configuration sync, group switching, replication.

The engine is central and deterministic: each unit "sends" a hello every unit poll time as a
clock event; a hello is heard when the lab's wiring carries it.  Everything that happens is a
consequence of those ticks, of commands and of lab directives, on the virtual clock.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from ..device import messages
from ..traffic.engine import Traffic
from .replication import replicates, source_group
from .state import GROUPS, TRANSIENT, GroupState, PairState, Reason, UnitFailover

if TYPE_CHECKING:
    from ..device.commands import Command
    from ..device.session import Session
    from ..device.unit import Unit
    from ..lab.lab import Lab

SYNC_BASE_MS = 2000
SYNC_PER_LINE_MS = 0.5

OUT_OF_SYNC = list(messages.STANDBY_CONFIG_WARNING)


class Pair:
    def __init__(self, lab: Lab) -> None:
        self.lab = lab
        self.clock = lab.clock
        self.ps = PairState(lab.units, lab.clock, lab.wiring)
        self._ticks: dict[str, Any] = {}
        self.traffic = Traffic(self)        # connection tables, Stateful Failover, ASR
        self.ps.listeners.append(self.traffic)

    @property
    def fo(self) -> dict[str, UnitFailover]:
        return self.ps.fo

    # ------------------------------------------------------------------ helpers
    def mate(self, u: Unit) -> Unit:
        return self.ps.mate(u)

    def role(self, u: Unit) -> str:
        return self.ps.role(u)

    def enabled(self, u: Unit) -> bool:
        return self.ps.enabled(u)

    def state(self, u: Unit, gid: int) -> str:
        return self.ps.state(u, gid)

    def _emit(self, u: Unit, *lines: str) -> None:
        u.emit(*lines)

    def _set(self, u: Unit, gid: int, state: str, reason: str) -> None:
        self.ps.set(u, gid, GroupState(state), Reason(reason))

    # ------------------------------------------------------------------ unit lifecycle
    def unit_booted(self, u: Unit) -> None:
        self.fo[u.name] = UnitFailover()
        self.ps.memory_lost(u)
        self._schedule_tick(u)
        if u.sys.failover.enabled:
            self._start(u)

    def unit_down(self, u: Unit) -> None:
        fo = self.fo[u.name]
        now = self.clock.now
        for g in fo.groups.values():
            if g.active_since is not None:
                g.active_ms += now - g.active_since
                g.active_since = None
        fo.started = fo.paired = fo.syncing = False
        self._cancel_preempt()
        self.ps.memory_lost(u)      # connections live in memory
        # the mate notices through missing hellos after its hold time (see _tick)

    def failover_toggled(self, u: Unit, session: Session) -> None:
        if session.batch or not u.up:
            return
        if u.sys.failover.enabled:
            self._start(u)
            return
        # `no failover`: every group stays active where it is, on both units
        m = self.mate(u)
        fo = self.fo[u.name]
        if fo.paired and self.enabled(m) and self._may_replicate_from(u, None):
            m.apply_system(["no failover"], kind="replica")
            self._stop(m)
        self._stop(u)

    def _start(self, u: Unit) -> None:
        fo = self.fo[u.name]
        if fo.started or not u.sys.failover.lan_if:
            return
        fo.started = True
        fo.started_at = self.clock.now
        fo.paired = fo.mate_seen = fo.mate_failed = fo.lan_failed = False
        fo.mismatch = None
        now = self.clock.now
        for gid in GROUPS:
            g = fo.groups[gid]
            if g.active:
                continue   # enabling failover on a running unit keeps its active groups
            fo.set_state(gid, GroupState.NEGOTIATION, Reason.NO_ERROR, now)
        fo.neg_deadline = now + u.sys.failover.unit_hold_ms
        self._schedule_tick(u)

    def _stop(self, u: Unit) -> None:
        """Failover disabled on u.  A mate that still runs failover is not told: it stops
        hearing hellos and, after its hold time, takes the groups (Table 34-2, row 1)."""
        fo = self.fo[u.name]
        fo.started = fo.paired = fo.syncing = False
        fo.neg_deadline = None
        self._cancel_preempt()
        for gid in GROUPS:
            g = fo.groups[gid]
            if g.state in TRANSIENT and not g.active:
                # still negotiating or receiving the configuration: nobody is left to be
                # standby for, the unit runs the group itself
                fo.set_state(gid, GroupState.ACTIVE, Reason.CONFIG_COMMAND, self.clock.now)

    # ------------------------------------------------------------------ ticks
    def _schedule_tick(self, u: Unit) -> None:
        old = self._ticks.get(u.name)
        if old is not None and old.pending:
            return
        self._ticks[u.name] = self.clock.call_later(u.sys.failover.unit_poll_ms,
                                                    lambda: self._tick(u))

    def _tick(self, u: Unit) -> None:
        if not u.up:
            return
        self._schedule_tick(u)
        fo = self.fo[u.name]
        if not fo.started or not u.sys.failover.enabled:
            return
        m = self.mate(u)
        now = self.clock.now
        if self._hears(u, m):
            fo.heard_at = now
            if fo.lan_failed:
                fo.lan_failed = False
                self._emit(u, "Failover LAN interface is up")
            if not fo.paired and not fo.syncing:
                self._meet(u, m)
        elif fo.paired and now - fo.heard_at >= u.sys.failover.unit_hold_ms:
            self._mate_lost(u, m)
        if (fo.neg_deadline is not None and now >= fo.neg_deadline and not fo.paired
                and not fo.syncing):
            fo.neg_deadline = None
            if any(fo.groups[g].state in ("Negotiation", "Not Detected") for g in GROUPS):
                for gid in GROUPS:
                    self._set(u, gid, "Active", "No Active unit found")
        if fo.paired:
            self._monitor(u, m)
            self._policy(u, m)

    def _hears(self, u: Unit, m: Unit) -> bool:
        """A hello from the mate arrives on this unit's failover link."""
        if not (self.enabled(m) and self.fo[m.name].started):
            return False
        a, b = u.sys.failover.lan_if, m.sys.failover.lan_if
        if not a or not b:
            return False
        if not self._lan_carries(u, m):
            return False
        if (u.sys.failover.key or "") != (m.sys.failover.key or ""):
            self._once(u, "key", "Failover message decryption failure. Please make sure both units "
                                 "have the same failover shared key and crypto license or system is "
                                 "not out of memory")
            return False
        return True

    def _once(self, u: Unit, key: str, line: str) -> None:
        fo = self.fo[u.name]
        if fo.mismatch != key:
            fo.mismatch = key
            self._emit(u, line)

    # ------------------------------------------------------------------ meeting the mate
    def _meet(self, u: Unit, m: Unit) -> None:
        fo, mfo = self.fo[u.name], self.fo[m.name]
        problem = self._prerequisites(u, m)
        if problem:
            self._once(u, "prereq", problem[0])
            self._once(m, "prereq", problem[1])
            return
        if self.role(u) == self.role(m):
            self._once(u, "role", f"Failover: the mate is also the {self.role(u)} unit; "
                                  "the units cannot pair (failover lan unit)")
            return
        u_neg = any(fo.groups[g].state in ("Negotiation", "Not Detected") for g in GROUPS)
        m_neg = any(mfo.groups[g].state in ("Negotiation", "Not Detected") for g in GROUPS)
        if u_neg and m_neg:
            # simultaneous boot: the primary gives its configuration to the secondary
            if self.role(u) != "Primary":
                return
            self._pair_up(u, m)
            self._sync(u, m, then=lambda: self._settle_preferred(u, m))
        elif u_neg:
            # the mate is active: it provides the configuration, whatever our role
            self._pair_up(u, m)
            self._emit(u, "\tDetected an Active mate")
            self._sync(m, u, then=lambda: self._joined(u, m))
        elif m_neg:
            self._pair_up(u, m)
            self._emit(m, "\tDetected an Active mate")
            self._sync(u, m, then=lambda: self._joined(m, u))
        else:
            # both kept running apart (failover link down at start-up, or restored after a
            # split): groups active on both stay on the primary, the secondary syncs from it
            p, s = (u, m) if self.role(u) == "Primary" else (m, u)
            self._pair_up(u, m)
            for gid in GROUPS:
                if self.fo[p.name].groups[gid].active and self.fo[s.name].groups[gid].active:
                    self._set(s, gid, "Standby Ready", "Other unit wants me Standby")
            src = p if self.fo[p.name].groups[1].active else s
            self._sync(src, self.mate(src), then=lambda: self._evaluate_preempt())

    def _pair_up(self, u: Unit, m: Unit) -> None:
        now = self.clock.now
        for x in (u, m):
            fo = self.fo[x.name]
            fo.paired = fo.mate_seen = True
            fo.mate_failed = fo.lan_failed = False
            fo.heard_at = now
            fo.neg_deadline = None
            fo.mismatch = None
            fo.ifmon = {}

    def _prerequisites(self, u: Unit, m: Unit) -> tuple[str, str] | None:
        """Why the two units cannot be a pair (model, interfaces, version, license), as each
        console reports it; None if they can."""
        def banner(text: str) -> str:
            star = "************WARNING****WARNING****WARNING********************************"
            return f"{star}\n   {text}\n{star}"
        hu, hm = u.hw, m.hw
        if hu.model != hm.model:
            return (banner(f"Mate hardware model {hm.model} is not the same as ours {hu.model}: "
                           "Other unit chassis configuration is different"),
                    banner(f"Mate hardware model {hu.model} is not the same as ours {hm.model}: "
                           "Other unit chassis configuration is different"))
        if len(hu.interfaces) != len(hm.interfaces) or [i.rstrip("0123456789/") for i in hu.interfaces] \
                != [i.rstrip("0123456789/") for i in hm.interfaces]:
            return (banner("Other unit card configuration is different: the mate's interfaces "
                           "are not the same as ours"),
                    banner("Other unit card configuration is different: the mate's interfaces "
                           "are not the same as ours"))
        # Prerequisites: same major and minor version, but a pair being upgraded keeps
        # failover running across minor releases ("from Version 7.0(1) to Version 7.9(2)");
        # only a different major version cannot pair
        if _major(hu.version) != _major(hm.version):
            return (banner(f"Mate version {hm.version} is not compatible with ours {hu.version}"),
                    banner(f"Mate version {hu.version} is not compatible with ours {hm.version}"))
        for x, _y in ((u, m), (m, u)):
            if not _aa_licensed(x):
                text = banner(f"Other unit license is different: {x.hw.model} license "
                              f"'{x.hw.failover_license}' does not allow Active/Active failover")
                return (text, text)
        if hu.version != hm.version:
            self._emit(u, banner(f"Mate version {hm.version} is not identical with ours {hu.version}"))
            self._emit(m, banner(f"Mate version {hu.version} is not identical with ours {hm.version}"))
        return None

    def _settle_preferred(self, p: Unit, s: Unit) -> None:
        """After a simultaneous boot each group becomes active on its preferred unit."""
        for gid in GROUPS:
            grp = p.sys.failover.groups.get(gid)
            pref = grp.preference if grp else "primary"
            act, stb = (p, s) if pref == "primary" else (s, p)
            self._set(act, gid, "Active", "No Active unit found")
            self._set(stb, gid, "Standby Ready", "Detected an Active mate")

    def _joined(self, joiner: Unit, active: Unit) -> None:
        """A unit that booted while its mate was active takes standby for every group."""
        for gid in GROUPS:
            if self.fo[active.name].groups[gid].active:
                self._set(joiner, gid, "Standby Ready", "Detected an Active mate")
            else:
                self._set(joiner, gid, "Active", "No Active unit found")
        self._evaluate_preempt()

    # ------------------------------------------------------------------ configuration sync
    def _sync(self, src: Unit, dst: Unit, then: Any = None, context: str | None = None,
              full: bool = True) -> None:
        """Send the running configuration from src to dst, with the console banners."""
        fo_dst, fo_src = self.fo[dst.name], self.fo[src.name]
        fo_dst.syncing = True
        fo_dst.sync_gen += 1
        gen = fo_dst.sync_gen
        self._emit(src, messages.REPLICATION_BEGIN)
        self._emit(dst, messages.REPLICATION_FROM_MATE_BEGIN)
        for gid in GROUPS:
            if fo_dst.groups[gid].state in ("Negotiation", "Not Detected"):
                for st in ("Cold Standby", "Sync Config"):
                    fo_dst.set_state(gid, GroupState(st), Reason.ACTIVE_MATE, self.clock.now, chain=False)
        n_lines = len(src.config_body(None)) + sum(len(src.config_body(c)) for c in src.ctx)
        duration = SYNC_BASE_MS + int(n_lines * SYNC_PER_LINE_MS)

        def finish() -> None:
            if fo_dst.sync_gen != gen:
                return          # called off: the units lost each other meanwhile
            # a unit that went down, rebooted or stopped failover meanwhile ends this sync
            if not (src.up and dst.up and fo_src.started and fo_dst.started
                    and self.fo[src.name] is fo_src and self.fo[dst.name] is fo_dst):
                fo_dst.syncing = False
                return
            if not self._lan_carries(src, dst):
                # the failover link is cut: the transfer waits for it to come back
                self.clock.call_later(src.sys.failover.unit_poll_ms, finish)
                return
            copy_config(src, dst, context, full)
            fo_dst.syncing = False
            self._emit(src, messages.REPLICATION_END)
            self._emit(dst, messages.REPLICATION_FROM_MATE_END)
            self.fo[src.name].heard_at = self.fo[dst.name].heard_at = self.clock.now
            if then is not None:
                then()
        self.clock.call_later(duration, finish)

    def _lan_carries(self, u: Unit, m: Unit) -> bool:
        """The failover link between u and m carries frames (whatever the key): cabled end
        to end, not cut, and neither end administratively down (`shutdown`)."""
        a, b = u.sys.failover.lan_if, m.sys.failover.lan_if
        if not a or not b or _sys_shut(u, a[1]) or _sys_shut(m, b[1]):
            return False
        wiring = self.lab.wiring
        return wiring.peer(u.name, a[1]) == (m.name, b[1]) and wiring.carries(u.name, a[1])

    # ------------------------------------------------------------------ losing the mate
    def _mate_lost(self, u: Unit, m: Unit) -> None:
        fo = self.fo[u.name]
        if self._data_path_to(u, m):
            # only the failover link is down: no failover is possible until it is restored
            if not fo.lan_failed:
                fo.lan_failed = True
                self._emit(u, "LAN Failover interface is down")
            return
        fo.paired = False
        fo.mate_failed = True
        fo.mate_lost_at = self.clock.now
        self._cancel_preempt()
        for x in (fo, self.fo[m.name]):
            if x.syncing:       # a configuration sync between them cannot complete
                x.syncing = False
                x.sync_gen += 1
        for gid in GROUPS:
            if not fo.groups[gid].active:
                self._set(u, gid, "Active", "HELLO not heard from mate")

    def _data_path_to(self, u: Unit, m: Unit) -> bool:
        """Does the mate still answer on a data interface (so it is alive)?"""
        if not self.enabled(m):
            return False
        for phys in self._named_phys(u):
            if self.lab.wiring.carries(u.name, phys) and phys in self._named_phys(m):
                return True
        return False

    def _named_phys(self, u: Unit) -> set[str]:
        return {phys for _, phys, itf in u.named_interfaces()
                if not itf.shutdown and not _sys_shut(u, phys)}

    # ------------------------------------------------------------------ interface monitoring
    def monitored(self, u: Unit) -> list[tuple[str, str, str, int]]:
        """(context, nameif, physical, group) for every interface monitored on this unit."""
        from ..device.handlers.context_cfg import is_monitored
        return [(name, itf.nameif, phys, u.group_of(name)) for name, phys, itf in u.named_interfaces()
                if is_monitored(u, u.ctx[name], itf)]

    def poll_hold(self, u: Unit, gid: int) -> tuple[int, int]:
        g = u.sys.failover.groups.get(gid)
        if g is not None and g.poll_ms is not None:
            return g.poll_ms, g.hold_ms or 25000
        return 5000, 25000

    def _monitor(self, u: Unit, m: Unit) -> None:
        fo = self.fo[u.name]
        now = self.clock.now
        wiring = self.lab.wiring
        mate_phys = self._named_phys(m) if self.enabled(m) else set()
        seen: set[tuple[str, str]] = set()
        for ctx, nameif, phys, gid in self.monitored(u):
            key = (ctx, nameif)
            seen.add(key)
            mon = fo.ifmon.setdefault(key, _new_mon(now))
            itf = u.ctx[ctx].interfaces
            shut = _sys_shut(u, phys) or any(i.shutdown for i in itf.values() if i.nameif == nameif)
            _, hold = self.poll_hold(u, gid)
            if shut:
                mon.status = "Link Down"
            elif not wiring.has_link(u.name, phys):
                mon.status = "No Link"
            elif wiring.carries(u.name, phys) and phys in mate_phys:
                mon.status, mon.last_heard = "Normal", now
            else:
                quiet = now - mon.last_heard
                if quiet >= hold:
                    mon.status = self._test_result(u, phys)
                elif quiet >= hold // 2:
                    mon.status = "Testing"
        for key in list(fo.ifmon):
            if key not in seen:
                del fo.ifmon[key]

    def _test_result(self, u: Unit, phys: str) -> str:
        """The interface tests after the hold time (link, network activity, ARP, ping): an
        end that hears traffic passes (Normal); one that hears nothing fails, unless the
        mate's end hears nothing either: then neither unit can tell and both show Unknown,
        which does not count towards the failover threshold (configuration guide, "Failover
        Health Monitoring")."""
        wiring = self.lab.wiring
        if wiring.receives(u.name, phys):
            return "Normal"
        peer = wiring.peer(u.name, phys)
        if peer is not None and not wiring.receives(*peer):
            return "Unknown"
        return "Failed"

    def failed_count(self, u: Unit, gid: int) -> tuple[int, int]:
        """(failed, monitored) interfaces of a group's contexts on this unit."""
        fo = self.fo[u.name]
        mons = [(c, n) for c, n, _, g in self.monitored(u) if g == gid]
        failed = sum(1 for k in mons if fo.ifmon.get(k) and fo.ifmon[k].status in ("Failed", "No Link"))
        return failed, len(mons)

    def over_threshold(self, u: Unit, gid: int) -> bool:
        failed, total = self.failed_count(u, gid)
        if failed == 0:
            return False
        g = u.sys.failover.groups.get(gid)
        n, pct = g.policy if g else (1, False)
        return failed * 100 >= n * total if pct else failed >= n

    def _policy(self, u: Unit, m: Unit) -> None:
        """Table 34-2 rows for interface failures and recovery, from u's point of view."""
        fo, mfo = self.fo[u.name], self.fo[m.name]
        if fo.lan_failed or fo.syncing or mfo.syncing or not mfo.paired:
            return
        for gid in GROUPS:
            g, mg = fo.groups[gid], mfo.groups[gid]
            over = self.over_threshold(u, gid)
            if over and g.active:
                # judge the mate on its interfaces as they are now, not as of its last tick
                self._monitor(m, u)
                if mg.state == "Standby Ready" and not self.over_threshold(m, gid):
                    self._set(u, gid, "Failed", "Interface check")
                    g.failed_while_active = True
                    self._set(m, gid, "Active", "Other unit wants me Active")
            elif over and g.state == "Standby Ready":
                # a standby group fails (row 3); if it was active here before an earlier
                # failure, it still counts as the formerly active group
                self._set(u, gid, "Failed", "Interface check")
            elif not over and g.state == "Failed" and g.failure == "Interface check":
                self._set(u, gid, "Standby Ready", "Interface check")
                if g.failed_while_active:
                    self._evaluate_preempt([gid])     # row 4: only with preempt

    # ------------------------------------------------------------------ preemption
    def preferred(self, gid: int) -> Unit | None:
        for u in self.lab.units.values():
            grp = u.sys.failover.groups.get(gid)
            pref = grp.preference if grp else "primary"
            if u.sys.failover.lan_unit == pref:
                return u
        return None

    def _evaluate_preempt(self, gids: list[int] | tuple[int, ...] = GROUPS) -> None:
        """Schedule preemption of each group in gids that is standby on its preferred unit
        while active on the other one, after the group's preempt delay."""
        for gid in gids:
            timer = self.ps.preempt_timers.get(gid)
            if timer is not None and timer.pending:
                continue            # already counting down since the unit became available
            p = self.preferred(gid)
            if p is None or not self.enabled(p):
                continue
            grp = p.sys.failover.groups.get(gid)
            if grp is None or grp.preempt is None:
                continue
            o = self.mate(p)
            if not (self.fo[p.name].paired and self.fo[o.name].paired):
                continue
            if self.state(p, gid) == "Standby Ready" and self.fo[o.name].groups[gid].active:
                delay = grp.preempt * 1000
                self.ps.preempt_timers[gid] = self.clock.call_later(
                    delay, functools.partial(self._preempt, gid, p))

    def _cancel_preempt(self) -> None:
        """A unit went away: a countdown that began when it became available is void."""
        for timer in self.ps.preempt_timers.values():
            timer.cancel()
        self.ps.preempt_timers.clear()

    def _preempt(self, gid: int, p: Unit) -> None:
        o = self.mate(p)
        if not (self.enabled(p) and self.fo[p.name].paired and self.fo[o.name].paired):
            return
        if self.fo[p.name].lan_failed:
            return
        if self.over_threshold(p, gid):
            return      # the preferred unit's own interfaces are failing: stay where it is
        if self.state(p, gid) != "Standby Ready" or not self.fo[o.name].groups[gid].active:
            return
        if not self._state_replicated(p):
            # Stateful Failover: preemption waits until the connections have been replicated
            self.ps.preempt_timers[gid] = self.clock.call_later(
                p.sys.failover.unit_poll_ms, functools.partial(self._preempt, gid, p))
            return
        self._set(o, gid, "Standby Ready", "Other unit wants me Standby")
        self._set(p, gid, "Active", "Failover state check")

    def _state_replicated(self, u: Unit) -> bool:
        """No Stateful Failover link, or one that carries the connection updates."""
        return u.sys.failover.link is None or self.state_link_carries(u)

    def state_link_carries(self, u: Unit) -> bool:
        """u's Stateful Failover link is configured and carries updates to the mate: cabled,
        not cut, and not shut down at either end."""
        link = u.sys.failover.link
        if link is None or _sys_shut(u, link[1]):
            return False
        m = self.mate(u)
        mlink = m.sys.failover.link
        if mlink is not None and _sys_shut(m, mlink[1]):
            return False
        return self.lab.wiring.carries(u.name, link[1])

    # ------------------------------------------------------------------ commands
    def config_changed(self, u: Unit) -> None:
        """A failover command was accepted.  Only a change of a group's unit preference or
        of its `preempt` setting can start preemption; any other command (entering
        `failover group 2`, a key, a poll time) leaves the groups where they are."""
        now = self._preempt_config()
        changed = [g for g in GROUPS if now[g] != self.ps.preempt_cfg.get(g)]
        self.ps.preempt_cfg = now
        if not changed or not (u.up and self.fo[u.name].paired):
            return
        if any(self.fo[x].syncing for x in self.fo):
            return      # a configuration sync ends by evaluating preemption itself
        self._evaluate_preempt(changed)

    def _preempt_config(self) -> dict[int, tuple[object, ...]]:
        out: dict[int, tuple[object, ...]] = {}
        for gid in GROUPS:
            sig: list[object] = []
            for x in self.lab.units.values():
                grp = x.sys.failover.groups.get(gid)
                sig += [x.sys.failover.lan_unit, grp.preference if grp else None,
                        grp.preempt if grp else None]
            out[gid] = tuple(sig)
        return out

    def links_changed(self) -> None:
        for u in self.lab.units.values():
            if u.up and self.fo[u.name].paired:
                self._monitor(u, self.mate(u))

    def force_active(self, cmd: Command, gid: int | None, active: bool) -> None:
        u = cmd.unit
        m = self.mate(u)
        fo, mfo = self.fo[u.name], self.fo[m.name]
        gids = [gid] if gid else list(GROUPS)
        linked = fo.paired and mfo.paired and not fo.lan_failed and self.enabled(m)
        if linked and (fo.syncing or mfo.syncing):
            return      # the configuration is still being replicated: no switch-over yet
        for g in gids:
            mine, theirs = fo.groups[g], mfo.groups[g]
            if active:
                if mine.active:
                    continue
                if linked and theirs.active:
                    self._set(m, g, "Standby Ready", "Other unit wants me Standby")
                    theirs.failed_while_active = False
                if linked or not fo.paired:
                    self._set(u, g, "Active", "Set by the config command")
            else:
                if not mine.active or not linked or theirs.state != "Standby Ready":
                    continue
                self._set(u, g, "Standby Ready", "Set by the config command")
                mine.failed_while_active = False
                self._set(m, g, "Active", "Other unit wants me Active")

    def reset(self, cmd: Command, gid: int | None) -> None:
        """`failover reset [group N]`: failed groups go back to Standby Ready.  They do not
        become active, except a group with `preempt` that was active on its preferred unit
        when it failed ("Restoring a Failed Unit or Failover Group")."""
        u = cmd.unit
        gids = [gid] if gid else list(GROUPS)
        restored: list[int] = []
        for x in (u, self.mate(u)):
            if not self.enabled(x):
                continue
            fo = self.fo[x.name]
            for g in gids:
                if fo.groups[g].state == "Failed":
                    self._set(x, g, "Standby Ready", "Set by the config command")
                    if fo.groups[g].failed_while_active:
                        restored.append(g)
        if restored:
            self._evaluate_preempt(restored)

    def failover_ran(self, u: Unit) -> bool:
        """Failover has run on this unit: its groups have states (kept after `no failover`)."""
        return any(g.state != "Not Detected" for g in self.fo[u.name].groups.values())

    def has_link(self, u: Unit, phys: str) -> bool:
        return self.lab.wiring.has_link(u.name, phys)

    def cluster_uptime_s(self, u: Unit) -> int | None:
        """`failover cluster up`: since the earlier of the two units started failover, while
        they are a pair; since this unit did otherwise; None with failover off."""
        fo = self.fo[u.name]
        if not fo.started:
            return None
        since = fo.started_at
        mfo = self.fo[self.mate(u).name]
        if fo.paired and mfo.started:
            since = min(since, mfo.started_at)
        return max(0, (self.clock.now - since) // 1000)

    def is_active_here(self, u: Unit, context: str | None) -> bool:
        """Failover never started: everything is active.  After `no failover` each group
        keeps the state it had (chapter 34, "Disabling Failover")."""
        g = self.fo[u.name].groups[u.group_of(context)]
        return g.state == "Not Detected" or g.active

    def prompt_state(self, u: Unit, context: str | None) -> str:
        return "act" if self.is_active_here(u, context) else "stby"

    def _may_replicate_from(self, u: Unit, context: str | None) -> bool:
        gid = source_group(context, u.sys.admin_context, u.group_of(context))
        return self.fo[u.name].groups[gid].active

    def linked(self, u: Unit) -> bool:
        m = self.mate(u)
        fo, mfo = self.fo[u.name], self.fo[m.name]
        return fo.paired and mfo.paired and not fo.lan_failed and self.enabled(m) \
            and not mfo.syncing

    def config_warning(self, u: Unit, context: str | None) -> list[str]:
        if self.linked(u) and not self._may_replicate_from(u, context):
            return OUT_OF_SYNC
        return []

    def after_command(self, u: Unit, session: Session, cmd: Command) -> None:
        if session.batch or not self.linked(u):
            return
        sub = str(cmd.sub.data) if cmd.sub is not None and cmd.rule == "failover_cmd" else None
        if not replicates(cmd.rule, sub, cmd.words, cmd.values("FILE")):
            return
        if not self._may_replicate_from(u, cmd.pre_state.context):
            return
        m = self.mate(u)
        self.replicate(m, cmd.pre_state, cmd.line)
        self.fo[u.name].stats_sys_cmd += 1

    def replicate(self, m: Unit, state: Any, line: str) -> list[str]:
        from ..device.session import ModeState, Session
        if state.context is not None and state.context not in m.ctx:
            return []
        s = Session(m, "replica")
        s.state = ModeState(state.mode if state.mode not in ("sys_exec", "ctx_exec", "sys_user", "ctx_user")
                            else state.mode, state.context, state.target)
        if s.state.mode.endswith("_user"):
            s.state = ModeState(s.state.mode.replace("_user", "_exec"), state.context, None)
        return s.execute(line)

    def write_standby(self, cmd: Command) -> None:
        u = cmd.unit
        ctx = cmd.session.context
        if not self.linked(u):
            cmd.error(messages.WRITE_STANDBY_NO_MATE)
        if not self._may_replicate_from(u, ctx):
            which = "failover group 1" if ctx is None else f"context {ctx}"
            cmd.error(messages.write_standby_wrong_unit(which))
        cmd.print(messages.BUILDING_CONFIGURATION)
        m = self.mate(u)
        if ctx is None:
            self._sync(u, m, full=True)
        else:
            self._sync(u, m, context=ctx, full=False)
        cmd.print(messages.OK)

    def exec_remote(self, cmd: Command, target: str, line: str) -> None:
        from .remote import exec_remote
        exec_remote(self, cmd, target, line)

    # ------------------------------------------------------------------ show
    def show(self, cmd: Command, what: str, *args: object) -> list[str]:
        from .report import show
        return show(self, cmd, what)

    def special_link_ends(self, which: str) -> list[tuple[str, str]]:
        for u in self.lab.units.values():
            f = u.sys.failover
            link = f.lan_if if which == "failover" else f.link
            if link:
                return [(u.name, link[1])]
        return []

    def status_row(self, u: Unit) -> list[str]:
        fo = self.fo[u.name]
        if not u.up:
            return ["-", "-", "-", "-", "-", "-"]
        f = u.sys.failover
        # failover off: a group that never negotiated is active; one that was running keeps
        # its state (`no failover` leaves standby groups standby), as the prompt shows it
        states = [fo.groups[g].state if fo.started or fo.groups[g].state != "Not Detected"
                  else "Active" for g in GROUPS]
        lan = "-"
        if f.lan_if:
            lan = f"{f.lan_if[0]} " + ("failed" if fo.lan_failed else
                                        "up" if fo.paired else "down")
        state = f"{f.link[0]}" if f.link else "-"
        return [f.lan_unit, "on" if f.enabled else "off", *states, lan, state]

    def settled(self) -> bool:
        for u in self.lab.units.values():
            if not u.up:
                continue
            fo = self.fo[u.name]
            if fo.syncing:
                return False
            if fo.started and any(fo.groups[g].state in TRANSIENT for g in GROUPS):
                return False
        return True


def copy_config(src: Unit, dst: Unit, context: str | None, full: bool) -> None:
    """Make dst's running configuration src's (system and every context, or one context).
    The unit's own `failover lan unit` stays: it is never replicated."""
    from ..config.model import ContextConfig
    if full:
        keep_role = dst.sys.failover.lan_unit
        dst.reset_config(factory=False)
        dst.apply_system(src.config_body(None, secrets=True), kind="replica")
        dst.sys.failover.lan_unit = keep_role
        names = list(src.ctx)
    else:
        names = [context] if context else []
    for name in names:
        if name is None or name not in dst.sys.contexts:
            continue
        fresh = ContextConfig(name)
        dst.ctx[name] = fresh
        for a in dst.sys.contexts[name].allocations:
            dst.allocate(name, a.phys, a.mapped)
        dst.apply_context(name, src.config_body(name), kind="replica")


def _new_mon(now: int) -> Any:
    from .state import IfMon
    return IfMon("Unknown", now)


def _sys_shut(u: Unit, phys: str) -> bool:
    itf = u.sys.interfaces.get(phys)
    return bool(itf and itf.shutdown)


def _major(version: str) -> str:
    return version.split("(")[0].split(".")[0]


def _aa_licensed(u: Unit) -> bool:
    model = u.hw.model.upper().replace(" ", "")
    lic = u.hw.failover_license.lower()
    if "5505" in model:
        return False
    return "active/active" in lic
