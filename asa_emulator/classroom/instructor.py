"""The instructor's port (PORT+2): the progress table (trainee x check, shown again whenever
a trainee runs `@check`), a read-only view of any trainee's console, and a trainee's lab
reset.  Commands, one a line at `instructor> ` (the emulator's own; a real ASA has none):

    progress                    the table now (it is also shown at each trainee's @check)
    watch NAME [primary|secondary]   what NAME's console shows, as it happens (read-only)
    unwatch                     stop watching
    reset NAME                  NAME's lab made again from the exercise (NAME is logged off)
    trainees                    the roster, and whose lab is loaded and attached
    help, exit
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from ..exercise.checks import Result
from ..frontends.line.cli_session import CliSession
from ..frontends.ssh import ssh
from ..frontends.ssh.sshlib import asyncssh
from .room import Classroom

PROMPT = "instructor> "
HELP = [
    "progress                          the progress table (trainee x check)",
    "watch NAME [primary|secondary]    NAME's console as it happens, read-only",
    "unwatch                           stop watching",
    "reset NAME                        NAME's lab made again from the exercise",
    "trainees                          the roster and who is attached",
    "exit                              leave",
]


def progress_table(room: Classroom) -> list[str]:
    """One row per trainee, one column per check of the trainee's exercise (PASS, FAIL, or
    `-` before the first `@check`); a row per exercise's header when the class mixes them."""
    rows: list[list[str]] = []
    header: list[str] | None = None
    out: list[str] = []
    progress = room.progress()
    by_exercise: dict[str, list[str]] = {}
    for name in progress:
        by_exercise.setdefault(room.roster.trainees[name].exercise, []).append(name)
    for exercise, names in by_exercise.items():
        checks = _check_names(room, names)
        header = ["trainee", *checks, "passed"]
        rows = [header]
        for name in names:
            results = progress[name]
            rows.append([name, *_cells(checks, results), _score(results)])
        widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
        out.append(f"exercise {exercise}")
        out += ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in rows]
        out.append("")
    return out[:-1] if out else ["(no trainees)"]


def _check_names(room: Classroom, names: list[str]) -> list[str]:
    for name in names:
        cl = room.labs.get(name)
        if cl is not None:
            return [c.name for c in cl.hook.exercise.checks]
    from .labs import exercise_of
    try:
        return [c.name for c in exercise_of(room.roster, room.roster.trainees[names[0]]).checks]
    except ValueError:
        return []


def _cells(checks: list[str], results: list[Result] | None) -> list[str]:
    if results is None:
        return ["-"] * len(checks)
    passed = {r.name: r.passed for r in results}
    return ["PASS" if passed.get(c) else "FAIL" for c in checks]


def _score(results: list[Result] | None) -> str:
    if results is None:
        return "-"
    return f"{sum(r.passed for r in results)}/{len(results)}"


class InstructorConsole:
    unit_name = "instructor"

    def __init__(self, room: Classroom, write: Callable[[str], None], notify: Callable[[], None]) -> None:
        self._room = room
        self._write = write         # straight to the client: a watched console's output
        self._notify = notify
        self._messages: list[str] = []
        self._closed = False
        self._watching: tuple[str, str] | None = None

    def progress_changed(self) -> None:
        self._messages += ["", "progress:", *progress_table(self._room)]
        self._notify()

    def prompt(self) -> str:
        if self._watching:
            return f"instructor(watch {self._watching[0]}/{self._watching[1]})> "
        return PROMPT

    async def execute_async(self, line: str) -> list[str]:
        words = line.split()
        if len(words) == 2 and words[0] == "reset":
            if words[1] not in self._room.roster.trainees:
                return [f"% no trainee {words[1]}"]
            if self._watching and self._watching[0] == words[1]:
                self.unwatch()
            try:
                await self._room.reset(words[1])
            except ValueError as exc:
                return [f"% {words[1]}'s lab cannot be made: {exc}"]
            return [f"{words[1]}: lab reset"]
        return self.execute(line)

    def execute(self, line: str) -> list[str]:
        words = line.split()
        if not words:
            return []
        cmd, args = words[0].lower(), words[1:]
        if cmd == "progress" and not args:
            return progress_table(self._room)
        if cmd == "watch" and 1 <= len(args) <= 2:
            return self.watch(args[0], args[1] if len(args) == 2 else "primary")
        if cmd == "unwatch" and not args:
            self.unwatch()
            return []
        if cmd == "trainees" and not args:
            return self._trainees()
        if cmd in ("exit", "quit", "logout") and not args:
            self.unwatch()
            self._closed = True
            return []
        if cmd in ("help", "?"):
            return HELP
        return [f"% unknown command: {line.strip()} (help lists them)"]

    def _trainees(self) -> list[str]:
        out = []
        for name, t in sorted(self._room.roster.trainees.items()):
            cl = self._room.labs.get(name)
            where = ("attached: " + ", ".join(sorted(cl.attached)) if cl and cl.attached
                     else "loaded" if cl else "not loaded")
            out.append(f"{name:<20} {t.exercise:<22} {where}")
        return out

    def watch(self, name: str, unit: str) -> list[str]:
        cl = self._room.labs.get(name)
        if name not in self._room.roster.trainees:
            return [f"% no trainee {name}"]
        if unit not in ("primary", "secondary"):
            return [f"% no console {unit} (primary, secondary)"]
        if cl is None:
            return [f"% {name} has not logged in since the server started"]
        self.unwatch()
        cl.watchers.setdefault(unit, set()).add(self._write)
        self._watching = (name, unit)
        return [f"watching {name}'s {unit} console (read-only; unwatch stops)"]

    def unwatch(self) -> None:
        if self._watching is None:
            return
        name, unit = self._watching
        cl = self._room.labs.get(name)
        if cl is not None:
            cl.watchers.get(unit, set()).discard(self._write)
        self._watching = None

    def expects_secret(self) -> bool:
        return False

    def help(self, line: str) -> list[str]:
        return HELP

    def complete(self, line: str) -> list[str]:
        return []

    def pager_lines(self) -> int:
        return 0

    def take_messages(self) -> list[str]:
        out, self._messages = self._messages, []
        return out

    def closed(self) -> bool:
        return self._closed


async def serve_instructor(room: Classroom, state: ssh.SshState,
                           process: asyncssh.SSHServerProcess[str]) -> None:
    conn = process.channel.get_connection()
    state.admission.session_opened(conn)
    channel = ssh.SshChannel(process)

    def write(text: str) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionError, asyncssh.Error):
            process.stdout.write(text)
    bell: list[Callable[[], None]] = []
    console = InstructorConsole(room, write, lambda: bell[0]() if bell else None)
    session = CliSession(lambda: console, channel, banner=False)
    bell.append(session.notify)
    room.progress_listeners.add(console.progress_changed)
    try:
        await session.run()
    except (BrokenPipeError, ConnectionError, asyncssh.Error):
        pass
    finally:
        room.progress_listeners.discard(console.progress_changed)
        console.unwatch()
        state.admission.session_closed(conn)
        process.exit(0)
