"""Command modes: their prompts, their parents and which commands belong to each.

The grammar's start symbols are the modes.  Which rules a sub-mode owns is read from the
grammar (`_sys_if_cmd` and friends), so a command of the parent mode typed in a sub-mode
runs there and drops the session back to the parent, as on an ASA.
"""

from __future__ import annotations

from functools import cache

from .grammar import load

SUFFIX = {
    "sys_user": ">", "sys_exec": "#", "sys_config": "(config)#", "sys_if": "(config-if)#",
    "sys_ctx": "(config-ctx)#", "sys_fover_group": "(config-fover-group)#",
    "ctx_user": ">", "ctx_exec": "#", "ctx_config": "(config)#", "ctx_if": "(config-if)#",
    "ctx_router": "(config-router)#",
    "sys_class": "(config-class)#", "ctx_cmap": "(config-cmap)#", "ctx_pmap": "(config-pmap)#",
    "ctx_pmap_c": "(config-pmap-c)#", "ctx_pmap_p": "(config-pmap-p)#",
}

PARENT = {
    "sys_if": "sys_config", "sys_ctx": "sys_config", "sys_fover_group": "sys_config",
    "sys_config": "sys_exec", "sys_exec": "sys_user",
    "ctx_if": "ctx_config", "ctx_config": "ctx_exec", "ctx_exec": "ctx_user",
    "ctx_router": "ctx_config",
    "sys_class": "sys_config", "ctx_cmap": "ctx_config", "ctx_pmap": "ctx_config",
    "ctx_pmap_c": "ctx_pmap", "ctx_pmap_p": "ctx_pmap",
}

# `show failover exec` names for each mode, as the ASA prints them
EXEC_MODE_NAMES = {
    "sys_exec": "privileged", "ctx_exec": "privileged",
    "sys_config": "config", "ctx_config": "config",
    "sys_if": "interface sub-command", "ctx_if": "interface sub-command",
    "sys_ctx": "context sub-command", "sys_fover_group": "failover group sub-command",
    "sys_user": "user", "ctx_user": "user",
    "ctx_router": "router sub-command",
    "sys_class": "class sub-command", "ctx_cmap": "class-map sub-command",
    "ctx_pmap": "policy-map sub-command", "ctx_pmap_c": "policy-map class sub-command",
    "ctx_pmap_p": "policy-map parameters sub-command",
}

_OWN = {
    "sys_if": "_sys_if_cmd", "sys_ctx": "_sys_ctx_cmd", "sys_fover_group": "_fover_group_cmd",
    "ctx_if": "_ctx_if_cmd", "sys_config": "_sys_config_cmd", "ctx_config": "_ctx_config_cmd",
    "ctx_router": "_ctx_router_cmd",
    "sys_class": "_sys_class_cmd", "ctx_cmap": "_ctx_cmap_cmd", "ctx_pmap": "_ctx_pmap_cmd",
    "ctx_pmap_c": "_ctx_pmap_c_cmd", "ctx_pmap_p": "_ctx_pmap_p_cmd",
}

CONFIG_MODES = frozenset(m for m in SUFFIX if m not in ("sys_user", "sys_exec", "ctx_user", "ctx_exec"))


def in_context(mode: str) -> bool:
    return mode.startswith("ctx_")


def exec_mode(mode: str) -> str:
    return "ctx_exec" if in_context(mode) else "sys_exec"


def config_mode(mode: str) -> str:
    return "ctx_config" if in_context(mode) else "sys_config"


@cache
def _expansions() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for rule in load().lark.rules:
        if rule.expansion:
            found.setdefault(rule.origin.name, set()).add(rule.expansion[0].name)
    return {k: frozenset(v) for k, v in found.items()}


@cache
def own_rules(mode: str) -> frozenset[str]:
    """The command rules that belong to `mode` itself (not inherited from its parents)."""
    group = _OWN.get(mode)
    if group is None:
        return frozenset()
    exp = _expansions()
    out: set[str] = set()
    todo = [group]
    while todo:
        name = todo.pop()
        for sym in exp.get(name, ()):
            if sym.startswith("_") and sym in exp:
                todo.append(sym)
            else:
                out.add(sym)
    return frozenset(out)


@cache
def config_rules() -> frozenset[str]:
    """Every configuration command rule (what Table 34-1 calls configuration commands)."""
    out: set[str] = set()
    for m in _OWN:
        out |= own_rules(m)
    return frozenset(out - {"end"})


# What `exit` and `help` say in each sub-mode's `?` list
SUBMODE_NAMES = {
    "sys_if": "interface", "ctx_if": "interface", "sys_ctx": "context",
    "sys_fover_group": "failover group", "ctx_router": "router",
    "sys_class": "class", "ctx_cmap": "class-map", "ctx_pmap": "policy-map",
    "ctx_pmap_c": "policy-map class", "ctx_pmap_p": "parameters",
}


@cache
def own_first_words(mode: str) -> frozenset[str]:
    """The words a sub-mode's own commands start with: what `?` lists at the start of a line
    there (an ASA does not list the global commands it would also accept)."""
    g = load()
    exp = _expansions()
    out: set[str] = {"exit", "help", "no"}
    todo, seen = list(own_rules(mode)), set()
    while todo:
        rule = todo.pop()
        if rule in seen:
            continue
        seen.add(rule)
        for sym in exp.get(rule, ()):
            if sym in g.keywords:
                out.add(g.keywords[sym])
            elif sym in exp:
                todo.append(sym)
    return frozenset(out)
