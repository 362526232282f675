"""Every unit's output of a fixed set of shows, read through sessions of their own (the
consoles' modes stay as they are): what a saved and restored lab must print alike
(asa_emulator/lab/saved_state.py)."""

from __future__ import annotations

from asa_emulator.api import Lab
from asa_emulator.device.session import ModeState, Session

# what survives a save: not `show failover`'s times (last failover, active time), its history
# or uptimes, which start again as after a power cut of the rack
SYSTEM_SHOWS = ("show running-config", "show startup-config", "show clock", "dir",
                "show failover | include host|State|Interface|Link", "show interface ip brief")
CONTEXT_SHOWS = ("show running-config", "show startup-config", "show conn", "show interface",
                 "show access-list", "show interface ip brief")


def saved_shows(lab: Lab) -> dict[tuple[str, str, str], list[str]]:
    out: dict[tuple[str, str, str], list[str]] = {}
    for name, u in lab.units.items():
        out[(name, "power", "")] = [str(u.powered), str(u.up)]
        if not u.up:
            continue
        spaces = [None] if u.single else [None, *sorted(u.ctx)]
        for space in spaces:
            s = Session(u, "ssh")
            s.pager = 0
            s.state = ModeState("sys_exec") if space is None else ModeState("ctx_exec", space)
            for command in SYSTEM_SHOWS if space is None else CONTEXT_SHOWS:
                out[(name, space or "system", command)] = s.execute(command)
    out[("lab", "clock", "")] = [str(lab.clock.now)]
    return out
