"""A classroom's roster (`DIR/classroom.toml`): the trainees' accounts and exercises, the
instructor's account, and the class secret the per-trainee values are drawn with.

    secret = "9f1c..."                        # random, made by the first `classroom add`

    [instructor]
    username = "teacher"
    password_hash = "scrypt:16384:8:1$...$..."

    [trainees.alice]
    password_hash = "scrypt:16384:8:1$...$..."
    exercise = "primary"

Passwords are kept as lab/account.py's salted scrypt hashes.  A bad roster is one line
`FILE: what` (RosterError); the file is written whole or not at all (a temporary file renamed
over it), so a killed command never leaves it torn.  Each trainee's lab is the lab directory
`DIR/labs/NAME` (labs.py).
"""

from __future__ import annotations

import json
import os
import secrets
import tomllib
from dataclasses import field
from pathlib import Path

from ..device.flash import atomic_write
from ..lab.account import USERNAME, hash_problem
from ..lab.spec import LabError
from ..records import dataclass

FILE = "classroom.toml"
LABS = "labs"
MAX_BYTES = 1024 * 1024
MAX_TRAINEES = 1000


class RosterError(LabError):
    """A roster that cannot be used: one line, exit 2."""


@dataclass
class Trainee:
    name: str
    password_hash: str
    exercise: str


@dataclass
class Account:
    username: str
    password_hash: str


@dataclass
class Roster:
    folder: Path
    secret: str
    instructor: Account | None = None
    trainees: dict[str, Trainee] = field(default_factory=dict)

    @property
    def path(self) -> Path:
        return self.folder / FILE

    def lab_dir(self, name: str) -> Path:
        return self.folder / LABS / name


def check_name(name: str) -> str:
    """A user name fit for SSH and for a folder name (lab/account.py's rule)."""
    if not USERNAME.fullmatch(name) or name in (".", ".."):
        raise RosterError(f"'{name}' is not a valid user name (letters, digits, . _ @ -, at most 64)")
    return name


def new_roster(folder: Path) -> Roster:
    return Roster(folder, secrets.token_hex(16))


def load(folder: Path) -> Roster:
    path = folder / FILE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RosterError(f"{path}: no roster here (asa-emulator classroom add {folder} NAME ...)") from None
    except OSError as exc:
        raise RosterError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise RosterError(f"{path}: larger than {MAX_BYTES // 1024} KiB")
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RosterError(f"{path}: not a roster: {exc}") from None
    return _parse(folder, path, data)


def _parse(folder: Path, path: Path, data: dict[str, object]) -> Roster:
    unknown = set(data) - {"secret", "instructor", "trainees"}
    if unknown:
        raise RosterError(f"{path}: unknown key '{sorted(unknown)[0]}' (secret, instructor, trainees)")
    secret = data.get("secret", "")
    if not isinstance(secret, str):
        raise RosterError(f"{path}: secret must be a string")
    roster = Roster(folder, secret)
    inst = data.get("instructor")
    if inst is not None:
        fields = _table(path, "instructor", inst, {"username", "password_hash"})
        roster.instructor = Account(check_name(fields["username"]), _hash(path, "instructor", fields))
    trainees = data.get("trainees", {})
    if not isinstance(trainees, dict):
        raise RosterError(f"{path}: trainees must be a table of [trainees.NAME]")
    if len(trainees) > MAX_TRAINEES:
        raise RosterError(f"{path}: more than {MAX_TRAINEES} trainees")
    for name, body in trainees.items():
        where = f"trainees.{name}"
        try:
            check_name(name)
        except RosterError as exc:
            raise RosterError(f"{path}: [{where}]: {exc}") from None
        fields = _table(path, where, body, {"password_hash", "exercise"})
        roster.trainees[name] = Trainee(name, _hash(path, where, fields), fields["exercise"])
    return roster


def _table(path: Path, where: str, body: object, keys: set[str]) -> dict[str, str]:
    if not isinstance(body, dict):
        raise RosterError(f"{path}: [{where}] must be a table")
    extra = set(body) - keys
    if extra:
        raise RosterError(f"{path}: [{where}]: unknown key '{sorted(extra)[0]}'")
    for key in sorted(keys):
        if not isinstance(body.get(key), str) or not body[key]:
            raise RosterError(f"{path}: [{where}]: {key} is missing or not a string")
    return {key: str(body[key]) for key in keys}


def _hash(path: Path, where: str, fields: dict[str, str]) -> str:
    problem = hash_problem(fields["password_hash"])
    if problem is not None:
        raise RosterError(f"{path}: [{where}]: password_hash {problem}")
    return fields["password_hash"]


def _q(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's, ASCII only)."""
    return json.dumps(text, ensure_ascii=True)


def dumps(roster: Roster) -> str:
    lines = ["# asa-emulator classroom roster (asa-emulator classroom add|remove|passwd edits it)",
             f"secret = {_q(roster.secret)}", ""]
    if roster.instructor is not None:
        lines += ["[instructor]", f"username = {_q(roster.instructor.username)}",
                  f"password_hash = {_q(roster.instructor.password_hash)}", ""]
    for name in sorted(roster.trainees):
        t = roster.trainees[name]
        lines += [f"[trainees.{_q(name)}]", f"password_hash = {_q(t.password_hash)}",
                  f"exercise = {_q(t.exercise)}", ""]
    return "\n".join(lines)


def save(roster: Roster) -> None:
    """Write the roster whole (temporary file, rename), readable by its owner only: it holds
    the class secret."""
    roster.folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(roster.folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        atomic_write(fd, FILE, dumps(roster).encode("ascii"), mode=0o600)
    finally:
        os.close(fd)
