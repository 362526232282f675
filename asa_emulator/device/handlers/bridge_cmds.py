"""`show bridge-group`: a transparent space's bridge groups (device/bridge.py)."""

from __future__ import annotations

from ..addresses import current_ip
from ..bridge import show_bridge_group
from ..commands import Command, handler


@handler("show_bridge_group")
def show_bridge_group_cmd(cmd: Command) -> None:
    u, space = cmd.unit, cmd.session.space
    ctx = u.ctx[space or ""]
    if not ctx.transparent:
        # a routed space has no bridge groups: the word is not in its parser  # unverified
        cmd.invalid_at(int(cmd.tokens[1].start_pos or 0))
    typed = cmd.value("N_1_250")
    current = {}
    for name, itf in ctx.interfaces.items():
        if name.startswith("BVI"):
            current[int(name[3:])] = current_ip(u, space or "", itf)
    cmd.print(*show_bridge_group(ctx, int(typed) if typed else None, current))
