"""Replay golden transcripts and diff them against what the emulator prints now."""

from __future__ import annotations

import difflib
import os
import re
import stat
from pathlib import Path

from ..records import dataclass
from .roots import transcript_root
from .runner import run_lines

# A console prompt at the start of a line: host[/ctx...][(mode)]# or >, then the command.
PROMPT = re.compile(r"^(?P<prompt>[^\s#>()]+(?:\([a-z-]+\))?[#>] ?)(?P<cmd>.*)$")
# A question whose answer is typed on the same line.
QUESTION = re.compile(r"^(?P<q>(?:.*(?:\]\?|\[confirm\]|\[C\]ancel:)|Username:) ?)(?P<ans>.*)$")
PASSWORD = "Password:"
INVALID_PASSWORD = "Invalid password"
# An enable password typed in the transcript (not the `encrypted` form, whose secret is unknown)
SETS_SECRET = re.compile(r"^enable password (?P<secret>\S+)\s*$")


def script_of(lines: list[str]) -> list[str]:
    """The input lines a transcript was made from.

    Passwords are not echoed, so the answer to `Password:` is reconstructed: the last enable
    password typed in the transcript (empty, the default, if none was), or a wrong one where
    the transcript shows the ASA refusing it."""
    out: list[str] = []
    secret = ""
    for i, line in enumerate(lines):
        if line.startswith("@"):
            out.append(line)
        elif line.rstrip() == PASSWORD:
            refused = i + 1 < len(lines) and lines[i + 1].startswith(INVALID_PASSWORD)
            out.append(("x" if not secret else "") if refused else secret)
        elif (m := PROMPT.match(line)) is not None:
            out.append(m.group("cmd"))
            typed = m.group("cmd").strip()
            if (sm := SETS_SECRET.match(typed)) is not None:
                secret = sm.group("secret")
            elif typed.startswith("no enable password"):
                secret = ""
        elif (q := QUESTION.match(line)) is not None:
            out.append(q.group("ans"))
    return out


@dataclass
class CheckResult:
    path: Path
    expected: list[str]
    actual: list[str]

    @property
    def ok(self) -> bool:
        return self.expected == self.actual

    def diff(self) -> list[str]:
        return list(difflib.unified_diff(self.expected, self.actual, f"{self.path} (golden)",
                                         f"{self.path} (emulator)", lineterm=""))


def read_transcript(path: Path) -> list[str]:
    return [ln.rstrip() for ln in path.read_text().splitlines()]


def check_file(path: Path, lab_name: str | None = None, root: Path | None = None) -> CheckResult:
    """Replay a golden transcript on a copy of its lab in memory; `root` is the folder its
    `@lab` must stay in (found by roots.transcript_root when not given)."""
    expected = read_transcript(path)
    while expected and not expected[-1]:
        expected.pop()
    actual, _ = run_lines(script_of(expected), lab_name, base=path.parent,
                          transcript_root=root if root is not None else transcript_root(path))
    while actual and not actual[-1]:
        actual.pop()
    return CheckResult(path, expected, actual)


class TranscriptFileError(Exception):
    """A transcript `--update` refuses to write (a link, not a regular file)."""


def update_file(path: Path, lab_name: str | None = None, root: Path | None = None) -> bool:
    """Rewrite a transcript from the emulator.  Only a regular file with one name is
    rewritten, as the flash reads only those (device/flash.py): a symbolic link would send
    the write to whatever it names, outside the transcript tree, and a hard link shares its
    content with a file elsewhere.  The new content goes to a temporary file in the same
    folder, then replaces the transcript by rename (never through a link), so an interrupted
    update leaves the old transcript whole."""
    _check_writable(path)
    res = check_file(path, lab_name, root)
    if res.ok:
        return False
    from ..device.flash import atomic_write
    fd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0))
    try:
        _check_writable(path, fd)       # the folder opened is the one checked
        atomic_write(fd, path.name, ("\n".join(res.actual) + "\n").encode("utf-8"))
    finally:
        os.close(fd)
    return True


def _check_writable(path: Path, dir_fd: int | None = None) -> None:
    st = os.stat(path.name if dir_fd is not None else path, dir_fd=dir_fd, follow_symlinks=False)
    if stat.S_ISLNK(st.st_mode):
        raise TranscriptFileError(f"refusing to update {path}: it is a symbolic link")
    if not stat.S_ISREG(st.st_mode):
        raise TranscriptFileError(f"refusing to update {path}: not a regular file")
    if st.st_nlink > 1:
        raise TranscriptFileError(f"refusing to update {path}: it has other hard links")


def render_diff(lines: list[str]) -> str:
    """A coloured unified diff (rich markup) for terminals."""
    from rich.markup import escape
    out = []
    for ln in lines:
        style = "bold" if ln.startswith(("---", "+++")) else \
            "green" if ln.startswith("+") else "red" if ln.startswith("-") else \
            "cyan" if ln.startswith("@@") else ""
        out.append(f"[{style}]{escape(ln)}[/{style}]" if style else escape(ln))
    return "\n".join(out)
