"""Key bindings of a unit's console in the lab terminal, shared by the single and split views.

As on an ASA console: `?` help on the keystroke, Tab completion, Ctrl-Z (`end` in configuration
modes), Ctrl-C (abandon the line), Ctrl-D (delete the character under the cursor; never leaves),
Ctrl-A/E (prompt_toolkit's Emacs bindings).  The lab's own keys: F2 the other console, F3 the
split view, Ctrl-Q leave.  A paste runs line by line, as typed.  While the unit is down (it boots,
shuts down or has no power) its console shows nothing typed, as a real console shows only the boot:
keys are dropped, except a line started with `@` (a lab directive) and the lab's own keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from asa_emulator.frontends.line.completer import candidate_listing, complete_line
from asa_emulator.frontends.line.lineedit import in_config_mode

from ...records import dataclass

if TYPE_CHECKING:
    # imported where the bindings are built: importing this module loads no prompt_toolkit
    # (about 80 ms of start-up)
    from prompt_toolkit.application import Application
    from prompt_toolkit.filters import Filter
    from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent

QUIT_LINE = "@quit"


@dataclass(frozen=True)
class KeyCommand:
    """A line produced by a key rather than typed: never a password answer, never in history."""

    line: str
    echo: str  # what the screen keeps for it, instead of prompt + line


@dataclass(frozen=True)
class Keep:
    """A read that ends without a line (prompt redrawn, view changed, paste queued); `text`
    is what stays typed."""

    text: str


KeyResult = KeyCommand | Keep


def pasted_lines(text: str) -> list[str]:
    """Pasted text cut at its line ends (CRLF, CR or LF), the last (unfinished) part included."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


class KeyHost(Protocol):
    """What the bindings need from the terminal."""

    def prompt(self) -> str:
        """The prompt shown at the console being typed at."""
        ...

    def secret(self) -> bool:
        """The console waits for a password: `?` and Tab are part of it."""
        ...

    def silent(self) -> bool:
        """The console's unit is down (booting, shutting down, powered off): it takes no keys."""
        ...

    def help_for(self, line: str) -> list[str]:
        """What `?` after `line` lists (the unit's help, or the directives after `@`)."""
        ...

    def candidates(self, line: str) -> list[str]:
        """The words Tab may complete the last word of `line` to."""
        ...

    def print_above(self, app: Application[Any], lines: list[str]) -> None:
        """Print `lines` above the prompt, which is then drawn again with the same input."""
        ...

    def finish(self, app: Application[Any], result: KeyResult) -> None:
        """End the current read with `result`."""
        ...

    def paste(self, lines: list[str]) -> None:
        """Queue whole pasted lines: they run in turn, as if typed."""
        ...

    def other_unit(self) -> str | None:
        """The unit F2 switches to, or None when there is none to switch to."""
        ...

    def toggle_split(self) -> None:
        """F3: single view, both consoles side by side, one above the other, in turn."""
        ...


def quiet_filter(host: KeyHost) -> Filter:
    """True while typed keys go nowhere: the unit is down and the line is not a lab directive.
    The input buffers are read-only under it (no key, yank or paste shows a character)."""
    from prompt_toolkit.application import get_app
    from prompt_toolkit.filters import Condition
    return Condition(lambda: host.silent() and not get_app().current_buffer.text.startswith("@"))


def console_key_bindings(host: KeyHost) -> KeyBindings:
    from prompt_toolkit.document import Document
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.keys import Keys
    kb = KeyBindings()
    quiet = quiet_filter(host)
    not_secret = Condition(lambda: not host.secret()) & ~quiet

    @kb.add("@", filter=quiet)
    def _directive(event: KeyPressEvent) -> None:
        # the one key a down console takes: the start of a lab directive
        if not event.current_buffer.text:
            event.current_buffer.set_document(Document("@", 1), bypass_readonly=True)

    # Enter, history, search and paste act without editing the line, and prompt_toolkit's
    # Emacs bindings make `?`, `/`, `n`, `N` search keys in a read-only buffer: all dropped
    for keys in (("enter",), ("c-j",), ("up",), ("down",), ("c-p",), ("c-n",), ("c-r",), ("c-s",),
                 ("escape", "<"), ("escape", ">"), ("?",), ("/",), ("n",), ("N",),
                 (Keys.BracketedPaste,)):
        kb.add(*keys, filter=quiet)(_dropped)

    @kb.add("?", filter=not_secret)
    def _help(event: KeyPressEvent) -> None:
        # Like an ASA: help at once, without Enter, and the typed line stays.
        before = event.current_buffer.document.text_before_cursor
        host.print_above(event.app, [host.prompt() + before + "?", *host.help_for(before)])

    @kb.add("tab", filter=not_secret)
    def _complete(event: KeyPressEvent) -> None:
        buffer = event.current_buffer
        before = buffer.document.text_before_cursor
        new, listing = complete_line(before, host.candidates(before))
        if listing:
            host.print_above(event.app, [host.prompt() + before, candidate_listing(listing)])
        elif new != before:
            buffer.delete_before_cursor(len(before))
            buffer.insert_text(new)

    @kb.add("c-z")  # bound everywhere, or the default binding would insert a literal ^Z
    def _end(event: KeyPressEvent) -> None:
        prompt = host.prompt()
        if in_config_mode(prompt):
            host.finish(event.app, KeyCommand("end", prompt + "^Z"))

    @kb.add("c-c")
    def _clear(event: KeyPressEvent) -> None:
        event.current_buffer.reset()

    @kb.add("c-d")  # as on a console: delete the character under the cursor, never leave
    def _delete(event: KeyPressEvent) -> None:
        event.current_buffer.delete(1)

    @kb.add("c-q")
    def _quit(event: KeyPressEvent) -> None:
        host.finish(event.app, KeyCommand(QUIT_LINE, QUIT_LINE))

    @kb.add("f2")
    def _switch(event: KeyPressEvent) -> None:
        other = host.other_unit()
        if other is not None:
            line = f"@console {other}"
            host.finish(event.app, KeyCommand(line, line))

    @kb.add("f3")
    def _split(event: KeyPressEvent) -> None:
        host.toggle_split()
        host.finish(event.app, Keep(event.current_buffer.text))

    @kb.add(Keys.BracketedPaste, filter=~quiet)
    def _paste(event: KeyPressEvent) -> None:
        # Each pasted line runs as if typed and Enter pressed; an unfinished last line stays typed.
        buffer = event.current_buffer
        doc = buffer.document
        parts = pasted_lines(doc.text_before_cursor + event.data + doc.text_after_cursor)
        if len(parts) == 1:
            buffer.insert_text(event.data)
            return
        host.paste(parts[:-1])
        host.finish(event.app, Keep(parts[-1]))

    return kb


def _dropped(event: KeyPressEvent) -> None:
    """A key the console does not take now."""
