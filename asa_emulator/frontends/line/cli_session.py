"""One interactive CLI session over a byte stream (an SSH channel, a telnet console): keys in,
echo and output out, with the ASA-like line editor (lineedit.py) and the pager (pager.py).

The transport is a `Channel`; the session never blocks the event loop for long: keys are handled
a bounded number at a time, lines stop growing at MAX_LINE, and output is drained (a client that
does not read is paused, and its input is not read meanwhile).  A console session is also told
when its unit printed console messages (`notify`): they are written at once, as on a serial line,
and the prompt and the line being typed are shown again under them.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Protocol

from asa_emulator.console import Console
from asa_emulator.device.messages import HELP_BANNER, MORE_PROMPT
from asa_emulator.device.session import MAX_LINE
from asa_emulator.frontends.line.completer import candidate_listing, complete_line
from asa_emulator.frontends.line.lineedit import LineEditor, in_config_mode
from asa_emulator.frontends.line.pace import UNPACED, Pace
from asa_emulator.frontends.line.pager import MoreAction, more_action, paginate

ENTER = "\n"  # what the key reader returns for CR, LF and CRLF alike
# Editing keys and the LineEditor method each calls; cursor keys arrive as escape sequences.
_EDIT_KEYS = {"\x01": "home", "\x05": "end", "\x02": "left", "\x06": "right",
              "\x10": "up", "\x0e": "down", "\x04": "delete"}
_ESCAPE_KEYS = {"A": "\x10", "B": "\x0e", "C": "\x06", "D": "\x02", "H": "\x01", "F": "\x05"}
_ERASE_MORE = "\r" + " " * len(MORE_PROMPT) + "\r"

KEYS_PER_YIELD = 64           # keys handled before giving the event loop to the others
FLUSH_BYTES = 16 * 1024       # output kept before it is written and drained
READ_CHARS = 4096             # read from the client at a time (pending input stays bounded)


class Channel(Protocol):
    """A client's byte stream, as text."""

    async def read(self, n: int) -> str:
        """Up to `n` characters typed; "" when the client has closed."""
        ...

    def write(self, text: str) -> None: ...

    async def drain(self) -> None:
        """Wait while the client is not reading what was written."""
        ...


class AsyncConsole(Protocol):
    """A console whose lines may take (wall-clock) time: the lab-control port's `@wait`."""

    async def execute_async(self, line: str) -> list[str]: ...


async def run_line(console: Console, line: str, pace: Pace = UNPACED) -> list[str]:
    """What the console answers to `line`, by its `execute_async` where it has one (a unit's
    session filters output in chunks, the control port waits in slices: other users get
    their turns meanwhile); the lab's clock caught up before and told after (pace.py)."""
    execute_async: Callable[[str], Awaitable[list[str]]] | None = getattr(console, "execute_async", None)
    pace.catch_up()
    try:
        return await execute_async(line) if execute_async is not None else console.execute(line)
    finally:
        pace.ran()


class CliSession:
    """Reads keys, echoes, runs lines on the console `console_of()` returns (the serial console
    of a unit that reloads is a new session: it is asked for each time)."""

    def __init__(self, console_of: Callable[[], Console], channel: Channel,
                 on_input: Callable[[], None] = lambda: None, banner: bool = True,
                 pace: Pace = UNPACED) -> None:
        self._console_of = console_of
        self._pace = pace
        self._channel = channel
        self._on_input = on_input  # a key arrived: the session is not idle
        self._banner = banner
        self._pending: deque[str] = deque()  # received characters not handled yet
        self._after_cr = False
        self._out: list[str] = []  # written at once when waiting for input: one packet per reply
        self._out_len = 0
        self._handled = 0
        self._prompt = ""
        self._ed = LineEditor(MAX_LINE)
        self._secret = False
        self._at_prompt = False    # waiting for a key of the line (messages may be shown now)
        self._bell = asyncio.Event()
        self._reading: asyncio.Task[str] | None = None

    def notify(self) -> None:
        """The unit printed console messages (or its prompt changed): show them when idle."""
        self._bell.set()

    async def run(self) -> None:
        try:
            await self._loop()
        finally:
            if self._reading is not None:
                self._reading.cancel()

    async def _loop(self) -> None:
        if self._banner:
            self._write_lines([HELP_BANNER])
        self._show_prompt()
        ed = self._ed
        while (key := await self._key(at_prompt=True)) is not None:
            if key == "\x1b":
                key = await self._escape_sequence()
            if not self._prompt:
                continue  # the unit is down (booting, no power): a console shows nothing typed
            if key == ENTER:
                self._write("\r\n")
                if not await self._run(ed.accept(remember=not self._secret)):
                    break
            elif key == "\x03":  # Ctrl-C: abandon the line
                ed.reset()
                self._write("\r\n")
                self._show_prompt()
            elif key in ("\x7f", "\b"):
                self._echo(ed.backspace())
            elif key == "\x15":  # Ctrl-U: erase the line
                self._echo(ed.replace(""))
            elif self._secret:
                if key >= " ":
                    ed.insert(key)
            elif key in _EDIT_KEYS:
                self._write(getattr(ed, _EDIT_KEYS[key])())
            elif key == "\x1a":  # Ctrl-Z
                if in_config_mode(self._prompt):
                    self._write("^Z\r\n")
                    ed.reset()
                    if not await self._run("end"):
                        break
            elif key == "?":
                before = ed.line[:ed.cursor]
                self._write("?\r\n")
                self._write_lines(self._console_of().help(before))
                self._redraw()
            elif key == "\t":
                self._complete()
            elif key >= " ":
                self._write(ed.insert(key))
        await self._flush()

    async def _run(self, line: str) -> bool:
        """Run `line`; False when the session has ended."""
        console = self._console_of()
        out = await run_line(console, line, self._pace)
        await paginate(out, console.pager_lines(), self._write_lines, self._ask_more)
        if console.closed():
            return False
        self._show_prompt()
        return True

    def _show_prompt(self) -> None:
        console = self._console_of()
        self._write_lines(console.take_messages())
        self._prompt = console.prompt()
        self._secret = console.expects_secret()
        self._ed.reset()
        self._write(self._prompt)

    def _redraw(self) -> None:
        ed = self._ed
        shown = "" if self._secret else ed.line
        self._write(self._prompt + shown + ("" if self._secret else "\b" * (len(ed.line) - ed.cursor)))

    def _show_messages(self) -> None:
        """Console messages while a line is typed: under the line, then the prompt again (a new
        one, forgetting the line, when the prompt itself changed: the unit reloaded)."""
        console = self._console_of()
        messages = console.take_messages()
        prompt = console.prompt()
        if not messages and prompt == self._prompt:
            return
        self._write("\r\n")
        self._write_lines(messages)
        if prompt != self._prompt or console.expects_secret() != self._secret:
            self._prompt, self._secret = prompt, console.expects_secret()
            self._ed.reset()
        self._redraw()

    def _complete(self) -> None:
        ed = self._ed
        if ed.cursor != len(ed.line):
            return  # as on the ASA: Tab completes the word at the end of the line
        old = ed.line
        new, listing = complete_line(old, self._console_of().complete(old))
        if listing:
            self._write("\r\n" + candidate_listing(listing) + "\r\n" + self._prompt + old)
        else:
            self._write(ed.replace(new))

    async def _ask_more(self) -> MoreAction:
        self._write(MORE_PROMPT)
        key = await self._key()
        self._write(_ERASE_MORE)
        return more_action(key if key is not None else "q")

    async def _escape_sequence(self) -> str:
        """The key an escape sequence stands for (cursor keys as their control keys, Home and End
        as Ctrl-A and Ctrl-E); "" for the keys that have no meaning here."""
        key = await self._key()
        final = ""
        if key == "[":
            while (key := await self._key()) is not None and not "@" <= key <= "~":
                pass
            final = key or ""
        elif key == "O":
            final = await self._key() or ""
        return _ESCAPE_KEYS.get(final, "")

    async def _key(self, at_prompt: bool = False) -> str | None:
        """The next key typed, ENTER for CR, LF or CRLF; None when the client has closed."""
        while True:
            if self._out_len >= FLUSH_BYTES:
                await self._flush()  # a client that does not read stops being read
            self._handled += 1
            if self._handled % KEYS_PER_YIELD == 0:
                await asyncio.sleep(0)  # the other sessions and the lab clock get their turn
            while not self._pending:
                if at_prompt and self._bell.is_set():
                    self._bell.clear()
                    self._show_messages()
                await self._flush()
                data = await self._read(at_prompt)
                if data is None:
                    continue  # the bell rang: messages first
                if not data:
                    return None
                self._on_input()
                self._pending.extend(data)
            key = self._pending.popleft()
            after_cr, self._after_cr = self._after_cr, key == "\r"
            if key == "\n" and after_cr:
                continue
            return ENTER if key in ("\r", "\n") else key

    async def _read(self, at_prompt: bool) -> str | None:
        """What the client typed next; None when console messages came first (the read goes
        on in the background and is taken next time: no input is lost)."""
        if self._reading is None:
            self._reading = asyncio.ensure_future(self._channel.read(READ_CHARS))
        if at_prompt:
            bell = asyncio.ensure_future(self._bell.wait())
            try:
                await asyncio.wait({self._reading, bell}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                bell.cancel()
            if not self._reading.done():
                return None
        reading, self._reading = self._reading, None
        return await reading

    def _echo(self, text: str) -> None:
        if not self._secret:
            self._write(text)

    def _write(self, text: str) -> None:
        self._out.append(text)
        self._out_len += len(text)

    def _write_lines(self, lines: list[str]) -> None:
        for line in lines:
            self._write(line + "\r\n")

    async def _flush(self) -> None:
        if self._out:
            text = "".join(self._out)
            self._out.clear()
            self._out_len = 0
            self._channel.write(text)
            await self._channel.drain()  # back-pressure: wait while the client is not reading
