"""What an exercise is, once its `exercise.toml` has been read and checked (load.py)."""

from __future__ import annotations

from dataclasses import field
from pathlib import Path

from ..lab.spec import LabError
from ..records import dataclass


class ExerciseError(LabError):
    """A bad exercise: one line naming its file and line."""


@dataclass
class VarSpec:
    name: str
    kind: str                       # subnet | host | vlan | name | key
    options: dict[str, object] = field(default_factory=dict)


@dataclass
class Check:
    name: str
    unit: str | None                # a unit by name, or None: where `active` is
    active: tuple[str, str] | None  # ("context", NAME) or ("group", "N"): the unit where it is active
    space: str | None               # a context's name, or None: the system space
    commands: list[str]
    expect: list[str]               # regular expressions, matched by lines in this order
    blocks: list[list[str]]         # `expect_block`: each block's expressions match consecutive lines
    refuse: list[str]               # regular expressions no line may match
    before: list[str]               # directives run first on a scratch copy of the lab
    hint: str
    line: int                       # where it starts in exercise.toml


@dataclass
class Attempt:
    """A wrong attempt: a transcript that must fail the named checks."""
    file: Path
    fails: list[str]


@dataclass
class Exercise:
    name: str
    folder: Path
    title: str
    lab: str                        # a built-in lab's name or a lab directory
    lab_base: Path                  # where a relative lab directory is looked up
    setup: list[str]
    task: str                       # Markdown
    directives: frozenset[str] | None   # the directives the trainee may use; None: all
    variables: list[VarSpec]
    checks: list[Check]
    solution: Path | None
    wrong: list[Attempt]
