"""Key bindings of a unit's console prompt in the lab terminal: `?`, Tab, Ctrl-Z, Ctrl-C, F2."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from asa_emulator.console import Console
from asa_emulator.terminal.completer import candidate_listing, complete_line

if TYPE_CHECKING:
    # imported where the bindings are built: `serve` uses in_config_mode and never loads
    # prompt_toolkit (about 80 ms of start-up)
    from prompt_toolkit.application import Application
    from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent


@dataclass(frozen=True)
class KeyCommand:
    """A line produced by a key rather than typed: never a password answer, never in history."""

    line: str
    echo: str  # what the screen keeps for it, instead of prompt + line


def in_config_mode(prompt: str) -> bool:
    """Whether `prompt` is a configuration mode's (`host(config)# `): only there Ctrl-Z runs `end`."""
    return prompt.rstrip().endswith(")#")


class KeyHost(Protocol):
    """What the bindings need from the terminal."""

    def console(self) -> Console:
        """The console being typed at."""
        ...

    def print_above(self, app: Application[Any], lines: list[str]) -> None:
        """Print `lines` above the prompt, which is then drawn again with the same input."""
        ...

    def other_unit(self) -> str | None:
        """The unit F2 switches to, or None when there is none to switch to."""
        ...


def console_key_bindings(host: KeyHost) -> KeyBindings:
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.key_binding import KeyBindings
    kb = KeyBindings()
    # In a password `?` and Tab are characters of the password.
    not_secret = Condition(lambda: not host.console().expects_secret())

    @kb.add("?", filter=not_secret)
    def _help(event: KeyPressEvent) -> None:
        # Like an ASA: help at once, without Enter, and the typed line stays.
        console = host.console()
        before = event.current_buffer.document.text_before_cursor
        host.print_above(event.app, [console.prompt() + before + "?", *console.help(before)])

    @kb.add("tab", filter=not_secret)
    def _complete(event: KeyPressEvent) -> None:
        console = host.console()
        buffer = event.current_buffer
        before = buffer.document.text_before_cursor
        new, listing = complete_line(before, console.complete(before))
        if listing:
            host.print_above(event.app, [console.prompt() + before, candidate_listing(listing)])
        elif new != before:
            buffer.delete_before_cursor(len(before))
            buffer.insert_text(new)

    @kb.add("c-z")  # bound everywhere, or the default binding would insert a literal ^Z
    def _end(event: KeyPressEvent) -> None:
        prompt = host.console().prompt()
        if in_config_mode(prompt):
            event.app.exit(result=KeyCommand("end", prompt + "^Z"))

    @kb.add("c-c")
    def _clear(event: KeyPressEvent) -> None:
        event.current_buffer.reset()

    @kb.add("f2")
    def _switch(event: KeyPressEvent) -> None:
        other = host.other_unit()
        if other is not None:
            line = f"@console {other}"
            event.app.exit(result=KeyCommand(line, line))

    return kb
