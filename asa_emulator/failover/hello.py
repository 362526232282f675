"""Hellos, boot rules, negotiation, prerequisites, and losing the mate.

Chapter 34, "Failover System Requirements" (the prerequisites: same model, interfaces, major
version and licence), "Failover Link" and the failover key, "Failover Health Monitoring"
("Unit Health Monitoring": hellos every unit poll time, the mate failed after the hold
time), the boot rules of "Primary/Secondary Status and Active/Standby Status" and "Device
Initialization and Configuration Synchronization" (simultaneous boot, a unit joining an
active mate, units that ran apart), and "Disabling Failover".  Table 34-2 rows for unit and
failover-link failure: 1 (a unit fails: power or software), 6 (the failover link fails at
start-up) and 7 (it fails during operation).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..device import messages
from ..kept import REVISIONS
from .preempt import evaluate as evaluate_preempt
from .replication import may_replicate_from
from .state import TRANSIENT, GroupState, PairState, Reason
from .sync import sync

if TYPE_CHECKING:
    from ..device.commands import SessionView
    from ..device.unit import Unit

S = GroupState
KEY_MISMATCH = ("Failover message decryption failure. Please make sure both units have the "
                "same failover shared key and crypto license or system is not out of memory")
_STARS = "************WARNING****WARNING****WARNING********************************"


# ------------------------------------------------------------------ starting and stopping
def start(ps: PairState, u: Unit) -> bool:
    """Failover starts on u: every group that is not active negotiates.  False when it
    already runs.  The failover link need not be configured yet (Example 34-1 types
    `failover` first): until it is, and has its address, no hello reaches the mate and the
    unit negotiates alone."""
    fo = ps.of(u)
    if fo.started:
        return False
    now = ps.clock.now
    fo.started = True
    fo.started_at = now
    fo.paired = fo.mate_seen = fo.mate_failed = fo.lan_failed = False
    fo.mismatch = None
    for gid in ps.gids:
        if fo.groups[gid].active:
            continue   # enabling failover on a running unit keeps its active groups
        fo.set_state(gid, S.NEGOTIATION, Reason.NO_ERROR, now)
    fo.neg_deadline = now + u.sys.failover.unit_hold_ms
    return True


def stop(ps: PairState, u: Unit) -> None:
    """Failover disabled on u.  A mate that still runs failover is not told: it stops
    hearing hellos and, after its hold time, takes the groups (Table 34-2, row 1)."""
    fo = ps.of(u)
    fo.started = fo.paired = fo.syncing = False
    fo.neg_deadline = None
    ps.cancel_preempt()
    for gid in ps.gids:
        g = fo.groups[gid]
        if g.state in TRANSIENT and not g.active:
            # still negotiating or receiving the configuration: nobody is left to be
            # standby for, the unit runs the group itself
            fo.set_state(gid, S.ACTIVE, Reason.CONFIG_COMMAND, ps.clock.now)


def went_down(ps: PairState, u: Unit) -> None:
    """u lost power or reloads: its active time stops; the mate notices through missing
    hellos after its hold time (`listen`)."""
    fo = ps.of(u)
    now = ps.clock.now
    for g in fo.groups.values():
        if g.active_since is not None:
            g.active_ms += now - g.active_since
            g.active_since = None
    fo.started = fo.paired = fo.syncing = False
    ps.cancel_preempt()


def turned_off(ps: PairState, u: Unit, session: SessionView) -> None:
    """`no failover`: every group stays active where it is, on both units."""
    m = ps.mate(u)
    if ps.of(u).paired and ps.enabled(m) and may_replicate_from(ps, u, None):
        m.spaces.apply_system(["no failover"], kind="replica")
        stop(ps, m)
    stop(ps, u)


# ------------------------------------------------------------------ hellos
def listen(ps: PairState, u: Unit, m: Unit) -> None:
    """One unit poll on u: hear the mate's hello (meeting it if new), notice it is gone
    after the hold time, or give up negotiating and run every group."""
    fo = ps.of(u)
    now = ps.clock.now
    if _lan_addressed(u):
        # a hello goes out on the failover link at each poll, heard or not
        fo.hello_tx += 1
        fo.hello_sent_at = now
    if _hears(ps, u, m):
        fo.heard_at = now
        fo.hello_rx += 1
        if fo.lan_failed:
            fo.lan_failed = False
            u.emit("Failover LAN interface is up")
        if fo.paired and ps.role(u) == ps.role(m):
            _split_same_role(ps, u, m)
        elif not fo.paired and not fo.syncing:
            _meet(ps, u, m)
    elif fo.paired and now - fo.heard_at >= u.sys.failover.unit_hold_ms:
        _mate_lost(ps, u, m)
    if (fo.neg_deadline is not None and now >= fo.neg_deadline and not fo.paired
            and not fo.syncing):
        fo.neg_deadline = None
        if fo.negotiating(ps.gids):
            for gid in ps.gids:
                ps.set(u, gid, S.ACTIVE, Reason.NO_ACTIVE_UNIT)


def _split_same_role(ps: PairState, u: Unit, m: Unit) -> None:
    """`failover lan unit` changed on a running unit: both units now claim the same role.
    They part at the next hello as two units that boot with the same role never pair
    (_meet): the same message on both consoles, and each runs alone, every group active."""
    role = ps.role(u)
    for x in (u, m):
        fo = ps.of(x)
        fo.paired = False
        if fo.syncing:
            fo.syncing = False
            REVISIONS.bump(fo, "sync_gen")
        _once(ps, x, "role", messages.failover_same_role(role))
    ps.cancel_preempt()
    for x in (u, m):
        for gid in ps.gids:
            if not ps.of(x).groups[gid].active:
                ps.set(x, gid, S.ACTIVE, Reason.NO_ACTIVE_UNIT)


def _hears(ps: PairState, u: Unit, m: Unit) -> bool:
    """A hello from the mate arrives on this unit's failover link."""
    if not (ps.enabled(m) and ps.of(m).started):
        return False
    if not (_lan_addressed(u) and _lan_addressed(m)):
        return False
    if not ps.lan_carries(u, m):
        return False
    if (u.sys.failover.key or "") != (m.sys.failover.key or ""):
        _once(ps, u, "key", KEY_MISMATCH)
        return False
    return True


def _lan_addressed(u: Unit) -> bool:
    """u's failover LAN interface is configured and has its address (`failover interface
    ip`): before that the unit cannot talk to its mate ("Configuring the Secondary
    Failover Unit", step 1)."""
    lan = u.sys.failover.lan_if
    return lan is not None and lan[0] in u.sys.failover.ips


def _once(ps: PairState, u: Unit, key: str, line: str) -> None:
    """Print a pairing problem once, until it changes."""
    fo = ps.of(u)
    if fo.mismatch != key:
        fo.mismatch = key
        u.emit(line)


# ------------------------------------------------------------------ meeting the mate
def _meet(ps: PairState, u: Unit, m: Unit) -> None:
    problem = prerequisites(u, m)
    if problem:
        _once(ps, u, "prereq", problem[0])
        _once(ps, m, "prereq", problem[1])
        return
    role = ps.role(u)
    if role == ps.role(m):
        # neither unit gives way: each keeps running alone (it stops negotiating after its
        # hold time and runs every group), both consoles say why, at the first hello heard
        _once(ps, u, "role", messages.failover_same_role(role))
        _once(ps, m, "role", messages.failover_same_role(role))
        return
    u_neg, m_neg = ps.of(u).negotiating(ps.gids), ps.of(m).negotiating(ps.gids)
    if u_neg and m_neg:
        # simultaneous boot: the primary gives its configuration to the secondary
        if role != "Primary":
            return
        _pair_up(ps, u, m)
        sync(ps, u, m, then=lambda: _settle_preferred(ps, u, m))
    elif u_neg:
        # the mate is active: it provides the configuration, whatever our role
        _pair_up(ps, u, m)
        u.emit("\tDetected an Active mate")
        sync(ps, m, u, then=lambda: _joined(ps, u, m))
    elif m_neg:
        _pair_up(ps, u, m)
        m.emit("\tDetected an Active mate")
        sync(ps, u, m, then=lambda: _joined(ps, m, u))
    else:
        # both kept running apart (failover link down at start-up, or restored after a
        # split): groups active on both stay on the primary, the secondary syncs from it
        p, s = (u, m) if role == "Primary" else (m, u)
        _pair_up(ps, u, m)
        for gid in ps.gids:
            if ps.of(p).groups[gid].active and ps.of(s).groups[gid].active:
                ps.set(s, gid, S.STANDBY_READY, Reason.MATE_WANTS_STANDBY)
        src = p if ps.of(p).groups[1].active else s
        sync(ps, src, ps.mate(src), then=lambda: evaluate_preempt(ps))


def _pair_up(ps: PairState, u: Unit, m: Unit) -> None:
    now = ps.clock.now
    for x in (u, m):
        fo = ps.of(x)
        fo.paired = fo.mate_seen = True
        fo.mate_failed = fo.lan_failed = False
        fo.heard_at = now
        fo.neg_deadline = None
        fo.mismatch = None
        fo.ifmon = {}
        fo.monitoring_changed()


def _banner(text: str) -> str:
    return f"{_STARS}\n   {text}\n{_STARS}"


def prerequisites(u: Unit, m: Unit) -> tuple[str, str] | None:
    """Why the two units cannot be a pair (model, interfaces, version, license), as each
    console reports it; None if they can.  A different minor version pairs, with a warning
    printed on both consoles."""
    hu, hm = u.hw, m.hw
    if hu.model != hm.model:
        return (_banner(f"Mate hardware model {hm.model} is not the same as ours {hu.model}: "
                        "Other unit chassis configuration is different"),
                _banner(f"Mate hardware model {hu.model} is not the same as ours {hm.model}: "
                        "Other unit chassis configuration is different"))
    if len(hu.interfaces) != len(hm.interfaces) or [i.rstrip("0123456789/") for i in hu.interfaces] \
            != [i.rstrip("0123456789/") for i in hm.interfaces]:
        text = _banner("Other unit card configuration is different: the mate's interfaces "
                       "are not the same as ours")
        return (text, text)
    # Prerequisites: same major and minor version, but a pair being upgraded keeps
    # failover running across minor releases ("from Version 7.0(1) to Version 7.9(2)");
    # only a different major version cannot pair
    if _major(hu.version) != _major(hm.version):
        return (_banner(f"Mate version {hm.version} is not compatible with ours {hu.version}"),
                _banner(f"Mate version {hu.version} is not compatible with ours {hm.version}"))
    # both units in the same context mode (unverified wording, as the firewall-mode message
    # "Mate operational mode ... is not compatible with my mode ...")
    if u.single != m.single:
        mode = {True: "Single", False: "Multi"}
        return (_banner(f"Mate operational mode {mode[m.single]} is not compatible with my mode {mode[u.single]}"),
                _banner(f"Mate operational mode {mode[u.single]} is not compatible with my mode {mode[m.single]}"))
    # the Active/Active licence is needed only once a failover group is configured: a pair
    # without groups runs Active/Standby
    needs_aa = bool(u.sys.failover.groups or m.sys.failover.groups)
    if needs_aa and not (_aa_licensed(u) and _aa_licensed(m)):
        # each console speaks of the unit that lacks the licence: itself, or its mate
        return (_aa_licence_text(u, m), _aa_licence_text(m, u))
    if hu.version != hm.version:
        u.emit(_banner(f"Mate version {hm.version} is not identical with ours {hu.version}"))
        m.emit(_banner(f"Mate version {hu.version} is not identical with ours {hm.version}"))
    return None


def _aa_licence_text(me: Unit, mate: Unit) -> str:
    """What `me`'s console says when Active/Active is configured and a licence lacks it."""
    if not _aa_licensed(me):
        # unverified: the console line of the unit whose own licence lacks Active/Active
        return _banner(f"This unit's license is different: {me.hw.model} license "
                       f"'{me.hw.failover_license}' does not allow Active/Active failover")
    return _banner(f"Other unit license is different: {mate.hw.model} license "
                   f"'{mate.hw.failover_license}' does not allow Active/Active failover")


def _major(version: str) -> str:
    return version.split("(")[0].split(".")[0]


def _aa_licensed(u: Unit) -> bool:
    model = u.hw.model.upper().replace(" ", "")
    if "5505" in model:
        return False
    return "active/active" in u.hw.failover_license.lower()


def _settle_preferred(ps: PairState, p: Unit, s: Unit) -> None:
    """After a simultaneous boot each group becomes active on its preferred unit."""
    for gid in ps.gids:
        grp = p.sys.failover.groups.get(gid)
        pref = grp.preference if grp else "primary"
        act, stb = (p, s) if pref == "primary" else (s, p)
        ps.set(act, gid, S.ACTIVE, Reason.NO_ACTIVE_UNIT)
        ps.set(stb, gid, S.STANDBY_READY, Reason.ACTIVE_MATE)


def _joined(ps: PairState, joiner: Unit, active: Unit) -> None:
    """A unit that booted while its mate was active takes standby for every group."""
    for gid in ps.gids:
        if ps.of(active).groups[gid].active:
            ps.set(joiner, gid, S.STANDBY_READY, Reason.ACTIVE_MATE)
        else:
            ps.set(joiner, gid, S.ACTIVE, Reason.NO_ACTIVE_UNIT)
    evaluate_preempt(ps)


# ------------------------------------------------------------------ losing the mate
def _mate_lost(ps: PairState, u: Unit, m: Unit) -> None:
    fo = ps.of(u)
    if _data_path_to(ps, u, m):
        # only the failover link is down: no failover is possible until it is restored
        if not fo.lan_failed:
            fo.lan_failed = True
            u.emit("LAN Failover interface is down")
        return
    fo.paired = False
    fo.mate_failed = True
    fo.mate_lost_at = ps.clock.now
    ps.cancel_preempt()
    for x in (fo, ps.of(m)):
        if x.syncing:       # a configuration sync between them cannot complete
            x.syncing = False
            REVISIONS.bump(x, "sync_gen")     # the sync under way stops (failover.sync.sync)
    for gid in ps.gids:
        if not fo.groups[gid].active:
            ps.set(u, gid, S.ACTIVE, Reason.HELLO_LOST)


def _data_path_to(ps: PairState, u: Unit, m: Unit) -> bool:
    """Does the mate still answer on a data interface (so it is alive)?"""
    if not ps.enabled(m):
        return False
    mine, theirs = ps.live_phys(u), ps.live_phys(m)
    return any(ps.link.carries(u.name, phys) and phys in theirs for phys in mine)
