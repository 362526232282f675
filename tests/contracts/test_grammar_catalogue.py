"""The grammar written one file per feature (grammar/*.lark), composed by `make tables`.

The split must not change what the shell knows: tests/contracts/data/grammar_catalogue.json was
generated once from the single grammar/asa.lark before it was split (the rule and alias names
handlers are registered under, the argument terminals `cmd.value()` reads, the keywords, the
`//:` help texts and labels); the composition of the feature files gives the same sets.  An
installed package works from its own files: what the runtime reads is inside the package and
named by pyproject's package-data, and a copy of the package alone (no grammar/ beside it, as
in a wheel) loads, rebuilds the same tables from its own grammar and runs a command.
"""

from __future__ import annotations

import fnmatch
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

from lark.lexer import PatternRE, PatternStr

from asa_emulator.syntax import build_tables, grammar
from asa_emulator.syntax.grammar import parse_help
from tests.support.paths import ROOT

PACKAGE = ROOT / "asa_emulator"
FIXTURE = Path(__file__).with_name("data") / "grammar_catalogue.json"


def catalogue(text: str) -> dict[str, Any]:
    """What the shell knows from a grammar text, as sorted sets (Lark's anonymous keyword
    terminals, __ANON_n, are numbered in order of appearance: keywords count by their text)."""
    lark = build_tables.build_lark(text)
    rules = [build_tables._rule(r) for r in lark.rules]
    helps, labels = parse_help(text)
    return {
        "tree_names": sorted({r[2] for r in rules if not r[2].startswith("__")}),
        "origins": sorted({r[0] for r in rules if not r[0].startswith("__")}),
        "terminals": sorted([t.name, t.pattern.value, t.priority] for t in lark.terminals
                            if isinstance(t.pattern, PatternRE)),
        "keywords": sorted({t.pattern.value for t in lark.terminals if isinstance(t.pattern, PatternStr)}),
        "help": dict(sorted(helps.items())),
        "labels": dict(sorted(labels.items())),
    }


# Deliberate changes since the split, (gone, new) per set: every `failover ...` setting became
# an alias of failover_cmd itself (one handler each), so the rule that held them is gone; each
# form of `show failover`, `write`, `configure` and `terminal` got its alias (one handler each),
# and so did each form of `show resource`, `show conn`, `changeto`, `clear aaa local user`,
# the logging flags and levels, `show interface ip brief` and the `no` forms of `hostname`,
# `pager` and `mac-address auto`.  New commands since: `failover reload-standby` (issue 19).
# Issue 20: `show access-list` names its list with OBJECT_NAME (a name that wins over a
# keyword's abbreviation, as `show capture`'s does) and takes `brief`; `show route summary`,
# `clear arp`, `clear counters`, `show file system`.
SINCE_SPLIT: dict[str, tuple[set[str], set[str]]] = {
    "keywords": (set(), {"reload-standby", "brief"}),
    # conn/all: one key with two texts (show conn all, clear conn all), split by the verb
    "help": ({"show/access-list/NAME", "conn/all"}, {"show/conn/all", "clear/conn/all","failover/reload-standby", "show/access-list/OBJECT_NAME",
                                          "access-list/brief", "capture/OBJECT_NAME", "route/summary",
                                          "clear/arp", "clear/counters", "counters/all",
                                          "show/file", "file/system"}),
    "tree_names": ({"write", "configure", "terminal", "show_resource", "changeto", "log_flag",
                    "log_level"}, {
                   "show_resource_allocation", "show_resource_usage", "show_interface_ip_brief",
                   "show_conn_count", "show_conn_detail", "changeto_context", "changeto_system",
                   "log_enable", "log_timestamp", "log_standby", "log_console", "log_buffered",
                   "log_trap", "clear_aaa_fail_attempts", "no_mac_address_auto", "no_pager",
                   "no_hostname",
                   "configure_terminal", "configure_memory", "configure_factory_default",
                   "terminal_pager", "terminal_width", "terminal_monitor", "terminal_interactive",
                   "show_failover_group", "show_failover_state", "show_failover_history",
                           "show_failover_interface", "show_failover_exec",
                           "show_failover_descriptions", "write_memory", "write_terminal",
                           "write_erase", "write_standby", "write_net",
                           "failover_reload_standby", "show_route_summary"}),
    "origins": ({"failover_setting"}, {"failover_reload_standby", "clear_arp", "clear_counters",
                                       "show_file_system"}),
}


def test_feature_files_compose_the_grammar_they_were_split_from() -> None:
    """Nothing the single grammar knew is lost or changed (new commands add to it: they
    are in, and the rest is as it was), except the deliberate changes of SINCE_SPLIT."""
    recorded = json.loads(FIXTURE.read_text(encoding="utf-8"))
    now = catalogue(build_tables.compose().decode("utf-8"))
    for key, value in recorded.items():
        mine = json.loads(json.dumps(now[key]))
        if key in SINCE_SPLIT:
            gone, new = SINCE_SPLIT[key]
            assert new <= set(map(str, mine)), key
            assert sorted(set(value) - gone - set(mine)) == [], key
        elif isinstance(value, dict):
            assert {k: mine.get(k) for k in value} == value, key
        else:
            assert [v for v in value if v not in mine] == [], key


def test_every_feature_file_is_composed_once(tmp_path: Path) -> None:
    source = build_tables.compose().decode("utf-8")
    for name in build_tables.FEATURES:
        assert source.count(f"// ======== grammar/{name}.lark\n") == 1
    for path in build_tables.SOURCE_DIR.glob("*.lark"):
        shutil.copy(path, tmp_path)
    (tmp_path / "forgotten.lark").write_text("forgotten: \"forgotten\"\n")
    try:
        build_tables.compose(tmp_path)
    except SystemExit as exc:
        assert "forgotten" in str(exc)
    else:
        raise AssertionError("a feature file missing from FEATURES was composed silently")


def test_package_data_names_every_file_the_runtime_reads() -> None:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = data["tool"]["setuptools"]["package-data"]["asa_emulator"]
    for path in (grammar.GRAMMAR_PATH, grammar.TABLES_PATH):
        assert path.is_file() and not path.is_symlink(), path      # a wheel holds a real file
        relative = path.relative_to(PACKAGE).as_posix()
        assert any(fnmatch.fnmatch(relative, p) for p in patterns), relative


_INSTALLED = r"""
import json, sys
from asa_emulator.syntax import build_tables, grammar
assert grammar.GRAMMAR_PATH.is_relative_to(sys.argv[1]), grammar.GRAMMAR_PATH
shipped = grammar.TABLES_PATH.read_text(encoding="utf-8")
rebuilt = build_tables.render(build_tables.tables(grammar.GRAMMAR_PATH.read_bytes()))
assert rebuilt == shipped, "the package's tables are not its grammar's"
assert grammar.load().keywords["FAILOVER"] == "failover"
from asa_emulator.cli import main
sys.exit(main(["run", sys.argv[2]]))
"""


def test_a_copy_of_the_package_alone_loads_its_grammar(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(PACKAGE, site / "asa_emulator", ignore=shutil.ignore_patterns("__pycache__"))
    script = tmp_path / "one.txt"
    script.write_text("show failover | include Failover unit\n")
    env = {**os.environ, "PYTHONPATH": str(site), "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run([sys.executable, "-c", _INSTALLED, str(site), str(script)], cwd=tmp_path,
                          env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "Failover unit Primary" in done.stdout.splitlines()


def test_read_only_commands_are_declared_beside_their_rules() -> None:
    g = grammar.load()
    # the list session.py kept until the facts moved into the grammar, and every show
    # (configure and terminal since split into one alias per form)
    declared = {"changeto_context", "changeto_system", "configure_terminal", "configure_memory", "configure_factory_default",
                "disable", "enable", "end", "exit", "help", "dir", "more", "ping", "who",
                "terminal_pager", "terminal_width", "terminal_monitor", "terminal_interactive",
                "login", "logout", "quit",
                # the troubleshooting commands (captures live in memory, in no configuration)
                "packet_tracer", "capture", "no_capture", "clear_capture", "traceroute",
                # they clear run-time state the emulator does not keep (issue 20)
                "clear_arp", "clear_counters"}
    shows = {r.name for r in g.lalr.rules if r.name.startswith("show_")}
    assert g.read_only == declared | shows
    assert g.fact("changeto_system", "read-only") == "" and g.fact("hostname", "read-only") is None


def test_table_builder_refuses_a_fact_it_does_not_know() -> None:
    source = build_tables.compose().decode("utf-8")
    for bad, said in (("//@ hostname: read-olny\n", "unknown fact 'read-olny'"),
                      ("//@ no_such_rule: read-only\n", "no rule, alias, mode or terminal: no_such_rule"),
                      ("//@ hostname\n", "`//@ NAME: fact ...` expected")):
        try:
            build_tables.tables((source + bad).encode("utf-8"))
        except ValueError as exc:
            assert said in str(exc)
        else:
            raise AssertionError(f"accepted {bad!r}")


def test_table_34_1_is_declared_beside_its_rules() -> None:
    g = grammar.load()
    declared = {name: f["replication"] for name, f in g.facts.items() if "replication" in f}
    assert declared == {
        "mode": "none", "no_mode": "none", "firewall": "none", "fo_lan_unit": "none",
        "copy": "files:running-config,startup-config", "write_memory": "always",
        "delete": "always", "mkdir": "always", "rename": "always", "rmdir": "always"}


def test_each_failover_setting_is_a_command_of_global_configuration() -> None:
    # an alias of a variant belongs to its rule's mode: typed in a sub-mode it runs in global
    # configuration and leaves the sub-mode, as `failover` alone does
    from asa_emulator.lab.lab import Lab
    from asa_emulator.syntax import modes
    assert {"failover_cmd", "fo_lan_unit", "fo_key", "fo_timeout"} <= modes.own_rules("sys_config")
    lab = Lab.load("example")
    lab.settle()
    s = lab.open_session("primary")
    for line in ("enable", "", "configure terminal", "interface GigabitEthernet0/3",
                 "failover polltime unit 2 holdtime 10"):
        assert s.execute(line) == []
    assert s.state.mode == "sys_config"
    assert "failover polltime unit 2 holdtime 10" in lab.units["secondary"].spaces.config_body(None)


def test_every_command_alias_has_one_handler_and_failover_shows_sit_with_failover() -> None:
    from asa_emulator.device.commands import HANDLERS
    from asa_emulator.lab.lab import Lab
    Lab.load("example")                  # a lab registers every handler
    g = grammar.load()
    commands = {r.name for r in g.lalr.rules if not r.name.startswith("_")} - set(grammar.MODES)
    assert commands - {"filter"} == set(HANDLERS)       # `| include ...` is the session's
    for name in ("show_failover", "show_failover_group", "show_failover_exec", "show_monitor_interface"):
        assert HANDLERS[name].__module__ == "asa_emulator.failover.show_commands", name


def test_every_sub_mode_declares_the_kind_of_object_it_was_entered_for() -> None:
    from asa_emulator.device.targets import KINDS
    from asa_emulator.syntax import modes
    g = grammar.load()
    declared = {m: f["target"] for m, f in g.facts.items() if "target" in f}
    assert set(declared) == {m for m in grammar.MODES if modes.submode_name(m) is not None}
    assert set(declared.values()) == KINDS


def test_each_argument_s_question_mark_provider_is_declared_beside_its_terminal() -> None:
    from asa_emulator.device.choices import PROVIDERS
    g = grammar.load()
    declared = {t: f["choices"] for t, f in g.facts.items() if "choices" in f}
    assert declared == {"FILE": "files", "COPY_OPT": "options", "DEL_OPT": "options",
                        "PHY_IF": "interface-types", "IFNAME": "interfaces", "NAME": "names",
                        "OBJECT_NAME": "names", "ACL_PORT": "ports", "ICMP_TYPE": "icmp-types"}
    assert set(declared.values()) == set(PROVIDERS)
