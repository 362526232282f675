"""What the command line accepts at all, before any grammar: its length and its characters.

Every line from every source (a console, SSH, a script, a flash file, a sync) reaches the unit
through `Session.execute`, which refuses a line this module rejects with the ASA's `^` marker
at the offending column (design.md, "Security and limits").  Nothing refused here can enter
a configuration, so `show running-config`, `write memory` and sync only ever see ASCII.
"""

from __future__ import annotations

import re

# The longest command line a unit reads, in characters.  unverified: no Cisco source found
# states the ASA's own limit; 512 is the figure commonly quoted for the ASA/PIX CLI buffer and
# is far above any real configuration line.  Lines beyond it are refused (never truncated:
# a truncated `access-list` or `config-url` would configure something nobody typed).
MAX_LINE = 512

# The ASA's CLI is 7-bit: printable ASCII and tab (whitespace between words).  Everything else
# is refused: control characters, DEL, non-ASCII text, U+FFFD (bytes an SSH client sent that
# were not UTF-8) and lone surrogates (bytes of a script file that were not UTF-8).
_REFUSED = re.compile(r"[^\t\x20-\x7e]")

# What cannot be echoed as typed (it would break a terminal or a UTF-8 transcript); each is
# shown as one U+FFFD so that the `^` marker still points at it.
_UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff]")


def refused_column(text: str) -> int | None:
    """The 0-based column of the first character the command line refuses (or MAX_LINE for a
    line that is too long); None when the line is acceptable input."""
    if len(text) <= MAX_LINE and text.isascii() and text.isprintable():
        return None                 # the common case, without the search (printable ASCII)
    m = _REFUSED.search(text, 0, MAX_LINE)
    if m is not None:
        return m.start()
    if len(text) > MAX_LINE:
        return MAX_LINE
    return None


def printable(text: str) -> str:
    """`text` as a console or a transcript shows it: one U+FFFD per unprintable character."""
    if text.isascii() and text.isprintable():
        return text                 # the common case, without the substitution
    return _UNPRINTABLE.sub("\ufffd", text)
