"""Command modes: their prompts, their parents and which commands belong to each.

The grammar's start symbols are the modes, and what the shell knows of each is declared beside
it in grammar/modes.lark (`//@ MODE: prompt=... parent=... owns=... single=... submode=...
exec-name=...`, read into the tables by `make tables`); this module reads those facts.  Which
rules a sub-mode owns is read from the grammar (`owns=_sys_if_cmd` and its expansions), so a
command of the parent mode typed in a sub-mode runs there and drops the session back to the
parent, as on an ASA.
"""

from __future__ import annotations

from functools import cache

from .grammar import MODES, load


def _fact(mode: str, fact: str) -> str | None:
    return load().facts.get(mode, {}).get(fact)


@cache
def suffix(mode: str) -> str:
    """What the prompt of `mode` ends with: `>`, `#`, `(config-if)#` (`prompt=`)."""
    return load().facts[mode]["prompt"]


@cache
def parent(mode: str) -> str | None:
    """The mode `exit` returns to (`parent=`), None at the user prompt."""
    return _fact(mode, "parent")


@cache
def for_single(mode: str) -> str:
    """The single-mode mode a multiple-mode one stands for (itself when it has none):
    single context mode is one space whose modes merge the system's and a context's, and every
    multiple-mode name a handler enters maps to its single-mode twin (`single=`)."""
    return _fact(mode, "single") or mode


@cache
def submode_name(mode: str) -> str | None:
    """What `exit` and `help` say in a sub-mode's `?` list (`submode=`), None elsewhere."""
    return _fact(mode, "submode")


def exec_name(mode: str) -> str:
    """The name `show failover exec` gives the mode, as the ASA prints it (`exec-name=`)."""
    return _fact(mode, "exec-name") or "config"


CONFIG_MODES = frozenset(m for m in MODES if not m.endswith(("_user", "_exec")))
# the modes a session is in between commands (not a sub-mode): a command runs where it is typed
TOP_MODES = frozenset(m for m in MODES if m.endswith(("_config", "_exec")))


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
    group = _fact(mode, "owns")
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
    for m in MODES:
        out |= own_rules(m)
    return frozenset(out - {"end"})


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
