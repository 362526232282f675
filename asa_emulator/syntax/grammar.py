"""The grammar's LALR tables, loaded from the shipped syntax/asa_tables.json.

grammar/*.lark (one file per feature) is the single syntax source; `python -m
asa_emulator.syntax.build_tables` composes it into syntax/asa.lark and compiles that into
asa_tables.json (both committed, shipped in the wheel).  Start-up reads that file
as plain JSON and builds the runtime parser (lalr.py, not Lark: Lark is never imported) from
it: no grammar compilation, no pickle and no file in the shared temp directory (Lark's own cache is a pickle at a predictable temp path,
which another local user could plant).  Everything the shell knows about syntax comes from here.
"""

from __future__ import annotations

import json
import re
import shlex
import sys
import zlib
from functools import cache
from pathlib import Path
from typing import Any

from ..records import dataclass
from .lalr import Rule, Tables

# the grammar composed from grammar/*.lark by `make tables`: generated into the package so that
# a built wheel (which cannot hold files outside the package) carries it.
GRAMMAR_PATH = Path(__file__).with_name("asa.lark")
TABLES_PATH = Path(__file__).with_name("asa_tables.json")

MODES = (
    "sys_user", "sys_exec", "sys_config", "sys_if", "sys_ctx", "sys_fover_group", "sys_class",
    "ctx_user", "ctx_exec", "ctx_config", "ctx_if", "ctx_router",
    "ctx_cmap", "ctx_pmap", "ctx_pmap_c", "ctx_pmap_p", "ctx_netobj", "ctx_netgrp",
    "one_user", "one_exec", "one_config", "one_if", "one_router",
    "one_cmap", "one_pmap", "one_pmap_c", "one_pmap_p", "one_netobj", "one_netgrp",
)

_RANGE = re.compile(r"^N_(\d+)_(\d+)$")


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    # compiled when first needed: a lab's first command meets a few of the grammar's patterns
    return re.compile(pattern)


@dataclass(frozen=True)
class ArgTerminal:
    name: str
    pattern: str                      # a regular expression the whole word must match
    priority: int
    low: int | None = None
    high: int | None = None

    def matches(self, word: str) -> bool:
        if not _regex(self.pattern).fullmatch(word):
            return False
        if self.low is not None and self.high is not None:
            return self.low <= int(word) <= self.high
        return True


@dataclass(frozen=True)
class Grammar:
    lalr: Tables                      # the parse tables, and interactive parsers over them
    keywords: dict[str, str]          # terminal name -> keyword text (lower case)
    args: dict[str, ArgTerminal]      # terminal name -> argument terminal
    help: dict[str, str]              # "word" or "prev/word" -> help text
    arg_labels: dict[str, str]        # terminal name -> label shown by `?`
    facts: dict[str, dict[str, str]]  # rule, alias or mode -> its `//@` facts (fact -> value)
    read_only: frozenset[str]         # the commands that never change a configuration

    def fact(self, name: str, fact: str) -> str | None:
        """A `//@` fact of a rule, alias or mode ("" for a plain flag), or None."""
        return self.facts.get(name, {}).get(fact)


def grammar_digest(data: bytes) -> str:
    """The grammar source's fingerprint, recorded in the tables: CRC-32, enough to notice an
    edit not followed by `make tables` (hashlib would load OpenSSL at every start)."""
    return f"{zlib.crc32(data):08x}"


def parse_help(text: str) -> tuple[dict[str, str], dict[str, str]]:
    """The `//: word text` and `//: TERM <label> text` comments of the grammar."""
    helps: dict[str, str] = {}
    labels: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("//: "):
            continue
        body = line[4:]
        key, _, rest = body.partition(" ")
        rest = rest.strip()
        if rest.startswith("<") and key.split("/")[-1].isupper():
            label, _, desc = rest.partition("> ")
            labels.setdefault(key.split("/")[-1], label + ">")
            helps[key] = desc.strip()
        else:
            helps[key] = rest
    return helps, labels


# `//@ NAME: fact fact=value ...`: what the shell must know about a command beyond its syntax,
# declared beside its rule (FACTS says which facts there are and what they mean)
FACTS = {
    "read-only": "the command never changes a configuration (a rule named show_... is read-only)",
    "replication": "Table 34-1: none (a configuration command that does not replicate), always"
                   " (an EXEC command that does) or files:A,B (an EXEC command, when its file"
                   " arguments are A and B)",
    "target": "a sub-mode (a start symbol): the kind of object it was entered for",
    "choices": "an argument terminal: the provider (device/choices.py) of the words `?` lists",
    "failover-exec": "refused (`failover exec` refuses the command) or recursive (it is"
                     " `failover exec` itself)",
    # a mode's (a start symbol's) declaration: asa_emulator/syntax/modes.py reads them
    "prompt": "a mode: what its prompt ends with (`>`, `#`, `(config-if)#`)",
    "parent": "a mode: the mode `exit` returns to",
    "owns": "a mode: the group rule of its own commands (a parent's command typed in a"
            " sub-mode runs in the parent and leaves the sub-mode)",
    "single": "a mode of multiple context mode: its twin in single context mode",
    "submode": "a sub-mode: its name in the `exit` and `help` lines of its `?` list",
    "exec-name": "a mode: its name in `show failover exec`",
}
# the facts whose value names a mode, and the one that names a rule
MODE_VALUED = ("parent", "single")
RULE_VALUED = ("owns",)


def parse_facts(text: str) -> dict[str, dict[str, str]]:
    """The `//@ NAME: fact fact=value` comments of the grammar (a value with a space is
    quoted: `submode="failover group"`)."""
    facts: dict[str, dict[str, str]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.startswith("//@ "):
            continue
        name, colon, rest = line[4:].partition(":")
        try:
            items = shlex.split(rest)
        except ValueError as exc:
            raise ValueError(f"line {number}: {exc}: {line}") from None
        if not colon or not name.strip() or not items:
            raise ValueError(f"line {number}: `//@ NAME: fact ...` expected: {line}")
        mine = facts.setdefault(name.strip(), {})
        for item in items:
            fact, _, value = item.partition("=")
            if fact not in FACTS:
                raise ValueError(f"line {number}: unknown fact {fact!r} (known: {', '.join(FACTS)})")
            mine[fact] = value
    return facts


def _rules(data: list[list[Any]]) -> list[Rule]:
    return [Rule(origin, expansion, name, bool(expand1), include)
            for origin, expansion, name, expand1, include in data]


def from_tables(data: dict[str, Any]) -> Grammar:
    """The grammar from the data build_tables.tables() produced."""
    rules = _rules(data["rules"])
    keywords: dict[str, str] = {}
    args: dict[str, ArgTerminal] = {}
    for name, kind, value, _flags, priority in data["terminals"]:
        if kind == "str":
            keywords[name] = value.lower()
        else:
            m = _RANGE.match(name)
            low, high = (int(m.group(1)), int(m.group(2))) if m else (None, None)
            args[name] = ArgTerminal(name, value, priority, low, high)
    labels = dict(data["labels"])
    for name, arg in args.items():
        if name not in labels:
            labels[name] = f"<{arg.low}-{arg.high}>" if arg.low is not None else f"<{name.lower()}>"
    tables = Tables(rules, data["states"], data["start_states"], data["end_states"])
    facts: dict[str, dict[str, str]] = data["facts"]
    read_only = frozenset({r.name for r in rules if r.name.startswith("show_")}
                          | {name for name, f in facts.items() if "read-only" in f})
    return Grammar(tables, keywords, args, dict(data["help"]), labels, facts, read_only)


def _stale(data: dict[str, Any]) -> bool:
    """The grammar next to the tables was edited and the tables not rebuilt (a developer's
    tree: tests/test_grammar_tables.py fails on it too)."""
    try:
        source = GRAMMAR_PATH.read_bytes()
    except OSError:
        return False     # an installation without the grammar source: the tables are the truth
    return bool(data.get("grammar_crc32") != grammar_digest(source))


@cache
def load() -> Grammar:
    data = json.loads(TABLES_PATH.read_bytes())
    if _stale(data):
        # correct but slow (the tables are built in memory); say how to fix it
        print(f"asa-emulator: {TABLES_PATH.name} is older than {GRAMMAR_PATH.name}: "
              "run `make tables`", file=sys.stderr)
        from .build_tables import tables
        data = tables(GRAMMAR_PATH.read_bytes())
    return from_tables(data)
