"""The lab terminal: a person at the units' serial consoles.

One prompt_toolkit prompt per unit console (own history), `?` help on the keystroke, Tab completion,
`<--- More --->` paging, `@` lab directives, F2 to switch consoles, and the lab clock in real time.
Everything the screen keeps goes through one text stream, so the stream reads like a transcript.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import Callable
from typing import Any, TextIO

from prompt_toolkit import PromptSession
from prompt_toolkit.application import Application
from prompt_toolkit.history import InMemoryHistory

from asa_emulator.console import Console, LabHandle
from asa_emulator.device.messages import PASSWORD_ECHO_CHAR
from asa_emulator.terminal.clock import RealTimeClock
from asa_emulator.terminal.keys import KeyCommand, console_key_bindings
from asa_emulator.terminal.pager import ask_more, paginate


class _ConsoleHistory(InMemoryHistory):
    """A console's history; answers to password prompts are never kept."""

    def __init__(self, secret: Callable[[], bool]) -> None:
        super().__init__()
        self._secret = secret

    def append_string(self, string: str) -> None:
        if not self._secret():
            super().append_string(string)


class LabTerminal:
    """The terminal on the current prompt_toolkit app session (stdin/stdout unless overridden).

    `stream` receives all the text the screen keeps; `realtime=False` leaves the clock alone."""

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
        self._sessions: dict[str, PromptSession[str | KeyCommand]] = {}
        self._bindings = console_key_bindings(self)

    # -- what the key bindings use (keys.KeyHost)

    def console(self) -> Console:
        return self._lab.console(self._unit)

    def other_unit(self) -> str | None:
        for unit in self._lab.unit_names:
            if unit != self._unit and not self._lab.console(unit).closed():
                return unit
        return None

    def print_above(self, app: Application[Any], lines: list[str]) -> None:
        # Done synchronously (not with run_in_terminal) so the text lands before any key that is
        # already queued behind this one is handled.
        app.renderer.erase(leave_alternate_screen=False)
        self._write_lines(lines)
        app.renderer.request_absolute_cursor_position()
        app.invalidate()

    # -- running

    @property
    def waiting_for_input(self) -> bool:
        """True while the current console's prompt is on the screen."""
        session = self._sessions.get(self._unit)
        return session is not None and session.app.is_running

    def show_messages(self) -> None:
        """Print the current console's new messages above its prompt, if it is waiting for input."""
        if self.waiting_for_input:
            messages = self.console().take_messages()
            if messages:
                self.print_above(self._sessions[self._unit].app, messages)

    async def run(self) -> int:
        """Run until Ctrl-D or until every console is closed; the exit status."""
        clock = None
        if self._clock is not None:
            clock = asyncio.create_task(self._clock.run(after_tick=self.show_messages))
        try:
            return await self._read_eval_loop()
        finally:
            if clock is not None:
                clock.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await clock

    async def _read_eval_loop(self) -> int:
        while True:
            console = self.console()
            self._write_lines(console.take_messages())
            prompt = console.prompt()
            secret = console.expects_secret()
            try:
                answer = await self._session().prompt_async(prompt, is_password=secret)
            except EOFError:
                return 0
            if isinstance(answer, KeyCommand):
                self._write_lines([answer.echo])
                line, secret = answer.line, False
            else:
                line = answer
                self._write_lines([prompt + (PASSWORD_ECHO_CHAR * len(line) if secret else line)])
            if not secret and line.startswith("@"):
                self._directive(line)
            else:
                await paginate(console.execute(line), console.pager_lines(), self._write_lines, ask_more)
            if self.console().closed():
                other = self.other_unit()
                if other is not None:
                    self._write_lines([f"@console {other}"])
                    self._directive(f"@console {other}")
                if self.console().closed():
                    return 0

    def _session(self) -> PromptSession[str | KeyCommand]:
        session = self._sessions.get(self._unit)
        if session is None:
            session = PromptSession(
                history=_ConsoleHistory(lambda: self.console().expects_secret()),
                key_bindings=self._bindings,
                erase_when_done=True,  # the line is written to the stream instead (see _read_eval_loop)
            )
            self._sessions[self._unit] = session
        return session

    def _directive(self, line: str) -> None:
        try:
            output = self._lab.directive(line)
        except ValueError as exc:  # the engine's LabError is a ValueError
            self._write_lines([str(exc)])
            return
        self._write_lines(output)
        words = line.split()
        if words[0] == "@console" and len(words) == 2 and words[1] in self._lab.unit_names:
            self._unit = words[1]

    def _write_lines(self, lines: list[str]) -> None:
        if lines:
            self._stream.write("".join(line + "\n" for line in lines))
            self._stream.flush()


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
