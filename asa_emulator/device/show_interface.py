"""Renderers for `show interface` (detail, summary), `show ip address` and `show interface ip
brief`, printed as a real ASA 9.x prints them (device/show.py holds the other non-failover
shows).  Pure functions: data in (the views device/views.py gathers), a list of lines out.

TABs: `show interface` indents its second-level lines with a TAB on 9.x (reference note 11,
ntc-templates `cisco_asa_show_interface1.raw`, genieparser ShowInterfaceDetail golden 4).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..records import dataclass

TAB = "\t"


# --------------------------------------------------------------------------- show interface
@dataclass(slots=True)
class InterfaceView:
    """What `show interface` needs to know about one interface, as seen from one space.
    Not frozen: a frozen dataclass of this many fields takes microseconds to build, and
    `show interface` on a large lab builds thousands (views are built and read, never
    changed)."""

    name: str                                  # header name: real name, or the mapped name
    nameif: str = ""
    admin_up: bool = False
    link_up: bool = False
    line_protocol_up: bool = False
    hardware: str = "i82546GB rev03"
    bw_mbps: int = 1000
    dly_usec: int = 10
    mac: str = "0000.0000.0000"
    mtu: int | None = None                     # None: "MTU not set" (no nameif)
    ipv4: tuple[str, str] | None = None        # (address, mask)
    description: str = ""
    is_subinterface: bool = False
    vlan: int | None = None
    visible: bool = True                       # in a context: physical properties visible
    management_only: bool = False
    number: int = 0                            # "Interface number is N" (detail)
    duplex: str = ""                           # configured: '' (auto) | 'full' | 'half'
    speed: str = ""                            # configured: '' (auto) | '10' | '100' | '1000'
    output_flow_control: str = "off"           # Management ports: "unsupported"
    queue_blocks: str = "0/0"                  # "hardware (0/0)"
    packets_in: int = 0                        # traffic counters (asa_emulator/traffic/)
    bytes_in: int = 0
    packets_out: int = 0
    bytes_out: int = 0
    dropped: int = 0
    blocked: int = 0                           # management-only: through-the-device packets refused
    asr: tuple[int, int, int] | None = None    # ASR (received, transmitted, dropped) with asr-group
    allocatable: bool = True                   # system space: no failover link uses it
    statistics: bool = True                    # the `Traffic Statistics` block of a named interface


def _link_state(v: InterfaceView) -> str:
    if not v.admin_up:
        return "administratively down"
    return "up" if v.link_up else "down"


def _duplex_speed(v: InterfaceView) -> str:
    negotiated = v.admin_up and v.link_up
    duplex = {"full": "Full-Duplex", "half": "Half-Duplex"}.get(v.duplex, "Auto-Duplex")
    speed = f"{v.speed} Mbps" if v.speed else "Auto-Speed"
    if not negotiated:
        return f"{duplex}, {speed}"
    actual_duplex = "Half-duplex" if v.duplex == "half" else "Full-duplex"
    actual_speed = f"{v.speed or v.bw_mbps} Mbps"
    return f"{duplex}({actual_duplex}), {speed}({actual_speed})"


_COUNTERS = (
    "{t}{pi} packets input, {bi} bytes, 0 no buffer",
    "{t}Received 0 broadcasts, 0 runts, 0 giants",
    "{t}0 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored, 0 abort",
    "{t}0 pause input, 0 resume input",
    "{t}0 L2 decode drops",
    "{t}{po} packets output, {bo} bytes, 0 underruns",
    "{t}0 pause output, 0 resume output",
    "{t}0 output errors, 0 collisions, 0 interface resets",
    "{t}0 late collisions, 0 deferred",
    "{t}0 input reset drops, 0 output reset drops",
    "{t}input queue (blocks free curr/low): hardware ({q})",
    "{t}output queue (blocks free curr/low): hardware ({q})",
)

_RATES = (
    "      1 minute input rate 0 pkts/sec,  0 bytes/sec",
    "      1 minute output rate 0 pkts/sec,  0 bytes/sec",
    "      1 minute drop rate, 0 pkts/sec",
    "      5 minute input rate 0 pkts/sec,  0 bytes/sec",
    "      5 minute output rate 0 pkts/sec,  0 bytes/sec",
    "      5 minute drop rate, 0 pkts/sec",
)


def one_interface(v: InterfaceView, *, detail: bool, in_context: bool) -> list[str]:
    t = TAB
    proto = "up" if v.line_protocol_up else "down"
    out = [f'Interface {v.name} "{v.nameif}", is {_link_state(v)}, line protocol is {proto}']
    physical = v.visible or not in_context
    if not physical and not v.nameif:
        # context, invisible, no nameif: the single line (genieparser ShowInterfaceDetail 3, Vlan500)
        return out + [f"{t}Available but not configured via nameif"]
    if physical:
        out.append(f"  Hardware is {v.hardware}, BW {v.bw_mbps} Mbps, DLY {v.dly_usec} usec")
        if v.is_subinterface:
            out.append(f"{t}VLAN identifier {v.vlan if v.vlan is not None else 'none'}")
        else:
            out.append(f"{t}{_duplex_speed(v)}")
            out.append(f"{t}Input flow control is unsupported, output flow control is "
                       f"{v.output_flow_control}")
    out += _identity_lines(v, in_context=in_context)
    if _system_subinterface(v, in_context=in_context):
        # a real multi-context system space prints nothing more for an unnamed subinterface:
        # no counters, no Control Point block (ntc cisco_asa_show_interface_detail.raw,
        # Port-channel1.355 and Port-channel2.283 of an ASA 5585 pair)
        return out
    if physical and not v.is_subinterface:
        out += [c.format(t=t, q=v.queue_blocks, pi=v.packets_in, bi=v.bytes_in,
                         po=v.packets_out, bo=v.bytes_out) for c in _COUNTERS]
    if v.nameif and v.statistics:
        out += [f'  Traffic Statistics for "{v.nameif}":',
                f"{t}{v.packets_in} packets input, {v.bytes_in} bytes",
                f"{t}{v.packets_out} packets output, {v.bytes_out} bytes",
                f"{t}{v.dropped} packets dropped"]
        if physical:
            out += list(_RATES)
        if v.management_only:
            out.append(f"{t}Management-only interface. Blocked {v.blocked} through-the-device packets")
    if detail:
        config_active = bool(v.nameif) or in_context
        state_active = v.admin_up and v.line_protocol_up and bool(v.nameif)
        out += ["  Control Point Interface States:",
                f"{t}Interface number is {v.number}",
                f"{t}Interface config status is {'active' if config_active else 'not active'}",
                f"{t}Interface state is {'active' if state_active else 'not active'}"]
        if v.asr is not None:
            # RECONSTRUCTED (docs/asa-traffic-output.md §4): the command reference's field names
            received, transmitted, dropped = v.asr
            out += ["  Asymmetrical Routing Statistics:", f"{t}Received {received} packets",
                    f"{t}Transmitted {transmitted} packets", f"{t}Dropped {dropped} packets"]
    return out


def _system_subinterface(v: InterfaceView, *, in_context: bool) -> bool:
    """An unnamed subinterface seen from the system execution space (a failover link on a
    subinterface has its failover name and prints its MAC, MTU and address)."""
    return v.is_subinterface and not v.nameif and not in_context


def _identity_lines(v: InterfaceView, *, in_context: bool) -> list[str]:
    """The description, allocation, MAC/MTU and IP lines, the same in the full and the
    summary forms."""
    t = TAB
    out = [f"{t}Description: {v.description}"] if v.description else []
    if not v.nameif:
        # system space: ntc show_interface_detail (multi-context ASA-SM system);
        # context / single mode: ntc show_interface1, genieparser ShowInterfaceDetail 4
        if in_context:
            out.append(f"{t}Available but not configured via nameif")
        elif v.allocatable:
            out.append(f"{t}Available for allocation to a context")
    if _system_subinterface(v, in_context=in_context):
        # no MAC, MTU or IP lines (ntc cisco_asa_show_interface_detail.raw, Port-channel1.355:
        # `VLAN identifier`, `Description`, `Available for allocation to a context`, no more)
        return out
    mtu = str(v.mtu) if (v.nameif and v.mtu is not None) else "not set"
    out.append(f"{t}MAC address {v.mac}, MTU {mtu}")
    out.append(f"{t}IP address {v.ipv4[0]}, subnet mask {v.ipv4[1]}" if v.ipv4 and v.nameif
               else f"{t}IP address unassigned")
    return out


def _summary_interface(v: InterfaceView, *, in_context: bool) -> list[str]:
    """`show interface summary`: the header, description, MAC/MTU and IP lines only (reference
    §8d, genieparser ShowInterfaceSummary golden 2): no hardware, counters or statistics."""
    t = TAB
    proto = "up" if v.line_protocol_up else "down"
    out = [f'Interface {v.name} "{v.nameif}", is {_link_state(v)}, line protocol is {proto}']
    if in_context and not v.visible and not v.nameif:
        return out + [f"{t}Available but not configured via nameif"]
    out += _identity_lines(v, in_context=in_context)
    if v.nameif and v.management_only:
        out.append(f"{t}Management-only interface. Blocked {v.blocked} through-the-device packets")
    return out


def show_interface_summary(views: Iterable[InterfaceView], *, in_context: bool) -> list[str]:
    """`show interface summary`, one short block per interface."""
    return [ln for v in views for ln in _summary_interface(v, in_context=in_context)]


def show_interface(views: Iterable[InterfaceView], *, detail: bool, in_context: bool) -> list[str]:
    """`show interface [detail]`, one block per interface, in the given order.

    System space / visible allocation: the full physical block (Hardware, duplex/speed, flow
    control, counters, queue lines).  In a context with an invisible allocation (the default) the
    ASA prints only the header, Description, MAC/MTU, IP and the traffic totals (genieparser
    ShowInterfaceDetail goldens 1-3 from an ASA-SM context; ntc show_interface "Interface DMZ").
    """
    out: list[str] = []
    for v in views:
        out += one_interface(v, detail=detail, in_context=in_context)
    return out


# --------------------------------------------------------------------------- show ip address
@dataclass(frozen=True)
class IpAddrView:
    interface: str                 # GigabitEthernet0/1 (or the mapped name in a context)
    nameif: str
    address: str
    mask: str
    method: str = "CONFIG"         # CONFIG (from startup/sync) | manual (typed) | DHCP


_IPADDR_HEADER = (f"{'Interface':<25}{'Name':<23}{'IP address':<16}{'Subnet mask':<16}Method")


def _ipaddr_row(r: IpAddrView) -> str:
    return f"{r.interface:<24} {r.nameif:<22} {r.address:<15} {r.mask:<15} {r.method}"


def show_ip_address(system_rows: Sequence[IpAddrView], current_rows: Sequence[IpAddrView]) -> list[str]:
    """`show ip address`: the configured (System) addresses, then those in use now (Current).

    Layout: NetAcad ASA lab transcript (Interface 25, Name 23, IP 16, mask 16, Method).  On the
    standby side of a failover pair the Current block carries the standby addresses.
    """
    out = ["System IP Addresses:", _IPADDR_HEADER]
    out += [_ipaddr_row(r) for r in system_rows]
    out += ["Current IP Addresses:", _IPADDR_HEADER]
    out += [_ipaddr_row(r) for r in current_rows]
    return out


def show_management_address(system: tuple[str, str], current: tuple[str, str] | None) -> list[str]:
    """`show ip address` of a transparent context before 8.4: its management address as
    configured and as held now (the standby address on the standby unit).  The headings and
    the `ip address A M` line under each: a public script that reads a transparent context's
    address from `show ip | begin Management System IP Address` (the next line's
    second-to-last word).  # unverified: the indentation of the address lines"""
    out = ["Management System IP Address:", f"\tip address {system[0]} {system[1]}",
           "Management Current IP Address:"]
    if current is not None:
        out.append(f"\tip address {current[0]} {current[1]}")
    return out


# --------------------------------------------------------------------------- show interface ip brief
@dataclass(frozen=True)
class IpBriefRow:
    interface: str
    address: str = "unassigned"
    method: str = "unset"          # unset | CONFIG | manual | DHCP
    status: str = "administratively down"   # up | down | administratively down
    protocol: str = "down"         # up | down
    ok: str = "YES"


def show_interface_ip_brief(rows: Iterable[IpBriefRow]) -> list[str]:
    """Columns 27/16/4/7/22 and the protocol padded to 4 (ntc cisco_asa_show_interface_ip_brief.raw)."""
    out = [f"{'Interface':<27}{'IP-Address':<16}{'OK?':<4}{'Method':<7}{'Status':<22}Protocol"]
    for r in rows:
        out.append(f"{r.interface:<26} {r.address:<15} {r.ok:<3} {r.method:<6} "
                   f"{r.status:<21} {r.protocol:<4}")
    return out
