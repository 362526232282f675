"""The grammar's modules talk through public names (issue 18: help.py reached into the parser).

A name with a leading underscore is its module's own: another module that imports it is tied to
how that module works inside.  help.py (`?` and Tab) uses what parser.py declares public for it
(END, accepts, feed, may_split, split_words, Word, CommandError).
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support.paths import ROOT

SYNTAX = ROOT / "asa_emulator" / "syntax"


def private_imports(path: Path) -> list[str]:
    """`module: name` for each private name `path` imports from a module of the package."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level > 0:
            found += [f"{node.module}: {a.name}" for a in node.names
                      if a.name.startswith("_") and not a.name.startswith("__")]
    return found


def test_no_module_of_the_grammar_imports_a_private_name() -> None:
    found = {p.name: names for p in sorted(SYNTAX.glob("*.py")) if (names := private_imports(p))}
    assert found == {}


def test_the_check_sees_a_private_import(tmp_path: Path) -> None:
    """The test above can fail: help.py's import as it was is found."""
    old = tmp_path / "help.py"
    old.write_text("from .parser import _ALPHA, END, _feed\n", encoding="utf-8")
    assert private_imports(old) == ["parser: _ALPHA", "parser: _feed"]
