"""A command file as the lab reads it: the bytes of a file or of stdin, split into lines.

`run FILE|-`, `lab < file` and `exercise start NAME < file` read their scripts here, so a
script reads the same whichever way it comes in."""

from __future__ import annotations

import re
import sys


def stdin_bytes() -> bytes:
    buffer = getattr(sys.stdin, "buffer", None)
    return buffer.read() if buffer is not None else sys.stdin.read().encode("utf-8", "surrogateescape")


def script_lines(data: bytes) -> list[str]:
    """The lines of a script.  Bytes that are not UTF-8 are kept (as surrogates) so that only
    their line is refused, as the unit refuses it (syntax/limits.py)."""
    # split at line ends only (CR, as the Enter key, or LF): str.splitlines() would also cut a
    # line at a form feed or other control character, which must reach the unit and be refused
    lines = re.split("\r\n|\r|\n", data.decode("utf-8-sig", "surrogateescape"))
    return lines[:-1] if lines and not lines[-1] else lines
