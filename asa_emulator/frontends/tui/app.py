"""The lab terminal: a person at the units' serial consoles.

One console typed at at a time (F2 or `@console` switches), each with its own history; `?` help
on the keystroke, Tab completion, `<--- More --->` paging, `@` lab directives, a bottom toolbar,
the lab clock in real time.  F3 shows both consoles at once (split.py); a paste runs line by line.
In the single view everything the screen keeps goes through one text stream, so the stream reads
like a transcript.  Keys are in keys.py, the toolbar's text in toolbar.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import sys
from collections import deque
from collections.abc import Callable
from typing import Any, TextIO, TypeVar

from prompt_toolkit import PromptSession
from prompt_toolkit.application import Application
from prompt_toolkit.history import InMemoryHistory

from asa_emulator.console import Console, LabHandle
from asa_emulator.device.messages import PASSWORD_ECHO_CHAR
from asa_emulator.frontends.clock import RealTimeClock
from asa_emulator.frontends.line.completer import directive_candidates
from asa_emulator.frontends.line.pager import MoreAction, paginate
from asa_emulator.frontends.tui.cpr import quiet_cpr
from asa_emulator.frontends.tui.keys import (
    QUIT_LINE,
    Keep,
    KeyCommand,
    KeyResult,
    console_key_bindings,
    quiet_filter,
)
from asa_emulator.frontends.tui.more import ask_more
from asa_emulator.frontends.tui.split import SplitView
from asa_emulator.frontends.tui.toolbar import toolbar_lines
from asa_emulator.lab.directives import parse as parse_directive

SCREEN_LINES = 2000     # what a pane of the split view keeps of its console
LEAVE_QUESTION = "Leave the lab anyway? [y/N]: "
VIEWS = ("single", "side by side", "one above the other")
T = TypeVar("T")


class _ConsoleHistory(InMemoryHistory):
    """A console's history; answers to password prompts and to the terminal's questions are
    never kept."""

    def __init__(self, secret: Any) -> None:
        super().__init__()
        self._secret = secret

    def append_string(self, string: str) -> None:
        if not self._secret():
            super().append_string(string)


class LabTerminal:
    """The terminal on the current prompt_toolkit app session (stdin/stdout unless overridden).

    `stream` receives all the text the single view keeps; `realtime=False` leaves the clock alone."""

    def __init__(
        self,
        lab: LabHandle,
        first_unit: str | None = None,
        *,
        stream: TextIO | None = None,
        realtime: bool = True,
    ) -> None:
        unit = first_unit if first_unit is not None else lab.unit_names[0]
        if unit not in lab.unit_names:
            raise ValueError(f"no unit named '{unit}' in this lab ({', '.join(lab.unit_names)})")
        self._lab = lab
        self._unit = unit
        self._stream = stream if stream is not None else sys.stdout
        self._clock = RealTimeClock(lab) if realtime else None
        self._asking = False                # the terminal's own question is on the screen
        self._histories = {u: _ConsoleHistory(functools.partial(self._no_history, u))
                           for u in lab.unit_names}
        self._sessions: dict[str, PromptSession[str | KeyResult]] = {}
        self._bindings = console_key_bindings(self)
        self._quiet = quiet_filter(self)     # the typed line's buffer is read-only under it
        self._pending: deque[str] = deque()  # pasted lines still to run
        self._typed = ""                     # what stays typed at the next prompt
        self._shown: tuple[Console, str, bool] | None = None   # console, prompt, secret on screen
        self._screens: dict[str, deque[str]] = {u: deque(maxlen=SCREEN_LINES) for u in lab.unit_names}
        self._written = dict.fromkeys(lab.unit_names, 0)
        self.view = 0                        # index in VIEWS
        self._split: SplitView | None = None
        self._split_task: asyncio.Task[None] | None = None
        self._split_marks: dict[str, int] = {}
        self._last_toolbar: list[str] = []

    # -- what the key bindings use (keys.KeyHost)

    def console(self) -> Console:
        return self._lab.console(self._unit)

    def prompt(self) -> str:
        return self._shown[1] if self._shown else ""

    def secret(self) -> bool:
        return self._shown[2] if self._shown else False

    def silent(self) -> bool:
        # a down unit's session has no prompt (Session.prompt); a question always has one
        return self._shown is not None and not self._shown[1]

    def help_for(self, line: str) -> list[str]:
        if line.startswith("@"):
            from asa_emulator.lab.directives import help_lines
            return help_lines()
        return self.console().help(line)

    def candidates(self, line: str) -> list[str]:
        directives = directive_candidates(line)
        return directives if directives is not None else self.console().complete(line)

    def other_unit(self) -> str | None:
        for unit in self._lab.unit_names:
            if unit != self._unit and not self._lab.console(unit).closed():
                return unit
        return None

    def print_above(self, app: Application[Any], lines: list[str]) -> None:
        if self._split is not None:
            self._write(self._unit, lines)
            return
        # Done synchronously (not with run_in_terminal) so the text lands before any key that is
        # already queued behind this one is handled.
        app.renderer.erase(leave_alternate_screen=False)
        self._write(self._unit, lines)
        app.renderer.request_absolute_cursor_position()
        app.invalidate()

    def finish(self, app: Application[Any], result: KeyResult) -> None:
        if self._split is not None:
            self._split.push(result)
        elif app.is_running and app.future is not None and not app.future.done():
            app.exit(result=result)

    def paste(self, lines: list[str]) -> None:
        self._pending.extend(lines)

    def toggle_split(self) -> None:
        self.view = (self.view + 1) % len(VIEWS)
        if not self.view and self._split is not None:
            _stop(self._split.app)  # now: keys typed after F3 go to the single view

    # -- what tests and the toolbar read

    def toolbar(self) -> list[str]:
        lines = toolbar_lines(self._lab.summary(), self._unit)
        progress = getattr(getattr(self._lab, "exercise", None), "progress", None)
        if progress is not None:        # `exercise start`: the last @check's score, where the keys were
            lines[1] = lines[1].rsplit(" | ", 1)[0] + " | " + progress()
        return lines

    def screen(self, unit: str) -> list[str]:
        """The last lines of `unit`'s console (what its pane of the split view shows)."""
        return list(self._screens[unit])

    @property
    def waiting_for_input(self) -> bool:
        """True while the current console's prompt is on the screen."""
        if self._shown is None:
            return False
        if self._split is not None:
            return self._split.app.is_running
        session = self._sessions.get(self._unit)
        return session is not None and session.app.is_running

    def show_messages(self) -> None:
        """After a clock tick: the consoles' new messages, a prompt that changed (the unit
        reloaded, failed over), the toolbar's clock."""
        if self._split is not None:
            for unit in self._lab.unit_names:
                self._write(unit, self._lab.console(unit).take_messages())
            if self.waiting_for_input and self._prompt_changed():
                self._split.push(Keep(self._split.buffers[self._unit].text))
            if self._toolbar_changed():
                self._split.app.invalidate()
            return
        if not self.waiting_for_input:
            return
        app = self._sessions[self._unit].app
        messages = self.console().take_messages()
        if messages:
            self.print_above(app, messages)
        if self._prompt_changed():
            self.finish(app, Keep(app.current_buffer.text))
        elif self._toolbar_changed():
            app.invalidate()

    def _toolbar_changed(self) -> bool:
        """Redraw only when the toolbar (the clock's second, a state) changed: a redraw costs
        the terminal a screenful of escape sequences."""
        now = self.toolbar()
        changed, self._last_toolbar = now != self._last_toolbar, now
        return changed

    def _prompt_changed(self) -> bool:
        if self._shown is None or self._asking:
            return False
        console, prompt, secret = self._shown
        now = self.console()
        return now is not console or now.prompt() != prompt or now.expects_secret() != secret

    # -- running

    async def run(self) -> int:
        """Run until `@quit` (or Ctrl-Q) or until every console is closed; the exit status."""
        clock = None
        if self._clock is not None:
            # the toolbar shows the clock's seconds: woken for each, besides the lab's events
            clock = asyncio.create_task(self._clock.run(self.show_messages, self._clock.to_next_second))
        try:
            return await self._read_eval_loop()
        finally:
            if clock is not None:
                clock.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await clock
            self.view = 0
            await self._apply_view()

    async def _read_eval_loop(self) -> int:
        while True:
            await self._apply_view()
            unit = self._unit
            console = self.console()
            self._write(unit, console.take_messages())
            prompt = console.prompt()
            secret = console.expects_secret()
            if self._pending:
                answer: str | KeyResult = self._pending.popleft()
            else:
                try:
                    answer = await self._read(prompt, secret)
                except EOFError:
                    return 0
            if isinstance(answer, Keep):
                self._typed = answer.text
                continue
            if isinstance(answer, KeyCommand):
                self._write(unit, [answer.echo])
                line, secret = answer.line, False
            else:
                line = answer
                self._write(unit, [prompt + (PASSWORD_ECHO_CHAR * len(line) if secret else line)])
            if not secret and _is_quit(line):
                if await self._may_leave():
                    return 0
            elif not secret and line.startswith("@"):
                self._paced(functools.partial(self._directive, line))
            else:
                console = self.console()    # a reload replaced the session since the prompt
                out = self._paced(functools.partial(console.execute, line))
                await paginate(out, console.pager_lines(), functools.partial(self._write, unit),
                               self._ask_more)
            if self.console().closed():
                other = self.other_unit()
                if other is not None:
                    self._write(self._unit, [f"@console {other}"])
                    self._directive(f"@console {other}")
                if self.console().closed():
                    return 0

    async def _read(self, prompt: str, secret: bool) -> str | KeyResult:
        """One line typed at the current console (or what a key did instead)."""
        typed, self._typed = self._typed, ""
        self._shown = (self.console(), prompt, secret)
        try:
            if self._split is not None:
                buffer = self._split.buffers[self._unit]
                if typed:
                    buffer.text = typed
                    buffer.cursor_position = len(typed)
                answer = await self._split.read_line()
                return answer if isinstance(answer, str | KeyCommand | Keep) else Keep(typed)
            return await self._session().prompt_async(prompt, is_password=secret, default=typed)
        finally:
            self._shown = None

    async def _ask_more(self) -> MoreAction:
        if self._split is not None:
            return await self._split.read_more()
        return await ask_more()

    async def _may_leave(self) -> bool:
        """`@quit`: leave, after asking when a unit has configuration changes not saved."""
        unsaved = self._lab.unsaved()
        if not unsaved:
            return True
        self._write(self._unit, ["Configuration not saved (write memory saves it):",
                                 *(f"  {entry}" for entry in unsaved)])
        self._asking = True
        try:
            answer = await self._read(LEAVE_QUESTION, False)
        finally:
            self._asking = False
        text = answer.line if isinstance(answer, KeyCommand) else answer if isinstance(answer, str) else ""
        self._write(self._unit, [LEAVE_QUESTION + text])
        return text.strip().lower() in ("y", "yes", QUIT_LINE)

    def _session(self) -> PromptSession[str | KeyResult]:
        session = self._sessions.get(self._unit)
        if session is None:
            session = PromptSession(
                history=self._histories[self._unit],
                key_bindings=self._bindings,
                erase_when_done=True,  # the line is written to the stream instead (see _read_eval_loop)
                bottom_toolbar=lambda: "\n".join(self.toolbar()),
            )
            session.default_buffer.read_only = self._quiet
            quiet_cpr(session.app)
            self._sessions[self._unit] = session
        return session

    def _no_history(self, unit: str) -> bool:
        return self._asking or self._lab.console(unit).expects_secret()

    async def _apply_view(self) -> None:
        """Open, rearrange or close the split view as F3 asked."""
        if self.view and self._split is None:
            self._split = SplitView(
                self._lab.unit_names, dict(self._histories), self._bindings,
                current=lambda: self._unit, lines=self.screen, prompt=self.prompt,
                secret=self.secret, toolbar=self.toolbar, read_only=self._quiet)
            self._split_marks = dict(self._written)
            self._split_task = asyncio.create_task(self._split.app.run_async())
        if self._split is not None and self.view:
            self._split.side_by_side = VIEWS[self.view] == "side by side"
        elif self._split is not None:
            split, task, self._split, self._split_task = self._split, self._split_task, None, None
            _stop(split.app)
            if task is not None:
                await task
            # the single view goes on from what its console printed meanwhile
            new = self._written[self._unit] - self._split_marks.get(self._unit, 0)
            self._emit(self.screen(self._unit)[-new:] if new > 0 else [])

    def _paced(self, run: Callable[[], T]) -> T:
        """A line run with the real-time clock caught up before and told after (it sleeps
        until the lab's next event: frontends/line/pace.py)."""
        if self._clock is None:
            return run()
        self._clock.catch_up()
        try:
            return run()
        finally:
            self._clock.ran()

    def _directive(self, line: str) -> None:
        try:
            output = self._lab.directive(line)
        except ValueError as exc:  # the engine's LabError is a ValueError
            self._write(self._unit, [str(exc)])
            return
        self._write(self._unit, output)
        name, args = parse_directive(line)      # the directive ran: it parses
        if name == "console" and len(args) == 1 and args[0] in self._lab.unit_names:
            self._unit = args[0]

    def _write(self, unit: str, lines: list[str]) -> None:
        if not lines:
            return
        self._screens[unit].extend(lines)
        self._written[unit] += len(lines)
        if self._split is not None:
            self._split.app.invalidate()
        elif unit == self._unit:
            self._emit(lines)

    def _emit(self, lines: list[str]) -> None:
        if lines:
            self._stream.write("".join(line + "\n" for line in lines))
            self._stream.flush()


def _stop(app: Application[Any]) -> None:
    if app.is_running and app.future is not None and not app.future.done():
        app.exit()


def run_terminal(lab: LabHandle, first_unit: str | None = None) -> int:
    """The interactive lab terminal on stdin/stdout; the exit status."""
    try:
        terminal = LabTerminal(lab, first_unit)
    except ValueError as exc:
        print(f"asa-emulator: {exc}", file=sys.stderr)
        return 2
    try:
        return asyncio.run(terminal.run())
    except KeyboardInterrupt:
        return 130


def _is_quit(line: str) -> bool:
    """`@quit` however it is spelt (`@QUIT`, `@"quit"`): the lab's reading of the line, as
    `run` and the control port read it; the terminal asks about unsaved work first."""
    if not line.lstrip().startswith("@"):
        return False
    try:
        return parse_directive(line) == ("quit", [])
    except ValueError:          # bad quoting: the directive reports it
        return False
