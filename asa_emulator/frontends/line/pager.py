"""The `<--- More --->` pager: the paging rule every front end shares (the lab terminal's
prompt for it is tui/more.py)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Literal

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
