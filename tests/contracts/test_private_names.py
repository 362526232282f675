"""The classroom server reaches the frontends through their public names: no module of
asa_emulator/classroom/ imports a private name (`_x`) of another module or reads one as
`module._x` (a private name is free to change with its module)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support.paths import ROOT

PACKAGES = ["asa_emulator/classroom"]


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def private_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), str(path))
    modules: set[str] = set()        # names bound to imported modules
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            for a in node.names:
                if _private(a.name):
                    found.append(f"{path.name}:{node.lineno}: from {node.module} import {a.name}")
                else:
                    modules.add(a.asname or a.name)      # a module or a public name: both fine
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and _private(node.attr) and isinstance(node.value, ast.Name)
                and node.value.id in modules):
            found.append(f"{path.name}:{node.lineno}: {node.value.id}.{node.attr}")
    return found


def test_the_classroom_uses_no_private_name_of_another_module() -> None:
    found = [use for package in PACKAGES for path in sorted((ROOT / package).glob("*.py"))
             for use in private_uses(path)]
    assert found == []


def test_the_check_sees_both_forms(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("from a import _b\nfrom c import ssh\nclass X(ssh._Login): pass\nself._ok = 1\n")
    assert private_uses(probe) == ["probe.py:1: from a import _b", "probe.py:3: ssh._Login"]
