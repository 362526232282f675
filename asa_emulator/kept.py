r"""Kept values: everything the emulator keeps only for speed, in one place.

A kept value is one the emulator could compute again at every read and gets the same answer:
what is derived from a configuration (the monitored interfaces, the contexts' places), the
lines a show printed, the trees of parsed lines.  Each is read through one call,

    kept.get(owner, name, key, make)

which returns the value kept for (owner, name) when it was kept under a key equal to `key`,
else `make()`, kept under `key` from then on.  `owner` is the object the value belongs to
(a unit), `name` says what it is, and `key` is everything the value is made of that can
change: values, or the revision counters that move with them.  A function whose result
depends on its arguments alone (a parse, an address check) is decorated `@memo(...)`.
Adding a kept value is that one line; `grep -rn "kept.get(\|@memo("` lists them all (and
`report()` the process-wide stores at run time).  docs/kept.md says more.

Revision counters (the "generations"): each counts the changes of one thing, and a key
holds the counters of what its value is made of.  REVISIONS (below) is the one registry of
them: it names every counter, what it counts and the one place that moves it, and moves them
(`REVISIONS.bump(unit, "config_gen")`); a key reads a counter as the attribute it is
(`u.sys_gen`), the cheapest read of all.  A new counter is one `REVISIONS.declare(...)` line
here; tests/unit/test_revisions.py holds every counter a kept value's key reads, and every counter
moved, to the registry, and docs/kept.md's table to it.

Stores.  Each lab has one store (`Lab.kept`; its units reach it as `Unit.kept`): forgetting
every kept value of a lab is `store.clear()`, and `store.on = False` is the one switch that
turns every kept value of the lab off (`make()` at every read): tests/properties/test_cache_differential.py
runs a lab with the switch off beside one with it on and compares what they print.  Values
that depend on no lab (the trees of parsed lines, the checks of an address) are kept in
process-wide stores (`Memo`, `Allowance`), which 50 classroom labs in one process share: each is bounded,
its bound sized to the largest lab loaded (`fit`: from the lab's counts of contexts and
interfaces), so a lab of 6,000 addressed interfaces does not evict its own lines (a full
sync slowed by 60 % past 4,096 of them), and a user typing ever new lines cannot grow it
without end.

This module imports nothing of the package: every layer may use it.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Hashable, Iterator
from typing import Any, NamedTuple, ParamSpec, TypeVar

T = TypeVar("T")
A = ParamSpec("A")

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
    forgotten (the values met since stay: a lab's working set is kept whole while it fits).
    The bound is `floor`, or `per` values for each unit of the largest lab's size (fit), up
    to `most`."""

    __slots__ = ("name", "bound", "floor", "per", "most")

    def __init__(self, name: str, floor: int, per: int = 0, most: int = 0) -> None:
        super().__init__()
        self.name = name
        self.floor = self.bound = floor
        self.per, self.most = per, max(most, floor)
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
        self.room()
        values[slot] = (key, value)
        return value

    def room(self) -> None:
        """Room for one more value: the older half goes when the bound is reached."""
        values = self._values
        if len(values) >= self.bound:
            for old in list(values)[:len(values) // 2]:   # dicts keep insertion order
                del values[old]

    def fit(self, size: int) -> None:
        """Hold the working set of a lab of `size` (fit_lab), within `most`; never below
        what an earlier lab of this process asked."""
        self.bound = max(self.bound, min(self.per * size, self.most))


class Memo(Bounded):
    """The kept results of a function of hashable arguments that reads nothing else (a
    parse, an address check), by arguments, least recently used first out (see memo).  The
    cache is the standard library's (C): a parse memo is read at every command, an address
    check thousands of times in a sync, and the lines a sync repeats (` no shutdown`,
    `exit`) must stay while thousands of others pass."""

    __slots__ = ("fn", "cache")

    def __init__(self, name: str, fn: Callable[..., Any], floor: int, per: int = 0, most: int = 0) -> None:
        super().__init__(name, floor, per, most)
        self.fn = fn
        self.cache: Any = functools.lru_cache(maxsize=floor)(fn)

    def fit(self, size: int) -> None:
        bound = self.bound
        super().fit(size)
        if self.bound != bound:         # a larger lab: a larger cache (made anew, once)
            self.cache = functools.lru_cache(maxsize=self.bound)(self.fn)

    def clear(self) -> None:
        self.cache.cache_clear()

    def __len__(self) -> int:
        return int(self.cache.cache_info().currsize)


def memo(name: str, floor: int, per: int = 0, most: int = 0) -> Callable[[Callable[A, T]], Callable[A, T]]:
    """Decorate a function whose result depends on its arguments alone: its results are kept
    in a Memo store (bounded; `per` > 0: sized to the lab, through a call of its own that
    finds the cache of the day).  The switch off empties the store; a memo of a fixed size
    (`per` 0) still keeps what is called after (a result of such a function is never stale:
    the switch only saves the memory)."""
    def wrap(fn: Callable[A, T]) -> Callable[A, T]:
        store = Memo(name, fn, floor, per, most)
        if not per:
            cached = store.cache
            cached.store = store
            return cached  # type: ignore[no-any-return]

        def sized(*args: A.args, **kwargs: A.kwargs) -> T:
            if not store.on:
                return fn(*args, **kwargs)
            return store.cache(*args, **kwargs)  # type: ignore[no-any-return]
        functools.update_wrapper(sized, fn)
        sized.store = store  # type: ignore[attr-defined]
        sized.cache_clear = store.clear  # type: ignore[attr-defined]
        return sized
    return wrap


class Allowance(Bounded):
    """Room counted for values kept in structures of their own (the parser's trie keeps
    each word met at the node where it was met): `take()` is True while fewer than `bound`
    were taken.  `clear` gives the room back (the structure is then emptied by its owner)."""

    __slots__ = ("taken", "_lock")

    def __init__(self, name: str, floor: int, per: int = 0, most: int = 0) -> None:
        super().__init__(name, floor, per, most)
        self.taken = 0
        self._lock = threading.Lock()

    def take(self) -> bool:
        # under a lock: parsers in several threads (labs loaded in worker threads) must not
        # both take the last place, nor lose a count
        with self._lock:
            if not self.on or self.taken >= self.bound:
                return False
            self.taken += 1
            return True

    def clear(self) -> None:
        """Nothing: what was taken is still held by the structure that took it."""

    def __len__(self) -> int:
        return self.taken


STORES: list[Bounded] = []
"""Every process-wide store (each registers itself), for fit_lab, switch and report."""


def lab_size(contexts: int, interfaces: int) -> int:
    """A lab's size for the process-wide stores: its interfaces (system and contexts
    together) and, for each context, a few more (its own lines)."""
    return interfaces + 4 * contexts


def fit_lab(contexts: int, interfaces: int) -> None:
    """Size every process-wide store to a lab of `contexts` contexts and `interfaces`
    interfaces (a lab of 250 contexts x 24 subinterfaces remembers about 41k words of its
    lines in the parser's trie, and checks 6k addresses)."""
    size = lab_size(contexts, interfaces)
    for store in STORES:
        store.fit(size)


def switch(on: bool) -> None:
    """Every process-wide store on or off (off: emptied, and nothing is kept)."""
    for store in STORES:
        store.on = on
        if not on:
            store.clear()


def report() -> list[str]:
    """Each process-wide store: its name, values held and bound."""
    return [f"{s.name}: {len(s)} of {s.bound}" for s in STORES]


# ------------------------------------------------------------------ revision counters

class Revision(NamedTuple):
    """One revision counter: an int attribute `attr` of `owner` objects (a dict of ints, one
    per context, for Unit.ctx_gen), what it counts, and the one place that moves it."""

    owner: str
    attr: str
    counts: str
    moved_by: str

    @property
    def name(self) -> str:
        return f"{self.owner}.{self.attr}"


class Revisions:
    """The registry of revision counters: every counter a kept value's key is made of."""

    __slots__ = ("_by_attr",)

    def __init__(self) -> None:
        self._by_attr: dict[str, Revision] = {}

    def declare(self, owner: str, attr: str, counts: str, moved_by: str) -> Revision:
        if attr in self._by_attr:
            raise ValueError(f"revision counter {attr!r} declared twice")
        rev = self._by_attr[attr] = Revision(owner, attr, counts, moved_by)
        return rev

    def bump(self, obj: object, attr: str) -> int:
        """Move the counter `attr` of `obj` by one; its new value."""
        if attr not in self._by_attr:
            raise KeyError(f"{attr!r} is no revision counter (declare it in kept.REVISIONS)")
        value: int = getattr(obj, attr) + 1
        setattr(obj, attr, value)
        return value

    def read(self, obj: object, attr: str) -> Any:
        """The counter `attr` of `obj` (a key may read the attribute itself: same value)."""
        if attr not in self._by_attr:
            raise KeyError(f"{attr!r} is no revision counter (declare it in kept.REVISIONS)")
        return getattr(obj, attr)

    def __contains__(self, attr: object) -> bool:
        return attr in self._by_attr

    def __iter__(self) -> Iterator[Revision]:
        return iter(self._by_attr.values())


REVISIONS = Revisions()
REVISIONS.declare("ConfigSpaces", "config_gen", "every configuration change", "ConfigSpaces.config_touched")
REVISIONS.declare("ConfigSpaces", "sys_gen", "changes that may touch the system space",
                  "ConfigSpaces.config_touched()")
REVISIONS.declare("ConfigSpaces", "inputs_gen", "system-space changes to what the contexts read of it"
                  " (contexts, allocations, groups, allocated ports' shutdown; device/system_inputs.py)",
                  "ConfigSpaces.system_touched")     # read after ConfigSpaces.settle_inputs()
REVISIONS.declare("ConfigSpaces", "ctx_gen", "context c's own changes: ctx_gen[c] is the config_gen of"
                  " its last (with ConfigSpaces.ctx_changes, the contexts changed in order)",
                  "ConfigSpaces.config_touched(c)")
REVISIONS.declare("UnitFailover", "mon_gen", "monitored interfaces' statuses",
                  "UnitFailover.monitoring_changed")
REVISIONS.declare("UnitFailover", "history_count", "group state changes",
                  "UnitFailover.set_state")
REVISIONS.declare("UnitFailover", "sync_gen", "configuration syncs begun or called off (a sync"
                  " under way stops when it moves; no key holds it)", "failover.sync.sync")
REVISIONS.declare("Wiring", "gen", "the cabling and its faults", "Wiring._changed")
