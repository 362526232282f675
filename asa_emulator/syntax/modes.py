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
    "ctx_netobj": "(config-network-object)#", "ctx_netgrp": "(config-network-object-group)#",
}

# Single context mode: one space (no context in the prompt) whose modes merge the system's and
# a context's; every multiple-mode name a handler enters maps to its single-mode twin.
SINGLE = {
    "sys_user": "one_user", "sys_exec": "one_exec", "sys_config": "one_config", "sys_if": "one_if",
    "ctx_user": "one_user", "ctx_exec": "one_exec", "ctx_config": "one_config", "ctx_if": "one_if",
    "ctx_router": "one_router", "ctx_cmap": "one_cmap", "ctx_pmap": "one_pmap",
    "ctx_pmap_c": "one_pmap_c", "ctx_pmap_p": "one_pmap_p",
    "ctx_netobj": "one_netobj", "ctx_netgrp": "one_netgrp",
}
_TWIN = {one: ctx for ctx, one in SINGLE.items() if not ctx.startswith("sys_")}
SUFFIX.update({one: SUFFIX[ctx] for one, ctx in _TWIN.items()})


def for_single(mode: str) -> str:
    """The single-mode mode a multiple-mode one stands for (itself when it has none)."""
    return SINGLE.get(mode, mode)

PARENT = {
    "sys_if": "sys_config", "sys_ctx": "sys_config", "sys_fover_group": "sys_config",
    "sys_config": "sys_exec", "sys_exec": "sys_user",
    "ctx_if": "ctx_config", "ctx_config": "ctx_exec", "ctx_exec": "ctx_user",
    "ctx_router": "ctx_config",
    "sys_class": "sys_config", "ctx_cmap": "ctx_config", "ctx_pmap": "ctx_config",
    "ctx_pmap_c": "ctx_pmap", "ctx_pmap_p": "ctx_pmap",
    "ctx_netobj": "ctx_config", "ctx_netgrp": "ctx_config",
    "one_netobj": "one_config", "one_netgrp": "one_config",
    "one_if": "one_config", "one_router": "one_config", "one_cmap": "one_config",
    "one_pmap": "one_config", "one_pmap_c": "one_pmap", "one_pmap_p": "one_pmap",
    "one_config": "one_exec", "one_exec": "one_user",
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
    # unverified: the names `show failover exec` gives the object sub-modes
    "ctx_netobj": "network object sub-command", "ctx_netgrp": "network object-group sub-command",
}
EXEC_MODE_NAMES.update({one: EXEC_MODE_NAMES[ctx] for one, ctx in _TWIN.items()})

_OWN = {
    "sys_if": "_sys_if_cmd", "sys_ctx": "_sys_ctx_cmd", "sys_fover_group": "_fover_group_cmd",
    "ctx_if": "_ctx_if_cmd", "sys_config": "_sys_config_cmd", "ctx_config": "_ctx_config_cmd",
    "ctx_router": "_ctx_router_cmd",
    "sys_class": "_sys_class_cmd", "ctx_cmap": "_ctx_cmap_cmd", "ctx_pmap": "_ctx_pmap_cmd",
    "ctx_pmap_c": "_ctx_pmap_c_cmd", "ctx_pmap_p": "_ctx_pmap_p_cmd",
    "one_if": "_one_if_cmd", "one_config": "_one_config_cmd", "one_router": "_ctx_router_cmd",
    "one_cmap": "_ctx_cmap_cmd", "one_pmap": "_ctx_pmap_cmd", "one_pmap_c": "_ctx_pmap_c_cmd",
    "one_pmap_p": "_ctx_pmap_p_cmd",
    "ctx_netobj": "_ctx_netobj_cmd", "ctx_netgrp": "_ctx_netgrp_cmd",
    "one_netobj": "_ctx_netobj_cmd", "one_netgrp": "_ctx_netgrp_cmd",
}

CONFIG_MODES = frozenset(m for m in SUFFIX if not m.endswith(("_user", "_exec")))
TOP_MODES = frozenset(("sys_config", "ctx_config", "one_config", "sys_exec", "ctx_exec", "one_exec"))


def in_context(mode: str) -> bool:
    return mode.startswith("ctx_")


def exec_mode(mode: str) -> str:
    return mode[:4] + "exec"


def config_mode(mode: str) -> str:
    return mode[:4] + "config"


def user_mode(mode: str) -> str:
    return mode[:4] + "user"


@cache
def _expansions() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for rule in load().lalr.rules:
        if rule.expansion:
            found.setdefault(rule.origin, set()).add(rule.expansion[0])
    return {k: frozenset(v) for k, v in found.items()}


@cache
def _names() -> dict[str, frozenset[str]]:
    """rule -> the names its trees get: the rule's own, and the aliases of its variants
    (`failover_cmd` -> failover_cmd, fo_lan_unit, fo_key, ...)."""
    found: dict[str, set[str]] = {}
    for rule in load().lalr.rules:
        found.setdefault(rule.origin, set()).add(rule.name)
    return {k: frozenset(v) for k, v in found.items()}


@cache
def own_rules(mode: str) -> frozenset[str]:
    """The command rules (and their variants' aliases) that belong to `mode` itself (not
    inherited from its parents)."""
    group = _OWN.get(mode)
    if group is None:
        return frozenset()
    exp = _expansions()
    names = _names()
    out: set[str] = set()
    todo = [group]
    while todo:
        name = todo.pop()
        for sym in exp.get(name, ()):
            if sym.startswith("_") and sym in exp:
                todo.append(sym)
            else:
                out |= names.get(sym, {sym})
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
    "ctx_netobj": "network object", "ctx_netgrp": "network object-group",
}
SUBMODE_NAMES.update({one: SUBMODE_NAMES[ctx] for one, ctx in _TWIN.items() if ctx in SUBMODE_NAMES})


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
