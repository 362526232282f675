"""A trainee's console session: the unit's serial console as the telnet consoles give it
(frontends/telnet's ConsoleLogin: `aaa authentication serial console` asks for a login), with
the exercise's `@` lines on top: `@task`, `@check` and the directives the exercise allows,
as in the lab terminal.  `@quit` leaves (the connection closes); `@console` is the other port."""

from __future__ import annotations

from collections.abc import Callable

from ..frontends.control.control import DirectiveConsole
from ..frontends.line.completer import directive_candidates
from ..frontends.telnet.telnet import ConsoleLogin
from ..lab.directives import USAGE, parse
from ..lab.lab import Lab

# the emulator's words (no ASA prints these)
OTHER_PORT = "% @console: this port is {unit}'s console; the other unit's console is another port"
NOT_HERE = "% @{name}: not on a classroom console"


class TraineeConsole:
    """ConsoleLogin, and the exercise's directives (`on_check` is told each `@check`)."""

    def __init__(self, lab: Lab, login: ConsoleLogin, on_check: Callable[[], None]) -> None:
        self._lab = lab
        self._login = login
        self._on_check = on_check
        self._closed = False

    @property
    def unit_name(self) -> str:
        return self._login.unit_name

    def _directive_line(self, line: str) -> bool:
        return line.lstrip().startswith("@") and not self._login.expects_secret()

    async def execute_async(self, line: str) -> list[str]:
        if not self._directive_line(line):
            return await self._login.execute_async(line)
        try:
            name, args = parse(line)
        except ValueError as exc:
            return [f"% {exc}"]
        if name == "wait" and self._allows(name):
            # in slices, the other trainees' consoles served between them
            return await DirectiveConsole(self._lab).execute_async(line)
        return self.execute(line)

    def _allows(self, name: str) -> bool:
        hook = self._lab.exercise
        return hook is None or hook.allows(name)

    def execute(self, line: str) -> list[str]:
        if not self._directive_line(line):
            return self._login.execute(line)
        try:
            name, args = parse(line)
            if name == "quit" and not args:
                self._closed = True
                return []
            if name == "console":
                return [OTHER_PORT.format(unit=self.unit_name)]
            if name in ("lab", "exercise"):
                return [NOT_HERE.format(name=name)]
            if name == "help" and not args:
                return self._help_lines()
            out = self._lab.directive(line)
        except ValueError as exc:       # LabError
            return [f"% {exc}"]
        if name == "check":
            self._on_check()
        return out

    def _help_lines(self) -> list[str]:
        from ..lab.directives import help_lines
        return [line for line in help_lines()
                if self._shown(line.split()[0][1:])]

    def _shown(self, name: str) -> bool:
        return name not in ("lab", "exercise", "console") and self._allows(name)

    def expects_secret(self) -> bool:
        return self._login.expects_secret()

    def prompt(self) -> str:
        return self._login.prompt()

    def help(self, line: str) -> list[str]:
        if line.startswith("@"):
            return self._help_lines()
        return self._login.help(line)

    def complete(self, line: str) -> list[str]:
        found = directive_candidates(line)
        if found is not None:
            return [n for n in found if n[1:] in USAGE and self._shown(n[1:])]
        return self._login.complete(line)

    def pager_lines(self) -> int:
        return self._login.pager_lines()

    def take_messages(self) -> list[str]:
        return self._login.take_messages()

    def closed(self) -> bool:
        return self._closed
