"""`asa-emulator classroom add|remove|list|passwd DIR ...` (cli.py parses, this runs them).

A password is asked on the terminal, or read as one line of stdin when it is not one (a
script adding a class: `printf 'pw\\n' | asa-emulator classroom add DIR alice --exercise
primary`).  Every problem is one line on stderr and exit 2."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from ..lab.account import hash_password
from ..lab.spec import LabError
from . import labs
from .roster import Account, Roster, RosterError, Trainee, check_name, load, new_roster, save

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def _fail(message: str) -> int:
    print(f"asa-emulator: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _password(name: str) -> str:
    if sys.stdin.isatty():
        first = getpass.getpass(f"Password for {name}: ")
        if getpass.getpass("Again: ") != first:
            raise RosterError("the passwords differ")
        password = first
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise RosterError("the password is empty")
    return password


def _load_or_new(folder: Path) -> Roster:
    try:
        return load(folder)
    except RosterError:
        if (folder / "classroom.toml").exists():
            raise
        return new_roster(folder)


def cmd_add(folder: str, name: str, exercise: str | None, instructor: bool) -> int:
    try:
        check_name(name)
        roster = _load_or_new(Path(folder))
        if instructor:
            if exercise:
                raise RosterError("--instructor takes no --exercise")
            roster.instructor = Account(name, hash_password(_password(name)))
            save(roster)
            print(f"{name}: the instructor of {folder}")
            return EXIT_OK
        if not exercise:
            raise RosterError("--exercise NAME is needed for a trainee (asa-emulator exercise list)")
        if name in roster.trainees:
            raise RosterError(f"{name} is on the roster already (classroom passwd changes the password)")
        trainee = Trainee(name, "", exercise)
        labs.exercise_of(roster, trainee)           # a bad exercise is refused before a password
        trainee = Trainee(name, hash_password(_password(name)), exercise)
        roster.trainees[name] = trainee
        save(roster)        # the account first: a lab that fails to build is made at login
        made = labs.make(roster, trainee)
    except LabError as exc:
        return _fail(str(exc))
    print(f"{name}: exercise {exercise}, lab {made}")
    return EXIT_OK


def cmd_remove(folder: str, name: str) -> int:
    try:
        roster = load(Path(folder))
        if name not in roster.trainees:
            raise RosterError(f"{name} is not a trainee of {folder}")
        del roster.trainees[name]
        save(roster)
        labs.remove(roster, name)
    except LabError as exc:
        return _fail(str(exc))
    print(f"{name}: removed, with the lab")
    return EXIT_OK


def cmd_passwd(folder: str, name: str) -> int:
    try:
        roster = load(Path(folder))
        if roster.instructor is not None and roster.instructor.username == name:
            roster.instructor = Account(name, hash_password(_password(name)))
        elif name in roster.trainees:
            old = roster.trainees[name]
            roster.trainees[name] = Trainee(name, hash_password(_password(name)), old.exercise)
        else:
            raise RosterError(f"{name} is not on the roster of {folder}")
        save(roster)
    except LabError as exc:
        return _fail(str(exc))
    print(f"{name}: password changed")
    return EXIT_OK


def cmd_list(folder: str) -> int:
    try:
        roster = load(Path(folder))
    except LabError as exc:
        return _fail(str(exc))
    inst = roster.instructor.username if roster.instructor else "(none: classroom add DIR NAME --instructor)"
    print(f"instructor: {inst}")
    width = max([len("trainee"), *(len(n) for n in roster.trainees)])
    print(f"{'trainee':<{width}}  {'exercise':<22} lab")
    for name in sorted(roster.trainees):
        t = roster.trainees[name]
        lab = roster.lab_dir(name)
        state = "saved" if (lab / "lab.toml").is_file() else "made at first login"
        print(f"{name:<{width}}  {t.exercise:<22} {state}")
    return EXIT_OK
