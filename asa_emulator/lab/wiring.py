"""The cables between the two units and the faults injected on them.

Every interface of one unit is cabled (through a switch) to the mate's interface of the same
name unless lab.toml lists other cables.  Each end has its own physical link (`@link down`:
No Link on that end only) and its own receive fault (`@link fail`: the link stays up but nothing
gets through that end).  The failover and stateful links can also be cut as a whole.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..kept import REVISIONS
from .spec import LabError, no_unit

if TYPE_CHECKING:
    from ..device.unit import Unit


class Wiring:
    def __init__(self, units: dict[str, Unit], cables: list[tuple[str, str]]) -> None:
        self.units = units
        self.peer_of: dict[tuple[str, str], tuple[str, str]] = {}
        a_name, b_name = units
        for a, b in cables:
            ea, eb = _end(a), _end(b)
            self.peer_of[ea] = eb
            self.peer_of[eb] = ea
        for phys in units[a_name].hw.interfaces:
            if (a_name, phys) not in self.peer_of and phys in units[b_name].hw.interfaces \
                    and (b_name, phys) not in self.peer_of:
                self.peer_of[(a_name, phys)] = (b_name, phys)
                self.peer_of[(b_name, phys)] = (a_name, phys)
        self.no_link: set[tuple[str, str]] = set()
        self.failed: set[tuple[str, str]] = set()
        self.cut: set[frozenset[tuple[str, str]]] = set()
        # counts the faults set and cleared: what shows link states (`show failover`'s
        # interface lines) keeps its lines until it moves (_changed is the one place)
        self.gen = 0
        # who hears that the links changed (the lab adds the failover pair's links_changed):
        # a fault set or cleared, or a unit that lost power and left its cable ends dark
        self.listeners: list[Callable[[], None]] = []

    def peer(self, unit: str, phys: str) -> tuple[str, str] | None:
        return self.peer_of.get((unit, phys.split(".")[0]))

    def has_link(self, unit: str, phys: str) -> bool:
        return (unit, phys.split(".")[0]) not in self.no_link

    def receives(self, unit: str, phys: str) -> bool:
        """The end hears what arrives (no receive fault)."""
        return (unit, phys.split(".")[0]) not in self.failed

    def carries(self, unit: str, phys: str) -> bool:
        """A frame sent by `unit` on `phys` reaches the mate's end of the cable."""
        base = phys.split(".")[0]
        other = self.peer_of.get((unit, base))
        if other is None:
            return False
        if frozenset({(unit, base), other}) in self.cut:
            return False
        return (self.has_link(unit, base) and self.has_link(*other)
                and self.receives(unit, base) and self.receives(*other))

    def cable_cut(self, unit: str, phys: str) -> bool:
        base = phys.split(".")[0]
        other = self.peer_of.get((unit, base))
        # no cable cut (the usual case): no pair of ends built to look for
        return other is None or (bool(self.cut) and frozenset({(unit, base), other}) in self.cut)

    # ------------------------------------------------------------------ faults
    def check_if(self, unit: str, phys: str) -> str:
        from ..device.hardware import canonical_interface
        u = self.units.get(unit)
        if u is None:
            raise no_unit(unit, self.units)
        name = canonical_interface(phys, u.hw.interfaces)
        if name is None or "." in name:
            raise LabError(f"unit {unit} has no physical interface '{phys}'")
        return name

    def _changed(self) -> None:
        REVISIONS.bump(self, "gen")
        self._raise()

    def power_lost(self) -> None:
        """Units lost power (a power-off, a crash, a power cycle): the mate's ends of their
        cables no longer hear them.  The cabling itself is unchanged (gen stays)."""
        self._raise()

    def _raise(self) -> None:
        for listener in self.listeners:
            listener()

    def set_link(self, unit: str, phys: str, up: bool) -> None:
        (self.no_link.discard if up else self.no_link.add)((unit, phys))
        self._changed()

    def set_fail(self, unit: str, phys: str, failed: bool) -> None:
        (self.failed.add if failed else self.failed.discard)((unit, phys))
        self._changed()

    def set_cut(self, unit: str, phys: str, cut: bool) -> None:
        other = self.peer_of.get((unit, phys))
        if other is None:
            raise LabError(f"{unit} {phys} is not cabled")
        key = frozenset({(unit, phys), other})
        (self.cut.add if cut else self.cut.discard)(key)
        self._changed()


def _end(text: str) -> tuple[str, str]:
    unit, sep, phys = text.partition(":")
    if not sep:
        raise LabError(f"cable end '{text}' must be UNIT:INTERFACE")
    return unit, phys
