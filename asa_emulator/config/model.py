"""The configuration of one unit: system execution space and security contexts.

Plain data.  Handlers change it; config.render prints it; nothing else knows its layout.
"""

from __future__ import annotations

from dataclasses import field

from ..records import dataclass
from . import defaults

DEFAULT_HOSTNAME = "ciscoasa"
DEFAULT_PROMPT = ("hostname", "context")

# The `class default` resource limits every system configuration carries (resource -> limit)
DEFAULT_CLASS_LIMITS = (("All", "0"), ("ASDM", "5"), ("SSH", "5"), ("Telnet", "5"))

# `timeout` settings of a context: keyword -> value, in the ASA's listing order
DEFAULT_TIMEOUTS = (
    ("xlate", "3:00:00"), ("pat-xlate", "0:00:30"),
    ("conn", "1:00:00"), ("half-closed", "0:10:00"), ("udp", "0:02:00"), ("icmp", "0:00:02"),
    ("sunrpc", "0:10:00"), ("h323", "0:05:00"), ("h225", "1:00:00"), ("mgcp", "0:05:00"),
    ("mgcp-pat", "0:05:00"),
    ("sip", "0:30:00"), ("sip_media", "0:02:00"), ("sip-invite", "0:03:00"),
    ("sip-disconnect", "0:02:00"),
    ("sip-provisional-media", "0:02:00"), ("uauth", "0:05:00 absolute"),
    ("tcp-proxy-reassembly", "0:01:00"),
    ("floating-conn", "0:00:00"),
)

# The default Modular Policy Framework configuration of a 9.1 context
DEFAULT_CLASS_MAPS = (("inspection_default", ("match default-inspection-traffic",)),)
DEFAULT_INSPECTS = (
    "inspect dns preset_dns_map", "inspect ftp", "inspect h323 h225", "inspect h323 ras",
    "inspect ip-options", "inspect netbios", "inspect rsh", "inspect rtsp", "inspect skinny",
    "inspect esmtp", "inspect sqlnet", "inspect sunrpc", "inspect tftp", "inspect sip",
    "inspect xdmcp",
)
DNS_PRESET_PARAMETERS = ("message-length maximum client auto", "message-length maximum 512")


@dataclass
class SysInterface:
    """A physical interface or subinterface in the system execution space."""

    name: str                      # canonical: GigabitEthernet0/1, GigabitEthernet0/1.100
    shutdown: bool = True
    description: str = ""
    mac: tuple[str, str | None] | None = None    # (active, standby)
    vlan: int | None = None
    speed: str = ""
    duplex: str = ""

    @property
    def is_subinterface(self) -> bool:
        return "." in self.name


@dataclass
class Allocation:
    phys: str
    mapped: str | None = None
    visible: bool = False

    @property
    def ctx_name(self) -> str:
        """How the context calls the interface."""
        return self.mapped or self.phys


@dataclass
class ContextDef:
    """A `context NAME` block of the system configuration."""

    name: str
    description: str = ""
    allocations: list[Allocation] = field(default_factory=list)
    config_url: str = ""
    failover_group: int | None = None        # None: not assigned (group 1)

    @property
    def group(self) -> int:
        return self.failover_group or 1


@dataclass
class FailoverGroup:
    gid: int
    preference: str = defaults.GROUP_PREFERENCE
    preempt: int | None = None               # None: off; 0: on without delay
    replication_http: bool = False
    policy: tuple[int, bool] = defaults.INTERFACE_POLICY    # (number, is_percent)
    macs: dict[str, tuple[str, str]] = field(default_factory=dict)
    poll_ms: int | None = None               # None: default (5 s)
    hold_ms: int | None = None               # None: default (25 s)


@dataclass
class FailoverIp:
    active: str
    mask: str            # IPv4 mask, or "/64" style prefix length for IPv6
    standby: str


@dataclass
class FailoverConfig:
    enabled: bool = False
    lan_unit: str = "secondary"
    lan_if: tuple[str, str] | None = None     # (nameif, physical)
    link: tuple[str, str] | None = None       # stateful link (nameif, physical)
    ips: dict[str, FailoverIp] = field(default_factory=dict)
    key: str | None = None                    # as typed, rendered as *****
    key_hex: bool = False
    unit_poll_ms: int = defaults.UNIT_POLL_MS
    unit_hold_ms: int = defaults.UNIT_HOLD_MS
    unit_poll_explicit: bool = False
    if_poll_ms: int = defaults.IF_POLL_MS
    if_hold_ms: int = defaults.IF_HOLD_MS
    if_poll_explicit: bool = False
    replication_http: bool = False
    macs: dict[str, tuple[str, str]] = field(default_factory=dict)
    policy: tuple[int, bool] = defaults.INTERFACE_POLICY
    timeout: str = ""
    groups: dict[int, FailoverGroup] = field(default_factory=dict)

    def group_ids(self) -> tuple[int, ...]:
        """The failover groups the unit runs: none in Active/Standby; once any is configured,
        those and group 1 always (the system space and the admin context are in it, whether
        or not `failover group 1` was typed)."""
        return tuple(sorted({1, *self.groups})) if self.groups else ()


@dataclass
class ResourceClass:
    """A `class NAME` block of the system configuration: resource -> limit ("5", "10%")."""

    name: str
    limits: dict[str, str] = field(default_factory=dict)


def default_classes() -> dict[str, ResourceClass]:
    return {"default": ResourceClass("default", dict(DEFAULT_CLASS_LIMITS))}


# Single context mode keeps its one space as a context under this name (the unit's admin
# context: it carries the syslog and SSH settings); sessions there have no context.
SINGLE = ""


@dataclass
class SystemConfig:
    hostname: str = DEFAULT_HOSTNAME
    enable_password: str = ""
    mode: str = "multiple"                    # what `mode` says now (takes effect at reload)
    interfaces: dict[str, SysInterface] = field(default_factory=dict)
    contexts: dict[str, ContextDef] = field(default_factory=dict)
    admin_context: str | None = None
    failover: FailoverConfig = field(default_factory=FailoverConfig)
    mac_auto: int | None | bool = False       # False: off; True: on (no prefix); int: prefix
    pager_lines: int = defaults.PAGER_LINES
    prompt: tuple[str, ...] = DEFAULT_PROMPT
    classes: dict[str, ResourceClass] = field(default_factory=default_classes)
    ftp_passive: bool = True
    asdm_history: bool = False
    arp_timeout: int = 14400
    console_timeout: int = 0

    def ordered_interfaces(self) -> list[SysInterface]:
        """Interfaces in the ASA's listing order: physical ports in hardware order (the order
        they were created in), each followed by its subinterfaces by number.  Sorted here, at
        display time, so that loading thousands of subinterfaces stays linear."""
        pos = {n: i for i, n in enumerate(n for n in self.interfaces if "." not in n)}

        def key(itf: SysInterface) -> tuple[int, int]:
            base, _, sub = itf.name.partition(".")
            return pos.get(base, len(pos)), int(sub) if sub.isdigit() else -1
        return sorted(self.interfaces.values(), key=key)


def is_bvi(name: str) -> bool:
    """`BVI1`...: a transparent-mode bridge virtual interface (8.4(1) and later), which holds
    the bridge group's management address."""
    return name.startswith("BVI") and name[3:].isdigit()


@dataclass
class CtxInterface:
    name: str                      # as allocated: mapped name or physical name
    nameif: str = ""
    security_level: int | None = None
    ip: tuple[str, str, str | None] | None = None      # (address, mask, standby)
    ip_method: str = "CONFIG"      # `show ip address`: CONFIG (loaded, synced) or manual (typed)
    # (form, standby): `2001:db8::1/64`, `2001:db8::/64 eui-64`, `fe80::1 link-local`, `autoconfig`
    ipv6: list[tuple[str, str | None]] = field(default_factory=list)
    asr_group: int | None = None
    bridge_group: int | None = None  # transparent mode: member of `interface BVI<n>`
    shutdown: bool = False
    description: str = ""
    mac: tuple[str, str | None] | None = None
    mtu: int = 1500
    # `management-only`: None is the port's default, on for a Management port (a 5500-X's
    # Management0/0 carries the line in every running-config: public 9.x captures)
    management_only: bool | None = None
    management_port: bool | None = None     # the port is a Management one (None: by its name)

    @property
    def mgmt_port(self) -> bool:
        return self.name.startswith("Management") if self.management_port is None else self.management_port

    @property
    def is_management_only(self) -> bool:
        """The interface passes no through-the-device traffic."""
        return self.mgmt_port if self.management_only is None else self.management_only


@dataclass(frozen=True)
class StaticRoute:
    """`route IF NET MASK GW [metric]` in a context."""
    nameif: str
    network: str
    mask: str
    gateway: str
    metric: int = 1


@dataclass(frozen=True)
class AclAddr:
    """One end of an access-list entry, or one member of a network object group, as typed:
    kind any | any4 | host | net | object | object-group."""
    kind: str
    address: str = ""              # host or network address, or the object's name
    mask: str = ""


@dataclass(frozen=True)
class AclEntry:
    """One line of an access list: an extended entry or a remark (action "remark")."""
    action: str                    # permit | deny | remark
    proto: str = ""                # ip | icmp | tcp | udp
    src: AclAddr = AclAddr("any")
    dst: AclAddr = AclAddr("any")
    port: int | None = None        # `eq PORT`, as a number
    remark: str = ""


@dataclass
class NetObject:
    """`object network NAME` with its `host` or `subnet` (kind "" until one is given)."""
    name: str
    kind: str = ""
    address: str = ""
    mask: str = ""
    description: str = ""


@dataclass
class NetGroup:
    """`object-group network NAME`: `network-object` members (kind host | net | object)."""
    name: str
    members: list[AclAddr] = field(default_factory=list)
    description: str = ""


@dataclass
class OspfNetwork:
    address: str
    mask: str
    area: str                      # as typed: decimal or dotted


@dataclass
class OspfProcess:
    pid: int
    router_id: str | None = None
    networks: list[OspfNetwork] = field(default_factory=list)
    log_adj: str = "on"            # on | detail | off


@dataclass
class RipProcess:
    networks: list[str] = field(default_factory=list)     # classful network numbers
    version: int | None = None


@dataclass
class PolicyMap:
    """A `policy-map [type inspect dns] NAME`: its `parameters` lines and its classes with
    their action lines, as the ASA prints them (without indentation)."""

    name: str
    kind: str = ""                 # "" (Layer 3/4) or "inspect dns"
    parameters: list[str] | None = None
    classes: dict[str, list[str]] = field(default_factory=dict)


def default_class_maps() -> dict[str, list[str]]:
    return {name: list(lines) for name, lines in DEFAULT_CLASS_MAPS}


def default_policy_maps() -> dict[str, PolicyMap]:
    return {
        "preset_dns_map": PolicyMap("preset_dns_map", "inspect dns", list(DNS_PRESET_PARAMETERS)),
        "global_policy": PolicyMap("global_policy", "",
                                   classes={"inspection_default": list(DEFAULT_INSPECTS)}),
    }


@dataclass
class LocalUser:
    """`username NAME password HASH encrypted [privilege N]`: the context's local user database."""

    name: str
    password: str                  # the encrypted form (config/passwords.py)
    privilege: int = 2             # the ASA's default privilege for a local user


@dataclass
class SshAccess:
    """`ssh ADDR MASK IFNAME`: hosts allowed to reach the context over SSH on an interface."""

    address: str
    mask: str
    nameif: str


@dataclass(frozen=True)
class LogHost:
    """`logging host IFNAME ADDR [udp/PORT]`: a syslog server reached through a nameif."""

    nameif: str
    address: str
    proto: str = "udp"
    port: int | None = None             # None: the protocol's default (514 for UDP)


@dataclass
class LoggingConfig:
    """The `logging` settings of a context (a multiple-context ASA has none in the system
    space: its messages, failover's among them, use the admin context's)."""

    enabled: bool = False               # logging enable
    timestamp: bool = False
    standby: bool = False
    console: int | None = None          # severity level, None: disabled
    buffered: int | None = None
    trap: int | None = None
    facility: int = defaults.LOGGING_FACILITY
    buffer_size: int = defaults.LOGGING_BUFFER_SIZE
    hosts: list[LogHost] = field(default_factory=list)


@dataclass
class ContextConfig:
    name: str
    hostname: str = ""
    enable_password: str = ""
    interfaces: dict[str, CtxInterface] = field(default_factory=dict)
    monitor: dict[str, bool] = field(default_factory=dict)   # nameif -> explicit setting
    transparent: bool = False
    # transparent mode before 8.4: the management address, `ip address A M [standby S]` at (config)#
    mgmt_ip: tuple[str, str, str | None] | None = None
    pager_lines: int = defaults.PAGER_LINES
    ospf: dict[int, OspfProcess] = field(default_factory=dict)
    rip: RipProcess | None = None
    icmp_unreachable: tuple[int, int] = (1, 1)          # (rate-limit, burst-size)
    asdm_history: bool = False
    arp_timeout: int = 14400
    timeouts: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_TIMEOUTS))
    user_identity_domain: str | None = "LOCAL"
    telnet_timeout: int = 5
    ssh_timeout: int = 5
    # management access (asa_emulator/device/mgmt.py)
    users: dict[str, LocalUser] = field(default_factory=dict)
    aaa_ssh_local: bool = False            # aaa authentication ssh console LOCAL
    aaa_serial_local: bool = False         # aaa authentication serial console LOCAL
    max_fail: int | None = None            # aaa local authentication attempts max-fail N
    ssh_access: list[SshAccess] = field(default_factory=list)
    logging: LoggingConfig = field(default_factory=LoggingConfig)
    routes: list[StaticRoute] = field(default_factory=list)
    names: dict[str, tuple[str, str]] = field(default_factory=dict)   # address -> (name, description)
    # access control (device/handlers/acl_cmds.py): objects and groups share one name space
    objects: dict[str, NetObject] = field(default_factory=dict)
    object_groups: dict[str, NetGroup] = field(default_factory=dict)
    access_lists: dict[str, list[AclEntry]] = field(default_factory=dict)
    access_groups: dict[tuple[str, str], str] = field(default_factory=dict)  # (nameif, in|out) -> ACL
    # The default inspection policy is part of a context's configuration only when the ASA
    # creates the context with its default config (config-url not found); a context loaded
    # from a file or a sync has what that configuration says: see add_default_inspection.
    class_maps: dict[str, list[str]] = field(default_factory=dict)
    policy_maps: dict[str, PolicyMap] = field(default_factory=dict)
    service_policies: dict[str, str] = field(default_factory=dict)   # "global" or nameif -> map

    def add_default_inspection(self) -> None:
        """The class-map, policy-maps and service-policy of a context's default config."""
        self.class_maps = default_class_maps()
        self.policy_maps = default_policy_maps()
        self.service_policies = {"global": "global_policy"}

    def by_nameif(self, nameif: str) -> CtxInterface | None:
        for itf in self.interfaces.values():
            if itf.nameif and itf.nameif == nameif:
                return itf
        return None
