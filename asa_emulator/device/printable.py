"""A flash file's content as a console prints it (`more`, `show startup-config`).

A file may hold any bytes.  Printed raw, an escape sequence in it would drive the trainee's
terminal (clear the screen, retitle the window, rewrite what other commands printed), so its
control characters are shown escaped, the way `cat -v` shows them: C0 controls as caret
notation (ESC is `^[`, CR `^M`, NUL `^@`), DEL as `^?`, and the C1 controls U+0080..U+009F
(8-bit CSI and friends) as `M-` and the caret form of their low seven bits (U+009B is
`M-^[`).  Tab stays a tab; lines end at LF or CR LF (split_lines).  Bytes that are not UTF-8
show as U+FFFD.  A real unit's `more` writes the bytes as they are (unverified); the escaping is
the emulator's choice, so that one user's file cannot take over another user's terminal.
"""

from __future__ import annotations

import re

from .flash import split_lines

_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def _caret(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code >= 0x80:
        return "M-" + _caret_of(code - 0x80)
    return _caret_of(code)


def _caret_of(code: int) -> str:
    return "^?" if code == 0x7F else "^" + chr(code + 0x40)


def escaped(text: str) -> str:
    """`text` with its control characters (but tab) in caret notation."""
    return _CONTROL.sub(_caret, text)


def file_lines(data: bytes) -> list[str]:
    """A file's lines as the console prints them."""
    return [escaped(raw.decode("utf-8", errors="replace")) for raw in split_lines(data)]


def masked_keys(lines: list[str]) -> list[str]:
    """A saved configuration as `show startup-config` prints it: the file holds the failover
    key in clear (the unit must read it back), the listing masks it as `show running-config`
    does (`failover key *****`).  `more` prints the file as it is."""
    out = lines
    for i, line in enumerate(lines):
        if line.startswith("failover key "):
            if out is lines:
                out = list(lines)
            out[i] = "failover key hex *****" if line.startswith("failover key hex ") else "failover key *****"
    return out
