"""Table 34-1 as data: which commands replicate to the peer unit, and from where.

This is the only place that decides replication.  A command is named by its grammar rule;
some rules replicate only in one form (`copy running-config startup-config`, `write memory`).
"""

from __future__ import annotations

from ..syntax.modes import config_rules

# Configuration commands that do NOT replicate (Table 34-1, right column).
NOT_REPLICATED_CONFIG = frozenset({"mode", "no_mode", "firewall", "fo_lan_unit"})

# EXEC commands that DO replicate (Table 34-1, left column), with the form that replicates.
REPLICATED_EXEC = {
    "copy": lambda words: _copy_is_run_start(words),
    "write": lambda words: "memory" in words,
    "delete": lambda words: True,
    "mkdir": lambda words: True,
    "rename": lambda words: True,
    "rmdir": lambda words: True,
}


def _copy_is_run_start(words: list[str]) -> bool:
    files = [w.lower() for w in words[1:] if not w.startswith("/")]
    return len(files) == 2 and "running-config".startswith(files[0][:3]) and \
        files[0].startswith("run") and files[1].startswith("start")


def replicates(rule: str, sub: str | None, words: list[str]) -> bool:
    """Does this command replicate?  `sub` is the failover sub-command alias (fo_lan_unit…),
    `words` the typed words."""
    if rule in config_rules():
        return rule not in NOT_REPLICATED_CONFIG and (sub is None or sub not in NOT_REPLICATED_CONFIG)
    check = REPLICATED_EXEC.get(rule)
    return bool(check and check(words))


def source_group(context: str | None, admin_context: str | None, ctx_group: int) -> int:
    """The failover group whose active unit a command must be entered on to replicate:
    group 1 for the system execution space and the admin context, else the context's group."""
    if context is None or context == admin_context:
        return 1
    return ctx_group
