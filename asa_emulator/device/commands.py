"""The command registry and the object every handler receives.

A handler is registered under the name of its grammar rule (or alias).  It validates first
and changes state only when the command is accepted, so a rejected line never changes the
configuration.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from ..syntax.lalr import Token, Tree
from ..syntax.parser import Parsed
from .messages import INVALID_INPUT, caret_line

if TYPE_CHECKING:
    from .boundary import ModeState, PairEvents
    from .mgmt import SshRecord
    from .unit import Unit

Handler = Callable[["Command"], None]
# what a question's answer runs: (the line typed, the output to extend)
Answer = Callable[[str, list[str]], None]


class SessionView(Protocol):
    """A session as its command handlers and `?` providers see it (device/session.py's Session
    implements it): where it is, what it keeps, how it enters a mode or asks a question."""

    unit: Unit
    kind: str                       # console | ssh | batch | replica | exec
    batch: bool                     # answers questions itself, never replicates
    state: ModeState
    history: deque[str]
    pager: int
    is_closed: bool
    running: bool
    busy_ms: int
    cwd: str
    exec_states: dict[str, ModeState]
    ssh_record: SshRecord | None
    login_user: str | None

    @property
    def mode(self) -> str: ...
    @property
    def context(self) -> str | None: ...
    @property
    def space(self) -> str | None: ...
    @property
    def level(self) -> int: ...
    @property
    def prompt_len(self) -> int: ...
    def enter(self, mode: str, context: str | None = None, target: str | int | None = None,
              keep_context: bool = True) -> None: ...
    def ask(self, prompt: str, then: Answer, secret: bool = False, default: str = "") -> None: ...
    def execute(self, line: str, rendered: bool = False) -> list[str]: ...
HANDLERS: dict[str, Handler] = {}


def handler(*names: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        for name in names:
            HANDLERS[name] = fn
        return fn
    return register


class Abort(Exception):
    """Stop the handler; its error lines are already printed."""


class Command:
    """One command being run: what its handler reads (the typed words) and writes (its output).

    Built for every line a session runs (a sync runs tens of thousands): the words and tokens
    come worked out from the parse (syntax.parser.Parsed), shared by every run of the line."""

    __slots__ = ("session", "unit", "rule", "line", "pre_state", "out", "failed",
                 "tokens", "words", "no", "_parsed")

    def __init__(self, session: SessionView, rule: str, tree: Tree | None, line: str,
                 pre_state: ModeState, parsed: Parsed | None = None) -> None:
        """`tree`: the command's tree, or None with `parsed` (the line's parse)."""
        self.session = session
        self.unit: Unit = session.unit     # a session's unit never changes: read by most handlers
        self.rule = rule
        self.line = line
        self.pre_state = pre_state       # the session's mode state when the line was typed
        self.out: list[str] = []
        self.failed = False
        if parsed is None:
            assert tree is not None
            parsed = Parsed(Tree("", [tree]))
        self._parsed = parsed
        self.tokens: tuple[Token, ...] = parsed.tokens
        self.words: tuple[str, ...] = parsed.words
        self.no: bool = parsed.no

    @property
    def tree(self) -> Tree:
        """The command's parse tree (built when first asked for)."""
        return self._parsed.sub

    @property
    def sub(self) -> Tree | None:
        """The command tree's first subtree (a failover sub-command's alias)."""
        return self._parsed.first_tree

    # ----------------------------------------------------------------- reading
    @property
    def pair(self) -> PairEvents[Unit, Command]:
        """The failover engine, told what a failover EXEC command asks of it.  Every unit of
        a lab has one; only a bare Unit built by a unit test has none, and failover commands
        cannot run there."""
        pair = self.unit.events
        if pair is None:
            raise RuntimeError(f"unit {self.unit.name} is not part of a failover pair")
        return pair

    def has(self, keyword: str) -> bool:
        return keyword in self.words

    def values(self, terminal: str) -> list[str]:
        return [str(t) for t in self.tokens if t.type == terminal]

    def value(self, terminal: str, default: str | None = None) -> str | None:
        # a command has a handful of tokens: a scan is cheaper than any table
        for t in self.tokens:
            if t.type == terminal:
                return str(t)
        return default

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
