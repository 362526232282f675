"""`traceroute DEST` in a context (and single mode): the hops a probe takes, from the
context's routes (grammar/troubleshoot.lark, `traceroute`).

Layout modelled on ASA 9.x and IOS captures recalled, none found here to cite: a blank line,
`Type escape sequence to abort.`, `Tracing the route to DEST`, a blank line, then one line per
hop, ` N  ADDRESS 0 msec 0 msec 0 msec` or ` N  * * *` when no probe of that hop is answered
(the ASA's defaults: three probes a hop, up to 30 hops)  # unverified.

What answers is what answers `ping` (device/routes.py): the unit's own addresses and the
mate's on a connected subnet.  The lab models no router beyond the units: a destination
behind a gateway, or with no route at all, answers no probe, and every hop times out, as on a
real unit whose probes go unanswered.
"""

from __future__ import annotations

from ..device import routes
from ..device.commands import Command, handler

MAX_TTL = 30        # the ASA's default `ttl` maximum (command reference, traceroute)


def trace_lines(target: str, answered_at: int | None) -> list[str]:
    """The output: hops up to the one the target answers at (1-based), or MAX_TTL silent."""
    out = ["", "Type escape sequence to abort.", f"Tracing the route to {target}", ""]
    last = answered_at if answered_at is not None else MAX_TTL
    for ttl in range(1, last + 1):
        if ttl == answered_at:
            out.append(f"{ttl:>2}  {target} 0 msec 0 msec 0 msec")
        else:
            out.append(f"{ttl:>2}  * * *")
    return out


@handler("traceroute")
def traceroute(cmd: Command) -> None:
    target = cmd.value("IPV4") or ""
    u, context = cmd.unit, cmd.session.context or ""
    own = routes.answers(u, context, target)
    # on a connected subnet the destination is the first hop; nothing else answers
    cmd.print(*trace_lines(target, 1 if own is not None else None))
