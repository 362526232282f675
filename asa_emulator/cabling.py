"""The cabling between the two units as failover and traffic see it (`Link`), a protocol at
the bottom so they need not import the lab.

The lab implements it (its wiring is a `Link`) and hands it down when it assembles a pair.
"""

from __future__ import annotations

from typing import Protocol


class Link(Protocol):
    """The cables between the two units, as the failover engine and traffic see them.  An
    end is (unit name, physical interface); a subinterface rides on its port's cable.
    `gen` changes whenever a link, a receive fault or a cut does."""

    gen: int

    def peer(self, unit: str, phys: str) -> tuple[str, str] | None: ...
    def has_link(self, unit: str, phys: str) -> bool: ...
    def receives(self, unit: str, phys: str) -> bool: ...
    def carries(self, unit: str, phys: str) -> bool: ...
    def cable_cut(self, unit: str, phys: str) -> bool: ...
