"""The shell's own LALR runtime (syntax/lalr.py) parses exactly as Lark's LALR parser built from
grammar/*.lark: the same accepted terminals at every step, the same trees (rule names,
children, token types and values) and the same errors, on every line of every transcript and
lab configuration in every mode, and on random walks through the grammar.  (That the run path
never imports Lark, the grammar's compiler: tests/contracts/test_startup.py.)"""

from __future__ import annotations

from functools import cache
from typing import Any

import lark
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asa_emulator.syntax import build_tables, grammar, parser
from asa_emulator.syntax.grammar import MODES
from asa_emulator.syntax.lalr import END, InteractiveParser, ParseError, Token, Tree
from tests.support.grammar import SOURCE, corpus


@cache
def _lark() -> lark.Lark:
    return build_tables.build_lark(SOURCE.decode("utf-8"))


def _plain(value: Any) -> Any:
    """A tree of either runtime as nested tuples: (rule, children), (terminal, text)."""
    if isinstance(value, (Tree, lark.Tree)):
        return (str(value.data), tuple(_plain(c) for c in value.children))
    assert isinstance(value, (Token, lark.Token)), value
    return ("token", value.type, str(value))


_agreed: dict[tuple[tuple[int, ...], tuple[int, ...]], set[str]] = {}


class Twin:
    """Our interactive parser and Lark's side by side, fed the same tokens: every question
    the shell's driver (syntax/parser.py) asks is asked of both, and the answers must agree."""

    def __init__(self, ours: InteractiveParser, theirs: Any) -> None:
        self.ours, self.theirs = ours, theirs

    @property
    def state_stack(self) -> list[int]:
        return self.ours.state_stack

    def accepts(self) -> set[str]:
        # what a parser accepts depends on its state stack alone: each pair of stacks met is
        # asked once (Lark's accepts() is slow)
        key = (tuple(self.ours.state_stack), tuple(self.theirs.parser_state.state_stack))
        found = _agreed.get(key)
        if found is None:
            found = _agreed[key] = self.ours.accepts()
            assert found == set(self.theirs.accepts())
        return found

    def feed_token(self, token: Token) -> None:
        self.ours.feed_token(token)
        self.theirs.feed_token(lark.Token(token.type, token.value, start_pos=token.start_pos))

    def feed_eof(self) -> Any:
        a = self.ours.feed_eof()
        b = self.theirs.feed_eof()
        assert _plain(a) == _plain(b)
        return a


def _outcome(g: grammar.Grammar, mode: str, line: str) -> Any:
    """What the shell's driver makes of `line` over both runtimes: a tree or its error."""
    twin = Twin(g.lalr.parse_interactive(mode), _lark().parse_interactive(start=mode))
    try:
        _, _, ip = parser._tokens(g, line, parser.split_words(line), None, twin)  # type: ignore[arg-type]
        assert ip is not None
        if END not in ip.accepts():
            return ("incomplete", len(line))
        return _plain(ip.feed_eof())
    except parser.CommandError as exc:
        return (exc.kind, exc.col, exc.word)


def test_every_transcript_and_lab_line_parses_as_with_lark(monkeypatch: pytest.MonkeyPatch) -> None:
    g = grammar.load()
    # no cache between the driver and the runtimes: every step asks both
    monkeypatch.setattr(parser, "accepts", lambda ip: frozenset(ip.accepts()))
    lines = corpus()
    assert len(lines) > 400
    trees = 0
    for mode in MODES:
        for line in lines:
            trees += isinstance(_outcome(g, mode, line)[1], tuple)
    assert trees > 200            # not all errors


def test_a_token_the_state_cannot_take_is_refused_by_both() -> None:
    ours = grammar.load().lalr.parse_interactive("sys_exec")
    theirs = _lark().parse_interactive(start="sys_exec")
    with pytest.raises(ParseError):
        ours.feed_token(Token("NAMEIF", "x", 0))
    with pytest.raises(lark.exceptions.UnexpectedToken):
        theirs.feed_token(lark.Token("NAMEIF", "x"))
    with pytest.raises(ParseError):
        ours.feed_eof()
    with pytest.raises(lark.exceptions.UnexpectedToken):
        theirs.feed_eof()


@settings(max_examples=300, deadline=None)
@given(data=st.data(), mode=st.sampled_from(MODES))
def test_random_walks_through_the_grammar_agree_with_lark(data: st.DataObject, mode: str) -> None:
    """Feed terminals drawn from what the parser accepts (now and then one it does not): both
    runtimes accept the same, refuse the same, and build the same tree at the end."""
    ours = grammar.load().lalr.parse_interactive(mode)
    theirs = _lark().parse_interactive(start=mode)
    every = sorted(grammar.load().keywords) + sorted(grammar.load().args)
    for step in range(12):
        acc = ours.accepts()
        assert acc == set(theirs.accepts())
        if data.draw(st.integers(0, 9), label="stray") == 0:
            term = data.draw(st.sampled_from(every), label="any terminal")
        else:
            term = data.draw(st.sampled_from(sorted(acc)), label="terminal")
        if term == END:
            assert _plain(ours.feed_eof()) == _plain(theirs.feed_eof())
            return
        value = f"{term.lower()}{step}"
        try:
            ours.feed_token(Token(term, value, step))
        except ParseError:
            assert term not in acc
            with pytest.raises(lark.exceptions.UnexpectedToken):
                theirs.feed_token(lark.Token(term, value))
            return
        theirs.feed_token(lark.Token(term, value))


def test_copies_are_independent() -> None:
    g = grammar.load()
    base = g.lalr.parse_interactive("ctx_config")
    first = base.copy()
    first.feed_token(Token("NO", "no", 0))
    second = base.copy()
    assert base.state_stack == second.state_stack != first.state_stack
    assert base.value_stack == [] == second.value_stack
