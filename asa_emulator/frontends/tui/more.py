"""The lab terminal's `<--- More --->` prompt (prompt_toolkit): one key, read as the pager
(line/pager.py) reads it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asa_emulator.device.messages import MORE_PROMPT
from asa_emulator.frontends.line.pager import MoreAction, more_action

if TYPE_CHECKING:
    # imported where the lab terminal asks: `serve` paginates without prompt_toolkit
    from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent


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

    from .cpr import quiet_cpr
    app: Application[MoreAction] = Application(
        layout=Layout(Window(FormattedTextControl(MORE_PROMPT), height=1, dont_extend_height=True)),
        key_bindings=_more_bindings(),
        erase_when_done=True,  # like an ASA, the prompt disappears once answered
    )
    return await quiet_cpr(app).run_async()
