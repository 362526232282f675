"""The configuration space a session reads: the one place that says which.

In multiple context mode a session is in the system execution space (context None) or in a
context, and each holds its own interfaces, routes and connections.  In single context mode a
session has no context, yet every interface, route, access list and connection lives in the
unit's one space (kept as the context named SINGLE, config/model.py): the views, `ping`,
`show monitor-interface`, `show conn` and `@traffic` read that space, not the system's
interface list.  Whether the prompt or the running configuration's header names a context
still follows the session's context; what the data comes from follows `space_of`.
"""

from __future__ import annotations

from typing import Protocol

from ..config.model import SINGLE

__all__ = ["SINGLE", "ModeOf", "is_system", "space_of"]


class ModeOf(Protocol):
    """What the rule needs of a unit: its context mode (a narrow query, not Unit itself,
    so that the session does not depend on the unit through this module)."""

    @property
    def single(self) -> bool: ...


def space_of(unit: ModeOf, context: str | None) -> str | None:
    """The space a session at `context` reads interfaces and traffic from: the context itself
    (None: the system execution space); in single context mode the unit's one space."""
    if context is None and unit.single:
        return SINGLE
    return context


def is_system(unit: ModeOf, context: str | None) -> bool:
    """The session reads the system execution space (multiple mode only: a single-mode unit
    has none apart from its one space)."""
    return space_of(unit, context) is None
