"""Dependencies point down (design.md, docs/architecture.md): every module of the package sits
on a layer, imports only from its own layer or below, and no two files import each other in
a loop.  Every import counts: at module level, inside a function, and under `TYPE_CHECKING`
(a type-only import is still a tie that a reader follows and a move must respect)."""

from __future__ import annotations

import ast
import sys
from functools import cache
from pathlib import Path

import pytest

from tests.support.paths import ROOT

PACKAGE = ROOT / "asa_emulator"

# top to bottom; a module's place is its first path part under asa_emulator/ (a top-level
# module's name without `.py`)
LAYERS: tuple[tuple[str, ...], ...] = (
    ("__init__", "__main__", "cli", "api", "frontends", "transcript", "exercise", "classroom", "syslog_udp"),
    ("lab", "console"),
    ("failover", "traffic", "troubleshoot"),
    ("device",),
    ("config", "syntax", "clock", "cabling", "records", "kept", "bulk", "datadir"),
)


def _files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def _resolve(parts: list[str]) -> str | None:
    """The file a dotted module path under asa_emulator names (a module or a package)."""
    base = PACKAGE.joinpath(*parts)
    if base.with_suffix(".py").is_file():
        return _name(base.with_suffix(".py"))
    if (base / "__init__.py").is_file():
        return _name(base / "__init__.py")
    return None


def _targets(base: list[str], module: str | None, names: list[str]) -> set[str]:
    """What `from BASE.MODULE import NAMES` ties a file to: a submodule named in NAMES, or
    else the module itself."""
    parts = base + (module.split(".") if module else [])
    found = {t for n in names if (t := _resolve([*parts, n]))}
    whole = _resolve(parts) if parts else None
    if whole and (len(found) < len(names) or not found):
        found.add(whole)
    return found


@cache
def import_graph() -> dict[str, frozenset[str]]:
    """Each file of the package -> the files of the package it imports."""
    graph: dict[str, frozenset[str]] = {}
    for path in _files():
        rel = path.relative_to(PACKAGE).with_suffix("").parts
        package = list(rel[:-1])        # what a relative import starts from
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                names = [a.name for a in node.names]
                if node.level:
                    base = package[:len(package) - (node.level - 1)]
                    found |= _targets(base, node.module, names)
                elif node.module and node.module.split(".")[0] == "asa_emulator":
                    found |= _targets([], ".".join(node.module.split(".")[1:]) or None, names)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    bits = alias.name.split(".")
                    if bits[0] == "asa_emulator" and len(bits) > 1 and (t := _resolve(bits[1:])):
                        found.add(t)
        graph[_name(path)] = frozenset(found - {_name(path)})
    return graph


def _layer(file: str) -> int:
    top = file.split("/")[0].removesuffix(".py")
    for rank, names in enumerate(LAYERS):
        if top in names:
            return rank
    raise AssertionError(f"{file}: its place ({top}) is on no layer of tests/contracts/test_layers.py")


def circles() -> list[frozenset[str]]:
    """The strongly connected groups of two or more files (Tarjan's algorithm)."""
    graph = import_graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.add(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(frozenset(group))
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_every_module_is_on_a_layer_and_imports_none_above_it() -> None:
    upward = [f"{a} -> {b}" for a, deps in sorted(import_graph().items()) for b in sorted(deps)
              if _layer(b) < _layer(a)]
    assert upward == []


def test_no_import_circle() -> None:
    """No two files import each other, directly or round a loop: a unit sits below its
    sessions and handlers and reaches the pair through the ports (device/boundary.py); a type a
    lower file needs of a higher one is a small protocol beside it."""
    assert [sorted(c) for c in circles()] == []


def test_the_circle_finder_finds_a_circle(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test above can fail: a loop of two files added to the graph is found."""
    graph = dict(import_graph())
    graph["device/unit.py"] = graph["device/unit.py"] | {"device/session.py"}
    monkeypatch.setattr(sys.modules[__name__], "import_graph", lambda: graph)
    assert any({"device/unit.py", "device/session.py"} <= c for c in circles())


MOST_LINES = 600


def test_no_module_is_over_600_lines() -> None:
    """A module holds one concern a reader can take in (docs/architecture.md): past 600 lines
    it is split by concern, not trimmed."""
    long = [f"{_name(p)}: {n}" for p in _files()
            if (n := len(p.read_text().splitlines())) > MOST_LINES]
    assert long == []


def test_the_shared_line_session_depends_on_no_front_end() -> None:
    """frontends/line/ is what SSH, telnet, the control port and the terminal share: it
    imports none of them, so each front end can change alone."""
    reach = [f"{a} -> {b}" for a, deps in sorted(import_graph().items())
             if a.startswith("frontends/line/") for b in sorted(deps)
             if b.startswith("frontends/") and not b.startswith("frontends/line/")]
    assert reach == []


def test_what_a_front_end_sees_imports_nothing_of_the_lab() -> None:
    """console.py is the protocol the front ends drive a lab through: it names the lab's
    parts (the control port's account too) without importing lab/."""
    assert sorted(b for b in import_graph()["console.py"] if b.startswith("lab/")) == []


RENDERERS = ("device/show.py", "device/show_interface.py", "config/render.py", "failover/show/render.py", "traffic/show.py")


def test_the_lab_imports_no_renderer() -> None:
    """lab/ checks and assembles; what a model is (the platform table) lives in
    device/hardware.py, not beside `show version`'s layout."""
    reach = [f"{a} -> {b}" for a, deps in sorted(import_graph().items())
             if a.startswith("lab/") for b in sorted(deps) if b in RENDERERS]
    assert reach == []


def test_the_walk_sees_relative_type_only_and_function_imports() -> None:
    """The graph is what the test relies on: a module-level, a `TYPE_CHECKING` and a
    function-level import each appear as an edge."""
    graph = import_graph()
    assert "lab/spec.py" in graph["lab/labschema.py"]           # from .spec import ...
    assert "device/unit.py" in graph["lab/parts.py"]             # under TYPE_CHECKING
    assert "frontends/tui/app.py" in graph["cli.py"]             # inside a function
    assert "device/messages/__init__.py" in graph["traffic/commands.py"]  # from ..device import messages


def test_every_package_and_module_has_a_place_and_every_place_exists() -> None:
    """The layers name exactly the package's top-level modules and sub-packages (a new one must
    be given a place; a name left behind by a move is an error), and the walk reads every file
    of each (a wrong PACKAGE path would make every other test here pass on nothing)."""
    tops = {p.stem for p in PACKAGE.glob("*.py")} | {
        p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert {name for layer in LAYERS for name in layer} == tops
    walked = {f.split("/")[0].removesuffix(".py") for f in import_graph()}
    assert walked == tops
    assert set(import_graph()) == {_name(p) for p in PACKAGE.rglob("*.py")}
