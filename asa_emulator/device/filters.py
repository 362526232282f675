"""Output filters: `| include`, `| exclude`, `| begin`, `| grep [-v]`.

The ASA's regular expressions (its `regex` metacharacters: `.`, `(...)`, `|`, `?`, `*`, `+`,
`{x}`, `{x,}`, `[...]`, `[^...]`, `^`, `\\` escapes, `\\xNN`, `\\NNN`) are a subset of RE2's
syntax, so a pattern is compiled by RE2 as typed.  RE2 matches in time linear in the line, so
no pattern (`(.*.*)*Z`) can stall a unit.  A pattern RE2 cannot compile (an unbalanced `(`,
a Perl back-reference or look-around, a repetition over RE2's size limit) is matched as
literal text.  unverified: what a real ASA prints for a malformed filter pattern; matching it
literally is what the emulator has always done.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from ..syntax.lalr import Tree

Matcher = Callable[[str], bool]


@lru_cache(maxsize=256)
def matcher(pattern: str) -> Matcher:
    """A function telling whether a line contains a match of the ASA pattern."""
    import re2  # imported on first use: `run` of a script without filters never loads it

    options = re2.Options()
    options.log_errors = False          # RE2 would write each bad pattern to stderr
    options.never_capture = True
    compiled: Any
    try:
        compiled = re2.compile(pattern, options=options)
    except re2.error:
        return _literal(pattern)
    search = compiled.search
    return lambda line: search(line) is not None


def _literal(text: str) -> Matcher:
    return lambda line: text in line


def apply_filter(flt: Tree, lines: list[str]) -> list[str]:
    """The output lines that the filter `flt` (a parsed `filter` rule) lets through."""
    words = [str(t) for t in flt.scan_values(lambda v: True)]
    kind = words[0].lower()
    invert = len(words) > 2 and words[1].startswith("-")   # `-v`, or `-` (its abbreviation)
    found = matcher(words[-1].strip())
    if "begin".startswith(kind):
        for i, ln in enumerate(lines):
            if found(ln):
                return lines[i:]
        return []
    if "exclude".startswith(kind):
        invert = True
    return [ln for ln in lines if found(ln) != invert]
