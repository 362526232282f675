"""`exercise lint DIR`: an exercise folder checked whole (issue 21): exercise.toml loads, its
model solution replays as written and passes every check, and each wrong attempt replays as
written and fails the checks it names."""

from __future__ import annotations

from pathlib import Path

from ..lab.spec import LabError
from ..records import dataclass
from ..transcript.check import read_transcript, script_of
from ..transcript.runner import first_exercise, run_on
from .checks import Result
from .load import load_exercise
from .run import exercise_line, start
from .spec import Exercise


@dataclass
class Replay:
    path: Path
    expected: list[str]
    actual: list[str]
    results: list[Result]


def replay(exercise: Exercise, path: Path) -> Replay:
    """Run a transcript of the exercise (`@exercise NAME as TRAINEE` first) and grade the lab
    it leaves."""
    expected = read_transcript(path)
    while expected and not expected[-1]:
        expected.pop()
    named, body = first_exercise(script_of(expected))
    if named is None:
        raise LabError(f"{path}: the first line must be @exercise NAME [as TRAINEE]")
    lab = start(exercise, named[1])
    actual = [exercise_line(*named)]
    run_on(lab, body, actual.append)
    while actual and not actual[-1]:
        actual.pop()
    assert lab.exercise is not None
    return Replay(path, expected, actual, lab.exercise.grade(lab))   # type: ignore[attr-defined]


def lint(folder: str) -> list[str]:
    """The problems found, one line each (none: the exercise is sound)."""
    ex = load_exercise(folder)
    problems: list[str] = []
    if ex.solution is None:
        return [f"{ex.folder}: no model solution (solution.txt)"]
    runs = [(ex.solution, None), *((a.file, a.fails) for a in ex.wrong)]
    for path, fails in runs:
        if not path.is_file():
            problems.append(f"{path}: no such file")
            continue
        r = replay(ex, path)
        if r.actual != r.expected:
            first = next((i for i, (a, b) in enumerate(zip(r.expected, r.actual, strict=False)) if a != b),
                         min(len(r.expected), len(r.actual)))
            problems.append(f"{path}:{first + 1}: the emulator prints "
                            f"{_at(r.actual, first)!r}, the transcript {_at(r.expected, first)!r}")
        failed = {x.name for x in r.results if not x.passed}
        if fails is None and failed:
            problems.append(f"{path}: the model solution fails {', '.join(sorted(failed))}")
        elif fails is not None and not set(fails) <= failed:
            problems.append(f"{path}: should fail {', '.join(sorted(set(fails) - failed))} "
                            "but passes it")
    return problems


def _at(lines: list[str], i: int) -> str:
    return lines[i] if i < len(lines) else "(end)"
