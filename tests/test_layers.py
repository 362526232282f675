"""Dependencies point down (design.md): no import, at module level or inside a function
(`if TYPE_CHECKING:` excepted), makes a cycle between the packages device, traffic, failover
and lab, and device imports none of the other three."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "asa_emulator"
LAYERS = ("device", "traffic", "failover", "lab")


def _is_type_checking(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING" or (
        isinstance(node.test, ast.Attribute) and node.test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST, module: list[str]) -> set[str]:
    """The top-level packages of asa_emulator that a module imports (at run time)."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = module[:len(module) - node.level]
                parts = base + (node.module.split(".") if node.module else [])
                if not node.module:
                    parts = [*base, *(a.name for a in node.names)][:len(base) + 1]
            else:
                parts = (node.module or "").split(".")[1:] if (node.module or "").startswith("asa_emulator") else []
            if parts:
                found.add(parts[0])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                bits = alias.name.split(".")
                if bits[0] == "asa_emulator" and len(bits) > 1:
                    found.add(bits[1])
        for child in ast.iter_child_nodes(node):
            visit(child)
    visit(tree)
    return found


def package_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {p: set() for p in LAYERS}
    for layer in LAYERS:
        for path in (PACKAGE / layer).rglob("*.py"):
            rel = path.relative_to(PACKAGE).with_suffix("").parts
            module = list(rel[:-1]) if rel[-1] == "__init__" else list(rel)
            # a module's own package, for relative imports: drop the module name itself
            deps = _imports(ast.parse(path.read_text()), module[:-1] if rel[-1] != "__init__" else module)
            graph[layer] |= {d for d in deps if d in LAYERS and d != layer}
    return graph


def test_device_imports_no_failover_traffic_or_lab() -> None:
    assert package_graph()["device"] == set()


def test_no_cycle_between_the_packages() -> None:
    graph = package_graph()

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(n == goal or (n not in seen and reaches(n, goal, seen | {n})) for n in graph[start])
    assert [p for p in LAYERS if reaches(p, p, {p})] == []
