"""`failover exec`: run a command on the active, standby or mate unit, with its own mode state."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..device.commands import Command
    from .pair import Pair


def exec_remote(pair: Pair, cmd: Command, target: str, line: str) -> None:
    cmd.error("ERROR: failover exec is not available yet")


def show_exec(pair: Pair, cmd: Command) -> list[str]:
    return []
