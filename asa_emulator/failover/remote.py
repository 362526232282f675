"""`failover exec`: run a command on the active, standby or mate unit, with its own mode state.

Chapter 34, "Remote Command Execution" (and `show failover exec`):

* `failover exec {active | mate | standby} CMD` runs CMD on the named unit (`active` and
  `standby` may be the current unit itself) in the peer context of the current context; the
  output, errors included, is printed in the current terminal.
* Every terminal session keeps a separate command-mode state for each device, starting in global
  configuration mode.  It lives in `Session.exec_states` (one ModeState per device name) and
  follows the session's current context: after a `changeto`, it starts over in that context.
* The command runs through an ordinary Session of kind "exec" on the target unit, so it takes
  the one configuration path and is replicated by Table 34-1 from the unit where it really ran
  (`replication.after_command`).  A configuration command that ends up on the unit that is not the
  replication source changes that unit only, and prints the out-of-sync warning.
* Limitations: no `changeto`, no `debug`/`undebug`, no recursive `failover exec`; a command
  that asks a question needs `/noconfirm` (the guide spells it `/nonconfirm`); configuration
  commands need the current session to be in configuration mode; a failed unit refuses unless
  the failure is a service card failure; the failover link must carry the exchange, so a
  mismatched `failover key` (units not paired) makes it fail.

"active"/"standby" are per failover group: group 1 for the system execution space and the admin
context, the context's own group otherwise.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from ..device import messages
from ..device.targets import target_exists
from ..syntax import modes
from ..syntax.grammar import load
from ..syntax.parser import CommandError, parse_line
from .replication import config_warning, replicates, source_group
from .state import Reason

if TYPE_CHECKING:
    from ..device.commands import Command, SessionView
    from ..device.session import ModeState
    from ..device.unit import Unit
    from .state import PairState



@cache
def refusal(rule: str) -> str | None:
    """Why `failover exec` refuses `rule`, or None: the grammar declares the commands it
    refuses beside their rules (`//@ NAME: failover-exec=refused|recursive`)."""
    g = load()
    how = g.fact(rule, "failover-exec")
    if how is None:
        return None
    if how == "recursive":
        return messages.FAILOVER_EXEC_RECURSIVE
    first = next(r.expansion[0] for r in g.lalr.rules if r.name == rule)
    return messages.failover_exec_unsupported(g.keywords[first])


# ------------------------------------------------------------------ who is the target

def group_for(u: Unit, context: str | None) -> int:
    """The failover group that decides which unit is active for `context`."""
    return source_group(context, u.sys.admin_context, u.spaces.group_of(context))


def _active(ps: PairState, u: Unit, gid: int) -> bool:
    fo = ps.of(u)
    return u.up and fo.started and fo.groups[gid].active


def resolve(ps: PairState, u: Unit, target: str, context: str | None) -> tuple[Unit | None, str]:
    """The unit `target` names from u's point of view, and how `show failover exec` labels it
    ("Active" or "Standby").  The unit is None when no unit holds that role."""
    m = ps.mate(u)
    gid = group_for(u, context)
    if target == "mate":
        return m, "Active" if _active(ps, m, gid) else "Standby"
    mine = _active(ps, u, gid)
    if target == "active":
        if mine:
            return u, "Active"
        return (m if ps.of(u).paired and _active(ps, m, gid) else None), "Active"
    return (m if mine else u), "Standby"


def _link_up(ps: PairState, u: Unit, m: Unit) -> bool:
    """The failover link carries the exchange: the units are paired over it, it is not cut or
    failed, and both ends use the same `failover key` (else the peer cannot decrypt it)."""
    if not ps.linked(u) or not m.up:
        return False
    a, b = u.sys.failover.lan_if, m.sys.failover.lan_if
    if not a or not b:
        return False
    link = ps.link
    if link.peer(u.name, a[1]) != (m.name, b[1]) or not link.carries(u.name, a[1]):
        return False
    return (u.sys.failover.key or "") == (m.sys.failover.key or "")


# The failure reason a service card (SSM) failure records (`@fail UNIT service-card`).
SERVICE_CARD_FAILURE = Reason.SERVICE_CARD


def _service_card_failure(reason: str | None) -> bool:
    return reason == SERVICE_CARD_FAILURE


# ------------------------------------------------------------------ mode state

def default_state(session: SessionView) -> ModeState:
    """Where a new failover exec state starts: global configuration mode on every device,
    whatever the terminal's own mode ("By default, the failover exec command mode starts in
    global configuration mode for the specified device").  From privileged EXEC mode the
    configuration commands it sends still fail (the guide's limitation: checked in `run`)."""
    from ..device.session import ModeState
    ctx = session.context
    return ModeState("ctx_config" if ctx else "sys_config", ctx)


def exec_state(session: SessionView, unit: Unit) -> ModeState:
    """The session's failover exec mode state for `unit`, in the session's current context.
    It is created on first use and from then on kept apart from the terminal's own mode."""
    st = session.exec_states.get(unit.name)
    if st is None or st.context != session.context:
        st = session.exec_states[unit.name] = default_state(session)
    elif not target_exists(unit, st):
        # the sub-mode's object is gone (removed meanwhile): back to configuration mode
        st = session.exec_states[unit.name] = default_state(session)
    return st


def exec_remote(ps: PairState, cmd: Command, target: str, line: str) -> None:
    s, u = cmd.session, cmd.unit
    if s.kind == "exec":
        cmd.error(messages.FAILOVER_EXEC_RECURSIVE)
    if not (u.sys.failover.enabled and ps.of(u).started):
        cmd.error(messages.FAILOVER_EXEC_NOT_ENABLED)
    unit, label = resolve(ps, u, target, s.context)
    if unit is None:
        cmd.error(messages.failover_exec_no_unit(label))
    assert unit is not None
    if unit is not u and not _link_up(ps, u, unit):
        cmd.error(messages.FAILOVER_EXEC_NO_MATE)
    g = ps.of(unit).groups[group_for(unit, s.context)]
    if g.state == "Failed" and not _service_card_failure(g.failure):
        cmd.error(messages.failover_exec_failed_unit(label))
    if s.context is not None and s.context not in unit.ctx:
        cmd.error(messages.FAILOVER_EXEC_NO_CONTEXT)
    rest_col = cmd.col_of("REST")
    out, state = run(ps, s, unit, exec_state(s, unit), line, s.prompt_len + rest_col)
    if state is None:
        s.exec_states.pop(unit.name, None)
    else:
        s.exec_states[unit.name] = state
    cmd.print(*out)


def run(ps: PairState, local: SessionView, unit: Unit, state: ModeState, line: str,
        prompt_len: int) -> tuple[list[str], ModeState | None]:
    """Run one line on `unit` in `state` for the local session; return its output and the new
    mode state (None: the remote session ended, the next one starts afresh)."""
    from ..device.session import ModeState, Session
    es = Session(unit, "exec")
    es.state = state
    es.pager = 0
    es.prompt_len = prompt_len
    try:
        parsed = parse_line(state.mode, line)
    except CommandError as exc:
        return es.error_lines(exc, line), state
    rule = parsed.rule
    refused = refusal(rule)
    if refused is not None:
        return [refused], state
    if rule in modes.config_rules() and local.mode not in modes.CONFIG_MODES:
        return [messages.FAILOVER_EXEC_NOT_CONFIG], state
    if rule == "enable" and state.mode.endswith("_user"):
        # the user's own privilege level applies on the peer: no second password
        if local.level >= 15:
            return [], ModeState(modes.exec_mode(state.mode), state.context)
    is_config = rule in modes.config_rules()
    before = _snapshot(unit, state.context) if is_config else None
    out = es.run_parsed(parsed, line)
    if es.question is not None:       # it asked for input: nothing was done
        es.question = None
        return [messages.FAILOVER_EXEC_CONFIRM], state
    ran = es.current
    if ran is not None and not ran.failed and is_config and before != _snapshot(unit, state.context):
        # a change Table 34-1 would replicate, made on the unit that does not replicate it
        if replicates(ran.rule, ran.values("FILE")):
            out = out + config_warning(ps, unit, ran.pre_state.context)
    if es.is_closed:
        return out, None
    return out, es.state


def _snapshot(unit: Unit, context: str | None) -> tuple[list[str], list[str]]:
    """The configuration a command in `context` can change: the system's and the context's."""
    ctx = unit.spaces.config_body(context) if context is not None and context in unit.ctx else []
    return unit.spaces.config_body(None), ctx


# ------------------------------------------------------------------ show failover exec

def show_exec(ps: PairState, cmd: Command) -> list[str]:
    s, u = cmd.session, cmd.unit
    target = next(w for w in reversed(cmd.words) if w in ("active", "mate", "standby"))
    unit, label = resolve(ps, u, target, s.context)
    if unit is None:
        unit = ps.mate(u)
    mode = exec_state(s, unit).mode
    return [messages.failover_exec_mode(label, modes.exec_name(mode)), ""]
