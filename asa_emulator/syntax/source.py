"""The grammar's source as the table builder and the loader both read it: where the composed
grammar and its tables are, the modes (start symbols), its fingerprint, and the `//:` help and
`//@` facts written beside the rules.  Below grammar.py (the loader) and build_tables.py (the
builder, which the loader falls back on when the tables are stale), so neither imports the
other's reader.
"""

from __future__ import annotations

import shlex
import zlib
from pathlib import Path

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

def grammar_digest(data: bytes) -> str:
    """The grammar source's fingerprint, recorded in the tables: CRC-32, enough to notice an
    edit not followed by `make tables` (hashlib would load OpenSSL at every start)."""
    return f"{zlib.crc32(data):08x}"


def parse_help(text: str) -> tuple[dict[str, str], dict[str, str]]:
    """The `//: word text` and `//: TERM <label> text` comments of the grammar.  One key with
    two texts is refused: the later one silently replaced the earlier wherever `?` lists the
    word (`show ?` said `route  Configure a static or default route`); qualify each by the
    keyword before it (`show/route`), as help.py looks the most specific key up first."""
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
            rest = desc.strip()
        if helps.get(key, rest) != rest:
            raise ValueError(f"`//: {key}` has two help texts: {helps[key]!r} and {rest!r}")
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
    "name-first": "an argument terminal: a word that is not a keyword as typed is this name, not"
                  " the abbreviation of a keyword beside it (`show capture c`: the capture c)",
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
