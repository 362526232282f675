"""The ASA's ICMP type names (configuration guide, "Addresses, Protocols, and Ports": ICMP
types), typed wherever an ICMP type is (`packet-tracer ... icmp SRC echo DST`)."""

from __future__ import annotations

ICMP_TYPES: dict[str, int] = {
    "echo-reply": 0, "unreachable": 3, "source-quench": 4, "redirect": 5,
    "alternate-address": 6, "echo": 8, "router-advertisement": 9, "router-solicitation": 10,
    "time-exceeded": 11, "parameter-problem": 12, "timestamp-request": 13,
    "timestamp-reply": 14, "information-request": 15, "information-reply": 16,
    "mask-request": 17, "mask-reply": 18, "traceroute": 30, "conversion-error": 31,
    "mobile-redirect": 32,
}


def icmp_type_value(text: str) -> int | None:
    """The type a typed word names (a number 0-255 or a name), or None."""
    if text.isdigit():
        n = int(text)
        return n if n <= 255 else None
    return ICMP_TYPES.get(text)
