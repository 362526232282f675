"""The fast walk of a line of a known shape (syntax/parser.py: `_walk`, with the words each
trie node remembers) reads a line as the LALR parser does: the same rule, tokens (terminal,
text, column), keywords and errors, for every line of the transcripts and configurations, as
typed and with other spacing.
"""

from __future__ import annotations

import pytest

from asa_emulator.syntax import parser
from asa_emulator.syntax.grammar import MODES
from tests.contracts.test_grammar_tables import _corpus

Outcome = tuple[object, ...]


def _read(parsed: parser.Parsed) -> Outcome:
    return (parsed.rule, parsed.words, parsed.no, parsed.has_filter,
            tuple((t.type, str(t), t.value, t.start_pos) for t in parsed.tokens))


def _by_lalr(mode: str, line: str) -> Outcome:
    try:
        tree, _, _ = parser._parse_tokens(mode, line, new=True)
    except parser.CommandError as exc:
        return (exc.kind, exc.col, exc.word)
    return _read(parser.Parsed(tree))


def _by_walk(mode: str, line: str) -> Outcome:
    parser.parse_line.cache_clear()
    try:
        return _read(parser.parse_line(mode, line))
    except parser.CommandError as exc:
        return (exc.kind, exc.col, exc.word)


@pytest.mark.parametrize("mode", ["sys_exec", "sys_config", "ctx_config", "ctx_if"])
def test_the_walk_reads_every_line_as_the_lalr_parser(mode: str) -> None:
    assert mode in MODES
    lines = _corpus()
    spaced = [line.replace(" ", "  ", 1) for line in lines] + ["  " + line for line in lines]
    for line in lines + spaced + lines:      # the last pass meets every word remembered
        assert _by_walk(mode, line) == _by_lalr(mode, line), line


@pytest.mark.parametrize(("mode", "head"), [("sys_config", "interface"),
                                            ("sys_exec", "show interface")])
def test_an_interface_name_in_two_words_after_the_same_word_alone(mode: str, head: str) -> None:
    """A word of letters where an interface name may come in two words is not remembered
    alone: what it stands for depends on the next word."""
    for tail in ("GigabitEthernet0/2", "GigabitEthernet 0/2", "gigabitethernet0/2",
                 "GigabitEthernet", "Gig 0/2", "GigabitEthernet 0/2", "Management",
                 "Management 0/0", "inside", "inside 0/0"):
        line = f"{head} {tail}"
        assert _by_walk(mode, line) == _by_lalr(mode, line), line
