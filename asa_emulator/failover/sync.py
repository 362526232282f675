"""Configuration synchronization and `write standby`.

Chapter 34, "Configuration Synchronization" ("Running Configuration Replication": the active
unit sends its whole running configuration to a unit that joins, with the console banners
"Beginning configuration replication" / "End Configuration Replication"), and `write standby`
(a full sync on demand, from the unit where the space's group is active).  The joining unit's
groups pass through Cold Standby and Sync Config meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..bulk import no_gc_pauses
from ..config.model import ContextConfig, CtxInterface
from ..device import messages
from ..kept import REVISIONS
from .replication import may_replicate_from
from .state import GroupState, PairState, Reason

if TYPE_CHECKING:
    from ..device.commands import Command
    from ..device.unit import Unit

# How long a sync takes on the virtual clock: a base, and a little more per line sent.
SYNC_BASE_MS = 2000
SYNC_PER_LINE_MS = 0.5


def sync(ps: PairState, src: Unit, dst: Unit, then: Callable[[], None] | None = None,
         context: str | None = None, full: bool = True) -> None:
    """Send the running configuration from src to dst, with the console banners; run `then`
    once dst has it."""
    fo_dst, fo_src = ps.of(dst), ps.of(src)
    fo_dst.syncing = True
    gen = REVISIONS.bump(fo_dst, "sync_gen")
    src.emit(messages.REPLICATION_BEGIN)
    src.log(*messages.replication_syslog(709003, ps.role(src)))
    dst.emit(messages.REPLICATION_FROM_MATE_BEGIN)
    dst.log(*messages.replication_syslog(709005, ps.role(dst)))
    for gid in ps.gids:
        if fo_dst.groups[gid].state.negotiating:
            for st in (GroupState.COLD_STANDBY, GroupState.SYNC_CONFIG):
                fo_dst.set_state(gid, st, Reason.ACTIVE_MATE, ps.clock.now, chain=False)
    dst.spaces.fit_kept() if len(dst.ctx) >= len(src.ctx) else src.spaces.fit_kept()     # the larger's working set
    # rendered once: the copy at the end sends these lines unless src's configuration changed
    bodies = src.kept.get(src, "sync_lines", src.spaces.config_gen, lambda: _rendered(src))
    n_lines = sum(len(b) for b in bodies.values())
    duration = SYNC_BASE_MS + int(n_lines * SYNC_PER_LINE_MS)

    def finish() -> None:
        if fo_dst.sync_gen != gen:
            return          # called off: the units lost each other meanwhile
        # a unit that went down, rebooted or stopped failover meanwhile ends this sync
        if not (src.up and dst.up and fo_src.started and fo_dst.started
                and ps.of(src) is fo_src and ps.of(dst) is fo_dst):
            fo_dst.syncing = False
            return
        if not ps.lan_carries(src, dst):
            # the failover link is cut: the transfer waits for it to come back
            ps.after(src.sys.failover.unit_poll_ms, finish)
            return
        lines = src.kept.get(src, "sync_lines", src.spaces.config_gen, lambda: _rendered(src))
        copy_config(src, dst, context, full, lines)
        # each line sent is a data message on the failover link (`show failover statistics`)
        sent = sum(len(b) for space, b in lines.items() if context is None or space == context)
        fo_src.data_tx += sent
        fo_dst.data_rx += sent
        src.kept.drop(src, "sync_lines")    # a large lab's lines: not kept past the copy
        fo_dst.syncing = False
        src.emit(messages.REPLICATION_END)
        src.log(*messages.replication_syslog(709004, ps.role(src)))
        dst.emit(messages.REPLICATION_FROM_MATE_END)
        dst.log(*messages.replication_syslog(709006, ps.role(dst)))
        fo_src.heard_at = fo_dst.heard_at = ps.clock.now
        if then is not None:
            then()
    ps.after(duration, finish)


def _rendered(src: Unit) -> dict[str | None, list[str]]:
    """src's running configuration, as the mate receives it: each space's lines (the system's
    with its secrets)."""
    bodies: dict[str | None, list[str]] = {None: src.spaces.config_body(None, secrets=True)}
    bodies.update((c, src.spaces.config_body(c)) for c in src.ctx)
    return bodies


def copy_config(src: Unit, dst: Unit, context: str | None, full: bool,
                bodies: dict[str | None, list[str]] | None = None) -> None:
    """Make dst's running configuration src's (system and every context, or one context).
    The unit's own `failover lan unit` stays: it is never replicated.  `bodies`: src's
    spaces already rendered (system with secrets), src unchanged since."""
    with no_gc_pauses():
        _copy_config(src, dst, context, full, bodies or {})


def _copy_config(src: Unit, dst: Unit, context: str | None, full: bool,
                 bodies: dict[str | None, list[str]]) -> None:
    if full:
        keep_role = dst.sys.failover.lan_unit
        dst.spaces.reset_config(factory=False)
        body = bodies.get(None)
        dst.batch(None, "replica").run_rendered(body if body is not None else src.spaces.config_body(None, secrets=True))
        dst.sys.failover.lan_unit = keep_role
        names = list(src.ctx)
    else:
        names = [context] if context else []
    for name in names:
        if name is None or name not in dst.sys.contexts:
            continue
        # the context starts afresh with its allocated interfaces (what ConfigSpaces.allocate gives
        # each, in allocation order): a config-url loaded by the system's lines is replaced
        fresh = ContextConfig(name)
        for a in dst.sys.contexts[name].allocations:
            key = a.ctx_name
            if key not in fresh.interfaces:
                fresh.interfaces[key] = CtxInterface(
                    key, management_port=a.phys.startswith("Management"))
        dst.ctx[name] = fresh
        dst.spaces.config_touched()
        body = bodies.get(name)
        dst.batch(name, "replica").run_rendered(body if body is not None else src.spaces.config_body(name))


def write_standby(ps: PairState, cmd: Command) -> None:
    """`write standby`: the whole configuration (system space) or the context's, to the mate."""
    u = cmd.unit
    ctx = cmd.session.context
    if not ps.linked(u):
        cmd.error(messages.WRITE_STANDBY_NO_MATE)
    if not may_replicate_from(ps, u, ctx):
        if not ps.active_active:
            # Active/Standby has no groups: the whole unit is active or standby
            cmd.error(messages.WRITE_STANDBY_NOT_ACTIVE)
        which = "failover group 1" if ctx is None else f"context {ctx}"
        cmd.error(messages.write_standby_wrong_unit(which))
    cmd.print(messages.BUILDING_CONFIGURATION)
    m = ps.mate(u)
    if ctx is None:
        # "If there are security contexts in the active state on the peer unit, the write
        # standby command causes active connections through those contexts to be terminated"
        sync(ps, u, m, full=True, then=lambda: ps.config_replaced(m, _active_contexts(ps, m)))
    else:
        sync(ps, u, m, context=ctx, full=False)
    cmd.print(messages.OK)


def _active_contexts(ps: PairState, u: Unit) -> list[str]:
    """The contexts whose failover group is active on u."""
    fo = ps.of(u)
    return [c for c in u.sys.contexts if fo.groups[u.spaces.group_of(c)].active]
