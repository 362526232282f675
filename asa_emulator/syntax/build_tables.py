"""Compose the grammar from its feature files and build its LALR tables (`make tables`).

    python -m asa_emulator.syntax.build_tables          # regenerate after editing grammar/*.lark
    python -m asa_emulator.syntax.build_tables --check  # exit 1 if a shipped file is stale

The grammar is written one file per feature under grammar/ (FEATURES, in this order); they
are composed here by concatenation, not with Lark's `%import` (which renames what it imports,
`iface__NAME`, and so would change the rule names handlers are registered under, the terminal
names `cmd.value()` reads and the `//:` help keys).  Two files are written and shipped in the
package: syntax/asa.lark (the composed grammar) and syntax/asa_tables.json (its tables).
Both are committed: start-up loads the tables as plain JSON (grammar.py), never composes the
grammar, never builds the tables and never uses Lark's pickle cache.  Editable installs run no build hook, so the
committed file is the truth; tests/contracts/test_grammar_tables.py fails when the grammar changed and
this was not re-run.  Lark numbers its states in set-iteration order, which changes from run
to run, so they are renumbered in a canonical order: the file is reproducible.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from lark import Lark
from lark.grammar import Rule, Terminal
from lark.lexer import Lexer, PatternStr
from lark.parsers.lalr_analysis import IntParseTable, Reduce, Shift

from .source import (
    GRAMMAR_PATH,
    MODE_VALUED,
    MODES,
    RULE_VALUED,
    TABLES_PATH,
    grammar_digest,
    parse_facts,
    parse_help,
)

FORMAT = 3

# the feature files of grammar/, in the order they are composed: the modes (start symbols and
# what each mode accepts) first, the shared terminals last.  The order matters only where two
# files give one `//:` key (the later text wins, the earlier terminal label wins).
FEATURES = ("modes", "filters", "session", "system", "files", "failover", "failover_group",
            "context", "interface", "routing", "traffic", "access", "management", "logging",
            "defaults", "policy", "troubleshoot", "terminals")
SOURCE_DIR = Path(__file__).resolve().parents[2] / "grammar"
_GENERATED = ("// The ASA command language, composed by `make tables` (asa_emulator/syntax/"
              "build_tables.py)\n// from the feature files grammar/*.lark: do not edit, edit them.\n")


def compose(folder: Path = SOURCE_DIR) -> bytes:
    """The one grammar: the feature files in FEATURES order, each under a line naming it."""
    found = {p.stem for p in folder.glob("*.lark")}
    if found != set(FEATURES):
        raise SystemExit(f"grammar/: feature files {sorted(found)} are not FEATURES {sorted(FEATURES)}")
    parts = [_GENERATED]
    for name in FEATURES:
        text = (folder / f"{name}.lark").read_text(encoding="utf-8")
        parts.append(f"\n// ======== grammar/{name}.lark\n\n{text}")
    return "".join(parts).encode("utf-8")


class _NoLexer(Lexer):
    """The shell feeds tokens itself (word by word), so Lark never lexes."""

    def __init__(self, conf: object) -> None:
        pass

    def lex(self, lexer_state, parser_state):  # type: ignore[no-untyped-def, override]
        return iter(())


def build_lark(text: str) -> Lark:
    """The parser exactly as the shell uses it, built from the grammar text (slow: ~1 s)."""
    return Lark(text, parser="lalr", lexer=_NoLexer, start=list(MODES),
                keep_all_tokens=True, maybe_placeholders=False)


def _rule(rule: Rule) -> list[Any]:
    """[origin, [symbol names], tree name, expand1, children kept]: the tree shaping Lark's
    ParseTreeBuilder does (keep_all_tokens, no placeholders), worked out here once.  The
    children kept are [index, 1 if it is a `_rule` whose children are inlined, else 0], or
    null when every child is kept as it is."""
    o = rule.options
    include = [[i, int(not sym.is_term and sym.name.startswith("_"))]
               for i, sym in enumerate(rule.expansion)
               if o.keep_all_tokens or not (isinstance(sym, Terminal) and sym.filter_out)]
    changes = len(include) < len(rule.expansion) or any(inline for _i, inline in include)
    name = rule.alias or o.template_source or rule.origin.name
    return [rule.origin.name, [sym.name for sym in rule.expansion], name,
            int(bool(o.expand1 and not rule.alias)), include if changes else None]


def _canonical_order(table: IntParseTable) -> list[int]:
    """The states in breadth-first order from the start states, by sorted symbol: Lark's own
    numbering follows set iteration order, which changes from run to run."""
    order: list[int] = []
    seen: set[int] = set()
    todo = [table.start_states[m] for m in MODES]
    while todo:
        nxt: list[int] = []
        for state in todo:
            if state in seen:
                continue
            seen.add(state)
            order.append(state)
            nxt += [arg for _tok, (action, arg) in sorted(table.states[state].items()) if action is Shift]
        todo = nxt
    assert len(order) == len(table.states), "every state is reachable from a start state"
    return order


def tables(source: bytes) -> dict[str, Any]:
    """Everything grammar.load() needs, as JSON-ready data."""
    text = source.decode("utf-8")
    lark = build_lark(text)
    table = lark.parser.parser._parse_table
    rules = list(lark.rules)
    index = {id(r): i for i, r in enumerate(rules)}
    order = _canonical_order(table)
    number = {old: new for new, old in enumerate(order)}
    # an action as one int: the state to shift to (or go to, after a reduce), or ~rule
    states = [{tok: ~index[id(arg)] if action is Reduce else number[arg]
               for tok, (action, arg) in sorted(table.states[old].items())}
              for old in order]
    terminals = [[t.name, "str" if isinstance(t.pattern, PatternStr) else "re", t.pattern.value,
                  sorted(t.pattern.flags), t.priority] for t in lark.terminals]
    helps, labels = parse_help(text)
    facts = parse_facts(text)
    names = {r.alias or r.origin.name for r in rules} | set(MODES) | {t.name for t in lark.terminals}
    unknown = sorted(set(facts) - {str(n) for n in names})
    if unknown:
        raise ValueError(f"`//@` facts for no rule, alias, mode or terminal: {', '.join(unknown)}")
    _check_modes(facts, {r.origin.name for r in rules})
    return {
        "about": "generated by `python -m asa_emulator.syntax.build_tables` from grammar/*.lark;"
                 " do not edit",
        "format": FORMAT,
        "grammar_crc32": grammar_digest(source),
        "lark_version": _lark_version(),
        "terminals": terminals,
        "rules": [_rule(r) for r in rules],
        "states": states,
        "start_states": {m: number[table.start_states[m]] for m in MODES},
        "end_states": {m: number[table.end_states[m]] for m in MODES},
        "help": dict(sorted(helps.items())),
        "labels": dict(sorted(labels.items())),
        "facts": {name: dict(sorted(f.items())) for name, f in sorted(facts.items())},
    }


def _check_modes(facts: dict[str, dict[str, str]], origins: set[str]) -> None:
    """Every mode declares its prompt; a fact naming a mode or a rule names one that exists."""
    bare = [m for m in MODES if "prompt" not in facts.get(m, {})]
    if bare:
        raise ValueError(f"modes without `//@ MODE: prompt=...`: {', '.join(bare)}")
    for name, mine in facts.items():
        for fact, value in mine.items():
            if (fact in MODE_VALUED and value not in MODES) or (fact in RULE_VALUED and value not in origins):
                raise ValueError(f"`//@ {name}: {fact}={value}`: no such "
                                 f"{'mode' if fact in MODE_VALUED else 'rule'} {value!r}")


def _lark_version() -> str:
    import lark
    return str(lark.__version__)


def render(data: dict[str, Any]) -> str:
    # one state or rule a line: diffs stay readable, and json.loads reads it in a few ms
    parts = ["{"]
    items = list(data.items())
    for i, (key, value) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        if isinstance(value, list) and value:
            rows = ",\n".join("  " + json.dumps(v, separators=(",", ":")) for v in value)
            parts.append(f"{json.dumps(key)}: [\n{rows}\n]{comma}")
        else:
            parts.append(f"{json.dumps(key)}: {json.dumps(value, separators=(',', ':'))}{comma}")
    parts.append("}")
    return "\n".join(parts) + "\n"


def main(argv: list[str]) -> int:
    source = compose()
    outputs = {GRAMMAR_PATH: source, TABLES_PATH: render(tables(source)).encode("utf-8")}
    if "--check" in argv:
        stale = [p.name for p, data in outputs.items() if not p.exists() or p.read_bytes() != data]
        if stale:
            print(f"{', '.join(stale)} stale: run python -m asa_emulator.syntax.build_tables",
                  file=sys.stderr)
            return 1
        return 0
    for path, data in outputs.items():
        if path.is_symlink():
            path.unlink()       # the package's grammar was once a link to grammar/asa.lark
        path.write_bytes(data)
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
