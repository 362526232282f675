"""The configuration of one unit: system execution space and security contexts.

Plain data.  Handlers change it; config.render prints it; nothing else knows its layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_HOSTNAME = "ciscoasa"
DEFAULT_PROMPT = ("hostname", "context")


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
    preference: str = "primary"
    preempt: int | None = None               # None: off; 0: on without delay
    replication_http: bool = False
    policy: tuple[int, bool] = (1, False)    # (number, is_percent)
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
    unit_poll_ms: int = 1000
    unit_hold_ms: int = 15000
    unit_poll_explicit: bool = False
    if_poll_ms: int = 5000
    if_hold_ms: int = 25000
    if_poll_explicit: bool = False
    replication_http: bool = False
    macs: dict[str, tuple[str, str]] = field(default_factory=dict)
    policy: tuple[int, bool] = (1, False)
    timeout: str = ""
    groups: dict[int, FailoverGroup] = field(default_factory=dict)


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
    pager_lines: int = 24
    prompt: tuple[str, ...] = DEFAULT_PROMPT

    def ordered_interfaces(self) -> list[SysInterface]:
        """Interfaces in the ASA's listing order: physical ports in hardware order (the order
        they were created in), each followed by its subinterfaces by number.  Sorted here, at
        display time, so that loading thousands of subinterfaces stays linear."""
        pos = {n: i for i, n in enumerate(n for n in self.interfaces if "." not in n)}

        def key(itf: SysInterface) -> tuple[int, int]:
            base, _, sub = itf.name.partition(".")
            return pos.get(base, len(pos)), int(sub) if sub.isdigit() else -1
        return sorted(self.interfaces.values(), key=key)


@dataclass
class CtxInterface:
    name: str                      # as allocated: mapped name or physical name
    nameif: str = ""
    security_level: int | None = None
    ip: tuple[str, str, str | None] | None = None      # (address, mask, standby)
    ip_method: str = "CONFIG"      # `show ip address`: CONFIG (loaded, synced) or manual (typed)
    ipv6: list[tuple[str, str | None]] = field(default_factory=list)   # (prefix/len, standby)
    asr_group: int | None = None
    shutdown: bool = False
    description: str = ""
    mac: tuple[str, str | None] | None = None
    mtu: int = 1500


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
class ContextConfig:
    name: str
    hostname: str = ""
    enable_password: str = ""
    interfaces: dict[str, CtxInterface] = field(default_factory=dict)
    monitor: dict[str, bool] = field(default_factory=dict)   # nameif -> explicit setting
    transparent: bool = False
    pager_lines: int = 24
    ospf: dict[int, OspfProcess] = field(default_factory=dict)
    rip: RipProcess | None = None

    def by_nameif(self, nameif: str) -> CtxInterface | None:
        for itf in self.interfaces.values():
            if itf.nameif and itf.nameif == nameif:
                return itf
        return None
