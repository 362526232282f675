"""Tab completion as an ASA does it, shared by the lab terminal and the SSH server.

The candidate words come from `Console.complete`; this module only decides what Tab does with them.
"""

from __future__ import annotations

import os


def partial_word(line: str) -> str:
    """The word being typed at the end of `line` ('' after a space)."""
    if not line or line[-1].isspace():
        return ""
    return line.split()[-1]


def complete_line(line: str, candidates: list[str]) -> tuple[str, list[str]]:
    """What Tab does at the end of `line`: the new line, and the candidates to list.

    One candidate completes the word and adds a space; several extend the word to their common
    prefix, or, when that adds nothing, are listed (the line is unchanged)."""
    partial = partial_word(line)
    head = line[: len(line) - len(partial)]
    if len(candidates) == 1:
        return head + candidates[0] + " ", []
    prefix = os.path.commonprefix(candidates)
    if len(prefix) > len(partial):
        return head + prefix, []
    return line, candidates


def candidate_listing(candidates: list[str]) -> str:
    """The one line listing ambiguous candidates."""
    return "  ".join(candidates)


def directive_candidates(line: str) -> list[str] | None:
    """Tab after `@`: the directives the word can complete to; None when `line` is no directive
    name being typed."""
    if not line.startswith("@") or " " in line:
        return None
    from asa_emulator.lab.directives import directive_names
    return [name for name in directive_names() if name.startswith(line)]
