"""Kept values are never stale, whatever the sequence: a differential property test.

The emulator keeps derived values and printed lines under generation keys (every
`kept.get(` of the package: the derived values, the failover shows' kept lines and views,
the system `show interface` lines) and skips quiet hello ticks (Pair._skip_ahead).  Each is right
only if every change that matters moves its key.  Here two copies of a lab run the same random
sequence of configuration commands (system space and contexts), failover commands, lab
directives (with long waits in the states a pair then stays in: the mates deaf to each other,
one off or failed) and reads: one as shipped, one with the lab's kept values switched off (built
afresh at each read: `Lab.kept.on = False`, kept.py) and no tick skipped.  After every step the
lines the step printed, and the shows of
every unit that is up in the system space and two contexts, must be the same in both.

The fast parse walk (syntax/parser.py: each trie node's remembered words) is checked the same
way: random lines, variants of the transcripts' and configurations' lines, read by the walk
after the words of earlier lines were remembered, against the full LALR parse.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from asa_emulator.lab.lab import Lab
from asa_emulator.lab.spec import LabError
from asa_emulator.transcript.runner import Runner
from benchmarks.large_lab import context_names, subinterfaces, write_lab
from tests.support.grammar import by_lalr, by_walk, corpus
from tests.support.ticks import bypassed

Step = tuple[str, tuple[str, ...]]      # (unit, lines: commands and @ directives)

# ------------------------------------------------------------------ the labs


class Inventory:
    """What a lab has to name in commands: each context's interfaces (port, nameif), the
    system's ports, the contexts read after each step, a flow for @traffic."""

    def __init__(self, lab: str, contexts: dict[str, list[tuple[str, str]]], ports: list[str],
                 read: tuple[str, str], flow: str) -> None:
        self.lab, self.contexts, self.ports, self.read, self.flow = lab, contexts, ports, read, flow


EXAMPLE = Inventory(
    "example",
    {"admin": [("GigabitEthernet0/2", "outsideISP-A"), ("GigabitEthernet0/3", "inside")],
     "ctx1": [("GigabitEthernet0/4", "outsideISP-B"), ("GigabitEthernet0/5", "inside")]},
    [f"GigabitEthernet0/{n}" for n in range(6)] + ["Management0/0"],
    ("admin", "ctx1"),
    "@traffic primary admin tcp inside 10.1.0.50:40000 outsideISP-A 203.0.113.10:80 bytes 500")


def _small_inventory(folder: Path) -> Inventory:
    """benchmarks/large_lab.py's lab with 4 contexts of 3 subinterfaces each."""
    write_lab(folder, 4, 3)
    own = {"admin": [("GigabitEthernet0/2", "outsideISP-A"), ("GigabitEthernet0/3", "inside")],
           "ctx1": [("GigabitEthernet0/4", "outsideISP-B"), ("GigabitEthernet0/5", "inside")]}
    contexts = {name: own.get(name, []) + [(sub, f"net{k}") for k, (sub, _) in
                                           enumerate(subinterfaces(i, 3))]
                for i, name in enumerate(context_names(4))}
    ports = ["GigabitEthernet0/0", "GigabitEthernet0/2", "GigabitEthernet0/3",
             "GigabitEthernet0/4", "GigabitEthernet0/5", "TenGigabitEthernet0/6",
             "TenGigabitEthernet0/7", "TenGigabitEthernet0/8", "TenGigabitEthernet0/9"]
    return Inventory(str(folder), contexts, ports, ("ctx1", "c4"),
                     "@traffic secondary ctx1 udp inside 10.2.20.50:5000 outsideISP-B 198.51.100.7:53")


_SMALL: list[Inventory] = []


def small() -> Inventory:
    if not _SMALL:
        import atexit
        import shutil
        import tempfile
        folder = tempfile.mkdtemp(prefix="asa-diffcache-")
        atexit.register(shutil.rmtree, folder, True)
        _SMALL.append(_small_inventory(Path(folder) / "small"))
    return _SMALL[0]


# ------------------------------------------------------------------ every kept value bypassed



# ------------------------------------------------------------------ running and reading

SYSTEM_SHOWS = ("show failover", "show failover state", "show failover group 1",
                "show interface", "show running-config")
CONTEXT_SHOWS = ("show failover", "show interface", "show monitor-interface",
                 "show running-config")


class Run:
    """A lab and the runner that feeds it script lines."""

    def __init__(self, inv: Inventory, keep: bool = True) -> None:
        self.lab = Lab.load(inv.lab, in_memory=True)
        self.lab.kept.on = keep         # the one switch: off, every kept value is made afresh
        self.lab.settle()
        self.out: list[str] = []
        self.runner = Runner(self.lab, self.out.append)

    def step(self, step: Step) -> list[str]:
        unit, lines = step
        self.out.clear()
        for text in (f"@console {unit}", "enable", "", "changeto system", *lines):
            try:
                self.runner.feed(text)
            except LabError as exc:         # a directive this state refuses: the same in both
                self.out.append(f"LabError: {exc}")
        self.runner.flush_messages()
        return list(self.out)

    def shown(self, read: tuple[str, str]) -> dict[tuple[str, str | None, str], list[str]]:
        out = {}
        for name, u in self.lab.units.items():
            out[(name, None, "up")] = [str(u.up)]
            if not u.up:
                continue
            con = self.lab.console(name)
            for line in ("end", "enable", ""):
                con.execute(line)
            for context in (None, *read):
                con.execute("changeto system" if context is None else f"changeto context {context}")
                for command in SYSTEM_SHOWS if context is None else CONTEXT_SHOWS:
                    out[(name, context, command)] = con.execute(command)
            con.execute("changeto system")
        return out


def _same(kept: dict[Any, list[str]], fresh: dict[Any, list[str]], where: str) -> None:
    assert kept.keys() == fresh.keys(), where
    for key, lines in fresh.items():
        assert kept[key] == lines, (where, key)


def check(inv: Inventory, steps: list[Step]) -> None:
    shipped = Run(inv)
    with bypassed():
        fresh = Run(inv, keep=False)
    for i, step in enumerate(steps):
        printed = shipped.step(step)
        with bypassed():
            expected = fresh.step(step)
        assert printed == expected, (i, step)
        kept = shipped.shown(inv.read)
        with bypassed():
            _same(kept, fresh.shown(inv.read), f"step {i} {step}")
    # the one function that drops every kept value: what is read after it is the same
    kept = shipped.shown(inv.read)
    shipped.lab.forget_kept()
    _same(kept, shipped.shown(inv.read), "after forget_kept")


# ------------------------------------------------------------------ the sequences

UNITS = ("primary", "secondary")
WAITS = ("@wait 1s", "@wait 3s", "@wait 6s", "@wait 16s", "@wait 30s", "@wait 2m")
LONG_WAIT = "@wait 10m"         # the reference lab computes each of its 1,200 seconds


def _context_if_lines(k: int, nameif: str) -> list[str]:
    return [" shutdown", " no shutdown", f" nameif {nameif}", f" nameif n{k}", " no nameif",
            f" ip address 10.{90 + k}.0.1 255.255.255.0 standby 10.{90 + k}.0.2",
            f" ip address 10.{90 + k}.0.1 255.255.255.0", " no ip address",
            f" description d{k}", " no description",
            f" mac-address 0000.1111.{k:04x} standby 0000.2222.{k:04x}", " no mac-address",
            f" security-level {k}"]


def steps_of(inv: Inventory) -> st.SearchStrategy[Step]:
    unit = st.sampled_from(UNITS)
    ctx_if = st.sampled_from([(c, port, nameif) for c, ifs in inv.contexts.items()
                              for port, nameif in ifs])
    ctx_name = st.sampled_from(sorted(inv.contexts))
    port = st.sampled_from(inv.ports)
    gid = st.sampled_from((1, 2))
    k = st.integers(0, 7)

    def in_context(c: str, lines: list[str]) -> tuple[str, ...]:
        return (f"changeto context {c}", "configure terminal", *lines, "end", "changeto system")

    context_if = st.tuples(unit, ctx_if, k).flatmap(lambda x: st.builds(
        lambda line: (x[0], in_context(x[1][0], [f"interface {x[1][1]}", line])),
        st.sampled_from(_context_if_lines(x[2], x[1][2]))))
    monitor = st.builds(lambda u, t, no: (u, in_context(t[0], [f"{no}monitor-interface {t[2]}"])),
                        unit, ctx_if, st.sampled_from(("", "no ")))
    system_if = st.builds(
        lambda u, p, line: (u, ("configure terminal", f"interface {p}", line, "end")),
        unit, port, st.sampled_from((" shutdown", " no shutdown", " description sys",
                                     " no description")))
    allocate = st.builds(
        lambda u, c, p, no: (u, ("configure terminal", f"context {c}",
                                 f" {no}allocate-interface {p}", "end")),
        unit, ctx_name, port, st.sampled_from(("", "no ")))
    join = st.builds(lambda u, c, g: (u, ("configure terminal", f"context {c}",
                                          f" join-failover-group {g}", "end")),
                     unit, ctx_name, gid)
    group = st.builds(
        lambda u, g, line: (u, ("configure terminal", f"failover group {g}", line, "end")),
        unit, gid, st.sampled_from((" preempt", " preempt 5", " no preempt", " primary",
                                    " secondary", " polltime interface 1 holdtime 5",
                                    " no polltime interface", " interface-policy 2",
                                    " interface-policy 50%", " no interface-policy",
                                    " mac-address GigabitEthernet0/3 0000.aaaa.0001 0000.bbbb.0001")))
    system = st.builds(lambda u, line: (u, ("configure terminal", line, "end")), unit,
                       st.sampled_from(("mac-address auto", "no mac-address auto", "no failover",
                                        "failover", "monitor-interface inside")))
    failover = st.builds(lambda u, line: (u, (line,)), unit, st.one_of(
        st.sampled_from(("failover active", "no failover active", "failover reset")),
        st.builds(lambda w, g: f"{w} group {g}", st.sampled_from(
            ("failover active", "no failover active", "failover reset")), gid)))
    # most faults on the contexts' ports (monitored ones among them), and waits to let the
    # interface tests and hello timeouts run their course between two reads
    used = st.sampled_from(sorted({p.split(".")[0] for ifs in inv.contexts.values()
                                   for p, _ in ifs}))
    link = st.builds(lambda how, u, p: f"@link {how} {u} {p}",
                     st.sampled_from(("down", "up", "fail", "heal")), unit,
                     st.one_of(used, used, port))
    wait = st.sampled_from(WAITS)
    fault = st.builds(lambda u, a, b: (u, (a, b)), unit, link, wait)     # read, then timed out
    # a state the pair then stays in (the mates deaf to each other, one of them off or
    # failed) and a long wait in it: the quiet ticks skipped there (Pair._repeats)
    settled = st.builds(lambda u, a: (u, (a, LONG_WAIT)), unit, st.one_of(
        st.builds(lambda how: f"@failover-link {how}", st.sampled_from(("down", "up"))),
        st.builds(lambda how: f"@state-link {how}", st.sampled_from(("down", "up"))),
        st.builds(lambda how, u: f"@power {how} {u}", st.sampled_from(("off", "on")), unit),
        st.builds(lambda u: f"@fail {u} hardware", unit), link))
    directive = st.builds(lambda u, line: (u, (line,)), unit, st.one_of(
        link, link, wait, wait, wait,
        st.builds(lambda how: f"@failover-link {how}", st.sampled_from(("down", "up"))),
        st.builds(lambda how, u: f"@power {how} {u}", st.sampled_from(("off", "on")), unit),
        st.builds(lambda u: f"@fail {u} hardware", unit), st.just(inv.flow)))
    read = st.builds(lambda u, c, line: (u, (*(() if c is None else (f"changeto context {c}",)),
                                              line)),
                     unit, st.one_of(st.none(), ctx_name),
                     st.sampled_from(("show failover", "show failover state", "show interface",
                                      "show failover interface", "show interface ip brief")))
    return st.one_of(context_if, context_if, monitor, system_if, allocate, join, group, system,
                     failover, failover, directive, directive, directive, fault, fault, settled,
                     read)


def sequences(inv: Inventory, most: int) -> st.SearchStrategy[list[Step]]:
    return st.lists(steps_of(inv), min_size=1, max_size=most)


# A fault on a monitored port whose status then changes with time alone (no failover, no
# link change, no command): the kept interface lines of `show failover` must follow the
# monitoring (UnitFailover.mon_gen).  Random search finds these rarely; kept as examples.
TIMED_STATUS = [("primary", ("@link down primary GigabitEthernet0/3", "@wait 1s")),
                ("primary", ("@wait 16s",))]
STANDBY_FAULT = [("primary", ("@link fail secondary GigabitEthernet0/3",)),
                 ("primary", ("@wait 6s",)), ("primary", ("@wait 30s",))]


# The failover link down, then the mate powered off and back, the link restored, with long
# waits between: the mates deaf to each other for minutes (the skip of issue 17)
DEAF_MATES = [("primary", ("@failover-link down", LONG_WAIT)),
              ("primary", ("@power off secondary", LONG_WAIT)),
              ("secondary", ("@power on secondary", LONG_WAIT)),
              ("secondary", ("@link down primary GigabitEthernet0/3", LONG_WAIT)),
              ("primary", ("@failover-link up", LONG_WAIT))]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sequences(EXAMPLE, 25))
@example(TIMED_STATUS)
@example(STANDBY_FAULT)
@example(DEAF_MATES)
def test_kept_values_match_a_lab_that_keeps_none_example(steps: list[Step]) -> None:
    check(EXAMPLE, steps)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_kept_values_match_a_lab_that_keeps_none_contexts(data: st.DataObject) -> None:
    inv = small()
    check(inv, data.draw(sequences(inv, 20)))


# ------------------------------------------------------------------ the parse walk

MODES = ("sys_exec", "sys_config", "ctx_config", "ctx_if")
CORPUS = sorted(corpus())
WORDS = sorted({w for line in CORPUS for w in line.split()})


_NAMED_PORT = re.compile(r"^([A-Za-z][A-Za-z-]*)(\d.*)$")


# the lines that name an interface, drawn as often as the others: where a word may stand
# alone or join the next one, what the walk remembers matters most
PORT_LINES = [line for line in CORPUS if any(_NAMED_PORT.match(w) for w in line.split())]


@st.composite
def variant(draw: st.DrawFn) -> str:
    """A corpus line with a word abbreviated, changed in case, replaced by a word of another
    line, dropped or doubled, its spacing changed, or cut short."""
    words = draw(st.sampled_from(CORPUS) | st.sampled_from(PORT_LINES)).split() or ["show"]
    for _ in range(draw(st.integers(0, 2))):
        i = draw(st.integers(0, len(words) - 1))
        how = draw(st.sampled_from(("abbrev", "upper", "other", "drop", "double", "cut",
                                    "split", "split")))
        w = words[i]
        port = _NAMED_PORT.match(w)
        if how == "split" and port:         # an interface name in two words
            words[i:i + 1] = [port[1], port[2]]
        elif how == "abbrev":
            words[i] = w[:draw(st.integers(1, max(1, len(w))))]
        elif how == "upper":
            words[i] = w.upper()
        elif how == "other":
            words[i] = draw(st.sampled_from(WORDS))
        elif how == "drop" and len(words) > 1:
            del words[i]
        elif how == "double":
            words.insert(i, w)
        elif how == "cut":
            words = words[:i + 1]
    sep = draw(st.sampled_from((" ", "  ", " \t")))
    return draw(st.sampled_from(("", " "))) + sep.join(words)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(MODES), st.lists(variant(), min_size=1, max_size=20))
@example("sys_exec", ["show interface GigabitEthernet 0/2"])    # its prefix is a whole command
def test_the_walk_reads_random_lines_as_the_lalr_parser(mode: str, lines: list[str]) -> None:
    # each line after its every prefix (the words a prefix leaves remembered must not decide
    # how a longer line reads: `interface GigabitEthernet` then `interface GigabitEthernet 0/2`),
    # twice: the second pass meets the words the first remembered
    read = [" ".join(line.split()[:k]) for line in lines for k in range(1, len(line.split()))]
    for line in read + lines + read + lines:
        assert by_walk(mode, line) == by_lalr(mode, line), (mode, line)


@pytest.mark.parametrize("mode", MODES)
def test_the_walk_after_every_mode_remembered_words(mode: str) -> None:
    """The words remembered while reading one mode's lines do not change another's."""
    for line in CORPUS[::7]:
        for other in MODES:
            by_walk(other, line)
        assert by_walk(mode, line) == by_lalr(mode, line), (mode, line)


# ------------------------------------------------------------------ each system input a context reads

# Each system-space change a context's lines and monitored interfaces read (device/
# system_inputs.py), typed after a change they do not read in the same mode (a port's or a
# context's description: ConfigSpaces.inputs_gen must then move at the second command only),
# the shows read before and after (check reads them after every step).
SYSTEM_INPUTS = {
    "allocate-interface": (" description first", " no allocate-interface GigabitEthernet0/4"),
    "join-failover-group": (" description first", " join-failover-group 1"),
}


@pytest.mark.parametrize("change", sorted(SYSTEM_INPUTS))
def test_a_context_mode_change_to_what_contexts_read_is_shown(change: str) -> None:
    lines = SYSTEM_INPUTS[change]
    check(small(), [("primary", ("configure terminal", "context ctx1", lines[0], "end")),
                    ("primary", ("configure terminal", "context ctx1", *lines, "end")),
                    ("primary", ("configure terminal", "context ctx1", " join-failover-group 2",
                                 " allocate-interface GigabitEthernet0/4", "end"))])


@pytest.mark.parametrize("port", ["GigabitEthernet0/4", "TenGigabitEthernet0/9"])
def test_shutting_an_allocated_port_down_after_its_description_is_shown(port: str) -> None:
    # a physical port of ctx1, and one whose subinterfaces the contexts have
    check(small(), [("primary", ("configure terminal", f"interface {port}", " description a", "end")),
                    ("primary", ("configure terminal", f"interface {port}", " description b",
                                 " shutdown", " description c", "end")),
                    ("secondary", ("configure terminal", f"interface {port}", " no shutdown", "end"))])


def test_a_context_removed_after_a_port_description_is_shown() -> None:
    check(small(), [("primary", ("configure terminal", "interface GigabitEthernet0/0",
                                 " description a", "exit", "no context c4", "end"))])
