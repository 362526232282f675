"""`?` help and Tab completion: what the grammar accepts after a typed line, as the ASA lists it.

The parser (parser.py) feeds the typed words; the acceptable terminals at that point are the
keywords and arguments listed.  Both take an optional `names` callback: the words an argument
terminal can be on the unit at hand (the syntax layer knows the language, not the unit's
interfaces or contexts).
"""

from __future__ import annotations

from collections.abc import Callable

from ..records import dataclass
from .grammar import Grammar, load
from .lalr import InteractiveParser
from .parser import END, CommandError, Word, accepts, feed, may_split, split_words


@dataclass(frozen=True)
class HelpItem:
    word: str
    text: str


# Words an argument terminal can be typed as, supplied by the caller (the session knows the
# unit: its interface types, context names, nameifs).  (terminal, keywords typed) -> entries,
# or None to show the terminal's label.
Names = Callable[[str, list[str]], "list[HelpItem] | None"]


def _help_text(g: Grammar, before: list[str], term: str) -> str:
    """Most specific help: "a/b/word", then "b/word", then the command's "first/word" (the
    options of `traceroute X numeric ?` are the command's, whatever option came before), then
    "word"."""
    before = [w for w in before if w.strip("/")]   # the keywords typed, arguments left out
    key = g.keywords.get(term, term)
    keys = ["/".join(before[-n:] + [key]) for n in (2, 1) if len(before) >= n]
    if len(before) > 1:
        keys.append(f"{before[0]}/{key}")
    for k in keys:
        if text := g.help.get(k):
            return text
    return g.help.get(key, "")


def help_text(before: list[str], term: str) -> str:
    """The help text of terminal `term` after the keywords `before` (for a `?` provider)."""
    return _help_text(load(), before, term)


def _split_pending(g: Grammar, mode: str, line: str,
                   head: list[Word]) -> tuple[InteractiveParser, list[str]] | None:
    """`interface GigabitEthernet ?`: the last word is an interface type waiting for its
    port number.  Returns (parser before it, keywords typed) or None."""
    if not head:
        return None
    typed: list[str] = []
    try:
        ip = feed(g, mode, line, head[:-1], typed)
    except CommandError:
        return None
    acc = accepts(ip)
    if not may_split(acc, head[-1].text):
        return None
    if any(g.keywords.get(t, "").startswith(head[-1].text.lower()) for t in acc):
        return None
    return ip, typed


def help_items(mode: str, line: str, names: Names | None = None) -> tuple[list[HelpItem], bool]:
    """What `?` lists after `line`.  Returns (items, partial): partial means the line ends
    inside a word and the items are the words it can complete to."""
    g = load()
    words = split_words(line)
    partial = bool(line) and not line[-1].isspace()
    head, tail = (words[:-1], words[-1]) if partial and words else (words, None)
    before: list[str] = []
    try:
        ip = feed(g, mode, line, head, before)
    except CommandError:
        pending = None if tail is not None else _split_pending(g, mode, line, head)
        if pending is None:
            raise
        return [HelpItem(g.arg_labels.get("PORT", "<port>"), g.help.get("PORT", ""))], False
    acc = accepts(ip)
    if tail is not None:
        return [HelpItem(w, "") for w in _completing(g, acc, tail.text, names, before)], True
    items: list[HelpItem] = []
    for t in sorted(acc, key=lambda t: g.keywords.get(t, "~" + t)):
        if t == END:
            continue
        if t in g.keywords:
            items.append(HelpItem(g.keywords[t], _help_text(g, before, t)))
            continue
        dynamic = names(t, before) if names is not None else None
        if dynamic is not None:
            items.extend(dynamic)
        else:
            items.append(HelpItem(g.arg_labels.get(t, t), _help_text(g, before, t)))
    if END in acc:
        items.append(HelpItem("<cr>", ""))
    return items, False


def completions(mode: str, line: str, names: Names | None = None) -> list[str]:
    """Words the last (partial) word of `line` can complete to."""
    g = load()
    words = split_words(line)
    partial = bool(line) and not line[-1].isspace()
    head = words[:-1] if partial and words else words
    before: list[str] = []
    try:
        ip = feed(g, mode, line, head, before)
    except CommandError:
        return []
    return _completing(g, accepts(ip), words[-1].text if partial and words else "", names, before)


def _completing(g: Grammar, acc: frozenset[str], partial: str, names: Names | None,
                before: list[str]) -> list[str]:
    """The keywords and argument words acceptable here that begin with `partial`."""
    low = partial.lower()
    found = {g.keywords[t] for t in acc if t in g.keywords and g.keywords[t].startswith(low)}
    if names is not None:
        for t in acc:
            if t in g.args:
                found |= {i.word for i in names(t, before) or () if i.word.lower().startswith(low)}
    return sorted(found, key=str.lower)
