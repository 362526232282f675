"""The one home of kept values (asa_emulator/kept.py): the store's rules, the lab's one
switch, forgetting, and the process-wide stores' bounds sized to the lab."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from asa_emulator import kept
from asa_emulator.kept import Bounded, Kept, fit_lab, lab_size, memo
from asa_emulator.lab.lab import Lab
from asa_emulator.syntax import parser
from benchmarks.large_lab import write_lab


def test_a_value_is_kept_while_its_key_is_equal() -> None:
    store, made = Kept(), []

    def make() -> int:
        made.append(1)
        return len(made)
    owner = object()
    assert [store.get(owner, "v", (1, "a"), make) for _ in range(3)] == [1, 1, 1]
    assert store.get(owner, "v", (2, "a"), make) == 2          # the key moved: made again
    assert store.get(object(), "v", (2, "a"), make) == 3       # another owner: its own value
    store.clear()
    assert store.get(owner, "v", (2, "a"), make) == 4
    store.on = False                                            # the switch: made at each read
    assert [store.get(owner, "v", (2, "a"), make) for _ in range(2)] == [5, 6]


def test_a_bounded_store_forgets_its_older_half_at_the_bound() -> None:
    store = Bounded("test: bounded", 8, per=2, most=20)
    try:
        for i in range(9):
            store.get("o", i, None, lambda i=i: i)
        assert len(store) == 5                  # 8 reached: 4 forgotten, the 9th added
        assert store.get("o", 8, None, lambda: -1) == 8        # the newest stay
        assert store.get("o", 0, None, lambda: -1) == -1       # the oldest went
        store.fit(6)
        assert store.bound == 12                # 2 per unit of the lab's size
        store.fit(100)
        assert store.bound == 20                # never past `most`
        store.fit(1)
        assert store.bound == 20                # never below what a lab asked before
    finally:
        kept.STORES.remove(store)


def test_a_memo_keeps_results_by_arguments_within_its_bound() -> None:
    calls: list[tuple[int, int]] = []

    @memo("test: memo", 4)
    def add(a: int, b: int) -> int:
        calls.append((a, b))
        return a + b

    @memo("test: sized memo", 4, per=1, most=100)
    def sub(a: int, b: int) -> int:
        calls.append((a, -b))
        return a - b
    stores = [add.store, sub.store]  # type: ignore[attr-defined]
    try:
        assert add(1, 2) == add(1, 2) == 3 and calls == [(1, 2)]
        for i in range(10):
            add(i, 0)
            add(1, 2)                           # used all along: never the one to go
        assert len(add.store) == 4 and calls.count((1, 2)) == 1  # type: ignore[attr-defined]
        sub.store.fit(50)                       # type: ignore[attr-defined]
        assert sub.store.bound == 50            # type: ignore[attr-defined]
        for i in range(30):
            sub(i, 1)
        assert len(sub.store) == 30             # type: ignore[attr-defined]
        sub.store.on = False                    # type: ignore[attr-defined]
        n = len(calls)
        assert sub(1, 1) == sub(1, 1) == 0 and len(calls) == n + 2     # made at each call
    finally:
        for store in stores:
            kept.STORES.remove(store)


def _shows(lab: Lab) -> list[list[str]]:
    con = lab.console("primary")
    for line in ("enable", "", "changeto system"):
        con.execute(line)
    return [con.execute(c) for c in ("show failover", "show interface", "show failover state")]


def test_the_labs_one_switch_keeps_nothing_and_forgetting_empties_the_store() -> None:
    on = Lab.load("example", in_memory=True)
    on.settle()
    off = Lab.load("example", in_memory=True)
    off.kept.on = False
    off.settle()
    assert _shows(on) == _shows(off)
    assert len(off.kept) == 0
    assert len(on.kept) > 0 and all(u.kept is on.kept for u in on.units.values())
    on.forget_kept()
    assert len(on.kept) == 0
    assert _shows(on) == _shows(off)


@pytest.fixture
def probe() -> Iterator[Bounded]:
    store = Bounded("test: probe", 1, per=1, most=10**9)
    yield store
    kept.STORES.remove(store)


def test_the_process_wide_stores_are_sized_to_the_lab_at_boot(probe: Bounded, tmp_path: Path) -> None:
    write_lab(tmp_path / "lab", 6, 5)
    lab = Lab.load(str(tmp_path / "lab"), in_memory=True)
    lab.settle()
    u = lab.units["primary"]
    interfaces = len(u.sys.interfaces) + sum(len(c.interfaces) for c in u.ctx.values())
    assert probe.bound == lab_size(len(u.sys.contexts), interfaces) > 30


def test_a_lab_past_4096_addressed_interfaces_keeps_its_words() -> None:
    """250 contexts x 24 subinterfaces (6,004 context interfaces, 6,012 system ones): its
    lines leave 40,778 words in the parser's trie and 6,004 address checks, which the fixed
    bounds (32,768 words, 4,096 checks) could not hold: a full sync was 60 % slower."""
    fit_lab(250, 6_012 + 6_004)
    assert parser._WORDS.bound > 40_778 and parser._CHOSEN.bound > 28_973
    from asa_emulator.device.handlers import context_cfg
    assert context_cfg._address_problem.store.bound >= 6_004  # type: ignore[attr-defined]
