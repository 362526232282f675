"""Snapshots of failover state that the `show failover ...` renderers print.

`gather.py` fills these in from the pair's state; `render.py` turns them into lines.
They are plain frozen dataclasses: no behaviour, no clock, every time value already
computed (seconds, or text from `show.format_time`). See docs/asa-failover-output.md
for what each field looks like on a real ASA.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from typing import NamedTuple

from ...config import defaults
from ...records import dataclass

StatRow = tuple[str, int, int, int, int]
"""One row of the Stateful Failover table: (name, xmit, xerr, rcv, rerr)."""

QueueRow = tuple[int, int, int]
"""One row of the Logical Update Queue table: (cur, max, total)."""

# Rows of the "Stateful Failover Logical Update Statistics" table, in the order an
# 8.6/9.1-era ASA prints them (ntc-templates cisco_asa_show_failover2.raw, 8.6(1)2).
# Later releases add rows (SIP Tx, SIP Pinhole, Router ID, CTS ..., IPv6 Route, STS Table).
DEFAULT_STAT_NAMES: tuple[str, ...] = (
    "General", "sys cmd", "up time", "RPC services", "TCP conn", "UDP conn", "ARP tbl",
    "Xlate_Timeout", "IPv6 ND tbl", "VPN IKEv1 SA", "VPN IKEv1 P2", "VPN IKEv2 SA",
    "VPN IKEv2 P2", "VPN CTCP upd", "VPN SDI upd", "VPN DHCP upd", "SIP Session",
    "Route Session", "User-Identity",
)

# The 9.5 rows, in a real 9.6(4)5's order (ntc-templates cisco_asa_show_failover_firepower.raw);
# a real 9.5(2) ASA5525 prints the same (wrmem.net, 2016): `SIP Tx` and `SIP Pinhole` are there
# from 9.5(2) at the latest.
STAT_NAMES_95: tuple[str, ...] = (
    "General", "sys cmd", "up time", "RPC services", "TCP conn", "UDP conn", "ARP tbl",
    "Xlate_Timeout", "IPv6 ND tbl", "VPN IKEv1 SA", "VPN IKEv1 P2", "VPN IKEv2 SA",
    "VPN IKEv2 P2", "VPN CTCP upd", "VPN SDI upd", "VPN DHCP upd", "SIP Session", "SIP Tx",
    "SIP Pinhole", "Route Session", "Router ID", "User-Identity", "CTS SGTNAME", "CTS PAC",
    "TrustSec-SXP", "IPv6 Route", "STS Table",
)

# A real 9.2(2)4 ASA5525 (blog "Configuring Stateful Failover on a Cisco ASA HA Pair", 2016):
# Router ID, CTS SGTNAME, CTS PAC, TrustSec-SXP, IPv6 Route and STS Table, no SIP Tx/Pinhole.
# 9.1 is unknown and keeps the 8.6 rows; 9.2(1) is taken to print 9.2(2)'s.
STAT_NAMES_92: tuple[str, ...] = tuple(n for n in STAT_NAMES_95 if n not in ("SIP Tx", "SIP Pinhole"))


def stat_names(at_least: Callable[[int, int], bool]) -> tuple[str, ...]:
    """The statistics rows of the release `at_least` answers for (Hardware.at_least)."""
    if at_least(9, 5):
        return STAT_NAMES_95
    return STAT_NAMES_92 if at_least(9, 2) else DEFAULT_STAT_NAMES


# Rows of the per-group table in `show failover group N` (command-reference example,
# reconstructed: see the doc).
DEFAULT_GROUP_STAT_NAMES: tuple[str, ...] = (
    "RPC services", "TCP conn", "UDP conn", "ARP tbl", "Xlate_Timeout", "SIP Session",
)


def zero_stats(names: tuple[str, ...] = DEFAULT_STAT_NAMES) -> tuple[StatRow, ...]:
    """A statistics table with every counter at zero."""
    return tuple((name, 0, 0, 0, 0) for name in names)


ZERO_STATS = zero_stats()


class IfaceView(NamedTuple):
    """One monitored-interface line: `[ctx ]Interface outside (10.0.0.1): Normal (Monitored)`.
    A named tuple: `show failover` on a large lab makes thousands (a frozen dataclass is
    several times slower to build)."""

    context: str
    nameif: str
    ipv4: str | None        # None prints as 0.0.0.0 (an ASA shows 0.0.0.0 for "no address")
    ipv6: str | None        # appended as /<ipv6> when set
    status: str             # Unknown | Normal | Testing | Link Down | No Link | Failed
    monitor: str            # Monitored | Not-Monitored | Waiting | "" (no suffix, 7.x/8.0 style)


# Views built for every `show failover` (a replay runs thousands) are plain dataclasses with
# slots: a frozen dataclass sets each field through object.__setattr__, several times slower.
@dataclass(slots=True)
class GroupView:
    """One failover group on one unit (in Active/Standby mode: the unit itself, gid 1)."""

    gid: int
    state: str                       # Active, Standby Ready, Failed, Negotiation, Cold Standby, ...
    active_time_s: int
    last_failure: str = "None"       # `show failover state` reason: None, Ifc Failure, Comm Failure, ...
    last_failure_time: str | None = None       # already formatted (show.format_time)
    failure_details: tuple[str, ...] = ()      # e.g. ("admin outside: Failed",) under the reason


@dataclass(slots=True)
class HostView:
    """`This host` or `Other host`."""

    role: str                                   # Primary | Secondary
    groups: tuple[GroupView, ...]
    model: str                                  # ASA5520
    hw_rev: str                                 # 2.0 ("" for ASAv)
    version: str                                # 9.1(7)
    status: str = "Up Sys"
    interfaces: tuple[IfaceView, ...] = ()
    present: bool = True                        # False: mate not heard, no slot line is printed
    slot: int = 0
    extra_slots: tuple[str, ...] = ()           # e.g. ("slot 1: empty",), printed after interfaces


CONFIG_STATE = ("Sync Done",)
COMM_STATE = ("Mac set",)


class StateView(NamedTuple):
    """What `show failover state` prints (a replay runs it thousands of times: only its own
    few fields, not a whole FailoverView)."""

    this: HostView
    other: HostView | None
    active_active: bool
    config_state: tuple[str, ...] = CONFIG_STATE
    comm_state: tuple[str, ...] = COMM_STATE


@dataclass(frozen=True)
class LinkView:
    """The LAN failover link or the Stateful Failover link."""

    nameif: str
    phys: str                                   # GigabitEthernet0/1
    state: str                                  # up | down | administratively down | Failed
    ip: str | None = None                       # `failover interface ip` active address
    mask: str | None = None                     # dotted mask, or prefix length for IPv6
    standby_ip: str | None = None


@dataclass(frozen=True)
class HistoryEntry:
    time: str                                   # already formatted (show.format_time)
    group: int | None                           # None in Active/Standby mode
    from_state: str
    to_state: str
    reason: str


@dataclass(slots=True)
class FailoverView:
    """Everything `show failover`, `show failover group|state|interface` and
    `show monitor-interface` print, as seen from one unit."""

    enabled: bool
    role: str                                   # this unit: Primary | Secondary
    lan: LinkView | None                        # None: "Failover LAN Interface: not Configured"
    this: HostView
    other: HostView | None = None
    active_active: bool = True                  # False: Active/Standby layout (no failover groups)
    state_link: LinkView | None = None          # None: "Link : Unconfigured."
    reconnect_timeout: str | None = None        # "0:00:00" on 9.x; None omits the line (8.x)
    unit_poll_ms: int = defaults.UNIT_POLL_MS
    unit_hold_ms: int = defaults.UNIT_HOLD_MS
    if_poll_ms: int = defaults.IF_POLL_MS
    if_hold_ms: int = defaults.IF_HOLD_MS
    policy: str = "1"                           # "1" or "50%"
    monitored: int = 0
    monitored_max: int = defaults.MAX_MONITORED
    mac_move_notification: str | None = None    # "not set" on 9.x; None omits the line
    replication_http: bool = False
    pseudo_standby: bool = False                # failover off, the unit still standby (group 1)
    version_ours: str = ""
    version_mate: str | None = None             # None: "Unknown"
    serial_ours: str | None = None              # None omits the Serial Number line (pre-9.3)
    serial_mate: str | None = None              # None: "Unknown"
    last_failover: str | None = None            # Active/Standby "Last Failover at:"
    group_last_failover: dict[int, str | None] = field(default_factory=dict)
    stats: tuple[StatRow, ...] = ZERO_STATS     # a tuple of tuples: shared, never changed
    queue: tuple[QueueRow, QueueRow] = ((0, 0, 0), (0, 0, 0))   # (Recv Q, Xmit Q)
    group_stats: dict[int, tuple[StatRow, ...]] = field(default_factory=dict)
    config_state: tuple[str, ...] = CONFIG_STATE                # ====Configuration State===
    comm_state: tuple[str, ...] = COMM_STATE                    # ====Communication State===
    context_groups: dict[str, int] = field(default_factory=dict)  # context -> failover group
