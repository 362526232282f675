"""The grammar's shipped LALR tables (syntax/asa_tables.json): up to date with grammar/*.lark,
parsing exactly like a parser freshly built from the grammar, and loaded at start-up without
pickle, without Lark and without touching the temp directory (tests/unit/syntax/test_lalr_runtime.py: the
runtime that reads them parses as Lark does)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from asa_emulator.syntax import build_tables, grammar, parser
from asa_emulator.syntax.grammar import MODES, TABLES_PATH
from asa_emulator.syntax.help import help_items
from tests.support.grammar import SOURCE, corpus
from tests.support.paths import ROOT


def test_tables_record_the_grammar_they_were_built_from() -> None:
    shipped = json.loads(TABLES_PATH.read_bytes())
    assert shipped["grammar_crc32"] == f"{zlib.crc32(SOURCE):08x}", (
        "grammar/*.lark changed: run `make tables` and commit asa_emulator/syntax/asa_tables.json")


def test_tables_are_what_the_generator_writes_today() -> None:
    rendered = build_tables.render(build_tables.tables(SOURCE))
    assert TABLES_PATH.read_text(encoding="utf-8") == rendered, "run `make tables`"


def test_package_grammar_is_the_composed_grammar() -> None:
    assert (ROOT / "asa_emulator" / "syntax" / "asa.lark").read_bytes() == SOURCE, "run `make tables`"


def test_stale_tables_are_rebuilt_in_memory_with_a_warning(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    edited = tmp_path / "asa.lark"
    edited.write_bytes(SOURCE + b"\n// an edit\n")
    monkeypatch.setattr(grammar, "GRAMMAR_PATH", edited)
    grammar.load.cache_clear()
    try:
        g = grammar.load()
    finally:
        grammar.load.cache_clear()
    assert capsys.readouterr().err == (
        "asa-emulator: asa_tables.json is older than asa.lark: run `make tables`\n")
    assert g.keywords["FAILOVER"] == "failover"



def _outcomes(g: grammar.Grammar, lines: list[str],
              monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, str, object]]:
    monkeypatch.setattr(parser, "load", lambda: g)
    for cache in (parser._base, parser._accepts_cache, parser._choices_cache):
        cache.clear()
    for mode in MODES:
        for line in lines:
            try:
                yield mode, line, parser.parse(mode, line)
            except parser.CommandError as exc:
                yield mode, line, (exc.kind, exc.col, exc.word)
            if line.endswith(" ") or len(line) > 20:   # `?` on short lines: enough, and fast
                continue
            try:
                yield mode, line + " ?", help_items(mode, line + " ")
            except parser.CommandError as exc:
                yield mode, line + " ?", (exc.kind, exc.col, exc.word)
    for cache in (parser._base, parser._accepts_cache, parser._choices_cache):
        cache.clear()


def test_shipped_tables_parse_like_a_fresh_build(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = corpus()
    assert len(lines) > 400
    fresh = grammar.from_tables(build_tables.tables(SOURCE))
    built = list(_outcomes(fresh, lines, monkeypatch))
    shipped = list(_outcomes(grammar.load(), lines, monkeypatch))
    assert sum(isinstance(o, parser.Tree) for _, _, o in shipped) > 200   # not all errors
    assert shipped == built


_GUARD = r"""
import os, pickle, sys, tempfile
tmp = os.path.realpath(os.environ["TMPDIR"])
assert os.path.realpath(tempfile.gettempdir()) == tmp

def hook(event, args):
    if event == "pickle.find_class":
        raise RuntimeError(f"pickle loaded a class: {args}")
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        path = os.fsdecode(args[0])
        if os.path.realpath(path).startswith(tmp):
            raise RuntimeError(f"opened a file in the temp directory: {path}")

def no_pickle(*a, **k):
    raise RuntimeError("pickle.load called")

sys.addaudithook(hook)
pickle.load = pickle.loads = no_pickle
class NoLark:
    # the shipped tables are read by the shell's own runtime: Lark (the compiler) never loads
    @staticmethod
    def find_spec(name, path=None, target=None):
        if name.split(".")[0] == "lark":
            raise RuntimeError(f"imported {name} at start-up")
sys.meta_path.insert(0, NoLark)
from asa_emulator.cli import main
sys.exit(main(["run", sys.argv[1]]))
"""


def test_run_loads_no_pickle_and_leaves_the_temp_directory_empty(tmp_path: Path) -> None:
    empty = tmp_path / "tmp"
    empty.mkdir()
    script = tmp_path / "one.txt"
    script.write_text("show clock\n")
    env = {**os.environ, "TMPDIR": str(empty), "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run([sys.executable, "-c", _GUARD, str(script)], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "primary> show clock" in done.stdout.splitlines()
    assert list(empty.iterdir()) == []
