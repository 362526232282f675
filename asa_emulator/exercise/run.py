"""An exercise worked on a lab: the setup run once, the trainee's values, `@task`, `@check`
and the directives the trainee may use (the lab's ExerciseHook, lab/parts.py)."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

from ..lab.lab import Lab
from ..lab.spec import LabError
from .checks import Result, report_lines, run_checks
from .load import load_exercise
from .spec import Exercise
from .variables import draw, fill


class ExerciseRun:
    def __init__(self, exercise: Exercise, trainee: str = "", secret: str = "") -> None:
        self.exercise = exercise
        self.trainee = trainee
        self.values = draw(exercise.name, exercise.variables, trainee, secret)
        self.last: list[Result] | None = None       # the last `@check`'s results

    # ------------------------------------------------------------------ ExerciseHook
    def allows(self, directive: str) -> bool:
        allowed = self.exercise.directives
        return allowed is None or directive in allowed

    def task_lines(self) -> list[str]:
        return [self.exercise.title, "", *fill(self.exercise.task, self.values).strip("\n").splitlines()]

    def check_lines(self, lab: Any) -> list[str]:
        self.last = self.grade(lab)
        return report_lines(self.last)

    # ------------------------------------------------------------------
    def grade(self, lab: Any) -> list[Result]:
        return run_checks(lab, self.exercise, self.values)

    def progress(self) -> str:
        """The toolbar's word on the exercise: the last `@check`'s score."""
        if self.last is None:
            return f"{self.exercise.name}: @task, @check"
        passed = sum(r.passed for r in self.last)
        return f"{self.exercise.name}: {passed}/{len(self.last)} checks passed"

    def setup(self, lab: Lab) -> None:
        """The setup script, once, out of sight: its output and the console messages it
        causes are not the trainee's; the consoles are left at the user prompt."""
        for line in self.exercise.setup:
            _setup_line(lab, fill(line, self.values))
        for u in lab.units.values():
            u.console.take_messages()
            if u.up:
                u.console.log_off()
        lab.current = lab.unit_names[0]


def _setup_line(lab: Lab, line: str) -> None:
    """One line of the setup, as the transcript runner feeds it (which sits above this
    package): a directive, or a line typed at the current console; output unseen."""
    if line.lstrip().startswith("@"):
        lab.directive(line)
        return
    con = lab.console(lab.current)
    if con.unit.up:
        con.execute(line)
        if con.busy_ms:
            lab.advance(con.take_busy_ms())


def parse_exercise_line(args: list[str]) -> tuple[str, str]:
    """`@exercise NAME [as TRAINEE]` -> (NAME, TRAINEE)."""
    if len(args) == 1:
        return args[0], ""
    if len(args) == 3 and args[1].lower() == "as" and args[2]:
        return args[0], args[2]
    raise LabError("usage: @exercise NAME|DIR [as TRAINEE]")


def exercise_line(name: str, trainee: str) -> str:
    return f"@exercise {shlex.quote(name)}" + (f" as {shlex.quote(trainee)}" if trainee else "")


def start(exercise: Exercise | str, trainee: str = "", secret: str = "", *,
          base: Path | None = None, lab_source: str | None = None,
          in_memory: bool = True, run_setup: bool = True, lab_class: type[Lab] = Lab) -> Lab:
    """A lab with the exercise on it: the exercise's lab (or `lab_source`, a lab directory the
    trainee works in), settled, the setup run (unless the lab is the trainee's saved work)."""
    ex = exercise if isinstance(exercise, Exercise) else load_exercise(exercise, base)
    if lab_source is not None:
        lab = lab_class.load(lab_source, in_memory=in_memory)
    else:
        lab = lab_class.load(ex.lab, ex.lab_base, in_memory=in_memory)
    lab.settle()
    hook = ExerciseRun(ex, trainee, secret)
    if run_setup:
        hook.setup(lab)
    lab.exercise = hook
    return lab
