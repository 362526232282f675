"""The revision counters kept values key on are one registry (kept.REVISIONS, issue 18): every
counter a kept value reads is declared there, moved only through it, and listed in
docs/kept.md."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from asa_emulator import kept
from asa_emulator.kept import REVISIONS
from asa_emulator.lab.lab import Lab

PACKAGE = Path(kept.__file__).resolve().parent
DOC = PACKAGE.parent / "docs" / "kept.md"
COUNTER_LIKE = re.compile(r"(^|_)gen$|_count$")


def _calls_kept_get(fn: ast.AST) -> bool:
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "get"
               and isinstance(n.func.value, ast.Attribute) and n.func.value.attr == "kept"
               for n in ast.walk(fn))


def _attributes(fn: ast.AST) -> set[str]:
    return {n.attr for n in ast.walk(fn) if isinstance(n, ast.Attribute)}


def counters_read_by_kept_values() -> dict[str, set[str]]:
    """Counter-like attributes read by each function that keeps a value (and by the module's
    functions it calls by name: the helpers that build its key), by file and function."""
    found: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = {f.name: f for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)}
        for fn in functions.values():
            if not _calls_kept_get(fn):
                continue
            attrs = _attributes(fn)
            for call in ast.walk(fn):
                if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in functions:
                    attrs |= _attributes(functions[call.func.id])
            counters = {a for a in attrs if COUNTER_LIKE.search(a) or a in REVISIONS}
            if counters:
                found[f"{path.relative_to(PACKAGE)}:{fn.name}"] = counters
    return found


def test_every_counter_a_kept_value_reads_is_registered_and_every_registered_one_is_read() -> None:
    read = counters_read_by_kept_values()
    unregistered = {where: sorted(c - {r.attr for r in REVISIONS}) for where, c in read.items()
                    if c - {r.attr for r in REVISIONS}}
    assert unregistered == {}
    assert {r.attr for r in REVISIONS} == set().union(*read.values())
    # a key built by a helper (gather._state_key) is looked into
    assert any(w.startswith("failover/show/gather.py:") and "history_count" in c for w, c in read.items())


def test_counters_move_only_through_the_registry() -> None:
    moved = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            target = getattr(node, "target", None)
            if isinstance(node, ast.AugAssign) and isinstance(target, ast.Attribute) and target.attr in REVISIONS:
                moved.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {target.attr}")
    assert moved == []


def test_docs_list_every_registered_counter() -> None:
    text = DOC.read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(\w+)\.(\w+)(?:\[c\])?`", text, re.M)
    assert sorted(f"{o}.{a}" for o, a in rows) == sorted(r.name for r in REVISIONS)
    for r in REVISIONS:
        assert f"`{r.moved_by}`" in text, r.name


def test_a_command_moves_the_unit_s_counters_through_the_registry() -> None:
    lab = Lab.load("example")
    lab.settle()
    u = lab.units["primary"].spaces
    before = (REVISIONS.read(u, "config_gen"), REVISIONS.read(u, "sys_gen"))
    s = lab.open_session("primary")
    for line in ("enable", "", "configure terminal", "hostname fw9"):
        s.execute(line)
    assert u.config_gen > before[0] and u.sys_gen > before[1]
    with pytest.raises(KeyError, match="no revision counter"):
        REVISIONS.bump(u, "pager_lines")
    with pytest.raises(ValueError, match="declared twice"):
        REVISIONS.declare("Unit", "sys_gen", "again", "nowhere")
