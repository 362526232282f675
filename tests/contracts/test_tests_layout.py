"""The suite's own layout (tests/README.md): every test file sits in its kind's folder, every
folder is a package, and tests share helpers only through tests/support/ (no `sys.path`
insert, no test module imported by another)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support.paths import ROOT

TESTS = ROOT / "tests"
KINDS = {"unit", "transcripts", "frontends", "properties", "contracts", "fidelity", "support"}


def _python_files() -> list[Path]:
    return sorted(TESTS.rglob("*.py"))


def test_every_test_file_is_in_a_kind_folder() -> None:
    loose = [p.name for p in TESTS.glob("test_*.py")]
    assert loose == [], "move them to their kind's folder (tests/README.md)"
    folders = {p.name for p in TESTS.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))}
    assert folders <= KINDS, f"a new kind: {sorted(folders - KINDS)} (tests/README.md lists the kinds)"


def test_every_folder_is_a_package() -> None:
    folders = {p.parent for p in _python_files()}
    assert sorted(str(d.relative_to(ROOT)) for d in folders if not (d / "__init__.py").is_file()) == []


def test_helpers_are_shared_only_through_support() -> None:
    """No `sys.path` change, and no import of a test module: a helper two files need lives in
    tests/support/."""
    found = []
    for path in _python_files():
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "path" and \
                    isinstance(node.value, ast.Name) and node.value.id == "sys":
                found.append(f"{path.relative_to(ROOT)}: sys.path")
            if isinstance(node, ast.ImportFrom) and node.module and \
                    node.module.split(".")[-1].startswith("test_"):
                found.append(f"{path.relative_to(ROOT)}: from {node.module}")
    assert found == []
