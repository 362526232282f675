"""What the shell knows of each mode and of `failover exec`'s refusals is declared in the
grammar (issue 18): the shipped tables hold it for every mode, and no table of the package's
Python repeats it."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from asa_emulator.lab.lab import Lab
from asa_emulator.syntax import build_tables, grammar, modes

PACKAGE = Path(grammar.__file__).resolve().parents[1]


def _tables() -> dict:
    return json.loads(grammar.TABLES_PATH.read_text(encoding="utf-8"))


def test_every_mode_declares_its_prompt_parent_and_names_in_the_tables() -> None:
    facts = _tables()["facts"]
    for mode in grammar.MODES:
        mine = facts[mode]
        assert mine["prompt"].endswith(("#", ">")), mode
        assert mine["exec-name"], mode
        if mode.endswith("_user"):
            assert "parent" not in mine and mine["prompt"] == ">"
            continue
        # the parent chain ends at the user prompt of the same space
        up, seen = mode, []
        while up in facts and "parent" in facts[up]:
            up = facts[up]["parent"]
            seen.append(up)
            assert up[:4] == mode[:4] or mode.startswith("one_"), (mode, seen)
        assert up.endswith("_user"), (mode, seen)
        is_config = not mode.endswith("_exec")
        assert ("owns" in mine) == is_config, mode
        # a sub-mode (a mode entered for an object) has its `?` name
        assert ("submode" in mine) == ("target" in mine), mode


def test_every_multiple_mode_space_mode_has_its_single_mode_twin() -> None:
    facts = _tables()["facts"]
    for mode in grammar.MODES:
        twin = facts[mode].get("single")
        if mode.startswith("ctx_"):
            assert twin == "one_" + mode[4:], mode
        if twin is not None:
            # the twin prints the same prompt and is named alike
            assert facts[twin]["prompt"] == facts[mode]["prompt"], mode
            assert facts[twin]["exec-name"] == facts[mode]["exec-name"], mode


def test_the_modes_module_answers_from_the_grammar() -> None:
    g = grammar.load()
    for mode in grammar.MODES:
        assert modes.suffix(mode) == g.facts[mode]["prompt"]
        assert modes.parent(mode) == g.facts[mode].get("parent")
        assert modes.submode_name(mode) == g.facts[mode].get("submode")
        assert modes.exec_name(mode) == g.facts[mode]["exec-name"]
    assert modes.suffix("ctx_netgrp") == "(config-network-object-group)#"
    assert modes.for_single("ctx_pmap_c") == "one_pmap_c" and modes.for_single("sys_ctx") == "sys_ctx"
    assert "nameif" in modes.own_rules("one_if") and "nameif" not in modes.own_rules("sys_if")


def _literal_strings(node: ast.AST) -> set[str]:
    if isinstance(node, ast.Dict):
        items = [k for k in node.keys if k is not None] + list(node.values)
    elif isinstance(node, (ast.Set, ast.List, ast.Tuple)):
        items = list(node.elts)
    else:
        return set()
    return {i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)}


def test_no_python_table_of_the_package_repeats_modes_or_refused_commands() -> None:
    """A dict, set, list or tuple literal that names three or more modes (a suffix, parent or
    name table), or the commands `failover exec` refuses, repeats a grammar fact."""
    g = grammar.load()
    refused = {name for name, f in g.facts.items() if "failover-exec" in f}
    mode_names = set(grammar.MODES)
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "source.py" and path.parent.name == "syntax":
            continue      # MODES: the start symbols the table builder compiles
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            words = _literal_strings(node)
            if len(words & mode_names) >= 3 or len(words & refused) >= 2:
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert found == []


def test_failover_exec_refuses_what_the_grammar_declares() -> None:
    g = grammar.load()
    declared = {name: f["failover-exec"] for name, f in g.facts.items() if "failover-exec" in f}
    assert declared == {"changeto_context": "refused", "changeto_system": "refused",
                        "debug": "refused", "undebug": "refused", "failover_exec": "recursive"}
    lab = Lab.load("example")
    lab.settle()
    con = lab.console("primary")
    for line in ("enable", "", "configure terminal"):
        con.execute(line)
    assert con.execute("failover exec mate changeto system") == [
        "ERROR: changeto command is not supported by failover exec"]


def test_table_builder_refuses_a_mode_without_a_prompt_or_a_wrong_parent() -> None:
    source = build_tables.compose().decode("utf-8")
    for old, new, said in (("//@ sys_if: prompt=(config-if)# ", "//@ sys_if: ", "without `//@ MODE: prompt"),
                           ("parent=sys_config owns=_sys_if_cmd", "parent=sys_konfig owns=_sys_if_cmd",
                            "no such mode 'sys_konfig'"),
                           ("owns=_sys_if_cmd", "owns=_sys_iff_cmd", "no such rule '_sys_iff_cmd'")):
        assert old in source
        try:
            build_tables.tables(source.replace(old, new, 1).encode("utf-8"))
        except ValueError as exc:
            assert said in str(exc)
        else:
            raise AssertionError(f"accepted {new!r}")
