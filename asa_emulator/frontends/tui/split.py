"""The split view: both consoles on one full screen, side by side or one above the other, so a
trainee watches both units of a failover.  Layout only: keys come from keys.py, the text of each
pane and the prompt from the terminal (app.py)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Any

from prompt_toolkit.application import Application
from prompt_toolkit.buffer import Buffer
from prompt_toolkit.data_structures import Point
from prompt_toolkit.filters import Condition, Filter
from prompt_toolkit.history import History
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent, merge_key_bindings
from prompt_toolkit.layout import (
    ConditionalContainer,
    DynamicContainer,
    HSplit,
    Layout,
    VSplit,
    Window,
)
from prompt_toolkit.layout.containers import AnyContainer
from prompt_toolkit.layout.controls import BufferControl, FormattedTextControl
from prompt_toolkit.layout.processors import BeforeInput, ConditionalProcessor, PasswordProcessor

from asa_emulator.device.messages import MORE_PROMPT
from asa_emulator.frontends.line.pager import MoreAction, more_action
from asa_emulator.frontends.tui.cpr import quiet_cpr

Event = str | MoreAction | object   # a typed line, a More answer, or a keys.KeyResult


class SplitView:
    """Both panes; `current()` names the unit typed at, `lines(unit)` what its pane shows."""

    def __init__(self, units: Sequence[str], histories: dict[str, History], bindings: KeyBindings,
                 current: Callable[[], str], lines: Callable[[str], list[str]],
                 prompt: Callable[[], str], secret: Callable[[], bool],
                 toolbar: Callable[[], list[str]], read_only: Filter,
                 side_by_side: bool = True) -> None:
        self._current = current
        self._lines = lines
        self._prompt = prompt
        self._toolbar = toolbar
        self.side_by_side = side_by_side
        self._events: asyncio.Queue[Event] = asyncio.Queue()
        self._more = False
        self.buffers = {u: Buffer(history=histories[u], multiline=False, read_only=read_only,
                                  accept_handler=self._accept) for u in units}
        self._inputs = {u: self._input(u, secret) for u in units}
        panes = [self._pane(u) for u in units]
        beside = VSplit(_between(panes, Window(width=1, char="|")))
        above = HSplit(_between(panes, Window(height=1, char="-")))
        body = DynamicContainer(lambda: beside if self.side_by_side else above)
        bar = Window(FormattedTextControl(lambda: "\n".join(self._toolbar())), height=2,
                     style="reverse")
        self.app: Application[None] = Application(
            layout=Layout(HSplit([body, bar]), focused_element=self._inputs[current()]),
            key_bindings=merge_key_bindings([bindings, self._more_bindings()]),
            full_screen=True,
        )
        quiet_cpr(self.app)

    # -- what the terminal uses

    def push(self, event: Event) -> None:
        """End the current read with `event`."""
        self._events.put_nowait(event)

    async def read_line(self) -> Event:
        self._more = False
        self.refocus()
        return await self._events.get()

    async def read_more(self) -> MoreAction:
        self._more = True
        self.app.invalidate()
        try:
            while True:
                event = await self._events.get()
                if event in ("page", "line", "quit"):
                    return event  # type: ignore[return-value]
        finally:
            self._more = False

    def refocus(self) -> None:
        """Put the cursor in the current console's pane (after F2 or `@console`)."""
        self.app.layout.focus(self._inputs[self._current()])
        self.app.invalidate()

    # -- building

    def _accept(self, buffer: Buffer) -> bool:
        self.push(buffer.text)
        return False    # the buffer is emptied (and the line kept in the console's history)

    def _input(self, unit: str, secret: Callable[[], bool]) -> Window:
        control = BufferControl(self.buffers[unit], input_processors=[
            BeforeInput(lambda: self._prompt()),
            ConditionalProcessor(PasswordProcessor(), Condition(secret)),
        ])
        return Window(control, height=1, dont_extend_height=True)

    def _pane(self, unit: str) -> AnyContainer:
        here = Condition(lambda: self._current() == unit)

        def text() -> str:
            return "\n".join(self._lines(unit))

        def bottom() -> Point:
            return Point(0, max(len(self._lines(unit)) - 1, 0))
        title = Window(FormattedTextControl(lambda: f" {unit} " + ("(typing here)" if here() else "")),
                       height=1, style="reverse")
        output = Window(FormattedTextControl(text, get_cursor_position=bottom), wrap_lines=True)
        return HSplit([
            title, output,
            ConditionalContainer(self._inputs[unit], filter=here & ~Condition(lambda: self._more)),
            ConditionalContainer(Window(FormattedTextControl(MORE_PROMPT), height=1),
                                 filter=here & Condition(lambda: self._more)),
        ])

    def _more_bindings(self) -> KeyBindings:
        kb = KeyBindings()

        @kb.add("<any>", filter=Condition(lambda: self._more), eager=True)
        def _any(event: KeyPressEvent) -> None:
            self.push(more_action(event.data))
        return kb


def _between(items: list[AnyContainer], sep: Any) -> list[AnyContainer]:
    out: list[AnyContainer] = []
    for item in items:
        if out:
            out.append(sep)
        out.append(item)
    return out
