"""The lab-control port (`serve --lab-control`): the `@` directives over SSH, for automation
that injects a failure and watches the units' SSH sessions see it.

One directive per line, at the prompt `lab> `; the reply is what the script runner prints for
it (nothing for most directives, the table for `@status`); a bad directive is one line
`% <message>`; `@quit` closes the channel.  An exec channel (`ssh -p PORT+2 host '@status'`)
runs one directive and exits 1 on an error.  Lines are read as the lab reads them
(lab/directives.py `parse`).  `@wait` moves the virtual clock in slices of work, giving the
event loop to the SSH sessions and consoles between them.  Off by default: a real ASA never
accepts `@` lines.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from asa_emulator.console import LabHandle
from asa_emulator.lab.directives import NOT_AT, help_lines, parse, wait_ms, works_at

PROMPT = "lab> "
# events run (hello ticks, timers) between two turns of the event loop during `@wait`: a
# slice is work, not virtual time (quiet ticks are skipped, so an hour may cost nothing)
WAIT_SLICE_EVENTS = 100
NOT_A_DIRECTIVE = "% not a directive: {line} (a line here begins with @; @help lists them)"


class DirectiveConsole:
    """The control port as a Console: lines are `@` directives for the lab."""

    unit_name = "lab"

    def __init__(self, lab: LabHandle, gone: Callable[[], bool] = lambda: False) -> None:
        self._lab = lab
        self._closed = False
        # the client's channel closed: a long `@wait` stops at the next slice instead of
        # moving the lab's clock on, and holding the loop's turns, for nobody
        self._gone = gone

    def prompt(self) -> str:
        return PROMPT

    async def execute_async(self, line: str) -> list[str]:
        text = line.strip()
        if not text.startswith("@"):
            return self.execute(line)
        try:
            # the lab's own reading of the line (lab/directives.py), whatever its spelling
            name, args = parse(text)
            if name != "wait":
                return self.execute(line)
            ms = wait_ms(args)
        except ValueError as exc:       # the engine's LabError is a ValueError
            return [f"% {exc}"]
        while ms > 0 and not self._gone():
            ms -= self._lab.advance_some(ms, WAIT_SLICE_EVENTS)
            await asyncio.sleep(0)      # the SSH sessions and consoles get their turn
        return []

    def execute(self, line: str) -> list[str]:
        text = line.strip()
        if not text:
            return []
        if not text.startswith("@"):
            return [NOT_A_DIRECTIVE.format(line=text)]
        try:
            name, args = parse(text)
            if name == "quit" and not args:
                self._closed = True
                return []
            if name == "help" and not args:
                return help_lines("control")
            if not works_at(name, "control"):
                return [f"% {NOT_AT[name]['control']}"]
            return self._lab.directive(text)
        except ValueError as exc:
            return [f"% {exc}"]

    def expects_secret(self) -> bool:
        return False

    def help(self, line: str) -> list[str]:
        return help_lines("control")

    def complete(self, line: str) -> list[str]:
        from asa_emulator.frontends.line.completer import directive_candidates
        return directive_candidates(line) or []

    def pager_lines(self) -> int:
        return 0

    def take_messages(self) -> list[str]:
        return []

    def closed(self) -> bool:
        return self._closed
