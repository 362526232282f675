"""What packet-tracer finds before any rule: a source no unit accepts, and a destination that is
the unit itself (the identity route and the to-the-box path instead of the access lists).

* Sources: 0.0.0.0/8, loopback 127.0.0.0/8, multicast 224.0.0.0/4, class E and the limited
  broadcast (240.0.0.0/4): the ASP's `invalid-src-addr` drop (the `show asp drop` command
  usage lists it).  # unverified: no public capture of packet-tracer with such a source was
  found; the trace is modelled on the no-route one (no phase, the input lines, the reason).
* Identity: `show asp table routing`'s `in  ADDRESS  255.255.255.255 identity` rows (device/
  asp_table.py) are what the lookup finds for an address of the unit's own; the 8.x form prints
  that row, the 9.x form `found next-hop ADDRESS using egress ifc  identity`.  The interface
  access lists filter through-the-box traffic only, so no ACCESS-LIST phase; the result's output
  interface is `NP Identity Ifc`.  # unverified: the output interface's name and the phases
  after the lookup are from memory of 9.x traces, not from a capture found here.  A packet to
  the address of another interface than the one it enters is dropped as a real unit drops it
  (an interface answers on itself only); # unverified: the reason is the implicit rule's.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

from ..device import routes
from ..device.addresses import current_ip

if TYPE_CHECKING:
    from ..device.unit import Unit

# unverified wording (see above)
INVALID_SRC = "(invalid-src-addr) Invalid source address"
IDENTITY_IFC = "NP Identity Ifc"
_INVALID = tuple(ipaddress.IPv4Network(n) for n in
                 ("0.0.0.0/8", "127.0.0.0/8", "224.0.0.0/4", "240.0.0.0/4"))


def invalid_source(src: str) -> bool:
    ip = ipaddress.IPv4Address(src)
    return any(ip in net for net in _INVALID)


def own_interface(u: Unit, ctx: str, address: str) -> str | None:
    """The nameif whose address (the one this unit holds now: the standby address where the
    context is standby) is `address`, or None."""
    for _, itf in routes.named_up(u, ctx):
        held = current_ip(u, ctx, itf)
        if held is not None and held[0] == address:
            return itf.nameif
    return None
