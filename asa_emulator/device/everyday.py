"""Renderers for the everyday `show` commands and `ping`: data in, lines out (no I/O, no clock).

Layouts follow real captures where one was found (named next to each function: mostly
ntc-templates' test fixtures, which are real device output); the others are marked unverified.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..records import dataclass
from .routes import Route, gateway_line

# `show route` codes: 9.x with local routes (ntc-templates cisco_asa_show_route.raw, real 9.x)
CODES_LOCAL = (
    "Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP",
    "       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area ",
    "       N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2",
    "       E1 - OSPF external type 1, E2 - OSPF external type 2",
    "       i - IS-IS, su - IS-IS summary, L1 - IS-IS level-1, L2 - IS-IS level-2",
    "       ia - IS-IS inter area, * - candidate default, U - per-user static route",
    "       o - ODR, P - periodic downloaded static route, + - replicated route",
)
# before local routes: the ASA 9.1 configuration guide's `show route` ("Displaying the Routing
# Table"); its indentation is reconstructed as the 9.x form's
CODES_OLD = (
    "Codes: C - connected, S - static, I - IGRP, R - RIP, M - mobile, B - BGP",
    "       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area",
    "       N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2",
    "       E1 - OSPF external type 1, E2 - OSPF external type 2, E - EGP",
    "       i - IS-IS, L1 - IS-IS level-1, L2 - IS-IS level-2, ia - IS-IS inter area",
    "       * - candidate default, U - per-user static route, o - ODR",
    "       P - periodic downloaded static route",
)


def show_route(routes: Sequence[Route], *, local_codes: bool, names: dict[str, str]) -> list[str]:
    """`show route`: codes, gateway of last resort, an empty line, one line per route with the
    code in a 9-wide field (`C        192.168.1.0 255.255.255.0 is directly connected, outside`,
    `S        10.54.6.0 255.255.255.0 [1/0] via 10.0.5.12, outside`; ntc fixture).  `names`
    (address -> name) replaces destination addresses, as on a real ASA."""
    out = list(CODES_LOCAL if local_codes else CODES_OLD)
    out += [gateway_line(list(routes)), ""]
    for r in routes:
        net = names.get(r.network, r.network)
        if r.gateway is None:
            out.append(f"{r.code:<9}{net} {r.mask} is directly connected, {r.nameif}")
        else:
            # names replace destinations (`S        Server1 255.255.255.255 [1/0] via 10.0.5.12`,
            # ntc fixture); a named gateway is not shown by name in any capture found
            out.append(f"{r.code:<9}{net} {r.mask} [{r.distance}/{r.metric}] via {r.gateway}, {r.nameif}")
    return out


@dataclass(frozen=True)
class NameifRow:
    interface: str
    nameif: str
    level: int


def show_nameif(rows: Sequence[NameifRow]) -> list[str]:
    """`show nameif`: Interface 25, Name 25, the level right-aligned under `Security`
    (Cisco command reference example)."""
    out = [f"{'Interface':<25}{'Name':<25}Security"]
    out += [f"{r.interface:<25}{r.nameif:<25}{r.level:>3}" for r in rows]
    return out


@dataclass(frozen=True)
class ArpRow:
    nameif: str
    address: str
    mac: str
    age_s: int


def show_arp(rows: Sequence[ArpRow]) -> list[str]:
    """`show arp`: `        outside 1.2.3.4 444e.6df8.b97e 15` (ntc cisco_asa_show_arp.raw)."""
    return [f"        {r.nameif} {r.address} {r.mac} {r.age_s}" for r in rows]


def ping_lines(target: str, result: str) -> list[str]:
    """`ping`: result `!` (answered), `.` (timed out) or `?` (no route); ntc
    cisco_asa_ping.raw / cisco_asa_ping_unreachable.raw."""
    out = ["Type escape sequence to abort.",
           f"Sending 5, 100-byte ICMP Echos to {target}, timeout is 2 seconds:", result * 5]
    if result == "!":
        out.append("Success rate is 100 percent (5/5), round-trip min/avg/max = 1/1/1 ms")
    else:
        out.append("Success rate is 0 percent (0/5)")
    return out


def show_name(names: dict[str, tuple[str, str]]) -> list[str]:
    """`show name`: the `name` lines (ntc cisco_asa_show_name.raw)."""
    return [f"name {addr} {name}" + (f" description {desc}" if desc else "")
            for addr, (name, desc) in names.items()]


# `show xlate` with nothing translated (ntc cisco_asa_show_xlate.raw's header, 9.x)
XLATE_EMPTY = ("0 in use, 0 most used",
               "Flags: D - DNS, i - dynamic, r - portmap, s - static, I - identity, T - twice",
               "e - extended")


def _inventory_entry(name: str, descr: str, pid: str, vid: str, sn: str) -> list[str]:
    return [f'Name: "{name}", DESCR: "{descr}"', f"PID: {pid:<18}, VID: {vid:<8}, SN: {sn}"]


_CHASSIS = {
    "ASA5512": "ASA 5512-X with SW, 6 GE Data, 1 GE Mgmt, AC",
    "ASA5515": "ASA 5515-X with SW, 6 GE Data, 1 GE Mgmt, AC",
    "ASA5525": "ASA 5525-X with SW, 8 GE Data, 1 GE Mgmt, AC",
    "ASA5545": "ASA 5545-X with SW, 8 GE Data, 1 GE Mgmt",
}


def chassis_description(model: str) -> str:
    """The chassis DESCR of `show inventory` / Card Type of `show module` (ntc fixtures of a
    5515-X; the other models' wording follows it, unverified)."""
    base = model.replace("-X", "")
    return _CHASSIS.get(base, f"{base} Adaptive Security Appliance")


def show_inventory(model: str, serial: str) -> list[str]:
    """`show inventory` (ntc cisco_asa_show_inventory.raw, a real 5515-X): the chassis, then
    the power supply of the 5500-X appliances."""
    base = model.replace("-X", "")
    out = _inventory_entry("Chassis", chassis_description(model), base, "V03", serial)
    if base in _CHASSIS:
        out += [""] + _inventory_entry("power supply", "ASA/IPS 180W AC Power Supply",
                                       "ASA-180W-PWR-AC", "V01", "DTN" + serial[-8:])
    return out


def show_module(model: str, serial: str, mac_first: str, mac_last: str, version: str) -> list[str]:
    """`show module` (ntc cisco_asa_show_module_01.raw, a real 5515-X without an IPS module
    image: the `ips` rows as it prints them)."""
    base = model.replace("-X", "")
    descr = chassis_description(model)
    return [
        "Mod Card Type                                    Model              Serial No.",
        "--- -------------------------------------------- ------------------ -----------",
        f"  0 {descr:<44} {base:<18} {serial}",
        f"ips Unknown                                      N/A                {serial}",
        "",
        "Mod MAC Address Range                 Hw Version   Fw Version   Sw Version",
        "--- --------------------------------- ------------ ------------ ---------------",
        f"  0 {mac_first} to {mac_last}  1.0          2.1(9)8      {version}",
        f"ips {mac_first} to {mac_last}  N/A          N/A",
        "",
        "Mod SSM Application Name           Status           SSM Application Version",
        "--- ------------------------------ ---------------- --------------------------",
        "ips Unknown                        No Image Present Not Applicable",
        "",
        "Mod Status             Data Plane Status     Compatibility",
        "--- ------------------ --------------------- -------------",
        "  0 Up Sys             Not Applicable",
        "ips Unresponsive       Not Applicable",
        "",
        "Mod License Name   License Status  Time Remaining",
        "--- -------------- --------------- ---------------",
        "ips IPS Module     Disabled        perpetual",
    ]


def show_cpu_usage(context: str | None) -> list[str]:
    """`CPU utilization for 5 seconds = 0%; 1 minute: 0%; 5 minutes: 0%` (Cisco command
    reference); a context names itself (unverified)."""
    line = "CPU utilization for 5 seconds = 0%; 1 minute: 0%; 5 minutes: 0%"
    if context is None:
        return [line]
    return [f"Context: {context}", line]


@dataclass(frozen=True)
class TrafficRow:
    nameif: str
    packets_in: int
    bytes_in: int
    packets_out: int
    bytes_out: int
    uptime_s: int


def show_traffic(rows: Sequence[TrafficRow]) -> list[str]:
    """`show traffic` (Cisco command reference example), indented with TABs as a real unit
    prints it: two before `received`/`transmitted`, four before the counts, a TAB between
    packets and bytes, one before the rate lines (genieparser ShowTraffic golden output)."""
    out: list[str] = []
    for r in rows:
        secs = f"{r.uptime_s}.000"
        pin = r.packets_in // max(1, r.uptime_s)
        bin_ = r.bytes_in // max(1, r.uptime_s)
        pout = r.packets_out // max(1, r.uptime_s)
        bout = r.bytes_out // max(1, r.uptime_s)
        out += [f"{r.nameif}:",
                f"\t\treceived (in {secs} secs):",
                f"\t\t\t\t{r.packets_in} packets\t{r.bytes_in} bytes",
                f"\t\t\t\t{pin} pkts/sec\t{bin_} bytes/sec",
                f"\t\ttransmitted (in {secs} secs):",
                f"\t\t\t\t{r.packets_out} packets\t{r.bytes_out} bytes",
                f"\t\t\t\t{pout} pkts/sec\t{bout} bytes/sec",
                "\t1 minute input rate 0 pkts/sec,  0 bytes/sec",
                "\t1 minute output rate 0 pkts/sec,  0 bytes/sec",
                "\t1 minute drop rate, 0 pkts/sec",
                "\t5 minute input rate 0 pkts/sec,  0 bytes/sec",
                "\t5 minute output rate 0 pkts/sec,  0 bytes/sec",
                "\t5 minute drop rate, 0 pkts/sec"]
    return out


@dataclass(frozen=True)
class ResourceRow:
    resource: str
    current: int
    peak: int
    limit: str
    denied: int
    context: str


def show_resource_usage(rows: Sequence[ResourceRow]) -> list[str]:
    """`show resource usage` (ntc cisco_asa_show_resource_usage.raw: Resource 16, Current,
    Peak, Limit, Denied right-aligned, then the context)."""
    out = [f"{'Resource':<16}{'Current':>16}{'Peak':>12}{'Limit':>11}{'Denied':>14} Context"]
    out += [f"{r.resource:<16}{r.current:>16}{r.peak:>12}{r.limit:>11}{r.denied:>14} {r.context}"
            for r in rows]
    return out


def show_resource_allocation(rows: Sequence[tuple[str, str, str]]) -> list[str]:
    """`show resource allocation`: each resource's total over the contexts and its share of
    what the unit has (layout unverified: command-reference wording)."""
    out = [f"{'Resource':<24}{'Total':>12}{'% of Avail':>14}"]
    out += [f"{name:<24}{total:>12}{share:>14}" for name, total, share in rows]
    return out
