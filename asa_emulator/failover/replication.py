"""Command replication: Table 34-1 as data, and the after-command hook that applies it.

Chapter 34, "Command Replication" (Table 34-1, commands replicated to the standby unit and
those that are not) and its warning for commands entered on the unit where the group is not
active.  This is the only place that decides replication.  A command is named by its grammar
rule (or alias); what Table 34-1 says of it is declared beside the rule in grammar/*.lark
(`//@ NAME: replication=...`): a configuration command replicates unless it says `none`, an
EXEC command only if it says `always` (`write memory`, `mkdir`, ...) or names the files of
the form that does (`copy running-config startup-config`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..device import messages
from ..device.filenames import canonical_file
from ..device.session import ModeState
from ..syntax.grammar import load as load_grammar
from ..syntax.modes import config_rules

if TYPE_CHECKING:
    from ..device.commands import Command, SessionView
    from ..device.unit import Unit
    from .state import PairState

OUT_OF_SYNC = list(messages.STANDBY_CONFIG_WARNING)


def replication(rule: str) -> str | None:
    """The rule's `//@ NAME: replication=...` fact (Table 34-1, declared beside the rule in
    grammar/*.lark), or None: a configuration command replicates, an EXEC command does not."""
    return load_grammar().fact(rule, "replication")


def replicates(rule: str, files: list[str]) -> bool:
    """Does this command replicate?  `files`: its file arguments as typed."""
    how = replication(rule)
    if rule in config_rules():
        return how != "none"
    if how is None or how == "none":
        return False
    kind, _, arg = how.partition(":")
    if kind == "files":
        return [canonical_file(f) for f in files] == arg.split(",")
    return kind == "always"


def _replicates(cmd: Command) -> bool:
    """`replicates` for a command that ran; the file arguments are read only for the EXEC
    commands whose form depends on them."""
    rule = cmd.rule
    how = replication(rule)
    if how is None or ":" not in how:
        # the rule alone decides: worked out once per rule (bounded by the grammar)
        found = _BY_RULE.get(rule)
        if found is None:
            found = _BY_RULE[rule] = replicates(rule, [])
        return found
    return replicates(rule, cmd.values("FILE"))


_BY_RULE: dict[str, bool] = {}


def source_group(context: str | None, admin_context: str | None, ctx_group: int) -> int:
    """The failover group whose active unit a command must be entered on to replicate:
    group 1 for the system execution space and the admin context, else the context's group."""
    if context is None or context == admin_context:
        return 1
    return ctx_group


def may_replicate_from(ps: PairState, u: Unit, context: str | None) -> bool:
    """u is where commands for `context` replicate from: its source group is active here."""
    gid = source_group(context, u.sys.admin_context, u.spaces.group_of(context))
    return ps.of(u).groups[gid].active


def config_warning(ps: PairState, u: Unit, context: str | None) -> list[str]:
    """The warning a configuration change on the wrong unit of a linked pair prints."""
    if ps.linked(u) and not may_replicate_from(ps, u, context):
        return OUT_OF_SYNC
    return []


def after_command(ps: PairState, u: Unit, session: SessionView, cmd: Command) -> None:
    """An accepted command: replicate it to the mate if Table 34-1 says so and u is the
    source of its space."""
    if session.batch:
        return
    rule_alone = _BY_RULE.get(cmd.rule)      # most commands: decided by their rule, no call
    if not (rule_alone if rule_alone is not None else _replicates(cmd)) or not ps.linked(u):
        return
    if not may_replicate_from(ps, u, cmd.pre_state.context):
        return
    replicate(ps.mate(u), cmd.pre_state, cmd.line, session.cwd)
    ps.of(u).stats_sys_cmd += 1
    ps.of(ps.mate(u)).data_rx += 1


def replicate(m: Unit, state: ModeState, line: str, cwd: str = "") -> list[str]:
    """Run one line on the mate in the mode it was entered in (user EXEC as privileged), its
    relative file names in the typing session's current directory `cwd`."""
    if state.context is not None and state.context not in m.ctx:
        return []
    s = m.replica_session()
    if state.mode.endswith("_user"):
        s.state = ModeState(state.mode.replace("_user", "_exec"), state.context, None)
    else:
        s.state = ModeState(state.mode, state.context, state.target)
    s.running, s.cwd = True, cwd
    try:
        return s.execute(line)
    finally:
        s.running, s.cwd = False, ""
