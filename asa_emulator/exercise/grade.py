"""`exercise grade NAME LABDIR`: a saved lab graded offline (issue 21).  The lab boots from its
flash with its saved physical state (lab/physical.py), on a copy in memory (grading never
changes it), settles, and the checks run; the setup is never run again.  Grading sees the
saved configuration; `@check` sees the running one."""

from __future__ import annotations

import json
from pathlib import Path

from ..lab import physical
from ..lab.lab import Lab
from .checks import Result
from .run import ExerciseRun
from .spec import Exercise


def grade_saved(exercise: Exercise, labdir: Path, trainee: str = "", secret: str = "") -> list[Result]:
    lab = Lab.load(str(labdir), in_memory=True)
    off = physical.apply(lab, labdir)
    lab.settle()
    physical.power_off(lab, off)
    return ExerciseRun(exercise, trainee, secret).grade(lab)


def table(exercise: Exercise, results: list[Result]) -> list[str]:
    """The grade as a table of 80 columns: each check, passed or failed, and why."""
    width = max([len("check"), *(len(r.name) for r in results)])
    out = [f"{exercise.name}: {exercise.title}", "",
           f"{'check':<{width}}  result  detail", f"{'-' * width}  ------  {'-' * 20}"]
    for r in results:
        out.append(f"{r.name:<{width}}  {'pass' if r.passed else 'FAIL':<6}  {r.detail}".rstrip())
        if not r.passed and r.hint:
            out.append(f"{'':<{width}}          hint: {r.hint}")
    passed = sum(r.passed for r in results)
    out += ["", f"{passed} of {len(results)} checks passed"]
    return out


def as_json(exercise: Exercise, results: list[Result]) -> str:
    return json.dumps({
        "exercise": exercise.name, "title": exercise.title,
        "passed": all(r.passed for r in results),
        "checks": [{"name": r.name, "passed": r.passed, "detail": r.detail, "hint": r.hint}
                   for r in results],
    }, indent=2)
