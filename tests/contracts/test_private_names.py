"""Modules of the package talk through public names: no module of asa_emulator/ imports a
private name (`_x`) of another of its modules or reads one as `module._x` (a private name is
free to change with its module; issue 18 found help.py reaching into the parser, issue 22 the
classroom into the SSH front end)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support.paths import ROOT

PACKAGE = ROOT / "asa_emulator"


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _ours(node: ast.ImportFrom) -> bool:
    return node.level > 0 or (node.module or "").startswith("asa_emulator")


def private_uses(path: Path) -> list[str]:
    """`file:line: what` for each private name of the package that `path` imports or reads."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    modules: set[str] = set()        # names bound to the package's modules (or its public names)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update((a.asname or a.name).split(".")[0] for a in node.names
                           if a.name.startswith("asa_emulator"))
        elif isinstance(node, ast.ImportFrom) and _ours(node):
            for a in node.names:
                if _private(a.name):
                    found.append(f"{path.name}:{node.lineno}: from {node.module} import {a.name}")
                else:
                    modules.add(a.asname or a.name)
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and _private(node.attr) and isinstance(node.value, ast.Name)
                and node.value.id in modules):
            found.append(f"{path.name}:{node.lineno}: {node.value.id}.{node.attr}")
    return found


def test_no_module_uses_a_private_name_of_another() -> None:
    found = [use for path in sorted(PACKAGE.rglob("*.py")) for use in private_uses(path)]
    assert found == []


def test_the_check_sees_every_form(tmp_path: Path) -> None:
    """The test above can fail: help.py's old import, the classroom's old subclass, and a
    stdlib private (not the package's business) left alone."""
    probe = tmp_path / "probe.py"
    probe.write_text("import copy\nfrom .parser import _ALPHA, END\nfrom ..frontends import ssh\n"
                     "class X(ssh._Login): pass\nself._ok = 1\ncopy._deepcopy_dispatch\n",
                     encoding="utf-8")
    assert private_uses(probe) == ["probe.py:2: from parser import _ALPHA", "probe.py:4: ssh._Login"]
