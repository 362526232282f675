"""`show failover` (each of its forms) and `show monitor-interface`: the handlers beside the
engine whose state they show, registered into the device's handler table (device/ never
imports failover/).  The views and their rendering (failover/show/) are imported when first
shown: a script that never shows failover never loads them (tests/contracts/test_startup.py)."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

from ..device.commands import Command, handler
from . import link_show  # noqa: F401  (registers `show failover descriptor|statistics`)

if TYPE_CHECKING:
    from .state import PairState


def _gather() -> ModuleType:
    from .show import gather
    return gather


def _pair_state(cmd: Command) -> PairState:
    from .pair import Pair
    pair = cmd.pair
    assert isinstance(pair, Pair), "every unit of a lab has its pair"
    return pair.ps


@handler("show_failover")
def show_failover(cmd: Command) -> None:
    cmd.print(*_gather().show_failover(_pair_state(cmd), cmd))


@handler("show_failover_group")
def show_failover_group(cmd: Command) -> None:
    cmd.print(*_gather().show_failover_group(_pair_state(cmd), cmd))


@handler("show_failover_state")
def show_failover_state(cmd: Command) -> None:
    cmd.print(*_gather().show_failover_state(_pair_state(cmd), cmd))


@handler("show_failover_history")
def show_failover_history(cmd: Command) -> None:
    cmd.print(*_gather().show_failover_history(_pair_state(cmd), cmd))


@handler("show_failover_interface")
def show_failover_interface(cmd: Command) -> None:
    cmd.print(*_gather().show_failover_interface(_pair_state(cmd), cmd))


@handler("show_failover_exec")
def show_failover_exec(cmd: Command) -> None:
    cmd.print(*_gather().show_failover_exec(_pair_state(cmd), cmd))


@handler("show_failover_descriptions")
def show_failover_descriptions(cmd: Command) -> None:
    cmd.print(*_gather().show_failover_descriptions(_pair_state(cmd), cmd))


@handler("show_monitor_interface")
def show_monitor_interface(cmd: Command) -> None:
    cmd.print(*_gather().show_monitor_interface(_pair_state(cmd), cmd))
