"""The class in memory: the roster, each trainee's lab once loaded (lazily, at the first
login), the consoles attached to it, its clock, and the progress of the `@check`s.

A lab's clock runs (frontends/clock.py's RealTimeClock, a task) only while one of its
consoles is attached: a lab nobody is logged in to has no task and no timer, so it costs
no CPU, and its virtual time stands still (it starts again where it stopped).  While it
runs it sleeps until the lab's next event or the next `console timeout` (wall-clock time:
only an attached console can be idle), whichever comes first, and each line typed keeps
it in step (ClassLab is the consoles' Pace)."""

from __future__ import annotations

import asyncio
import contextlib
import sys
import time
from collections.abc import Callable
from dataclasses import field
from pathlib import Path

from ..exercise.checks import Result
from ..exercise.run import ExerciseRun
from ..frontends.clock import RealTimeClock
from ..frontends.watch import earliest, seconds_until
from ..lab.lab import Lab
from ..lab.spec import LabError
from ..records import dataclass
from . import labs
from .roster import Roster, RosterError, load


@dataclass(eq=False)
class Attached:
    """A console connection: told and closed when another takes the console over."""

    notify: Callable[[], None]                  # console messages to show
    take_over: Callable[[str], None]            # closes it, with a last line
    time_out: Callable[[], None] = lambda: None     # `console timeout` ran out: log off
    # the last key (wall clock); None once logged off for idleness (the timer starts again
    # at the next key, so an idle console is not logged off over and over)
    last_input: float | None = None


@dataclass(eq=False)
class ClassLab:
    name: str
    folder: Path
    lab: Lab
    hook: ExerciseRun
    attached: dict[str, Attached] = field(default_factory=dict)
    # what each console's client is sent, copied to the instructor's read-only views
    watchers: dict[str, set[Callable[[str], None]]] = field(default_factory=dict)
    clock: asyncio.Task[None] | None = None
    realtime: RealTimeClock | None = None       # the clock `clock` runs
    # why its saved state was not used (labs.restore), told at the next console login
    note: str = ""

    def tee(self, unit: str, text: str) -> None:
        for watch in list(self.watchers.get(unit, ())):
            watch(text)

    def after_tick(self) -> None:
        """Messages reach the attached consoles; a console nobody is attached to drops its
        messages, as a serial line nobody listens to (they never pile up)."""
        for unit in self.lab.unit_names:
            con = self.attached.get(unit)
            if con is not None:
                con.notify()
            else:
                self.lab.console(unit).take_messages()

    def catch_up(self) -> None:
        """Before a console's line (Pace): the lab's clock at now."""
        if self.realtime is not None:
            self.realtime.catch_up()

    def ran(self) -> None:
        """After a console's line (Pace): messages delivered, the next wake-up planned again
        (the line may have scheduled an event, or changed `console timeout`)."""
        if self.realtime is not None:
            self.realtime.ran()

    def touched(self, con: Attached, now: float) -> None:
        """A key on an attached console: its idle time starts again (a console logged off
        for idleness starts timing again, and the clock plans for it)."""
        idle, con.last_input = con.last_input is None, now
        if idle:
            self.ran()

    def next_logoff(self) -> float | None:
        """When log_off_idle next logs a console off (wall clock); None: never before a key."""
        due = [con.last_input + timeout for unit, con in self.attached.items()
               if con.last_input is not None and (timeout := self.lab.console_idle_timeout_s(unit)) > 0]
        return min(due) if due else None

    def log_off_idle(self, now: float) -> None:
        """Log off each attached console idle for its unit's `console timeout` (0: never),
        in wall-clock time, as the telnet consoles do."""
        for unit, con in list(self.attached.items()):
            timeout = self.lab.console_idle_timeout_s(unit)
            if con.last_input is None or timeout <= 0 or now - con.last_input < timeout:
                continue
            con.last_input = None
            con.time_out()
            con.notify()        # the logoff lines and the new prompt, at once


class Classroom:
    def __init__(self, roster: Roster, now: Callable[[], float] = time.monotonic,
                 recheck_s: float | None = None) -> None:
        self.roster = roster
        self._now = now             # the wall clock of `console timeout` (injectable for tests)
        self._recheck_s = recheck_s     # look at least this often too (a test moving `now`)
        self._stamp = _stamp(roster.path)
        self.labs: dict[str, ClassLab] = {}
        self._loading: dict[str, asyncio.Lock] = {}
        # instructor sessions following the progress table
        self.progress_listeners: set[Callable[[], None]] = set()

    def refresh(self) -> None:
        """Read the roster again when it changed (`classroom add|remove|passwd` while the
        class runs take effect at the next login); a roster that became bad is ignored, the
        one read last stays."""
        stamp = _stamp(self.roster.path)
        if stamp == self._stamp:
            return
        self._stamp = stamp
        try:
            self.roster = load(self.roster.folder)
        except RosterError:
            pass

    async def lab_of(self, name: str) -> ClassLab:
        """The trainee's lab, loaded at the first call (off the event loop: the others keep
        being served while a lab boots)."""
        lock = self._loading.setdefault(name, asyncio.Lock())
        async with lock:
            cl = self.labs.get(name)
            if cl is None:
                trainee = self.roster.trainees[name]
                lab, hook, note = await asyncio.get_running_loop().run_in_executor(
                    None, labs.open_lab, self.roster, trainee)
                cl = self.labs[name] = ClassLab(name, self.roster.lab_dir(name).resolve(), lab, hook,
                                                note=note)
                if note:
                    print(f"asa-emulator: {name}: {note}", file=sys.stderr, flush=True)
            return cl

    def attach(self, cl: ClassLab, unit: str, con: Attached) -> None:
        old = cl.attached.get(unit)
        if old is not None:
            old.take_over(TAKEN_OVER)
        cl.attached[unit] = con
        cl.lab.console(unit).take_messages()        # what nobody was attached to hear is gone
        if cl.clock is None:
            def after_tick() -> None:
                cl.after_tick()
                cl.log_off_idle(self._now())

            def logoff_in() -> float | None:
                return earliest(seconds_until(cl.next_logoff(), self._now()), self._recheck_s)
            cl.realtime = RealTimeClock(cl.lab)
            cl.clock = asyncio.create_task(cl.realtime.run(after_tick, logoff_in))
        else:
            cl.ran()            # a new console to time (its `console timeout`)

    def detach(self, cl: ClassLab, unit: str, con: Attached) -> None:
        if cl.attached.get(unit) is con:
            del cl.attached[unit]
        if not cl.attached and cl.clock is not None:
            cl.clock.cancel()           # idle: no task, no timer, the virtual clock stands
            cl.clock = cl.realtime = None

    def checked(self) -> None:
        for listener in list(self.progress_listeners):
            listener()

    def progress(self) -> dict[str, list[Result] | None]:
        """Each trainee's last `@check` (None: not checked since the server started)."""
        return {name: (self.labs[name].hook.last if name in self.labs else None)
                for name in sorted(self.roster.trainees)}

    async def reset(self, name: str) -> None:
        """The trainee's lab made again from the exercise (consoles closed, loaded again at
        the next login)."""
        lock = self._loading.setdefault(name, asyncio.Lock())
        async with lock:
            cl = self.labs.pop(name, None)
            if cl is not None:
                for con in list(cl.attached.values()):
                    con.take_over(RESET)
                await _stop_clock(cl)
            trainee = self.roster.trainees[name]
            await asyncio.get_running_loop().run_in_executor(None, labs.make, self.roster, trainee)

    async def save_all(self) -> list[str]:
        """Each loaded lab saved whole; the names that could not be (one line each)."""
        problems = []
        for cl in list(self.labs.values()):
            await _stop_clock(cl)
            if not (cl.folder / "lab.toml").is_file():
                continue            # removed from the class while it ran
            try:
                labs.save(cl.lab, cl.folder)
            except (OSError, ValueError, TypeError, LabError) as exc:
                problems.append(f"{cl.name}: lab not saved: {exc}")
        return problems


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_ino


async def _stop_clock(cl: ClassLab) -> None:
    if cl.clock is not None:
        cl.clock.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await cl.clock
        cl.clock = cl.realtime = None


# the emulator's words (unverified: a terminal server's own wording varies)
TAKEN_OVER = "% This console was taken over by a new connection of the same user"
RESET = "% The instructor has reset your lab: log in again"
NOT_RESTORED = "% Your lab's saved state could not be used: it was started from its saved configuration"
