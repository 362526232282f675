"""`show capture NAME dump`: each packet's line, then its modelled headers in hex.

The engine moves no payload bytes, so the dump is the headers the capture line describes:
Ethernet (MAC addresses not modelled: zeros, type 0x0800), IPv4 (20 bytes, TTL 64, the
checksum computed), then TCP (20 bytes: the ports, sequence and acknowledgement numbers and
flags of the line, the window) or UDP (8 bytes).  # unverified: the layout, `0x0000` then eight
groups of four hex digits and the printable characters, is modelled on tcpdump's -X output,
which the ASA's dump resembles in captures recalled, not found here.
"""

from __future__ import annotations

import ipaddress
import re
import struct

_TCP = re.compile(r": (?P<flag>[SFP.])(?: (?P<seq>\d+):\d+\(\d+\))?(?: ack (?P<ack>\d+))? win (?P<win>\d+)")
_FLAGS = {"S": 0x02, "F": 0x11, "P": 0x18, ".": 0x10}


def _checksum(data: bytes) -> int:
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total > 0xFFFF:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def headers(proto: str, src: tuple[str, int], dst: tuple[str, int], nbytes: int, text: str) -> bytes:
    """The Ethernet, IP and TCP/UDP headers of a captured packet (its line is `text`)."""
    tcp = proto == "TCP"
    l4 = 20 if tcp else 8
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + l4 + nbytes, 0, 0, 64, 6 if tcp else 17, 0,
                     ipaddress.IPv4Address(src[0]).packed, ipaddress.IPv4Address(dst[0]).packed)
    ip = ip[:10] + struct.pack("!H", _checksum(ip)) + ip[12:]
    if tcp:
        m = _TCP.search(text)
        flag, seq, ack, win = (m["flag"], int(m["seq"] or 0), int(m["ack"] or 0), int(m["win"])) if m else (".", 0, 0, 0)
        l4h = struct.pack("!HHIIBBHHH", src[1], dst[1], seq, ack, 5 << 4, _FLAGS[flag], win, 0, 0)
    else:
        l4h = struct.pack("!HHHH", src[1], dst[1], 8 + nbytes, 0)
    return bytes(12) + b"\x08\x00" + ip + l4h


def hex_lines(data: bytes) -> list[str]:
    out = []
    for at in range(0, len(data), 16):
        row = data[at:at + 16]
        groups = " ".join(row[i:i + 2].hex() for i in range(0, len(row), 2))
        text = "".join(chr(b) if 32 <= b < 127 else "." for b in row)
        out.append(f"0x{at:04x}   {groups:<39}  {text}")
    return out
