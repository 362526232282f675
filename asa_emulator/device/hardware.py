"""What a unit is made of: model, software, serial number, interfaces, licence (from lab.toml)."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import field

from ..kept import memo
from ..records import dataclass

DEFAULT_INTERFACES = (
    "GigabitEthernet0/0", "GigabitEthernet0/1", "GigabitEthernet0/2", "GigabitEthernet0/3",
    "GigabitEthernet0/4", "GigabitEthernet0/5", "Management0/0",
)

_TYPES = ("GigabitEthernet", "TenGigabitEthernet", "Ethernet", "Management", "Port-channel",
          "Redundant")
_IFNAME = re.compile(r"^([A-Za-z-]+)\s*(\d+(?:/\d+)*)(?:\.(\d+))?$")


# read by every `show failover` (several times): worked out once per model or version
@memo("hardware: X series", 64)
def _x_series(model: str) -> bool:
    return model.replace("-X", "") in ("ASA5512", "ASA5515", "ASA5525", "ASA5545", "ASA5555",
                                       "ASA5585-SSP-60")


@memo("hardware: version checks", 256)
def _at_least(version: str, major: int, minor: int) -> bool:
    m = re.match(r"(\d+)\.(\d+)", version)
    return m is not None and (int(m.group(1)), int(m.group(2))) >= (major, minor)


@dataclass
class Hardware:
    model: str = "ASA5515"         # a 5515-X: Gi0/0-0/5 + Management0/0, the chapter's ports
    version: str = "9.1(7)"
    serial: str = "JMX0000A000"
    interfaces: tuple[str, ...] = DEFAULT_INTERFACES
    mac_base: str = "0013.c480.8200"
    ram_mb: int = 8192
    failover_license: str = "Active/Active"
    contexts_license: int = 5
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def x_series(self) -> bool:
        """An ASA 5500-X (multi-core, 8 GB flash) rather than an older ASA 5500 appliance."""
        return _x_series(self.model)

    def at_least(self, major: int, minor: int) -> bool:
        """The software is release major.minor or later (`9.6(4)` >= 9.2): the output lines
        each release added follow the lab's version."""
        return _at_least(self.version, major, minor)

    @property
    def hw_rev(self) -> str:
        """The hardware revision `show failover` prints in its slot line: 1.0 on the 5500-X
        series, 2.0 on the older 5500 appliances (8.x captures of a 5510/5520)."""
        return "1.0" if self.x_series else "2.0"

    @property
    def flash_bytes(self) -> int:
        """disk0: size as `dir` reports it (5500-X: 8 GB compact flash; 5500: 256 MB)."""
        return 8_571_076_608 if self.x_series else 256 * 1024 * 1024

    @property
    def software_images(self) -> dict[str, int]:
        """The ASA and ASDM images a unit of this model and version boots from, with sizes."""
        asa = image_name(self.version, self.x_series)
        return {asa: 38_715_416 if self.x_series else 27_611_136, "asdm-761.bin": 25_628_876}

    def mac_of(self, phys: str) -> str:
        """Burned-in MAC of a physical interface (subinterfaces share their parent's)."""
        return _burned_in_mac(self.mac_base, self.interfaces, phys.split(".")[0])

    def port_number(self, phys: str) -> int:
        """The physical port number used in generated failover MACs."""
        parent = phys.split(".")[0]
        return self.interfaces.index(parent) if parent in self.interfaces else 0


@memo("hardware: burned-in MAC addresses", 1024, per=1, most=1 << 16)
def _burned_in_mac(mac_base: str, interfaces: tuple[str, ...], parent: str) -> str:
    base = int(mac_base.replace(".", ""), 16)
    idx = interfaces.index(parent) if parent in interfaces else 0
    return format_mac(base + idx + 1)


def format_mac(value: int) -> str:
    h = f"{value:012x}"
    return f"{h[0:4]}.{h[4:8]}.{h[8:12]}"


@memo("interfaces: canonical names", 4096, per=1, most=1 << 16)
def canonical_interface(typed: str, known: tuple[str, ...]) -> str | None:
    """`g0/1`, `gig0/1`, `GigabitEthernet0/1.100` -> the canonical name, if the type is known.
    Cached: a sync names thousands of subinterfaces of the same few ports."""
    m = _IFNAME.match(typed.strip())
    if not m:
        return None
    kind, port, sub = m.groups()
    matches = [t for t in _TYPES if t.lower().startswith(kind.lower())]
    if len(matches) != 1:
        exact = [t for t in matches if t.lower() == kind.lower()]
        if len(exact) != 1:
            return None
        matches = exact
    name = f"{matches[0]}{port}"
    if name not in known:
        return None
    return name + (f".{int(sub)}" if sub is not None else "")


def allocated_interface(typed: str, allocated: Collection[str]) -> str | None:
    """The allocated interface (`GigabitEthernet0/2`, `GigabitEthernet0/3.10`) that a physical
    name or its abbreviation (`g0/2`, `gig0/3.10`) names in a context, or None."""
    canon = canonical_interface(typed, tuple(n.split(".")[0] for n in allocated))
    return canon if canon is not None and canon in allocated else None


def image_name(version: str, x_series: bool) -> str:
    """`9.1(7)` -> `asa917-k8.bin`; `9.2(2)4` -> `asa922-4-smp-k8.bin` (real names on 5500/-X)."""
    m = re.match(r"(\d+)\.(\d+)\((\d+)\)(\d*)", version)
    if not m:
        return "asa-k8.bin"
    base = f"asa{m.group(1)}{m.group(2)}{m.group(3)}" + (f"-{m.group(4)}" if m.group(4) else "")
    return base + ("-smp-k8.bin" if x_series else "-k8.bin")


# --------------------------------------------------------------------------- the platform table
@dataclass(frozen=True)
class Platform:
    """What a model is made of, as `show version` prints it and lab.toml may license."""

    cpu: str
    flash: str
    bios: str
    crypto: str
    licence: str                 # "This platform has <licence> license."
    max_vlans: int
    vpn_peers: int
    max_contexts: int
    x_series: bool = False       # ASA 5500-X: smp image, "ASA5525" licence wording
    asa_share: str = ""          # 5500-X: `ASA: 4096 MB RAM, 1 CPU (1 core)` under Hardware
    # the Base licence of a model sold with a lesser one (no failover): its name and VLANs
    base: tuple[str, int] | None = None


PLATFORMS: dict[str, Platform] = {
    "ASA5510": Platform("CPU Pentium 4 Celeron 1600 MHz", "Internal ATA Compact Flash, 256MB",
                         "BIOS Flash M50FW016 @ 0xfff00000, 2048KB",
                         "Cisco ASA-55x0 on-board accelerator (revision 0x0)",
                         "an ASA 5510 Security Plus", 100, 250, 5, base=("a Base", 50)),
    "ASA5520": Platform("CPU Pentium 4 Celeron 2000 MHz", "Internal ATA Compact Flash, 256MB",
                         "BIOS Flash M50FW016 @ 0xfff00000, 2048KB",
                         "Cisco ASA-55x0 on-board accelerator (revision 0x0)",
                         "an ASA 5520 VPN Plus", 150, 750, 20),
    "ASA5540": Platform("CPU Pentium 4 2000 MHz", "Internal ATA Compact Flash, 256MB",
                         "BIOS Flash M50FW016 @ 0xfff00000, 2048KB",
                         "Cisco ASA-55x0 on-board accelerator (revision 0x0)",
                         "an ASA 5540 VPN Premium", 200, 5000, 50),
    "ASA5550": Platform("CPU Pentium 4 3000 MHz", "Internal ATA Compact Flash, 256MB",
                         "BIOS Flash M50FW016 @ 0xfff00000, 2048KB",
                         "Cisco ASA-55x0 on-board accelerator (revision 0x0)",
                         "an ASA 5550 VPN Premium", 400, 5000, 50),
    # ASA 5515-X: six GigabitEthernet ports and Management0/0, as the chapter's examples use
    "ASA5515": Platform("CPU Clarkdale 3059 MHz, 1 CPU (4 cores)", "Internal ATA Compact Flash, 8192MB",
                         "BIOS Flash MX25L6445E @ 0xffbb0000, 8192KB",
                         "Cisco ASA Crypto on-board accelerator (revision 0x1)",
                         "an ASA5515 Security Plus", 100, 250, 5, x_series=True,
                         asa_share="4096 MB RAM, 1 CPU (1 core)"),
    "ASA5525": Platform("CPU Lynnfield 2393 MHz, 1 CPU (4 cores)", "Internal ATA Compact Flash, 8192MB",
                         "BIOS Flash MX25L6445E @ 0xffbb0000, 8192KB",
                         "Cisco ASA Crypto on-board accelerator (revision 0x1)",
                         "an ASA5525 VPN Premium", 300, 750, 20, x_series=True),
    "ASA5545": Platform("CPU Lynnfield 2793 MHz, 1 CPU (4 cores)", "Internal ATA Compact Flash, 8192MB",
                         "BIOS Flash MX25L6445E @ 0xffbb0000, 8192KB",
                         "Cisco ASA Crypto on-board accelerator (revision 0x1)",
                         "an ASA5545 VPN Premium", 300, 2500, 50, x_series=True),
    # ASA 5585-X with an SSP-60: the largest 5500-X, licensable for 250 contexts (data sheet:
    # 250 security contexts, 1024 VLANs, 10,000 IPsec peers); 6 GE + 4 10GE ports and two
    # management ports.  # unverified: CPU, flash and BIOS lines of its `show version`
    "ASA5585-SSP-60": Platform("CPU Xeon 5600 series 2800 MHz, 2 CPUs (24 cores)",
                                "Internal ATA Compact Flash, 8192MB",
                                "BIOS Flash MX25L6445E @ 0xffbb0000, 8192KB",
                                "Cisco ASA Crypto on-board accelerator (revision 0x1)",
                                "an ASA 5585-X SSP-60 Security Plus", 1024, 10000, 250,
                                x_series=True),
}
GENERIC = PLATFORMS["ASA5520"]


def known_models() -> tuple[str, ...]:
    """The models whose `show version` the emulator knows (lab.toml accepts these, with or
    without the 5500-X series' `-X`)."""
    return tuple(PLATFORMS)


def max_contexts(model: str) -> int:
    """The most security contexts the model can be licensed for."""
    return platform(model).max_contexts


def platform(model: str) -> Platform:
    """The model's platform facts (an unknown model reads as an ASA 5520)."""
    return PLATFORMS.get(model.replace("-X", ""), GENERIC)


def _base_licensed(hw: Hardware) -> bool:
    """The unit holds its model's Base licence: lab.toml gives it no failover, and the model
    is sold with a Base licence that has none (the ASA 5510: Base or Security Plus)."""
    return hw.failover_license == "Disabled" and platform(hw.model).base is not None


def licence_name(hw: Hardware) -> str:
    """`This platform has <name> license.`: the licence the unit holds."""
    plat = platform(hw.model)
    return plat.base[0] if plat.base is not None and _base_licensed(hw) else plat.licence


def max_vlans(hw: Hardware) -> int:
    """`Maximum VLANs`: what the unit's licence allows (configuration guide, "Licensing for
    VLAN Subinterfaces": the ASA 5510 Base 50, Security Plus 100)."""
    plat = platform(hw.model)
    return plat.base[1] if plat.base is not None and _base_licensed(hw) else plat.max_vlans


def platform_cpu(model: str) -> str:
    """The CPU text of `show version`'s Hardware line (also in the running-config header)."""
    return platform(model).cpu
