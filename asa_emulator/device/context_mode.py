"""Changing the security context mode (`mode single|multiple`).

The mode is not part of any configuration: a real ASA keeps it in a hidden flash setting
(here `.private/mode.dat`) and reboots at once into the new mode.  `mode single` converts
nothing (restoring a single-mode configuration, such as the `old_running.cfg` kept by an
earlier conversion, is left to the user, as on the real ASA).  `mode multiple` converts a
single-mode configuration: the original is kept as `old_running.cfg`, the system's lines
become the new startup-config and the rest becomes the admin context (`admin.cfg`).
"""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import TYPE_CHECKING

from ..config import render
from ..config.model import SINGLE, Allocation, ContextDef
from . import messages as msg
from .flash import STARTUP

if TYPE_CHECKING:
    from .commands import SessionView
    from .unit import Unit

ADMIN = "admin"
ADMIN_URL = "flash:/admin.cfg"
OLD_RUNNING = "old_running.cfg"


def reboot_into(unit: Unit, session: SessionView, mode: str, out: list[str]) -> None:
    """Record the mode on flash and reload at once (the mode is read at boot): the command
    takes a moment of the lab's clock, so the unit is down before the next line is typed."""
    unit.set_flash_mode(mode)
    out.extend(["", *msg.RELOAD_SHUTDOWN_LINES])
    unit.shut_down()
    session.busy_ms = max(session.busy_ms, 1)


def convert_to_multiple(unit: Unit, out: list[str]) -> None:
    """Write old_running.cfg, admin.cfg and the system startup-config from the running
    single-mode configuration (the answer `confirm` to "Convert the system configuration?")."""
    now = unit.clock.now
    out.append("!")
    old = unit.spaces.running_config(None, secrets=True)
    unit.flash.write(OLD_RUNNING, _text(old), now)
    out += [msg.MODE_OLD_RUNNING_WRITTEN, "", msg.MODE_CONVERTING, ""]
    sysc, ctx = unit.sys, unit.ctx[SINGLE]
    links = {p for p in (_phys(sysc.failover.lan_if), _phys(sysc.failover.link)) if p}
    named = [n for n, itf in ctx.interfaces.items() if itf.nameif and n not in links]
    admin = replace(ctx, name=ADMIN, hostname=sysc.hostname,
                    interfaces={n: ctx.interfaces[n] for n in named})
    body = render.context_body(admin)
    unit.flash.write(ADMIN_URL.split("/", 1)[1], _text(render.wrap(body, unit.hw.version, "context")), now)
    out += [msg.MODE_ADMIN_WRITTEN, ""]
    new_sys = copy.deepcopy(sysc)
    new_sys.contexts = {ADMIN: ContextDef(ADMIN, allocations=[Allocation(n) for n in named],
                                          config_url=ADMIN_URL)}
    new_sys.admin_context = ADMIN
    lines = render.wrap(render.system_body(new_sys, secrets=True), unit.hw.version, "system")
    unit.flash.write(STARTUP, _text(lines), now)
    out.append(msg.MODE_NEW_RUNNING_WRITTEN)


def _phys(link: tuple[str, str] | None) -> str | None:
    return link[1] if link else None


def _text(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode()
