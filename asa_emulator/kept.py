"""Kept values: everything the emulator keeps only for speed, in one place.

A kept value is one the emulator could compute again at every read and gets the same answer:
what is derived from a configuration (the monitored interfaces, the contexts' places), the
lines a show printed, the trees of parsed lines.  Each is read through one call,

    kept.get(owner, name, key, make)

which returns the value kept for (owner, name) when it was kept under a key equal to `key`,
else `make()`, kept under `key` from then on.  `owner` is the object the value belongs to
(a unit, a parse table), `name` says what it is, and `key` is everything the value is made of
that can change: values, or the revision counters that move with them.  Adding a kept value
is that one line at its reader; `grep -rn "kept.get("` lists them all.

Revision counters (the "generations"): each counts the changes of one thing, and a key
holds the counters of what its value is made of.  Their names, and the one place that moves
each:

    Unit.config_gen     every configuration change          Unit.config_touched
    Unit.sys_gen        changes that may touch the system   Unit.config_touched (no context)
    Unit.ctx_gen[c]     context c's own changes             Unit.config_touched(c)
    UnitFailover.mon_gen    monitored interfaces' statuses  UnitFailover.monitoring_changed
    UnitFailover.history_count  group state changes         UnitFailover.set_state
    Wiring.gen          the cabling and its faults          Wiring (link changes)

Stores.  Each lab has one store (`Lab.kept`; its units reach it as `Unit.kept`): forgetting
every kept value of a lab is `store.clear()`, and `store.on = False` is the one switch that
turns every kept value of the lab off (`make()` at every read): tests/test_cache_differential.py
runs a lab with the switch off beside one with it on and compares what they print.  Values
that depend on no lab (the trees of parsed lines, the checks of an address) are kept in
process-wide stores (`Bounded`), which 50 classroom labs in one process share: each is bounded,
its bound sized to the largest lab loaded (`fit`: from the lab's counts of contexts and
interfaces), so a lab of 6,000 addressed interfaces does not evict its own lines (a full
sync slowed by 60 % past 4,096 of them), and a user typing ever new lines cannot grow it
without end.

This module imports nothing of the package: every layer may use it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")

class Kept:
    """One store of kept values: (owner, name) -> (key, value)."""

    __slots__ = ("on", "_values")

    def __init__(self) -> None:
        self.on = True              # the switch: off, every read makes its value afresh
        self._values: dict[tuple[object, Hashable], tuple[Any, Any]] = {}

    def get(self, owner: object, name: Hashable, key: Any, make: Callable[[], T]) -> T:
        """The value kept for (owner, name) under `key`, or `make()` kept under it."""
        if not self.on:
            return make()
        slot = (owner, name)
        hit = self._values.get(slot)
        if hit is not None and hit[0] == key:
            return hit[1]  # type: ignore[no-any-return]
        value = make()
        self._values[slot] = (key, value)
        return value

    def drop(self, owner: object, name: Hashable) -> None:
        """Forget one kept value (one that is large and read once more at most)."""
        self._values.pop((owner, name), None)

    def clear(self) -> None:
        """Forget every kept value: the next reads make them afresh."""
        self._values.clear()

    def __len__(self) -> int:
        return len(self._values)


class Bounded(Kept):
    """A process-wide store that holds at most `bound` values: past it, the older half is
    forgotten (the values met since stay: a lab's working set is kept whole while it fits)."""

    __slots__ = ("bound", "floor", "most")

    def __init__(self, bound: int, most: int) -> None:
        super().__init__()
        self.floor = self.bound = bound     # the bound without a lab, and now
        self.most = most                    # the bound never passes this (memory)
        STORES.append(self)

    def get(self, owner: object, name: Hashable, key: Any, make: Callable[[], T]) -> T:
        if not self.on:
            return make()
        slot = (owner, name)
        values = self._values
        hit = values.get(slot)
        if hit is not None and hit[0] == key:
            return hit[1]  # type: ignore[no-any-return]
        value = make()
        if len(values) >= self.bound:
            for old in list(values)[:len(values) // 2]:   # dicts keep insertion order
                del values[old]
        values[slot] = (key, value)
        return value

    def fit(self, wanted: int) -> None:
        """Hold `wanted` values (a lab's working set), up to `most`; never shrinks below
        what an earlier lab of this process asked."""
        self.bound = max(self.bound, min(wanted, self.most))


STORES: list[Bounded] = []
"""The process-wide stores (Bounded registers itself): `fit_lab` sizes them all."""

# What one lab's working set is, per addressed interface and per context, in lines kept by the
# parse memos (a context's interface is 4-6 lines: interface, nameif, security-level, ip
# address, and the system's interface and vlan) and in addresses checked.
PER_INTERFACE = 8
PER_CONTEXT = 16


def fit_lab(contexts: int, interfaces: int) -> None:
    """Size every process-wide store to a lab of `contexts` contexts and `interfaces`
    interfaces (system and contexts together)."""
    wanted = PER_INTERFACE * interfaces + PER_CONTEXT * contexts
    for store in STORES:
        store.fit(wanted)


def switch(on: bool) -> None:
    """Every process-wide store on or off (tests: parse memos bypassed)."""
    for store in STORES:
        store.on = on
        if not on:
            store.clear()
