"""The fast walk of a line of a known shape (syntax/parser.py: `_walk`, with the words each
trie node remembers) reads a line as the LALR parser does: the same rule, tokens (terminal,
text, column), keywords and errors, for every line of the transcripts and configurations, as
typed and with other spacing.
"""

from __future__ import annotations

import pytest

from asa_emulator.syntax.grammar import MODES
from tests.support.grammar import by_lalr, by_walk, corpus


@pytest.mark.parametrize("mode", ["sys_exec", "sys_config", "ctx_config", "ctx_if"])
def test_the_walk_reads_every_line_as_the_lalr_parser(mode: str) -> None:
    assert mode in MODES
    lines = corpus()
    spaced = [line.replace(" ", "  ", 1) for line in lines] + ["  " + line for line in lines]
    for line in lines + spaced + lines:      # the last pass meets every word remembered
        assert by_walk(mode, line) == by_lalr(mode, line), line


@pytest.mark.parametrize(("mode", "head"), [("sys_config", "interface"),
                                            ("sys_exec", "show interface")])
def test_an_interface_name_in_two_words_after_the_same_word_alone(mode: str, head: str) -> None:
    """A word of letters where an interface name may come in two words is not remembered
    alone: what it stands for depends on the next word."""
    for tail in ("GigabitEthernet0/2", "GigabitEthernet 0/2", "gigabitethernet0/2",
                 "GigabitEthernet", "Gig 0/2", "GigabitEthernet 0/2", "Management",
                 "Management 0/0", "inside", "inside 0/0"):
        line = f"{head} {tail}"
        assert by_walk(mode, line) == by_lalr(mode, line), line
