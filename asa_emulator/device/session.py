"""One CLI session on a unit: its mode, privilege, pending question and history.

Typed lines, startup-config files, context config files, configuration sync, replicated
commands, `write standby` and `failover exec` all run through `Session.execute` (a sync's
copy with its `rendered` flag, which skips the two steps a rendered line never needs): there
is one configuration path.  A session of kind "batch" answers every question with its default
and never replicates; "replica" is a batch session that runs commands replicated from the
mate.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from ..records import dataclass
from ..syntax import modes
from ..syntax.grammar import load as load_grammar
from ..syntax.help import HelpItem, completions, help_items
from ..syntax.limits import MAX_LINE, refused_column
from ..syntax.parser import CommandError, Parsed, parse_line
from . import messages
from .boundary import ModeState
from .choices import choices
from .commands import HANDLERS, Abort, Answer, Command
from .filters import apply_filter, filter_chunks
from .space import space_of
from .system_inputs import watch_for
from .targets import target_exists

__all__ = ["MAX_LINE", "ModeState", "Question", "Session", "apply_filter"]

if TYPE_CHECKING:
    from ..syntax.lalr import Tree
    from .mgmt import SshRecord
    from .unit import Unit

# `show history` lists the latest commands of the session; a console typed at for weeks does not
# keep them all.  # unverified: the ASA's own depth (IOS allows `terminal history size` 0-256)
HISTORY_MAX = 256


def _touches(rule: str) -> bool:
    """May this command change a configuration?  What the unit derived from its configuration
    (Unit.derived) stays valid after a command the grammar declares `//@ NAME: read-only`;
    every other accepted command invalidates it."""
    found = _TOUCHES.get(rule)
    if found is None:
        found = _TOUCHES[rule] = rule not in load_grammar().read_only
    return found


_TOUCHES: dict[str, bool] = {}      # rule -> _touches: bounded by the grammar


@dataclass
class Question:
    prompt: str
    then: Answer
    secret: bool = False
    cmd: Command | None = None


class Session:
    def __init__(self, unit: Unit, kind: str = "console") -> None:
        self.unit = unit
        self.kind = kind                   # console | ssh | batch | replica | exec
        self.batch = kind in ("batch", "replica")   # answers questions itself, never replicates
        self._state = ModeState()
        self.state = ModeState()
        self.question: Question | None = None
        self.history: deque[str] = deque(maxlen=HISTORY_MAX)
        self.pager = unit.sys.pager_lines
        self.is_closed = False
        self.running = False               # a replica running a line (Unit.replica_session)
        self.busy_ms = 0                   # virtual time the last commands took (flash writes)
        self.cwd = ""                      # `cd`: the flash folder relative names start from
        # the prompt's length when the current line was typed (the `^` marker's offset): worked
        # out only when asked for, from the mode state the line was typed in (_typed_state)
        self._prompt_len: int | None = 0
        self._typed_state = self._state
        self._prompt_memo: tuple[ModeState, tuple[str, ...], str, str] | None = None
        self.current: Command | None = None
        self.exec_states: dict[str, ModeState] = {}    # failover exec: per-device mode state
        self.ssh_record: SshRecord | None = None       # an SSH session's registration (device/mgmt.py)
        self.login_user: str | None = None             # who logged in at the serial console
        self.last_ms = unit.clock.now                  # virtual time of its last command
        self._filter_later = False                     # execute_async: the filter is its job
        self._filter_pending: Tree | None = None
        if self.batch:
            self.state = ModeState("sys_config")

    # ------------------------------------------------------------------ reading
    @property
    def state(self) -> ModeState:
        return self._state

    @state.setter
    def state(self, st: ModeState) -> None:
        # a single-mode unit has one space: every mode a handler names is its single-mode twin
        if self.unit.single:
            st = ModeState(modes.for_single(st.mode), None, st.target)
        self._state = st

    @property
    def unit_name(self) -> str:
        return self.unit.name

    # read by most handlers: straight from the mode state, not through the `state` property
    @property
    def mode(self) -> str:
        return self._state.mode

    @property
    def context(self) -> str | None:
        return self._state.context

    @property
    def space(self) -> str | None:
        """The configuration space the session reads (device/space.py): its context; in
        single context mode the unit's one space."""
        return space_of(self.unit, self._state.context)

    @property
    def level(self) -> int:
        return 1 if self.state.mode.endswith("_user") else 15

    def prompt(self) -> str:
        if self.question is not None:
            return self.question.prompt
        if not self.unit.up or self.unit.shutting_down:
            return ""
        return self._prompt_in(self._state)

    def _prompt_in(self, st: ModeState) -> str:
        sys = self.unit.sys
        steady = "state" not in sys.prompt and "priority" not in sys.prompt
        if steady:
            # the prompt shows only the hostname and the context: the same until the mode
            # state (replaced, never changed in place), `prompt` or `hostname` changes.  The
            # one memo outside kept.py (docs/kept.md): the session's own, checked by identity;
            # a store's lookup would cost more than the prompt
            memo = self._prompt_memo
            if memo is not None and memo[0] is st and memo[1] is sys.prompt and memo[2] == sys.hostname:
                return memo[3]
        text = self._prompt_uncached(st)
        if steady:
            self._prompt_memo = (st, sys.prompt, sys.hostname, text)
        return text

    def _prompt_uncached(self, st: ModeState) -> str:
        suffix = modes.suffix(st.mode)
        if st.mode in ("sys_if", "one_if") and "." in str(st.target):
            suffix = "(config-subif)#"      # a subinterface of the system space
        return self._base_prompt_in(st) + suffix + " "

    def base_prompt(self) -> str:
        return self._base_prompt_in(self._state)

    def _base_prompt_in(self, st: ModeState) -> str:
        parts: list[str] = []
        u = self.unit
        for item in u.sys.prompt:
            if item == "hostname":
                parts.append(u.sys.hostname)
            elif item == "context" and st.context:
                parts.append(st.context)
            elif item == "priority":
                parts.append("pri" if u.role == "primary" else "sec")
            elif item == "state":
                parts.append(u.prompt_state(st.context))
        return "/".join(parts)

    @property
    def prompt_len(self) -> int:
        """The length of the prompt the current line was typed at (the `^` marker's offset)."""
        if self._prompt_len is None:
            self._prompt_len = len(self._prompt_in(self._typed_state))
        return self._prompt_len

    @prompt_len.setter
    def prompt_len(self, n: int) -> None:
        self._prompt_len = n

    def take_busy_ms(self) -> int:
        """The virtual time the commands run since the last call took; the front end moves the
        lab clock by it (design.md: time moves with @wait and with what a command takes)."""
        ms, self.busy_ms = self.busy_ms, 0
        return ms

    def question_pending(self) -> bool:
        """A question (confirmation, file name, password) is waiting for its answer."""
        return self.question is not None

    def expects_secret(self) -> bool:
        return self.question is not None and self.question.secret

    def help(self, line: str) -> list[str]:
        """What `?` prints after `line`: the words that may follow (with their help), or after
        a partial word the words it can complete to."""
        if not self.unit.up or self.unit.shutting_down or self.question is not None:
            return []
        self._check_context()
        bad = refused_column(line)
        if bad is not None:
            return self._refuse(bad)
        try:
            items, partial = help_items(self.state.mode, line, self._choices)
        except CommandError as exc:
            self.prompt_len = len(self.prompt())
            return self.error_lines(exc, line)
        sub = modes.submode_name(self.state.mode)
        first_word = not line.split() or (len(line.split()) == 1 and not line[-1].isspace())
        if sub is not None and first_word:
            # at the start of a line a sub-mode lists its own commands only
            own = modes.own_first_words(self.state.mode)
            items = [i for i in items if i.word in own]
            items = [HelpItem(i.word, f"Exit from {sub} configuration mode") if i.word == "exit" else
                     HelpItem(i.word, f"Help for {sub} configuration commands") if i.word == "help" else i
                     for i in items]
        if partial:
            return ["  ".join(i.word for i in items)] if items else [messages.UNRECOGNIZED]
        width = max((len(i.word) for i in items if i.text), default=0)
        return [f"  {i.word.ljust(width)}  {i.text}".rstrip() for i in items]

    def complete(self, line: str) -> list[str]:
        """Tab: the words the last (partial) word of `line` can complete to."""
        if (not self.unit.up or self.unit.shutting_down or self.question is not None
                or refused_column(line) is not None):
            return []
        self._check_context()
        return completions(self.state.mode, line, self._choices)

    def _choices(self, terminal: str, typed: list[str]) -> list[HelpItem] | None:
        """The words an argument can be on this unit now (device/choices.py)."""
        return choices(self, terminal, typed)

    def _check_context(self) -> None:
        """A session inside a context that was removed (`no context`) is back in the system."""
        ctx = self.state.context
        if ctx is not None and ctx not in self.unit.ctx:
            level = "sys_user" if self.state.mode.endswith("_user") else "sys_exec"
            self.state = ModeState(level, None, None)

    def pager_lines(self) -> int:
        return self.pager

    def take_messages(self) -> list[str]:
        return self.unit.take_messages() if self.kind == "console" else []

    def closed(self) -> bool:
        # an SSH session ends with the reload it confirmed (its last lines are the shutdown's);
        # the serial console stays, and shows the boot
        return self.is_closed or (self.kind == "ssh" and self.unit.shutting_down)

    # ------------------------------------------------------------------ running
    async def execute_async(self, line: str) -> list[str]:
        """`execute` for the front ends that serve many users on one event loop (SSH, telnet):
        an output filter runs over the command's lines in chunks, giving the loop to the
        other sessions between them (the engine is not thread-safe: no thread may do it)."""
        import asyncio

        self._filter_later, self._filter_pending = True, None
        try:
            out = self.execute(line)
        finally:
            self._filter_later = False
        flt, self._filter_pending = self._filter_pending, None
        if flt is None:
            return out
        kept: list[str] = []
        for part in filter_chunks(flt, out):
            kept += part
            await asyncio.sleep(0)
        return kept

    def execute(self, line: str, rendered: bool = False) -> list[str]:
        """Run one line; return what the unit prints in reply.  `rendered`: a line of a
        configuration a unit rendered of its own (a sync's copy, run_rendered), in a batch
        session: the lines come in the order the running-config writes them, so a sub-mode's
        object was made by the line that entered it (not looked up again), and nothing reads
        derived data between two lines (the configuration is marked touched after the
        handler only)."""
        if not self.unit.up or self.unit.shutting_down:
            return []
        text = line.rstrip("\r\n")
        bad = refused_column(text)
        if bad is not None:
            return self._refuse(bad)
        if self.question is not None:
            return self._answer(text)
        st = self._state
        if st.context is not None and st.context not in self.unit.ctx:
            self._check_context()       # the context was removed: back to the system
            st = self._state
        typed_at = st
        if st.target is not None and not rendered and not target_exists(self.unit, st):
            self.state = st = config_mode_of(st)    # its object is gone (another session...)
        stripped = text.strip()
        if not stripped or stripped[0] in "!:":
            return []
        if not self.batch:
            self.history.append(stripped)
            # `show users`: the session's idle time counts from its last command
            self.last_ms = self.unit.clock.now
            if self.ssh_record is not None:
                self.ssh_record.last_ms = self.last_ms
        # the prompt the line was typed at, measured only if a `^` marker needs it
        self._prompt_len = None
        self._typed_state = typed_at
        try:
            parsed = parse_line(st.mode, text)
        except CommandError as exc:
            return self.error_lines(exc, text)
        return self._run(parsed, text, rendered)

    def _refuse(self, col: int) -> list[str]:
        """A line the command line does not accept at all (syntax/limits.py): the `^` marker
        at the column; a pending question is abandoned, its command failed."""
        self.prompt_len = len(self.prompt().rsplit("\n", 1)[-1])
        if self.question is not None:
            if self.question.cmd is not None:
                self.question.cmd.failed = True
            self.question = None
        return [messages.caret_line(self.prompt_len + col), messages.INVALID_INPUT]

    def _answer(self, line: str) -> list[str]:
        """The line answers the pending question; the command that asked it completes (or asks
        again) and is then replicated like any other."""
        assert self.question is not None
        q, self.question = self.question, None
        cmd = q.cmd
        out: list[str] = []
        printed = len(cmd.out) if cmd is not None else 0
        self.current = cmd
        try:
            q.then(line.strip(), out)
        except Abort:
            if cmd is not None:
                cmd.failed = True
        self.unit.spaces.config_touched()      # an answer may complete a change (`clear configure`)
        if cmd is None:
            return out
        out += cmd.out[printed:]        # what the command printed while answering (cmd.error)
        if cmd.failed:
            return out
        if self.question is not None:
            self.question.cmd = cmd     # a further question: finish later
        elif not self.batch and self.unit.events is not None:
            self.unit.events.after_command(cmd)
        return out

    def run_parsed(self, parsed: Parsed, line: str) -> list[str]:
        """Run a line parsed already (failover exec parses it for its own checks first)."""
        return self._run(parsed, line)

    def _run(self, parsed: Parsed, line: str, rendered: bool = False) -> list[str]:
        rule = parsed.rule
        pre_state = self._state
        if pre_state.mode not in modes.TOP_MODES:
            self._drop_to_owner(rule)
        owner_state = self._state
        cmd = Command(self, rule, None, line, pre_state, parsed)
        fn = HANDLERS.get(rule)
        self.current = cmd
        if fn is None:   # in the grammar but not emulated: say so the ASA way
            return [messages.caret_line(self.prompt_len), messages.INVALID_INPUT]
        unit = self.unit
        touches = _TOUCHES.get(rule)
        if touches is None:
            touches = _touches(rule)
        # a command typed in a context changes that context only, never the system space
        # (nor another context)
        space = owner_state.context
        # a system-space command in a port's or a context's mode watches what it may change
        # that the contexts read (device/system_inputs.py), from before the handler runs
        # (a rendered line too: the watch's first look is the before call's one cost)
        watch = (watch_for(unit.spaces, rule, owner_state.mode, owner_state.target)
                 if touches and space is None else None)
        if touches and (watch is not None or not rendered):
            unit.spaces.config_touched(space, watch)
        try:
            fn(cmd)
        except Abort:
            cmd.failed = True
            if self._state is owner_state:   # not moved by the handler (`enter` makes a new state)
                self.state = pre_state       # a rejected line leaves the session where it was
        if touches:
            unit.spaces.config_touched(space, watch)    # also after: the handler may have read derived data
        if self.question is not None:
            self.question.cmd = cmd          # the command completes when answered
        elif not cmd.failed and not self.batch and unit.events is not None:
            unit.events.after_command(cmd)
        if parsed.has_filter:
            flt = parsed.filter
            assert flt is not None
            if self._filter_later:
                self._filter_pending = flt      # execute_async filters, in chunks
                return cmd.out
            return apply_filter(flt, cmd.out)
        return cmd.out

    def _drop_to_owner(self, rule: str) -> None:
        """A parent-mode command typed in a sub-mode runs in (and returns to) that parent."""
        key = (self._state.mode, rule)
        owner = _OWNER.get(key)
        if owner is None:
            owner = _OWNER[key] = _owner_mode(*key)
        if owner != key[0]:
            self.state = ModeState(owner, self._state.context, None)

    def error_lines(self, exc: CommandError, line: str) -> list[str]:
        if exc.kind == "incomplete":
            return [messages.INCOMPLETE]
        if exc.kind == "ambiguous":
            return [messages.ambiguous(line.strip())]
        return [messages.caret_line(self.prompt_len + exc.col), messages.INVALID_INPUT]

    # ------------------------------------------------------------------ helpers for handlers
    def enter(self, mode: str, context: str | None = None, target: str | int | None = None,
              keep_context: bool = True) -> None:
        ctx = self.state.context if keep_context and context is None else context
        self.state = ModeState(mode, ctx, target)

    def log_off(self) -> None:
        """The serial console's idle timeout (`console timeout`): back at the user prompt of the
        system space, as `exit` from EXEC leaves it; a pending question is dropped."""
        self.question = None
        self.login_user = None
        self.enter("sys_user", context=None, keep_context=False)

    def ask(self, prompt: str, then: Answer, secret: bool = False, default: str = "") -> None:
        """Ask a question; the next line typed is the answer.  Batch sessions take `default`."""
        if self.batch:
            out: list[str] = self.current.out if self.current is not None else []
            then(default, out)
            return
        self.question = Question(prompt, then, secret)

    def run_lines(self, lines: list[str], rendered: bool = False) -> list[str]:
        """Run configuration lines (a file, a sync, a replica); return the error lines.
        `rendered`: a configuration a unit rendered of its own (see execute)."""
        errors: list[str] = []
        execute = self.execute
        for line in lines:
            out = execute(line, rendered)
            if out:
                errors.extend(out)
        return errors

    def run_rendered(self, lines: list[str]) -> list[str]:
        """A sync's copy: `lines` rendered by the mate, run in this batch session."""
        assert self.batch
        return self.run_lines(lines, rendered=True)


def config_mode_of(st: ModeState) -> ModeState:
    """The configuration mode a sub-mode belongs to (where its object was created)."""
    mode = st.mode
    while not mode.endswith("_config") and (up := modes.parent(mode)) is not None:
        mode = up
    return ModeState(mode, st.context, None)


def _owner_mode(mode: str, rule: str) -> str:
    """The mode a command typed in `mode` runs in: a parent-mode command typed in a sub-mode
    runs in that parent."""
    while (up := modes.parent(mode)) is not None and mode not in modes.TOP_MODES:
        if rule in modes.own_rules(mode) or rule not in modes.config_rules():
            return mode
        mode = up
    return mode


_OWNER: dict[tuple[str, str], str] = {}     # (mode, rule) -> _owner_mode: bounded by the grammar
