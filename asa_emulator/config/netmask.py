"""What an ASA takes for a mask: a contiguous netmask (255.255.255.0), never the wildcard mask
(0.0.0.255) of a router's access list.  Python's ipaddress reads `A/0.0.0.255` as a host mask,
so `IPv4Network(f"{a}/{m}")` alone took the wildcard for /24 (a route, an access-list entry,
an interface address all accepted it and printed it back) and raised on `1.2.3.4` where a
caller did not expect it (a capture's `match` crashed on the next packet)."""

from __future__ import annotations

import ipaddress

ALL_ONES = 0xFFFFFFFF


def is_netmask(mask: str) -> bool:
    """A dotted mask whose ones are contiguous from the left (0.0.0.0 included)."""
    try:
        inverse = int(ipaddress.IPv4Address(mask)) ^ ALL_ONES
    except ValueError:
        return False
    return inverse & (inverse + 1) == 0


def pairs(address: str, mask: str) -> bool:
    """A netmask and an address with no bits set outside it (`10.1.0.0 255.255.0.0`)."""
    if not is_netmask(mask):
        return False
    try:
        return int(ipaddress.IPv4Address(address)) & (int(ipaddress.IPv4Address(mask)) ^ ALL_ONES) == 0
    except ValueError:
        return False
