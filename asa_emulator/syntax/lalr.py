"""The LALR runtime the shell parses with: an interactive parser over the shipped tables, and
the Tree and Token it builds.

Lark stays the grammar's compiler (build_tables.py); at run time only this module is needed,
as with Lark's own standalone tool, so that `import lark` (its grammar compiler, tens of ms)
never happens on the run/serve/lab paths.  It does what Lark's LALR parser does with the
options the shell uses (keep_all_tokens, no placeholders, no position propagation, no
transformer): the same shifts and reduces, the same tree shaping (`_rule` inlined, `?rule`
collapsed to its single child, aliases naming the tree), the same `accepts()`.
tests/unit/syntax/test_lalr_runtime.py checks it against Lark's own parser on every transcript line and
on random walks through the grammar.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Union

END = "$END"


class Token(str):
    """A word of a line as the terminal it stands for (a str: its text)."""

    __slots__ = ("type", "value", "start_pos")

    type: str
    value: str
    start_pos: int | None

    def __new__(cls, type: str, value: str, start_pos: int | None = None) -> Token:  # noqa: A002
        self = str.__new__(cls, value)
        self.type = type
        self.value = value
        self.start_pos = start_pos
        return self

    def __repr__(self) -> str:
        return f"Token({self.type!r}, {self.value!r})"

    def __eq__(self, other: object) -> bool:
        # as Lark's: two tokens of different terminals differ even with the same text
        if isinstance(other, Token) and self.type != other.type:
            return False
        return str.__eq__(self, other)

    __hash__ = str.__hash__

    def __reduce__(self) -> tuple[Any, ...]:
        return (Token, (self.type, self.value, self.start_pos))


Child = Union["Tree", Token]


class Tree:
    """A rule matched: its name and its children (trees and tokens)."""

    __slots__ = ("data", "children")

    def __init__(self, data: str, children: list[Child]) -> None:
        self.data = data
        self.children = children

    def __repr__(self) -> str:
        return f"Tree({self.data!r}, {self.children!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Tree):
            return NotImplemented
        return self.data == other.data and self.children == other.children

    def __hash__(self) -> int:
        return hash((self.data, tuple(self.children)))

    def scan_values(self, pred: Callable[[Token], bool]) -> Iterator[Token]:
        """The tokens under this tree, in order, that satisfy `pred`."""
        for c in self.children:
            if isinstance(c, Tree):
                yield from c.scan_values(pred)
            elif pred(c):
                yield c


class ParseError(Exception):
    """A token the parser cannot take in its state."""

    def __init__(self, token: Token, expected: set[str]) -> None:
        super().__init__(f"unexpected {token.type} (expected one of {sorted(expected)})")
        self.token = token
        self.expected = expected


class Rule:
    """A grammar rule as the runtime needs it: what it reduces to and how its tree is shaped."""

    __slots__ = ("origin", "expansion", "size", "name", "expand1", "include")

    def __init__(self, origin: str, expansion: list[str], name: str, expand1: bool,
                 include: list[list[int]] | None) -> None:
        self.origin = origin
        self.expansion = expansion          # symbol names
        self.size = len(expansion)
        self.name = name                    # the tree's name (the rule's alias, or its name)
        self.expand1 = expand1              # `?rule`: one child stands for the rule's tree
        # the children kept, and which (`_rule`s) are inlined; None: all kept as they are
        # (Lark's child filter, worked out by build_tables)
        self.include = include

    def build(self, children: list[Any]) -> Any:
        """The value the rule reduces `children` to (a fresh list: values are never shared)."""
        include = self.include
        if include is not None:
            kept: list[Any] = []
            for i, inline in include:
                if inline:
                    kept += children[i].children
                else:
                    kept.append(children[i])
            children = kept
        if self.expand1 and len(children) == 1:
            return children[0]
        return Tree(self.name, children)


class Tables:
    """The parse tables: per state, terminal or rule name -> action (a state number >= 0 to
    shift or go to, ~index of the rule to reduce by)."""

    def __init__(self, rules: list[Rule], states: list[dict[str, int]],
                 start_states: dict[str, int], end_states: dict[str, int]) -> None:
        self.rules = rules
        self.states = states
        self.start_states = start_states
        self.end_states = end_states
        # per state met: the terminals it shifts, and those it reduces on (see accepts)
        self._terminals: dict[int, tuple[frozenset[str], tuple[str, ...]]] = {}

    def terminals(self, state: int) -> tuple[frozenset[str], tuple[str, ...]]:
        found = self._terminals.get(state)
        if found is None:
            row = self.states[state]
            found = self._terminals[state] = (
                frozenset(t for t, action in row.items() if t.isupper() and action >= 0),
                tuple(t for t, action in row.items() if t.isupper() and action < 0))
        return found

    def parse_interactive(self, start: str) -> InteractiveParser:
        return InteractiveParser(self, [self.start_states[start]], [], self.end_states[start])


class InteractiveParser:
    """A parse in progress, fed one token at a time (Lark's InteractiveParser, what the shell
    uses of it)."""

    __slots__ = ("tables", "state_stack", "value_stack", "end_state")

    def __init__(self, tables: Tables, state_stack: list[int], value_stack: list[Any],
                 end_state: int) -> None:
        self.tables = tables
        self.state_stack = state_stack
        self.value_stack = value_stack
        self.end_state = end_state

    def copy(self) -> InteractiveParser:
        # values are never changed once on the stack (Rule.build makes new lists): a shallow
        # copy is enough
        return InteractiveParser(self.tables, list(self.state_stack), list(self.value_stack),
                                 self.end_state)

    def feed_token(self, token: Token) -> Any:
        """Shift `token` (reducing first as the tables say); for $END, reduce to the start
        rule and return the tree.  Raises ParseError."""
        states = self.tables.states
        rules = self.tables.rules
        stack, values = self.state_stack, self.value_stack
        kind = token.type
        is_end = kind == END
        while True:
            row = states[stack[-1]]
            action = row.get(kind)
            if action is None:
                raise ParseError(token, {t for t in row if t.isupper()})
            if action >= 0:
                stack.append(action)
                values.append(token)
                return None
            rule = rules[~action]
            size = rule.size
            if size:
                children = values[-size:]
                del stack[-size:]
                del values[-size:]
            else:
                children = []
            stack.append(states[stack[-1]][rule.origin])
            values.append(rule.build(children))
            if is_end and stack[-1] == self.end_state:
                return values[-1]

    def feed_eof(self) -> Any:
        """The tree of the whole input.  Raises ParseError if it is not complete."""
        return self.feed_token(Token(END, "", 0))

    def accepts(self) -> set[str]:
        """The terminals that the parser can take next ($END: the input may end here): those
        the state shifts, and those it reduces on that a shift follows (LALR lookaheads are
        merged: a reduce may lead to a state that refuses the terminal)."""
        shifts, reduces = self.tables.terminals(self.state_stack[-1])
        return set(shifts).union([t for t in reduces if self._takes(t)])

    def _takes(self, kind: str) -> bool:
        # the reduces `kind` would cause, on the states alone (no tree is built)
        states, rules = self.tables.states, self.tables.rules
        stack = list(self.state_stack)
        while True:
            action = states[stack[-1]].get(kind)
            if action is None:
                return False
            if action >= 0:
                return True
            rule = rules[~action]
            if rule.size:
                del stack[-rule.size:]
            stack.append(states[stack[-1]][rule.origin])
            if kind == END and stack[-1] == self.end_state:
                return True
