"""Each trainee's lab: a lab directory `DIR/labs/NAME`, made from the exercise's lab with its
setup run once (`classroom add`), loaded when the trainee first logs in, saved whole when the
server stops (persist.py) with its physical state (physical.json, what `exercise grade
--classroom` boots with), reset by the instructor."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..exercise.load import load_exercise
from ..exercise.run import ExerciseRun
from ..exercise.spec import Exercise
from ..lab import physical
from ..lab.copies import copy_lab
from ..lab.lab import Lab
from ..lab.labfile import find_lab
from . import persist
from .roster import Roster, RosterError, Trainee


def exercise_of(roster: Roster, trainee: Trainee) -> Exercise:
    """The trainee's exercise: a built-in name or a folder (relative to the classroom)."""
    return load_exercise(trainee.exercise, roster.folder)


def make(roster: Roster, trainee: Trainee) -> Path:
    """A new lab for the trainee (an old one is replaced): the exercise's lab copied, booted,
    the setup run once, then saved whole."""
    ex = exercise_of(roster, trainee)
    folder = roster.lab_dir(trainee.name).resolve()
    remove(roster, trainee.name)
    folder.mkdir(parents=True)
    copy_lab(find_lab(ex.lab, ex.lab_base), folder)
    lab = Lab.load(str(folder))
    lab.settle()
    hook = ExerciseRun(ex, trainee.name, roster.secret)
    hook.setup(lab)
    save(lab, folder)
    return folder


def remove(roster: Roster, name: str) -> None:
    folder = roster.lab_dir(name)
    if folder.is_symlink():
        raise RosterError(f"{folder} is a link: not removed")
    if folder.is_dir():
        shutil.rmtree(folder)


def open_lab(roster: Roster, trainee: Trainee) -> tuple[Lab, ExerciseRun]:
    """The trainee's lab as it was left (its snapshot; without one, booted from its flash
    and physical state), with the exercise on it (the setup is not run again)."""
    ex = exercise_of(roster, trainee)
    folder = roster.lab_dir(trainee.name).resolve()
    if not (folder / "lab.toml").is_file():
        make(roster, trainee)
    lab = persist.load(folder)
    if lab is None:
        lab = Lab.load(str(folder))
        off = physical.apply(lab, folder)
        lab.settle()
        physical.power_off(lab, off)
    hook = ExerciseRun(ex, trainee.name, roster.secret)
    lab.exercise = hook
    return lab, hook


def save(lab: Lab, folder: Path) -> None:
    """The lab whole (persist.py) and its physical state (physical.json)."""
    physical.save(lab, folder)
    persist.save(lab, folder)
