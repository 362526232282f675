"""Output filters: `| include`, `| exclude`, `| begin`, `| grep [-v]`.

The ASA's regular expressions (its `regex` metacharacters: `.`, `(...)`, `|`, `?`, `*`, `+`,
`{x}`, `{x,}`, `[...]`, `[^...]`, `^`, `\\` escapes, `\\xNN`, `\\NNN`) are a subset of RE2's
syntax, so a pattern is compiled by RE2 as typed.  RE2 matches in time linear in the line, so
no pattern (`(.*.*)*Z`) can stall a unit.  A pattern RE2 cannot compile (an unbalanced `(`,
a Perl back-reference or look-around, a repetition over RE2's size limit) is matched as
literal text.  unverified: what a real ASA prints for a malformed filter pattern; matching it
literally is what the emulator has always done.

What a filter may cost the server is bounded: a plain word (no metacharacter, most filters)
is a substring test, fourteen times cheaper than RE2 for the same answer; compiled patterns
are kept in a small LRU (CACHE_SIZE entries of at most RE2_MAX_MEM each, patterns no longer
than a command line), so no user can grow the server by typing new patterns; and the front
ends that serve many users filter in chunks (`filter_chunks`), giving their event loop to the
others between two chunks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from ..syntax.lalr import Tree
from ..syntax.limits import MAX_LINE

Matcher = Callable[[str], bool]

# the characters that make a pattern a regular expression (RE2's, a superset of the ASA's)
METACHARACTERS = frozenset(".^$*+?()[]{}|\\")
CACHE_SIZE = 16                 # compiled patterns kept (the most recently used)
# bytes RE2 may use for one pattern (its program and DFA cache): RE2's 8 MB default times the
# cache is what one user could make the server hold; below 4 MB heavy patterns (`((.{0,30}){0,30})y`)
# leave the DFA for the NFA, 5 to 50 times slower a line
RE2_MAX_MEM = 4 << 20
MAX_PATTERN = MAX_LINE          # a pattern is part of a command line
CHUNK_LINES = 256               # lines filtered between two turns of a front end's event loop


def matcher(pattern: str) -> Matcher:
    """A function telling whether a line contains a match of the ASA pattern."""
    if METACHARACTERS.isdisjoint(pattern):
        return _literal(pattern)        # what RE2 would answer, as a substring test
    if len(pattern) > MAX_PATTERN:
        return _compile(pattern)        # never typed (the line limit): not kept
    return _compiled(pattern)


@lru_cache(maxsize=CACHE_SIZE)
def _compiled(pattern: str) -> Matcher:
    return _compile(pattern)


def _compile(pattern: str) -> Matcher:
    import re2  # imported on first use: `run` of a script without filters never loads it

    options = re2.Options()
    options.log_errors = False          # RE2 would write each bad pattern to stderr
    options.never_capture = True
    options.max_mem = RE2_MAX_MEM
    compiled: Any
    try:
        compiled = re2.compile(pattern, options=options)
    except re2.error:
        return _literal(pattern)
    finally:
        # the module keeps the last 128 compiled patterns of its own (up to 8 MB each by
        # default): the one cache of patterns is ours, bounded
        re2.purge()
    search = compiled.search
    return lambda line: search(line) is not None


def cached_patterns() -> int:
    """How many compiled patterns are kept now (at most CACHE_SIZE)."""
    return _compiled.cache_info().currsize


def _literal(text: str) -> Matcher:
    return lambda line: text in line


def apply_filter(flt: Tree, lines: list[str]) -> list[str]:
    """The output lines that the filter `flt` (a parsed `filter` rule) lets through."""
    out: list[str] = []
    for part in filter_chunks(flt, lines, len(lines) or 1):
        out += part
    return out


def filter_chunks(flt: Tree, lines: list[str], chunk: int = CHUNK_LINES) -> Iterator[list[str]]:
    """The lines the filter lets through, `chunk` lines of output read at a time: a caller
    may do other work between two chunks (the lines are already rendered: nothing the
    others do changes them)."""
    words = [str(t) for t in flt.scan_values(lambda v: True)]
    kind = words[0].lower()
    invert = len(words) > 2 and words[1].startswith("-")   # `-v`, or `-` (its abbreviation)
    found = matcher(words[-1].strip())
    if "begin".startswith(kind):
        for start in range(0, len(lines), chunk):
            for i in range(start, min(start + chunk, len(lines))):
                if found(lines[i]):
                    yield lines[i:]
                    return
            yield []
        return
    if "exclude".startswith(kind):
        invert = True
    for start in range(0, len(lines), chunk):
        yield [ln for ln in lines[start:start + chunk] if found(ln) != invert]
