"""Load grammar/asa.lark once and describe its terminals for the shell.

The compiled LALR tables are cached by Lark (keyed by the grammar's hash), so start-up does
not rebuild them.  Everything the shell knows about syntax comes from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lark import Lark
from lark.lexer import Lexer, PatternStr

# grammar/asa.lark is the single source; syntax/asa.lark links to it so that a built wheel
# (which cannot hold files outside the package) carries a copy.
GRAMMAR_PATH = Path(__file__).with_name("asa.lark")

MODES = (
    "sys_user", "sys_exec", "sys_config", "sys_if", "sys_ctx", "sys_fover_group", "sys_class",
    "ctx_user", "ctx_exec", "ctx_config", "ctx_if", "ctx_router",
    "ctx_cmap", "ctx_pmap", "ctx_pmap_c", "ctx_pmap_p",
    "one_user", "one_exec", "one_config", "one_if", "one_router",
    "one_cmap", "one_pmap", "one_pmap_c", "one_pmap_p",
)

_RANGE = re.compile(r"^N_(\d+)_(\d+)$")


class _NoLexer(Lexer):
    """The shell feeds tokens itself (word by word), so Lark never lexes."""

    def __init__(self, conf: object) -> None:
        pass

    def lex(self, lexer_state, parser_state):  # type: ignore[no-untyped-def, override]
        return iter(())


@dataclass(frozen=True)
class ArgTerminal:
    name: str
    regex: re.Pattern[str]
    priority: int
    low: int | None = None
    high: int | None = None

    def matches(self, word: str) -> bool:
        if not self.regex.fullmatch(word):
            return False
        if self.low is not None and self.high is not None:
            return self.low <= int(word) <= self.high
        return True


@dataclass(frozen=True)
class Grammar:
    lark: Lark
    keywords: dict[str, str]          # terminal name -> keyword text (lower case)
    args: dict[str, ArgTerminal]      # terminal name -> argument terminal
    help: dict[str, str]              # "word" or "prev/word" -> help text
    arg_labels: dict[str, str]        # terminal name -> label shown by `?`


def _parse_help(text: str) -> tuple[dict[str, str], dict[str, str]]:
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


@cache
def load() -> Grammar:
    text = GRAMMAR_PATH.read_text()
    lark = Lark(text, parser="lalr", lexer=_NoLexer, start=list(MODES),
                keep_all_tokens=True, maybe_placeholders=False, cache=True)
    keywords: dict[str, str] = {}
    args: dict[str, ArgTerminal] = {}
    for term in lark.terminals:
        if isinstance(term.pattern, PatternStr):
            keywords[term.name] = term.pattern.value.lower()
        else:
            m = _RANGE.match(term.name)
            low, high = (int(m.group(1)), int(m.group(2))) if m else (None, None)
            args[term.name] = ArgTerminal(term.name, re.compile(term.pattern.value),
                                          term.priority, low, high)
    helps, labels = _parse_help(text)
    for name, arg in args.items():
        if name not in labels:
            labels[name] = f"<{arg.low}-{arg.high}>" if arg.low is not None else f"<{name.lower()}>"
    return Grammar(lark, keywords, args, helps, labels)
