"""Renderers for `show conn [count|detail]` and `clear conn`: views in, lines out.

Pure functions, no clock: every time is given in seconds.  Layouts and their evidence are in
docs/asa-traffic-output.md; in short:

* header `N in use, M most used` (every capture);
* 9.x connection lines with two spaces after each interface name:
  `TCP outside  203.0.113.10:80 inside  10.1.0.50:40000, idle 0:00:03, bytes 1900, flags UIO`
  (lower-security interface first), a blank line between the header and the first one;
* `detail`: the flag legend, then per connection
  `TCP outside: 203.0.113.10/80 inside: 10.1.0.50/40000,` /
  `    flags UIO , idle 3s, uptime 1m2s, timeout 1h0m, bytes 1900` /
  `  Initiator: 10.1.0.50, Responder: 203.0.113.10` (TCP only).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..records import dataclass

# `show conn detail` legend: the one a 9.16(4) ASAv prints, without the flags of features that
# came after 9.1 (Snort, Umbrella, Diameter, STUN, M3UA, LISP, offload, local director, secondary
# domain); docs/asa-traffic-output.md §3.
FLAG_LEGEND = (
    "Flags: A - awaiting inside ACK to SYN, a - awaiting outside ACK to SYN,",
    "       B - initial SYN from outside, b - TCP state-bypass or nailed,",
    "       C - CTIQBE media, c - cluster centralized,",
    "       D - DNS, d - dump, E - outside back connection, e - semi-distributed,",
    "       F - outside FIN, f - inside FIN,",
    "       G - group, g - MGCP, H - H.323, h - H.225.0, I - inbound data,",
    "       i - incomplete, J - GTP, j - GTP data, K - GTP t3-response",
    "       k - Skinny media, M - SMTP data, m - SIP media, n - GUP",
    "       O - outbound data, P - inside back connection,",
    "       q - SQL*Net data, R - outside acknowledged FIN,",
    "       R - UDP SUNRPC, r - inside acknowledged FIN, S - awaiting inside SYN,",
    "       s - awaiting outside SYN, T - SIP, t - SIP transient, U - up,",
    "       V - VPN orphan, W - WAAS,",
    "       X - inspected by service module,",
    "       x - per session, Y - director stub flow, y - backup stub flow,",
    "       Z - Scansafe redirection, z - forwarding stub flow",
)


@dataclass(frozen=True)
class ConnView:
    """One connection as `show conn` prints it; `outside` is the lower-security end."""

    proto: str                      # TCP | UDP
    out_if: str
    out_ip: str
    out_port: int
    in_if: str
    in_ip: str
    in_port: int
    idle_s: int
    uptime_s: int
    bytes: int
    flags: str                      # UIO, UOB, - ...
    initiator_ip: str
    responder_ip: str
    timeout: str                    # the protocol's idle timeout: 1h0m (TCP), 2m0s (UDP)


def idle_text(seconds: int) -> str:
    """`0:00:03`, `1:02:03` (hours not padded)."""
    h, rem = divmod(max(0, seconds), 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}"


def duration_text(seconds: int) -> str:
    """`3s`, `1m2s`, `2h39m`, `3D4h`: the two largest units, as `show conn detail` prints."""
    seconds = max(0, seconds)
    d, rem = divmod(seconds, 86400)
    h, rem = divmod(rem, 3600)
    m, s = divmod(rem, 60)
    if d:
        return f"{d}D{h}h"
    if h:
        return f"{h}h{m}m"
    if m:
        return f"{m}m{s}s"
    return f"{s}s"


def _count_line(in_use: int, most_used: int) -> str:
    return f"{in_use} in use, {most_used} most used"


def conn_line(v: ConnView) -> str:
    return (f"{v.proto} {v.out_if}  {v.out_ip}:{v.out_port} {v.in_if}  {v.in_ip}:{v.in_port}, "
            f"idle {idle_text(v.idle_s)}, bytes {v.bytes}, flags {v.flags}")


def show_conn(views: Sequence[ConnView], in_use: int, most_used: int) -> list[str]:
    """`show conn`: the count line, a blank line, one line per connection."""
    out = [_count_line(in_use, most_used)]
    if views:
        out.append("")
        out += [conn_line(v) for v in views]
    return out


def show_conn_count(in_use: int, most_used: int) -> list[str]:
    """`show conn count`: the count line alone."""
    return [_count_line(in_use, most_used)]


def show_conn_detail(views: Sequence[ConnView], in_use: int, most_used: int) -> list[str]:
    """`show conn detail`: count line, flag legend, a blank line, then each connection on
    two lines (three for TCP), connections separated by blank lines."""
    out = [_count_line(in_use, most_used), *FLAG_LEGEND]
    for v in views:
        out += ["",
                f"{v.proto} {v.out_if}: {v.out_ip}/{v.out_port} {v.in_if}: {v.in_ip}/{v.in_port},",
                f"    flags {v.flags} , idle {duration_text(v.idle_s)}, uptime "
                f"{duration_text(v.uptime_s)}, timeout {v.timeout}, bytes {v.bytes}"]
        if v.proto == "TCP":
            out.append(f"  Initiator: {v.initiator_ip}, Responder: {v.responder_ip}")
    return out


def clear_conn(deleted: int) -> list[str]:
    """`clear conn ...`: how many connections went."""
    return [f"{deleted} connection(s) deleted."]
