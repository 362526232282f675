"""Run a command script against a lab and produce its transcript (design.md, "Transcripts").

A transcript is what a console log would show: each command after the prompt it was typed
at, the output beneath, `@` directives on their own lines, console messages where the console
would have shown them.  Passwords are not echoed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ..device.messages import ERROR_PREFIXES
from ..device.session import Session
from ..device.syslog import Datagram
from ..lab.directives import parse as parse_directive
from ..lab.lab import Lab, keep_for_good
from ..lab.spec import LabError
from ..records import dataclass
from ..syntax.limits import printable

Emit = Callable[[str], None]
SendSyslog = Callable[[list[Datagram]], None]
# `?` keys honoured in one script line: each prints a help listing, so a line of thousands of
# `?` would print without bound.  A line with more is refused with one LabError (exit 2).
MAX_HELP_KEYS = 16


@dataclass
class RunStats:
    commands: int = 0
    asa_errors: int = 0


def first_lab(lines: list[str]) -> tuple[str | None, list[str]]:
    """The `@lab` of a script's first non-blank line, and the script without it."""
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if not line.strip().startswith("@"):
            break
        name, args = parse_directive(line)
        if name == "lab":
            if len(args) != 1:
                raise LabError("usage: @lab NAME|DIR")
            return args[0], lines[:i] + lines[i + 1:]
        break
    return None, lines


def first_exercise(lines: list[str]) -> tuple[tuple[str, str] | None, list[str]]:
    """The `@exercise NAME [as TRAINEE]` of a script's first non-blank line, and the script
    without it."""
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if line.strip().startswith("@") and parse_directive(line)[0] == "exercise":
            from ..exercise.run import parse_exercise_line
            return parse_exercise_line(parse_directive(line)[1]), lines[:i] + lines[i + 1:]
        break
    return None, lines


class Runner:
    """Feeds script lines to a lab's consoles and emits transcript lines."""

    def __init__(self, lab: Lab, emit: Emit, syslog: SendSyslog | None = None) -> None:
        self.lab = lab
        self.emit = emit
        self.syslog = syslog
        self.stats = RunStats()

    def send_syslog(self) -> None:
        """Hand the `logging host` messages to the sender (`run`), or drop them (golden
        transcripts have no side effects)."""
        datagrams = self.lab.take_syslog()
        if self.syslog is not None and datagrams:
            self.syslog(datagrams)

    def _out(self, lines: Iterable[str]) -> None:
        emit = self.emit
        for ln in lines:
            if "\n" in ln:
                for part in ln.split("\n"):
                    emit(part.rstrip())
            else:
                emit(ln.rstrip())

    def flush_messages(self) -> None:
        self._flush(self.lab.console(self.lab.current))

    def _flush(self, con: Session) -> None:
        if con.unit.messages:           # most commands print no console message: no call
            self._out(con.take_messages())

    def feed(self, line: str) -> None:
        text = line.rstrip("\r\n")
        if text.lstrip().startswith("@"):
            self.emit(printable(text.strip()))
            out = self.lab.directive(text)
            self._out(out)
            if parse_directive(text)[0] == "console":
                self.flush_messages()
            self.send_syslog()
            return
        # a command does not change which console is current (only `@console` does)
        con = self.lab.console(self.lab.current)
        self._flush(con)
        if not con.unit.up:
            return      # typing at a console of a unit that is off or booting: nothing happens
        prompt = con.prompt()
        last = prompt
        if "\n" in prompt:
            *head, last = prompt.split("\n")
            self._out(head)
        self.stats.commands += 1
        if con.expects_secret():
            self.emit(last.rstrip())
        elif "?" not in text or con.question_pending():
            self.emit(printable(last + text).rstrip())
        else:
            completed = self._help_keys(con, last, text)
            if completed is None:
                return
            text = completed
        out = con.execute(text)
        if out:
            emit, errors = self.emit, 0
            for ln in out:
                if ln.startswith(ERROR_PREFIXES):
                    errors += 1
                if "\n" in ln:
                    for part in ln.split("\n"):
                        emit(part.rstrip())
                else:
                    emit(ln.rstrip())
            self.stats.asa_errors += errors
        self._flush(con)        # what the command made the unit say appears right after it
        if con.busy_ms:
            self.lab.advance(con.take_busy_ms())
        self.send_syslog()

    def _help_keys(self, con: Session, prompt: str, text: str) -> str | None:
        """`?` typed in a line, as on the console: the help appears at once and the line is
        shown again without the `?`.  Text after the last `?` completes the line, which then
        runs; a line that ends with `?` is abandoned (the next script line is a new line)."""
        keys = text.count("?")
        if keys > MAX_HELP_KEYS:
            raise LabError(f"a script line may type '?' at most {MAX_HELP_KEYS} times; "
                           f"this one has {keys}")
        *before, rest = text.split("?")
        buffer = ""
        for part in before:
            buffer += part
            self.emit(printable(prompt + buffer + "?").rstrip())
            self._out(con.help(buffer))
        if not rest.strip():
            return None
        buffer += rest
        self.emit(printable(prompt + buffer).rstrip())
        return buffer

    def finish(self) -> None:
        self.flush_messages()
        self.send_syslog()


def run_lines(lines: list[str], lab_name: str | None = None, emit: Emit | None = None,
              settle: bool = True, base: Path | None = None,
              transcript_root: Path | None = None,
              syslog: SendSyslog | None = None,
              for_good: bool = False) -> tuple[list[str], RunStats]:
    """Run a whole script; return the transcript lines (also passed to `emit`) and stats.

    With `transcript_root` the script is a golden transcript: its lab runs on a copy in memory
    (the lab directory is never changed) and `@lab` must name a lab inside that folder.
    `syslog` receives the messages for `logging host` servers as they are made.  `for_good`:
    the lab lives as long as the process (`run`: lab.keep_for_good)."""
    collected: list[str] = []

    def sink(line: str) -> None:
        collected.append(line)
        if emit is not None:
            emit(line)

    named, body = first_lab(lines)
    exercise, body = (None, body) if named is not None else first_exercise(body)
    if named is not None:
        sink(printable(f"@lab {named}"))
    golden = transcript_root is not None
    if exercise is not None:
        # `@exercise NAME [as TRAINEE]`: the exercise's lab, settled, its setup run
        from ..exercise.run import exercise_line, start
        sink(printable(exercise_line(*exercise)))
        lab = start(exercise[0], exercise[1], base=base, in_memory=True)
    else:
        lab = Lab.load(named or lab_name or "example", base, in_memory=golden,
                       confine_to=transcript_root)
        if settle:
            lab.settle()
    if for_good:
        keep_for_good()
    return collected, run_on(lab, body, sink, syslog)


def run_on(lab: Lab, lines: Iterable[str], emit: Emit, syslog: SendSyslog | None = None) -> RunStats:
    """Feed script lines to a running lab (no `@lab` line: the lab is there), emitting the
    transcript; stops after `@quit`.  `run_lines` and `Lab.run` both come here."""
    runner = Runner(lab, emit, syslog)
    lab.quit_requested = False      # an earlier run's `@quit` ended that run only
    for line in lines:
        runner.feed(line)
        if lab.quit_requested:
            break
    runner.finish()
    return runner.stats
