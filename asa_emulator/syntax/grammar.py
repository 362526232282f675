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
import sys
import threading
from functools import cache
from typing import Any

from ..records import dataclass
from .lalr import Rule, Tables
from .source import FACTS as FACTS
from .source import GRAMMAR_PATH as GRAMMAR_PATH
from .source import MODE_VALUED as MODE_VALUED
from .source import MODES as MODES
from .source import RULE_VALUED as RULE_VALUED
from .source import TABLES_PATH as TABLES_PATH
from .source import grammar_digest as grammar_digest
from .source import parse_facts as parse_facts
from .source import parse_help as parse_help

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
    tree: tests/contracts/test_grammar_tables.py fails on it too)."""
    try:
        source = GRAMMAR_PATH.read_bytes()
    except OSError:
        return False     # an installation without the grammar source: the tables are the truth
    return bool(data.get("grammar_crc32") != grammar_digest(source))


_LOADING = threading.Lock()
_LOADED: dict[tuple[str, str], Grammar] = {}     # by (tables, grammar source): read once


@cache
def load() -> Grammar:
    """The grammar, read once per process: threads that ask first at once (labs loaded in
    worker threads) wait for the one read, and share it."""
    with _LOADING:
        key = (str(TABLES_PATH), str(GRAMMAR_PATH))
        found = _LOADED.get(key)
        if found is None:
            found = _LOADED[key] = _read()
        return found


def _read() -> Grammar:
    data = json.loads(TABLES_PATH.read_bytes())
    if _stale(data):
        # correct but slow (the tables are built in memory); say how to fix it
        print(f"asa-emulator: {TABLES_PATH.name} is older than {GRAMMAR_PATH.name}: "
              "run `make tables`", file=sys.stderr)
        from .build_tables import tables
        data = tables(GRAMMAR_PATH.read_bytes())
    return from_tables(data)
