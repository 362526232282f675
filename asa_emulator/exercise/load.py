"""Reading `exercise.toml`: every key's type and meaning checked when the exercise loads, each
problem one line `FILE:LINE: what is wrong` (ExerciseError), never a traceback or a default
that hides a typo."""

from __future__ import annotations

import ipaddress
import re
import tomllib
from pathlib import Path
from typing import Any

from ..lab.directives import USAGE, parse
from ..lab.spec import LabError
from .spec import Attempt, Check, Exercise, ExerciseError, VarSpec
from .variables import KINDS, OPTIONS, draw, unknown

BUILTIN = Path(__file__).resolve().parent / "builtin"
FILE = "exercise.toml"
MAX_BYTES = 256 * 1024
TOP_KEYS = ("title", "lab", "task", "setup", "directives", "variables", "check", "solution", "wrong")
CHECK_KEYS = ("name", "unit", "active", "space", "commands", "expect", "expect_block", "refuse", "before",
              "hint")
WRONG_KEYS = ("file", "fails")
# what a check may type: commands that read and never change (issue 21); `packet-tracer` traces
# a made-up packet through the policy (and a check runs on a scratch copy of the lab anyway)
READ_ONLY = ("show", "dir", "more", "ping", "packet-tracer")
FILTERS = ("include", "exclude", "begin", "grep")
# the directives a check may run on its scratch copy: faults and time, nothing that ends a run
CHECK_DIRECTIVES = ("wait", "power", "crash", "fail", "link", "failover-link", "state-link",
                    "traffic", "reset")
# always open to a trainee, whatever `directives` says
ALWAYS = ("task", "check", "help", "quit", "console")
NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
UNIT = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,31}")


class _Lines:
    """Where a key was written: the toml reader gives values, not places, so the file is
    scanned once for table headers and `key =` lines."""

    def __init__(self, text: str) -> None:
        self.raw = text.splitlines()
        self.places: dict[tuple[str, int, str], int] = {}
        section, counts = "", {"": 1}
        for no, raw in enumerate(text.splitlines(), 1):
            line = raw.strip()
            if m := re.fullmatch(r"\[\[\s*([A-Za-z_.]+)\s*\]\]", line):
                section = m.group(1)
                counts[section] = counts.get(section, 0) + 1
                self.places[(section, counts[section] - 1, "")] = no
            elif m := re.fullmatch(r"\[\s*([A-Za-z_.]+)\s*\]", line):
                section = m.group(1)
                counts[section] = 1
                self.places[(section, 0, "")] = no
            elif m := re.match(r"([A-Za-z_][A-Za-z0-9_-]*)\s*=", line):
                self.places.setdefault((section, counts.get(section, 1) - 1, m.group(1)), no)

    def of(self, section: str, index: int = 0, key: str = "") -> int:
        return self.places.get((section, index, key)) or self.places.get((section, index, "")) or 1

    def inside(self, key: str, i: int) -> int:
        """The line of the i-th line of a top-level multi-line string (setup = three quotes)."""
        start = self.of("", 0, key)
        opened = self.raw[start - 1].rstrip().endswith(('"""', "'''")) if start <= len(self.raw) else False
        return start + i + 1 if opened else start


def find_exercise(name_or_dir: str, base: Path | None = None) -> Path:
    """A built-in exercise's name or a folder holding exercise.toml (relative to `base`
    first: a transcript's folder)."""
    for folder in ([base / name_or_dir] if base else []) + [Path(name_or_dir)]:
        if (folder / FILE).is_file():
            return folder
    if NAME.fullmatch(name_or_dir) and (BUILTIN / name_or_dir / FILE).is_file():
        return BUILTIN / name_or_dir
    raise ExerciseError(f"no exercise '{name_or_dir}' (built-in: {', '.join(builtin_names())}; "
                        f"or a folder holding {FILE})")


def builtin_names() -> list[str]:
    return sorted(p.name for p in BUILTIN.iterdir() if (p / FILE).is_file())


def load_exercise(name_or_dir: str, base: Path | None = None) -> Exercise:
    folder = find_exercise(name_or_dir, base)
    path = folder / FILE
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExerciseError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise ExerciseError(f"{path}: larger than {MAX_BYTES // 1024} KiB")
    try:
        text = data.decode("utf-8")
        table = tomllib.loads(text)
    except UnicodeDecodeError:
        raise ExerciseError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+)", str(exc))
        raise ExerciseError(f"{path}:{m.group(1) if m else 1}: {str(exc).split(' (at')[0]}") from None
    return _Reader(path, text).exercise(table, folder)


class _Reader:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = _Lines(text)

    def fail(self, line: int, what: str) -> ExerciseError:
        return ExerciseError(f"{self.path}:{line}: {what}")

    def _str(self, table: dict[str, Any], key: str, line: int, default: str | None = None) -> str:
        value = table.get(key, default)
        if not isinstance(value, str):
            raise self.fail(line, f"'{key}' must be a string" if key in table else f"'{key}' is missing")
        return value

    def _strs(self, table: dict[str, Any], key: str, line: int) -> list[str]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(line, f"'{key}' must be a list of strings")
        return list(value)

    def _known(self, table: dict[str, Any], keys: tuple[str, ...], section: str, index: int) -> None:
        for key in table:
            if key not in keys:
                raise self.fail(self.lines.of(section, index, key),
                                f"unknown key '{key}' (known: {', '.join(keys)})")

    def exercise(self, table: dict[str, Any], folder: Path) -> Exercise:
        self._known(table, TOP_KEYS, "", 0)
        at = self.lines.of
        title = self._str(table, "title", at("", 0, "title"))
        lab = self._str(table, "lab", at("", 0, "lab"))
        task = self._str(table, "task", at("", 0, "task"))
        setup = self._str(table, "setup", at("", 0, "setup"), "").splitlines()
        directives = self._directives(table)
        variables = self._variables(table.get("variables", {}))
        values = draw(folder.name, variables, "lint")
        self._refs(task, values, at("", 0, "task"))
        for i, line_text in enumerate(setup):
            self._refs(line_text, values, self.lines.inside("setup", i))
            if line_text.strip().startswith("@"):
                self._directive(line_text, USAGE, self.lines.inside("setup", i))
        checks = self._checks(table.get("check", []), values)
        if not checks:
            raise self.fail(at("", 0, ""), "an exercise needs at least one [[check]]")
        solution = folder / self._str(table, "solution", at("", 0, "solution"), "solution.txt")
        wrong = self._wrong(table.get("wrong", []), folder, {c.name for c in checks})
        self._lab(lab, folder, at("", 0, "lab"))
        return Exercise(folder.name, folder, title, lab, folder, setup, task, directives, variables,
                        checks, solution if solution.is_file() else None, wrong)

    def _lab(self, lab: str, folder: Path, line: int) -> None:
        from ..lab.labfile import find_lab
        try:
            find_lab(lab, folder)
        except LabError as exc:
            raise self.fail(line, str(exc)) from None

    def _directives(self, table: dict[str, Any]) -> frozenset[str] | None:
        if "directives" not in table:
            return None
        line = self.lines.of("", 0, "directives")
        names = self._strs(table, "directives", line)
        for n in names:
            if n.lstrip("@") not in USAGE:
                raise self.fail(line, f"unknown directive '@{n.lstrip('@')}'")
        return frozenset(n.lstrip("@") for n in names) | frozenset(ALWAYS)

    def _variables(self, table: object) -> list[VarSpec]:
        if not isinstance(table, dict):
            raise self.fail(self.lines.of("", 0, "variables"), "'variables' must be a table")
        out: list[VarSpec] = []
        for name, spec in table.items():
            line = self.lines.of("variables", 0, name)
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
                raise self.fail(line, f"bad variable name '{name}'")
            if not isinstance(spec, dict) or spec.get("type") not in KINDS:
                raise self.fail(line, f"variable '{name}' needs type = one of {', '.join(KINDS)}")
            kind = spec["type"]
            options = {k: v for k, v in spec.items() if k != "type"}
            for k in options:
                if k not in OPTIONS[kind]:
                    raise self.fail(line, f"variable '{name}': unknown option '{k}' for {kind} "
                                          f"(known: {', '.join(OPTIONS[kind])})")
            self._var_options(name, kind, options, out, line)
            out.append(VarSpec(name, kind, options))
        return out

    def _var_options(self, name: str, kind: str, o: dict[str, Any], before: list[VarSpec],
                     line: int) -> None:
        def num(key: str, low: int, high: int) -> None:
            v = o.get(key)
            if v is not None and (not isinstance(v, int) or isinstance(v, bool) or not low <= v <= high):
                raise self.fail(line, f"variable '{name}': {key} must be an integer {low} to {high}")
        if kind == "subnet":
            try:
                within = ipaddress.IPv4Network(str(o.get("within", "10.0.0.0/8")))
            except ValueError:
                raise self.fail(line, f"variable '{name}': within must be a network A.B.C.D/N") from None
            num("prefix", within.prefixlen, 30)
        elif kind == "host":
            subnets = {v.name: v for v in before if v.kind == "subnet"}
            if o.get("in") not in subnets:
                raise self.fail(line, f"variable '{name}': in = the name of a subnet variable above")
            num("index", 1, (1 << (32 - int(str(subnets[o["in"]].options.get("prefix", 24))))) - 2)
        elif kind == "vlan":
            num("low", 1, 4094)
            num("high", int(o.get("low", 2)), 4094)
        elif kind == "name":
            ch = o.get("choices")
            if ch is not None and (not isinstance(ch, list) or not ch
                                   or not all(isinstance(c, str) and NAME.fullmatch(c) for c in ch)):
                raise self.fail(line, f"variable '{name}': choices must be a list of names")
            if not isinstance(o.get("prefix", ""), str):
                raise self.fail(line, f"variable '{name}': prefix must be a string")
        else:
            num("length", 1, 32)

    def _refs(self, text: str, values: dict[str, str], line: int) -> None:
        bad = unknown(text, values)
        if bad:
            raise self.fail(line, f"unknown variable {bad}")

    def _directive(self, text: str, allowed: object, line: int) -> None:
        try:
            name, _ = parse(text)
        except LabError as exc:
            raise self.fail(line, str(exc)) from None
        if name not in USAGE:
            raise self.fail(line, f"unknown directive '@{name}'")
        if name not in allowed or name in ("lab", "exercise", "quit"):  # type: ignore[operator]
            raise self.fail(line, f"'{text.strip()}' is not allowed here")

    def _checks(self, items: object, values: dict[str, str]) -> list[Check]:
        if not isinstance(items, list):
            raise self.fail(self.lines.of("", 0, "check"), "'check' must be [[check]] tables")
        checks = [self._check(t, i, values) for i, t in enumerate(items)]
        names = [c.name for c in checks]
        for i, n in enumerate(names):
            if n in names[:i]:
                raise self.fail(checks[i].line, f"two checks named '{n}'")
        return checks

    def _check(self, t: object, i: int, values: dict[str, str]) -> Check:
        at = self.lines.of
        if not isinstance(t, dict):
            raise self.fail(at("check", i), "a check must be a table")
        self._known(t, CHECK_KEYS, "check", i)
        name = self._str(t, "name", at("check", i, "name"))
        unit, active = self._where(t, i)
        space = t.get("space", "system")
        if not isinstance(space, str):
            raise self.fail(at("check", i, "space"), "'space' must be \"system\" or a context's name")
        commands = self._strs(t, "commands", at("check", i, "commands"))
        if not commands:
            raise self.fail(at("check", i, "commands"), f"check '{name}' runs no command")
        for c in commands:
            self._read_only(c, at("check", i, "commands"))
        expect = self._regexes(t, "expect", i)
        blocks = self._blocks(t, i)
        refuse = self._regexes(t, "refuse", i)
        before = self._strs(t, "before", at("check", i, "before"))
        for b in before:
            if not b.strip().startswith("@"):
                raise self.fail(at("check", i, "before"), f"'{b}': before holds @ directives only")
            self._directive(b, CHECK_DIRECTIVES, at("check", i, "before"))
        hint = self._str(t, "hint", at("check", i, "hint"), "")
        for key, texts in (("commands", commands), ("expect", expect), ("refuse", refuse),
                           ("expect_block", [r for b in blocks for r in b]),
                           ("before", before), ("hint", [hint]), ("space", [space])):
            for text in texts:
                self._refs(text, values, at("check", i, key))
        if not expect and not blocks and not refuse:
            raise self.fail(at("check", i), f"check '{name}' has no expect, expect_block or refuse")
        return Check(name, unit, active, None if space == "system" else space, commands, expect,
                     blocks, refuse, before, hint, at("check", i))

    def _where(self, t: dict[str, Any], i: int) -> tuple[str | None, tuple[str, str] | None]:
        line = self.lines.of("check", i, "unit" if "unit" in t else "active")
        if ("unit" in t) == ("active" in t):
            raise self.fail(line, "a check names either unit = \"NAME\" or active = "
                                  "\"context NAME\" / \"group N\"")
        if "unit" in t:
            unit = t["unit"]
            if not isinstance(unit, str) or not UNIT.fullmatch(unit):
                raise self.fail(line, "'unit' must be a unit's name")
            return unit, None
        words = str(t["active"]).split()
        if len(words) != 2 or words[0] not in ("context", "group") or \
                (words[0] == "group" and words[1] not in ("1", "2")):
            raise self.fail(line, "'active' must be \"context NAME\" or \"group 1\" / \"group 2\"")
        return None, (words[0], words[1])

    def _read_only(self, command: str, line: int) -> None:
        head, _, pipe = command.partition("|")     # after the first `|`: one filter and its regex
        words = head.split()
        if not words or not any(w.startswith(words[0].lower()) for w in READ_ONLY) \
                or len([w for w in READ_ONLY if w.startswith(words[0].lower())]) != 1:
            raise self.fail(line, f"'{command}': a check runs read-only commands only "
                                  f"({', '.join(READ_ONLY)})")
        if _:
            word = pipe.split()[0].lower() if pipe.split() else ""
            if not word or not any(f.startswith(word) for f in FILTERS):
                raise self.fail(line, f"'{command}': only | {' | '.join(FILTERS)} filters in a check")

    def _regexes(self, t: dict[str, Any], key: str, i: int) -> list[str]:
        line = self.lines.of("check", i, key)
        out = self._strs(t, key, line)
        for r in out:
            try:
                re.compile(r)
            except re.error as exc:
                raise self.fail(line, f"bad regular expression '{r}': {exc}") from None
        return out

    def _blocks(self, t: dict[str, Any], i: int) -> list[list[str]]:
        """`expect_block`: one block (a list of expressions) or several (a list of lists),
        each matching consecutive lines."""
        if "expect_block" not in t:
            return []
        line = self.lines.of("check", i, "expect_block")
        value = t["expect_block"]
        blocks = [value] if isinstance(value, list) and all(isinstance(v, str) for v in value) else value
        if not isinstance(blocks, list) or not blocks or not all(
                isinstance(b, list) and b and all(isinstance(r, str) for r in b) for b in blocks):
            raise self.fail(line, "'expect_block' must be a list of expressions (one block of "
                                  "consecutive lines) or a list of such lists")
        for block in blocks:
            self._regexes({"expect_block": block}, "expect_block", i)
        return [list(b) for b in blocks]

    def _wrong(self, items: object, folder: Path, names: set[str]) -> list[Attempt]:
        if not isinstance(items, list):
            raise self.fail(self.lines.of("", 0, "wrong"), "'wrong' must be [[wrong]] tables")
        out = []
        for i, t in enumerate(items):
            if not isinstance(t, dict):
                raise self.fail(self.lines.of("wrong", i), "a wrong attempt must be a table")
            self._known(t, WRONG_KEYS, "wrong", i)
            # whether the file is there is lint's question: the exercise starts without it
            file = folder / self._str(t, "file", self.lines.of("wrong", i, "file"))
            fails = self._strs(t, "fails", self.lines.of("wrong", i, "fails"))
            for f in fails:
                if f not in names:
                    raise self.fail(self.lines.of("wrong", i, "fails"), f"no check named '{f}'")
            if not fails:
                raise self.fail(self.lines.of("wrong", i, "fails"), "fails names the checks it fails")
            out.append(Attempt(file, fails))
        return out
