"""`traceroute DEST [source IF] [numeric] [timeout S] [probe N] [ttl MIN MAX] [port P]
[use-icmp]` in a context (and single mode): the hops a probe takes, from the context's routes
(grammar/troubleshoot.lark, `traceroute`).

The defaults are the ASA's (ASA Series Firewall ASDM Configuration Guide, "Determining Packet
Routing with Traceroute": three probes at each TTL, TTL 1 to 30, a 3-second timeout, UDP port
33434).  The layout is modelled on ASA 9.x and IOS captures recalled, none found here to cite: a
blank line, `Type escape sequence to abort.`, `Tracing the route to DEST`, a blank line, then
one line per TTL, ` N  ADDRESS 0 msec 0 msec 0 msec` (one time per probe) or ` N  * * *` when
no probe of that TTL is answered  # unverified.

What answers is what answers `ping` (device/routes.py): the unit's own addresses and the
mate's on a connected subnet, reached at the first TTL tried.  The lab models no router beyond
the units: a destination behind a gateway, or with no route at all, answers no probe, and
every TTL up to the maximum times out, as on a real unit whose probes go unanswered.  `source`
must name an interface of the context; `numeric`, `timeout`, `port` and `use-icmp` change
nothing the lab can show (no names are resolved, time does not pass).
"""

from __future__ import annotations

from ..device import routes
from ..device.commands import Command, handler

MAX_TTL = 30        # the defaults (ASDM configuration guide, above)
PROBES = 3


def trace_lines(target: str, answered: bool, first: int = 1, last: int = MAX_TTL,
                probes: int = PROBES) -> list[str]:
    """The output: TTLs from `first`, the one the target answers at ends it, else `last`."""
    out = ["", "Type escape sequence to abort.", f"Tracing the route to {target}", ""]
    if answered:
        times = " ".join(["0 msec"] * probes)
        return [*out, f"{first:>2}  {target} {times}"]
    stars = " ".join(["*"] * probes)
    return out + [f"{ttl:>2}  {stars}" for ttl in range(first, last + 1)]


@handler("traceroute")
def traceroute(cmd: Command) -> None:
    target = cmd.value("IPV4") or ""
    u, context = cmd.unit, cmd.session.context or ""
    source = cmd.value("NAME")
    if source is not None and u.ctx[context].by_nameif(source) is None:
        cmd.invalid_token("NAME")
    first, last = 1, MAX_TTL
    ttl = cmd.values("N_1_255")
    if ttl:
        first, last = int(ttl[0]), int(ttl[1])
        if first > last:
            cmd.invalid_token("N_1_255", 1)      # the maximum below the minimum  # unverified
    probe = cmd.after("probe")
    probes = int(probe) if probe is not None else PROBES
    # on a connected subnet the destination answers at the first TTL; nothing else answers
    answered = routes.answers(u, context, target) is not None
    cmd.print(*trace_lines(target, answered, first, last, probes))
