"""A snapshot of a running lab, restored byte-identically (issue 21).

A snapshot is the whole running lab held aside: every unit's running configuration and
session state, flash, physical state (power, links, faults, cut cables), the clock with every
timer still due, failover state and history, connection tables.  It is a deep copy of the
lab's object graph, so nothing is left out by a list that forgot a field; `restore` makes a
fresh deep copy from it, so one snapshot restores any number of times.

Timers on the clock are functions: bound methods and `functools.partial` copy with their
objects, but a nested function or lambda (`lambda: self._tick(u)`, sync's `finish`) holds
its objects in closure cells, which `copy.deepcopy` shares with the original.  While a
snapshot is taken or restored such a function is copied with its cells, through the same
memo, so the copy's timers act on the copy.

What lies outside the lab is not copied: the exercise attached to it (the caller attaches its
own) and the front ends' callbacks kept in SSH records (functions without cells: shared).
"""

from __future__ import annotations

import copy
import threading
import types
from typing import Any, Generic, TypeVar

L = TypeVar("L")

_LOCK = threading.Lock()


def _copy_function(fn: types.FunctionType, memo: dict[int, Any]) -> types.FunctionType:
    if not fn.__closure__:
        return fn
    cells = tuple(types.CellType() for _ in fn.__closure__)
    new = types.FunctionType(fn.__code__, fn.__globals__, fn.__name__, fn.__defaults__, cells)
    new.__kwdefaults__ = fn.__kwdefaults__
    new.__qualname__ = fn.__qualname__
    memo[id(fn)] = new      # before the cells: a function that names itself (a retry) is one
    for cell, old in zip(cells, fn.__closure__, strict=True):
        try:
            cell.cell_contents = copy.deepcopy(old.cell_contents, memo)
        except ValueError:  # an empty cell (a name assigned after the function was made)
            pass
    return new


def _deep(obj: L, memo: dict[int, Any]) -> L:
    dispatch = copy._deepcopy_dispatch  # type: ignore[attr-defined]
    with _LOCK:
        saved = dispatch[types.FunctionType]
        dispatch[types.FunctionType] = _copy_function
        try:
            return copy.deepcopy(obj, memo)
        finally:
            dispatch[types.FunctionType] = saved


def _memo(lab: Any) -> dict[int, Any]:
    """What the copy shares or leaves out: the exercise attached to the lab is not the lab's."""
    memo: dict[int, Any] = {}
    hook = getattr(lab, "exercise", None)
    if hook is not None:
        memo[id(hook)] = None
    return memo


class Snapshot(Generic[L]):
    """A running lab, taken whole; `restore()` gives a lab as it was then (a new object each
    time: the snapshot itself is never run)."""

    def __init__(self, lab: L) -> None:
        self._lab = _deep(lab, _memo(lab))

    def restore(self) -> L:
        return _deep(self._lab, {})


def scratch_copy(lab: L) -> L:
    """A copy of the running lab to try things on (a check's directives): whatever happens
    on it never reaches the lab."""
    return _deep(lab, _memo(lab))
