"""Whether the object a sub-mode was entered for still exists.

Which kind of object a sub-mode is entered for is declared beside the mode in
grammar/modes.lark (`//@ sys_if: target=system-interface`); this module knows where each kind
lives in a unit's configuration.  Another session, a sync or a replicated command may have
removed the object (or a mate never had it) since the sub-mode was entered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..syntax.grammar import load as load_grammar

if TYPE_CHECKING:
    from ..config.model import ContextConfig, SystemConfig
    from .boundary import ModeState
    from .unit import Unit


def _policy_map(space: ContextConfig, target: str) -> bool:
    """`policy-map NAME`, or `NAME CLASS` for its class sub-mode."""
    pm_name, _, cls = target.partition(" ")
    pm = space.policy_maps.get(pm_name)
    return pm is not None and (not cls or cls in pm.classes)


def _router(space: ContextConfig, target: str) -> bool:
    """`rip`, or `ospf ID`."""
    return space.rip is not None if target == "rip" else int(target.split()[1]) in space.ospf


# kind -> does the system configuration hold the target?
_IN_SYSTEM: dict[str, Callable[[SystemConfig, object], bool]] = {
    "system-interface": lambda sys, t: t in sys.interfaces,
    "context": lambda sys, t: t in sys.contexts,
    "failover-group": lambda sys, t: t in sys.failover.groups,
    "class": lambda sys, t: t in sys.classes,
}
# kind -> does a context (or the single mode's one space) hold the target?
_IN_SPACE: dict[str, Callable[[ContextConfig, str], bool]] = {
    "interface": lambda space, t: t in space.interfaces,
    "router": _router,
    "class-map": lambda space, t: t in space.class_maps,
    "policy-map": _policy_map,
    "object": lambda space, t: t in space.objects,
    "object-group": lambda space, t: t in space.object_groups,
}
KINDS = frozenset(_IN_SYSTEM) | frozenset(_IN_SPACE)


def target_exists(unit: Unit, st: ModeState) -> bool:
    """Whether the object the sub-mode `st` was entered for still exists on `unit`."""
    kind = load_grammar().fact(st.mode, "target")
    if kind is None:
        return True
    in_system = _IN_SYSTEM.get(kind)
    if in_system is not None:
        return in_system(unit.sys, st.target)
    ctx = unit.ctx.get(st.context or "")
    return ctx is not None and _IN_SPACE[kind](ctx, str(st.target))
