"""`asa-emulator exercise list | start | grade | lint` (cli.py parses, this runs them)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..lab.spec import LabError

if TYPE_CHECKING:
    from ..lab.lab import Lab

SECRET_ENV = "ASA_EMULATOR_CLASS_SECRET"     # the class secret the per-trainee values are drawn with
EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def _fail(message: str) -> int:
    print(f"asa-emulator: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _secret() -> str:
    return os.environ.get(SECRET_ENV, "")


def cmd_list() -> int:
    from .load import builtin_names, load_exercise
    for name in builtin_names():
        try:
            ex = load_exercise(name)
        except LabError as exc:
            return _fail(str(exc))
        print(f"{name:<22} {ex.title} (lab {ex.lab})")
    return EXIT_OK


def cmd_grade(name: str, labdir: str, trainee: str, as_json: bool) -> int:
    from ..lab.labfile import find_lab
    from .grade import as_json as to_json
    from .grade import grade_saved, table
    from .load import load_exercise
    try:
        ex = load_exercise(name)
        folder = find_lab(labdir)
        results = grade_saved(ex, folder, trainee, _secret())
    except LabError as exc:
        return _fail(str(exc))
    print(to_json(ex, results) if as_json else "\n".join(table(ex, results)))
    return EXIT_OK if all(r.passed for r in results) else EXIT_FAILED


def cmd_lint(folder: str) -> int:
    from .lint import lint
    try:
        problems = lint(folder)
    except LabError as exc:
        return _fail(str(exc))
    for p in problems:
        print(p)
    if not problems:
        print(f"{folder}: ok")
    return EXIT_FAILED if problems else EXIT_OK


def work_dir(name: str, trainee: str) -> Path:
    from ..datadir import data_dir
    return data_dir() / "exercises" / name / (trainee or "trainee") / "lab"


def cmd_start(name: str, trainee: str, lab_dir: str | None, fresh: bool) -> int:
    """The lab terminal on the trainee's lab directory (made from the exercise's lab, setup
    run, the first time; the saved work with its physical state after that)."""
    from ..lab import physical
    from ..lab.copies import copy_lab
    from ..lab.lab import Lab, keep_for_good
    from ..lab.labfile import find_lab
    from .load import load_exercise
    from .run import ExerciseRun
    try:
        ex = load_exercise(name)
        folder = Path(lab_dir) if lab_dir else work_dir(ex.name, trainee)
        made = fresh or not (folder / "lab.toml").is_file()
        if made:
            if lab_dir and folder.exists() and any(folder.iterdir()) and not fresh:
                return _fail(f"{folder} exists and holds no lab")
            _clear(folder)
            folder.mkdir(parents=True, exist_ok=True)
            copy_lab(find_lab(ex.lab, ex.lab_base), folder)
        lab = Lab.load(str(folder))
        off = physical.apply(lab, folder)
        lab.settle()
        physical.power_off(lab, off)
        hook = ExerciseRun(ex, trainee, _secret())
        if made:
            hook.setup(lab)
        physical.save(lab, folder)
        lab.exercise = hook
    except LabError as exc:
        return _fail(str(exc))
    print(f"exercise {ex.name}: {'started' if made else 'your saved work'} in {folder} "
          "(write memory keeps your configuration; exercise grade grades it)", file=sys.stderr)
    if not sys.stdin.isatty():
        return _run_piped(lab, folder)
    _show_task(hook.task_lines())
    keep_for_good()
    from ..frontends.tui.app import run_terminal
    try:
        return run_terminal(lab)
    finally:
        physical.save(lab, folder)


def _run_piped(lab: Lab, folder: Path) -> int:
    """`exercise start NAME < file`: the lines run on the trainee's lab as `lab DIR < file`
    runs them (a transcript on stdout, `@task` and `@check` as typed), never the full-screen
    terminal, which on a pipe echoed every line twice beside its toolbar; the work stays."""
    from ..lab import physical
    from ..transcript.runner import run_on
    from ..transcript.script import script_lines, stdin_bytes

    def emit(line: str) -> None:
        sys.stdout.write(line + "\n")
    try:
        run_on(lab, script_lines(stdin_bytes()), emit)
    except LabError as exc:
        sys.stdout.flush()
        return _fail(str(exc))
    finally:
        physical.save(lab, folder)
    sys.stdout.flush()
    return EXIT_OK


def _clear(folder: Path) -> None:
    import shutil
    if folder.is_dir() and not folder.is_symlink():
        shutil.rmtree(folder)


def _show_task(lines: list[str]) -> None:
    from rich.console import Console
    from rich.markdown import Markdown
    title, *body = lines
    console = Console(highlight=False)
    console.rule(title)
    console.print(Markdown("\n".join(body)))
