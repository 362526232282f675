"""An ASA-like line editor for byte-stream front ends (SSH): the line, the cursor, the history,
and the simple VT100 output each edit needs.

Only what a real ASA emits is used: characters, backspace (`\\b`) to move left, spaces to blank
out; never cursor-position queries or screen redraws, so automation (netmiko, scrapli) reading
the echo keeps working.  The prompt_toolkit terminal has its own editor; completion and help come
from the same Console methods and completer.py for both.
"""

from __future__ import annotations

import os

MAX_HISTORY = 20    # the ASA keeps the last commands of a session (`show history`)


def in_config_mode(prompt: str) -> bool:
    """Whether `prompt` is a configuration mode's (`host(config)# `): only there Ctrl-Z runs `end`."""
    return prompt.rstrip().endswith(")#")


class LineEditor:
    def __init__(self, max_line: int) -> None:
        self.max_line = max_line
        self.line = ""
        self.cursor = 0
        self.history: list[str] = []
        self._back = 0          # how far Up has gone into the history (0: the line being typed)
        self._draft = ""        # the line being typed, kept while browsing the history

    def reset(self) -> None:
        self.line, self.cursor, self._back, self._draft = "", 0, 0, ""

    def accept(self, remember: bool = True) -> str:
        """The line is entered: kept in the history (not a password), and the editor is empty."""
        line = self.line
        if remember and line.strip() and (not self.history or self.history[-1] != line):
            self.history = [*self.history, line][-MAX_HISTORY:]
        self.reset()
        return line

    def insert(self, text: str) -> str:
        room = self.max_line - len(self.line)
        text = text[:max(room, 0)]
        if not text:
            return ""
        tail = self.line[self.cursor:]
        self.line = self.line[:self.cursor] + text + tail
        self.cursor += len(text)
        return text + tail + "\b" * len(tail)

    def backspace(self) -> str:
        if self.cursor == 0:
            return ""
        tail = self.line[self.cursor:]
        self.line = self.line[:self.cursor - 1] + tail
        self.cursor -= 1
        return "\b" + tail + " " + "\b" * (len(tail) + 1)

    def delete(self) -> str:
        """Ctrl-D: the character under the cursor."""
        if self.cursor >= len(self.line):
            return ""
        tail = self.line[self.cursor + 1:]
        self.line = self.line[:self.cursor] + tail
        return tail + " " + "\b" * (len(tail) + 1)

    def left(self) -> str:
        if self.cursor == 0:
            return ""
        self.cursor -= 1
        return "\b"

    def right(self) -> str:
        if self.cursor >= len(self.line):
            return ""
        self.cursor += 1
        return self.line[self.cursor - 1]

    def home(self) -> str:
        out, self.cursor = "\b" * self.cursor, 0
        return out

    def end(self) -> str:
        out, self.cursor = self.line[self.cursor:], len(self.line)
        return out

    def replace(self, new: str) -> str:
        """The whole line becomes `new`, the cursor at its end.  Redrawn from the first changed
        character; what is left of a longer old line is blanked out."""
        new = new[:self.max_line]
        same = len(os.path.commonprefix([self.line, new]))
        move = "\b" * (self.cursor - same) if self.cursor >= same else self.line[self.cursor:same]
        extra = max(0, len(self.line) - len(new))
        out = move + new[same:] + " " * extra + "\b" * extra
        self.line, self.cursor = new, len(new)
        return out

    def up(self) -> str:
        if self._back >= len(self.history):
            return ""
        if self._back == 0:
            self._draft = self.line
        self._back += 1
        return self.replace(self.history[-self._back])

    def down(self) -> str:
        if self._back == 0:
            return ""
        self._back -= 1
        return self.replace(self.history[-self._back] if self._back else self._draft)
