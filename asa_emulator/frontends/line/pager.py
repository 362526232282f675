"""The `<--- More --->` pager: the paging rule (shared with the SSH server) and its prompt_toolkit prompt."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Literal

from asa_emulator.device.messages import MORE_PROMPT

if TYPE_CHECKING:
    # imported where the lab terminal asks: `serve` paginates without prompt_toolkit
    from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent

MoreAction = Literal["page", "line", "quit"]


def more_action(key: str) -> MoreAction:
    """What a key typed at the More prompt does: space a page, Enter a line, anything else quits."""
    if key == " ":
        return "page"
    if key in ("\r", "\n"):
        return "line"
    return "quit"


async def paginate(
    lines: list[str],
    page_lines: int,
    write_lines: Callable[[list[str]], None],
    ask: Callable[[], Awaitable[MoreAction]],
) -> None:
    """Write `lines`, `page_lines` at a time (0: all at once), asking between pages."""
    if page_lines <= 0 or len(lines) <= page_lines:
        write_lines(lines)
        return
    write_lines(lines[:page_lines])
    shown = page_lines
    while shown < len(lines):
        action = await ask()
        if action == "quit":
            return
        step = page_lines if action == "page" else 1
        write_lines(lines[shown : shown + step])
        shown += step


def _more_bindings() -> KeyBindings:
    from prompt_toolkit.key_binding import KeyBindings
    kb = KeyBindings()

    # Every key is one answer; `event.data` is what the terminal sent (Enter is "\r").
    @kb.add("<any>")
    def _any(event: KeyPressEvent) -> None:
        event.app.exit(result=more_action(event.data))

    return kb


async def ask_more() -> MoreAction:
    """Show the More prompt on the current prompt_toolkit app session and wait for one key."""
    from prompt_toolkit.application import Application
    from prompt_toolkit.layout import Layout, Window
    from prompt_toolkit.layout.controls import FormattedTextControl

    from asa_emulator.frontends.tui.cpr import quiet_cpr
    app: Application[MoreAction] = Application(
        layout=Layout(Window(FormattedTextControl(MORE_PROMPT), height=1, dont_extend_height=True)),
        key_bindings=_more_bindings(),
        erase_when_done=True,  # like an ASA, the prompt disappears once answered
    )
    return await quiet_cpr(app).run_async()
