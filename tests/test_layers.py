"""Dependencies point down (design.md, docs/architecture.md): every module of the package sits
on a layer, imports only from its own layer or below, and no two files import each other in
a loop.  Every import counts: at module level, inside a function, and under `TYPE_CHECKING`
(a type-only import is still a tie that a reader follows and a move must respect)."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "asa_emulator"

# top to bottom; a module's place is its first path part under asa_emulator/ (a top-level
# module's name without `.py`)
LAYERS: tuple[tuple[str, ...], ...] = (
    ("__init__", "__main__", "cli", "api", "frontends", "transcript", "syslog_udp"),
    ("lab", "console"),
    ("failover", "traffic", "troubleshoot"),
    ("device",),
    ("config", "syntax", "clock", "ports", "records", "kept", "bulk", "datadir"),
)

# Circles that are known and not broken yet (issue 18): the unit's six files, which break
# when session/commands depend on a narrow query instead of Unit (house.md step 3), and the
# grammar's table builder, which the grammar split (house.md step 5) takes apart.  Any other
# circle, or one of these grown by a file, fails the test.  The grammar split's choices.py and
# targets.py joined the first through type-only imports (Session, ModeState, Unit): they leave
# it with the same narrow query.
KNOWN_CIRCLES: tuple[frozenset[str], ...] = (
    frozenset({"device/unit.py", "device/session.py", "device/commands.py",
               "device/interfaces.py", "device/mgmt.py", "device/syslog.py",
               "device/choices.py", "device/targets.py"}),
    frozenset({"syntax/build_tables.py", "syntax/grammar.py"}),
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
    raise AssertionError(f"{file}: its place ({top}) is on no layer of tests/test_layers.py")


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


def test_no_import_circle_but_the_known_ones() -> None:
    new = [sorted(c) for c in circles() if not any(c <= known for known in KNOWN_CIRCLES)]
    assert new == []


def test_the_shared_line_session_depends_on_no_front_end() -> None:
    """frontends/line/ is what SSH, telnet, the control port and the terminal share: it
    imports none of them, so each front end can change alone."""
    reach = [f"{a} -> {b}" for a, deps in sorted(import_graph().items())
             if a.startswith("frontends/line/") for b in sorted(deps)
             if b.startswith("frontends/") and not b.startswith("frontends/line/")]
    assert reach == []


RENDERERS = ("device/show.py", "config/render.py", "failover/show/render.py", "traffic/show.py")


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
