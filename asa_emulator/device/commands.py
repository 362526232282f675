"""The command registry and the object every handler receives.

A handler is registered under the name of its grammar rule (or alias).  It validates first
and changes state only when the command is accepted, so a rejected line never changes the
configuration.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lark import Token, Tree

from ..syntax.grammar import load
from .messages import INVALID_INPUT, caret_line

if TYPE_CHECKING:
    from .session import ModeState, Session
    from .unit import PairHooks, Unit

Handler = Callable[["Command"], None]
HANDLERS: dict[str, Handler] = {}


def handler(*names: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        for name in names:
            HANDLERS[name] = fn
        return fn
    return register


class Abort(Exception):
    """Stop the handler; its error lines are already printed."""


@dataclass
class Command:
    session: Session
    rule: str
    tree: Tree
    line: str
    pre_state: ModeState                  # the session's mode state when the line was typed
    out: list[str] = field(default_factory=list)
    failed: bool = False

    def __post_init__(self) -> None:
        self.tokens: list[Token] = list(self.tree.scan_values(lambda v: isinstance(v, Token)))
        kws = load().keywords
        self.words = [kws.get(t.type, "") for t in self.tokens]
        self.no = bool(self.tokens) and self.tokens[0].type == "NO"
        self.sub = next((c for c in self.tree.children if isinstance(c, Tree)), None)

    # ----------------------------------------------------------------- reading
    @property
    def unit(self) -> Unit:
        return self.session.unit

    @property
    def pair(self) -> PairHooks:
        """The failover engine.  Every unit of a lab has one; only a bare Unit built by a unit
        test has none, and failover commands cannot run there."""
        pair = self.unit.pair
        if pair is None:
            raise RuntimeError(f"unit {self.unit.name} is not part of a failover pair")
        return pair

    def has(self, keyword: str) -> bool:
        return keyword in self.words

    def values(self, terminal: str) -> list[str]:
        return [str(t) for t in self.tokens if t.type == terminal]

    def value(self, terminal: str, default: str | None = None) -> str | None:
        vals = self.values(terminal)
        return vals[0] if vals else default

    def after(self, keyword: str) -> str | None:
        """The word typed right after `keyword`."""
        for i, w in enumerate(self.words[:-1]):
            if w == keyword:
                return str(self.tokens[i + 1])
        return None

    def col_of(self, terminal: str, nth: int = 0) -> int:
        found = [t for t in self.tokens if t.type == terminal]
        return int(found[nth].start_pos or 0) if len(found) > nth else 0

    # ----------------------------------------------------------------- writing
    def print(self, *lines: str) -> None:
        self.out.extend(lines)

    def error(self, *lines: str) -> None:
        """Print the error and stop the command."""
        self.out.extend(lines)
        self.failed = True
        raise Abort

    def invalid_at(self, col: int) -> None:
        """The ASA's `^` marker error, at a column of the typed line."""
        self.out.extend([caret_line(self.session.prompt_len + col), INVALID_INPUT])
        self.failed = True
        raise Abort

    def invalid_token(self, terminal: str, nth: int = 0) -> None:
        self.invalid_at(self.col_of(terminal, nth))
