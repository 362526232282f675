"""`asa-emulator` on a real pseudo-terminal, read through a terminal emulator (pyte) that
renders the screen and answers the cursor-position queries a real terminal answers."""

from __future__ import annotations

import copy
import os
import sys
import time
from collections.abc import Callable
from typing import Any

import pexpect
import pyte

ROWS, COLS = 30, 100
WAIT_S = 20.0            # functional timeout: how long the screen may take to show something


ALT_SCREEN = 1049       # xterm's alternate screen (full-screen applications), which pyte lacks


class AltScreen(pyte.Screen):  # type: ignore[misc]
    """pyte's screen with xterm's alternate screen: leaving it brings back what was there."""

    _saved: tuple[Any, Any] | None = None

    def set_mode(self, *modes: int, **kwargs: Any) -> None:
        if kwargs.get("private") and ALT_SCREEN in modes and self._saved is None:
            self._saved = (copy.deepcopy(self.buffer), copy.copy(self.cursor))
            self.erase_in_display(2)
        super().set_mode(*modes, **kwargs)

    def reset_mode(self, *modes: int, **kwargs: Any) -> None:
        if kwargs.get("private") and ALT_SCREEN in modes and self._saved is not None:
            buffer, cursor = self._saved
            self._saved = None
            self.buffer.clear()
            self.buffer.update(buffer)
            self.cursor = cursor
            self.dirty.update(range(self.lines))
        super().reset_mode(*modes, **kwargs)


class PtyScreen:
    def __init__(self, *args: str, env: dict[str, str] | None = None, answer_cpr: bool = True) -> None:
        self.screen = AltScreen(COLS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        self.child = pexpect.spawn(sys.executable, ["-m", "asa_emulator", *args],
                                   env={**os.environ, "TERM": "xterm", **(env or {})},
                                   dimensions=(ROWS, COLS))
        # pyte answers `ESC [ 6 n` here, as a real terminal does
        if answer_cpr:
            self.screen.write_process_input = lambda text: self.child.send(text)  # type: ignore[method-assign]
        self.output = b""        # everything the program wrote

    def pump(self, seconds: float = 0.05) -> None:
        end = time.monotonic() + seconds
        while True:
            try:
                data = self.child.read_nonblocking(65536, timeout=0.02)
            except pexpect.TIMEOUT:
                data = b""
            except pexpect.EOF:
                return
            if data:
                self.output += data
                self.stream.feed(data)
            elif time.monotonic() >= end:
                return

    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]

    def text(self) -> str:
        return "\n".join(self.lines())

    def wait_for(self, found: Callable[[PtyScreen], bool], what: str) -> None:
        end = time.monotonic() + WAIT_S
        while not found(self):
            if time.monotonic() > end:
                raise AssertionError(f"screen never showed {what}:\n{self.text()}")
            self.pump()

    def wait_text(self, text: str) -> None:
        self.wait_for(lambda s: text in s.text(), repr(text))

    def cursor_line(self) -> str:
        return self.lines()[self.screen.cursor.y]

    def wait_prompt(self, prompt: str) -> None:
        """Until the cursor stands on a line that is `prompt` (nothing typed yet)."""
        self.wait_for(lambda s: s.cursor_line() == prompt.rstrip(), f"the prompt {prompt!r}")

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def wait_exit(self) -> int:
        end = time.monotonic() + WAIT_S
        while self.child.isalive():
            if time.monotonic() > end:
                raise AssertionError(f"still running:\n{self.text()}")
            self.pump()
        self.pump()
        self.child.close()
        return self.child.exitstatus if self.child.exitstatus is not None else -1

    def close(self) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)
