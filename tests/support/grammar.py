"""The grammar as the tests read it: the composed source, and every line the golden transcripts
and the labs type (the corpus the parser tests walk)."""

from __future__ import annotations

import re

from asa_emulator.syntax import build_tables, parser
from tests.support.paths import ROOT

SOURCE = build_tables.compose()     # the feature files of grammar/, composed
PROMPT = re.compile(r"^[\w./-]+(\([\w-]+\))?[>#] ?")


def corpus() -> list[str]:
    """Every command typed in the golden transcripts (prompts cut off) and every line of the
    labs' configurations."""
    lines: set[str] = set()
    for path in (ROOT / "transcripts").rglob("*.txt"):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if PROMPT.match(line):
                lines.add(PROMPT.sub("", line))
    configs = [p for p in (ROOT / "transcripts").rglob("*") if p.is_file() and p.suffix != ".txt"]
    configs += [p for p in (ROOT / "asa_emulator" / "lab" / "builtin").rglob("*") if p.is_file()]
    for path in configs:
        lines.update(path.read_text(encoding="utf-8", errors="replace").splitlines())
    return sorted(line for line in lines if line.strip())


# what a parse of a line comes to: the rule, words and tokens, or the error and its column
Outcome = tuple[object, ...]


def _read(parsed: parser.Parsed) -> Outcome:
    return (parsed.rule, parsed.words, parsed.no, parsed.has_filter,
            tuple((t.type, str(t), t.value, t.start_pos) for t in parsed.tokens))


def by_lalr(mode: str, line: str) -> Outcome:
    """The line read by the LALR parser alone."""
    try:
        tree, _, _ = parser._parse_tokens(mode, line, new=True)
    except parser.CommandError as exc:
        return (exc.kind, exc.col, exc.word)
    return _read(parser.Parsed(tree))


def by_walk(mode: str, line: str) -> Outcome:
    """The line read by the fast walk of known shapes (syntax/parser.py `_walk`)."""
    parser.parse_line.cache_clear()
    try:
        return _read(parser.parse_line(mode, line))
    except parser.CommandError as exc:
        return (exc.kind, exc.col, exc.word)
