"""The licence a unit holds is the one it speaks of (issue 19): `show version`'s platform
licence and `Maximum VLANs`, the VLAN limit enforced, the Active/Active licence message
on each console about the unit that lacks it."""

from __future__ import annotations

from asa_emulator.lab.lab import Lab
from tests.support.paths import LABS


def _lab(name: str) -> Lab:
    lab = Lab.load(str(LABS / name), in_memory=True)
    lab.settle()
    return lab


def _session(lab: Lab, unit: str, *lines: str):
    s = lab.open_session(unit)
    for line in ("enable", "", *lines):
        s.execute(line)
    return s


def _vlans_line(out: list[str]) -> str:
    return next(line for line in out if line.startswith("Maximum VLANs"))


def test_a_base_unit_says_base_and_its_vlans() -> None:
    lab = _lab("base-licence")
    base = _session(lab, "secondary").execute("show version")
    plus = _session(lab, "primary").execute("show version")
    assert "This platform has a Base license." in base
    assert "This platform has an ASA 5510 Security Plus license." in plus
    assert _vlans_line(base).split(":")[1].split()[0] == "50"
    assert _vlans_line(plus).split(":")[1].split()[0] == "100"


def test_the_vlan_licence_is_enforced() -> None:
    lab = _lab("base-licence")
    s = _session(lab, "secondary", "configure terminal")
    for n in range(1, 51):
        s.execute(f"interface Ethernet0/2.{n}")
        assert s.execute(f"vlan {n}") == [], n
    s.execute("interface Ethernet0/2.51")
    assert s.execute("vlan 51") == ["ERROR: The license allows at most 50 VLANs; no VLAN was assigned"]
    assert s.execute("interface Ethernet0/2.1") == [] and s.execute("vlan 300") == []   # a change
    assert lab.units["secondary"].sys.interfaces["Ethernet0/2.51"].vlan is None


def test_each_console_names_the_unit_that_lacks_active_active() -> None:
    lab = _lab("aa-licence")
    prim = "\n".join(lab.units["primary"].messages)
    sec = "\n".join(lab.units["secondary"].messages)
    assert "Other unit license is different: ASA5515 license 'Active/Standby'" in prim
    assert "This unit's license is different: ASA5515 license 'Active/Standby'" in sec
    assert "Other unit license" not in sec
