"""Table 34-1 as data: which commands replicate to the peer unit, and from where.

This is the only place that decides replication.  A command is named by its grammar rule;
some rules replicate only in one form (`copy running-config startup-config`, `write memory`).
"""

from __future__ import annotations

from collections.abc import Callable

from ..device.handlers.files import canonical_file
from ..syntax.modes import config_rules

# Configuration commands that do NOT replicate (Table 34-1, right column).
NOT_REPLICATED_CONFIG = frozenset({"mode", "no_mode", "firewall", "fo_lan_unit"})

# EXEC commands that DO replicate (Table 34-1, left column), with the form that replicates:
# a predicate over the command's canonical keywords and its file arguments.
Form = Callable[[list[str], list[str]], bool]
REPLICATED_EXEC: dict[str, Form] = {
    "copy": lambda keywords, files: [canonical_file(f) for f in files] == [
        "running-config", "startup-config"],
    "write": lambda keywords, files: "memory" in keywords,
    "delete": lambda keywords, files: True,
    "mkdir": lambda keywords, files: True,
    "rename": lambda keywords, files: True,
    "rmdir": lambda keywords, files: True,
}


def replicates(rule: str, sub: str | None, keywords: list[str], files: list[str]) -> bool:
    """Does this command replicate?  `sub` is the failover sub-command alias (fo_lan_unit…),
    `keywords` the command's keywords spelled out (`write mem` -> write, memory), `files`
    its file arguments as typed."""
    if rule in config_rules():
        return rule not in NOT_REPLICATED_CONFIG and (sub is None or sub not in NOT_REPLICATED_CONFIG)
    form = REPLICATED_EXEC.get(rule)
    return bool(form and form(keywords, files))


def source_group(context: str | None, admin_context: str | None, ctx_group: int) -> int:
    """The failover group whose active unit a command must be entered on to replicate:
    group 1 for the system execution space and the admin context, else the context's group."""
    if context is None or context == admin_context:
        return 1
    return ctx_group
