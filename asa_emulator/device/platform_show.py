"""The platform's own shows, system execution space and single mode: `show memory detail`,
`show cpu usage detailed`, `show environment`, `show vlan`.  Data in, lines out.

The emulator models no load: the CPU is idle and memory never moves, so these print the same
figures `show cpu usage` and `show memory` do, split the way the detailed forms split them.
Where a layout was found in a public capture it is named beside the function; the others are
marked unverified with what they were modelled on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .hardware import Hardware, platform


def cores(hw: Hardware) -> int:
    """The CPU cores of the model: `1 CPU (4 cores)` of its `show version` Hardware line; the
    older 5500 appliances print no count (one core)."""
    m = re.search(r"(\d+) CPUs? \((\d+) cores?\)", platform(hw.model).cpu)
    return int(m.group(2)) if m else 1


def memory_split(ram_mb: int) -> tuple[int, int, int]:
    """(total, free, used) bytes, as `show memory` prints them (a third of the RAM in use)."""
    total = ram_mb * 1024 * 1024
    used = total // 3
    return total, total - used, used


def _mem_row(label: str, value: int, total: int) -> str:
    return f"{label:<29}{value:>12} bytes ({value * 100 // total:>2}%)"


def show_memory_detail(ram_mb: int) -> list[str]:
    """`show memory detail`: the `show memory` totals with the used memory split into what is
    allocated and what is reserved, then the low-water marks.  # unverified: modelled on the
    summary block of the command reference's `show memory detail` example (8.x wording); the
    fragment and pool tables that follow on a real unit are not printed."""
    total, free, used = memory_split(ram_mb)
    allocated = used * 3 // 4
    return [
        _mem_row("Free memory:", free, total),
        "Used memory:",
        _mem_row("    Allocated memory in use:", allocated, total),
        _mem_row("    Reserved memory:", used - allocated, total),
        "-----------------------------  ------------------",
        f"{'Total memory:':<29}{total:>12} bytes (100%)",
        "",
        # nothing allocates more while the emulator runs: the lowest free is the free
        _mem_row("Least free memory:", free, total),
        _mem_row("Most used memory:", used, total),
    ]


def _cpu_cell(total: float, data_path: float, control: float) -> str:
    return f"{total:.1f} ({data_path:.1f} + {control:4.1f})"


def show_cpu_detailed(n_cores: int) -> list[str]:
    """`show cpu usage detailed` (ntc-templates fixture cisco_asa_show_cpu_usage_detailed.raw, a
    real 22-core 9.x unit; the same header on a 5585 in a 2017 public write-up): one row per
    core, `total (data path + control point)` for 5 s, 1 min, 5 min, then the control point,
    external processes and total blocks.  Every figure is 0, as `show cpu usage` says."""
    out = ["Break down of per-core data path versus control point cpu usage:",
           f"{'Core':<13}{'5 sec':<20}{'1 min':<20}5 min"]
    cell = _cpu_cell(0.0, 0.0, 0.0)
    out += [f"{'Core ' + str(i):<13}{cell:<20}{cell:<20}{cell}".rstrip() for i in range(n_cores)]
    block = "      5 seconds = 0.0%; 1 minute: 0.0%; 5 minutes: 0.0%"
    out += ["", "Current control point elapsed versus the maximum control point elapsed for:",
            block, "", "",
            "CPU utilization of external processes for:", block, "", "",
            "Total CPU utilization for:", block]
    return out


# The sensors of each family.  # unverified layout: no capture of `show environment` was found;
# the sensor names are those of the ASA syslog messages guide's environment messages
# (%ASA-1-735001..735021: `Cooling Fan`, `Power Supply`, `Power Supply Unit Redundancy`,
# `CPU`, `Chassis Ambient`, `Voltage Channel`); the readings are fixed, the emulator has no
# thermal model.
_X_FANS = 4
_X_PSUS = {"ASA5545": 2, "ASA5555": 2}      # the 5545-X/5555-X take two hot-swap supplies


def _rule(title: str) -> list[str]:
    return [f"{title}:", "-" * 35]


def show_environment(hw: Hardware) -> list[str]:
    """`show environment`: cooling fans, power supplies, temperatures and voltages of the lab's
    platform (a 5500-X) or the processor and chassis temperatures of an older 5500 (whose
    sensors are fewer).  # unverified layout, see above."""
    base = hw.model.replace("-X", "")
    out: list[str] = []
    if hw.x_series:
        out += _rule("Cooling Fans")
        out += [" Chassis Fans:", " " + "-" * 32]
        out += [f"  {'Cooling Fan ' + str(i):<37}: 7936 RPM - OK (Fan Speed Normal)"
                for i in range(1, _X_FANS + 1)]
        out += [""] + _rule("Power Supplies")
        psus = _X_PSUS.get(base, 1)
        redundancy = "OK" if psus > 1 else "N/A"
        out += [f" {'Power Supply Unit Redundancy':<38}: {redundancy}", ""]
        out += [f" {'Power Supply ' + str(i):<38}: Present - OK" for i in range(psus)]
        out += [""]
    out += _rule("Temperature")
    out += [" Processors:", " " + "-" * 32]
    out += [f"  {'Processor ' + str(i):<37}: 45.0 C - OK (CPU Status Normal)"
            for i in range(max(1, cores(hw) // 4))]
    out += ["", " Chassis:", " " + "-" * 32,
            f"  {'Ambient 1':<37}: 29.0 C - OK (Chassis Front Temperature)",
            f"  {'Ambient 2':<37}: 33.0 C - OK (Chassis Back Temperature)"]
    if hw.x_series:
        out += ["", *_rule("Voltage"),
                " Channel 1:   3.296 V - (3.3V)",
                " Channel 2:   5.016 V - (5V)",
                " Channel 3:  12.000 V - (12V)"]
    return out


def vlan_ranges(vlans: Iterable[int]) -> str:
    """`10-11,30,40,300`: the VLANs in order, runs of consecutive ones as a range."""
    ordered = sorted(set(vlans))
    parts: list[str] = []
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        parts.append(str(ordered[i]) if i == j else f"{ordered[i]}-{ordered[j]}")
        i = j + 1
    return ",".join(parts)


def show_vlan(vlans: Iterable[int]) -> list[str]:
    """`show vlan`: the VLANs the subinterfaces use, on one line (`10-11,30,40,300`).
    # unverified: modelled on the 9.x command reference's example; nothing when none is in use."""
    text = vlan_ranges(vlans)
    return [text] if text else []
