"""Values derived from every context's configuration, rebuilt one context at a time.

A hello tick reads the monitored interfaces and the live ports of the whole unit; a command
typed in one context can only change that context's part of them.  So each value is kept as
one part per context: a command in a context is logged (ConfigSpaces.config_touched, the one place
that does), and the next reader rebuilds the parts of the marked contexts only.  A change
of the system space to what the contexts read of it (allocations, their ports' shutdown,
failover groups, the contexts themselves: ConfigSpaces.inputs_gen, device/system_inputs.py)
may touch every context: the value is then rebuilt whole.  A tick after a command in one context costs that
context, whatever the number of contexts (tests/contracts/test_tick_cost.py).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Generic, TypeVar

T = TypeVar("T")
V = TypeVar("V")

Part = Callable[[str], tuple[T, ...]]
"""A context's part (its items), from its configuration and the system space's."""


class PerContext(Generic[T]):
    """The parts of one derived value, each built by `part(context)`; only the non-empty
    parts are kept."""

    __slots__ = ("part", "sys_gen", "parts", "seen")

    def __init__(self, part: Part[T]) -> None:
        self.part = part
        self.sys_gen = -1           # the system inputs' generation (inputs_gen) the parts were built at
        self.parts: dict[str, tuple[T, ...]] = {}
        self.seen = 0               # the unit's context changes read so far (ConfigSpaces.ctx_changes)

    def refresh(self, sys_gen: int, contexts: Collection[str], changes: list[str],
                changes_from: int) -> None:
        """Bring the parts up to date.  `contexts`: the contexts the system space has;
        `changes`: the contexts changed since the system space last was, numbered from
        `changes_from` (the older ones forgotten: a value that had not read them is built
        whole)."""
        seen, end = self.seen, changes_from + len(changes)
        if sys_gen != self.sys_gen or seen < changes_from:
            self.sys_gen, self.seen = sys_gen, end
            self.parts = {}
            self.rebuilt()
            for name in contexts:
                self.replace(name, self.part(name))
            return
        if seen == end:
            return
        self.seen = end
        for name in set(changes[seen - changes_from:]):
            new = self.part(name) if name in contexts else ()
            if new != self.parts.get(name, ()):
                self.replace(name, new)

    def replace(self, name: str, new: tuple[T, ...]) -> None:
        if new:
            self.parts[name] = new
        else:
            self.parts.pop(name, None)

    def rebuilt(self) -> None:
        """Every part is about to be built again."""


class Joined(PerContext[T], Generic[T, V]):
    """`finish` of the parts' items joined in the system's context order: rebuilt when a part
    changed, from the non-empty parts only (the monitored interfaces of a 250-context lab
    are in two contexts)."""

    __slots__ = ("finish", "_value")

    def __init__(self, part: Part[T], finish: Callable[[tuple[T, ...]], V]) -> None:
        super().__init__(part)
        self.finish = finish
        self._value: V | None = None

    def rebuilt(self) -> None:
        self._value = None

    def replace(self, name: str, new: tuple[T, ...]) -> None:
        super().replace(name, new)
        self._value = None

    def value(self, places: dict[str, int]) -> V:
        """`places`: each context's place in the system's order."""
        found = self._value
        if found is None:
            names = sorted(self.parts, key=places.__getitem__)
            found = self._value = self.finish(tuple(e for name in names for e in self.parts[name]))
        return found


class Counted(PerContext[T]):
    """How many parts hold each item, kept up to date part by part (the live ports: every
    context has some, so no join of all the parts is ever built)."""

    __slots__ = ("counts",)

    def __init__(self, part: Part[T]) -> None:
        super().__init__(part)
        self.counts: dict[T, int] = {}

    def rebuilt(self) -> None:
        self.counts = {}

    def replace(self, name: str, new: tuple[T, ...]) -> None:
        counts = self.counts
        for item in self.parts.get(name, ()):
            left = counts[item] - 1
            if left:
                counts[item] = left
            else:
                del counts[item]
        for item in new:
            counts[item] = counts.get(item, 0) + 1
        super().replace(name, new)
