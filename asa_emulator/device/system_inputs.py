"""What a system-space command may change of what the contexts read from the system space.

A context's derived values (its `show failover` lines, its monitored interfaces, its live
ports) read from the system space only: the contexts themselves and their order, each one's
allocations and failover group, the admin context, and the `shutdown` of the allocated ports.
Any other system-space change (a port's description, speed, the hostname) leaves every
context's part as it was, yet a system-space command is counted as touching the whole system
space (ConfigSpaces.sys_gen).  So a command typed in a mode that names one thing of the system
space watches that thing (`watch_for`): ConfigSpaces.inputs_gen moves only when the watched
value has changed; a command in any other mode moves it at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..config.model import SystemConfig


class ConfigSpaces(Protocol):
    """What is read here of device/spaces.py's ConfigSpaces (which imports this module)."""

    sys: SystemConfig
    single: bool

Watch = Callable[[], object]
"""The value, now, of what a command may change that the contexts read."""


def watch_for(spaces: ConfigSpaces, rule: str, mode: str, target: object) -> Watch | None:
    """The watch of a system-space command (grammar rule `rule`) run in `mode` on `target`, or
    None when the command may change anything the contexts read."""
    if spaces.single:
        # single mode: the ports are the one space's own (allocate_single), its interfaces
        # set in the port's mode (a BVI): no narrower watch
        return None
    if rule == "sys_interface":
        # `interface X` enters X's mode; it creates X when it is a new subinterface, which no
        # context has yet (and then inputs_gen moves all the same: the count of ports moved)
        return lambda: len(spaces.sys.interfaces)
    if target is None:
        return None
    name = str(target)
    if mode == "sys_if":
        # a port's sub-commands: only its `shutdown` is read (a subinterface's by its
        # contexts, a physical port's by those of its subinterfaces too: interfaces.sys_shut)
        return lambda: _port_shut(spaces, name)
    if mode == "sys_ctx":
        # a context's sub-commands: its allocations and its failover group
        return lambda: _context_inputs(spaces, name)
    return None


def _port_shut(spaces: ConfigSpaces, name: str) -> bool | None:
    itf = spaces.sys.interfaces.get(name)
    return None if itf is None else itf.shutdown


def _context_inputs(spaces: ConfigSpaces, name: str) -> object:
    cdef = spaces.sys.contexts.get(name)
    if cdef is None:
        return None
    return cdef.failover_group, tuple([(a.phys, a.mapped) for a in cdef.allocations])
