"""Active/Standby without the Active/Active skin (issue 19): no group wording, a role clash
stops the pair at once, group 2 alone does not make group 1 appear."""

from __future__ import annotations

from asa_emulator.device.flash import STARTUP
from asa_emulator.lab.lab import Lab
from tests.support.paths import LABS


def _lab(name: str) -> Lab:
    lab = Lab.load(str(LABS / name) if (LABS / name).is_dir() else name, in_memory=True)
    lab.settle()
    return lab


def _session(lab: Lab, unit: str, *lines: str):
    s = lab.open_session(unit)
    for line in ("enable", "", *lines):
        s.execute(line)
    return s


def test_write_standby_on_the_standby_unit_names_no_group() -> None:
    for lab_name, where in (("active-standby", ["changeto context admin"]), ("single-mode", [])):
        lab = _lab(lab_name)
        s = _session(lab, "secondary")
        assert s.execute("write standby") == ["ERROR: write standby must be entered on the active unit"]
        for line in where:
            s.execute(line)
        assert s.execute("write standby") == ["ERROR: write standby must be entered on the active unit"]


def test_the_active_active_wording_stays() -> None:
    lab = _lab("example")
    s = _session(lab, "secondary")
    assert s.execute("write standby") == [
        "ERROR: write standby must be entered on the unit where failover group 1 is active"]


def test_a_role_clash_on_running_units_stops_the_pair_at_once() -> None:
    lab = _lab("active-standby")
    sec = lab.units["secondary"]
    _session(lab, "secondary", "configure terminal", "failover lan unit primary")
    lab.directive("@wait 2s")
    clash = "Failover: the mate is also the Primary unit; the units cannot pair (failover lan unit)"
    for name in ("primary", "secondary"):
        assert clash in lab.units[name].messages, name
        assert not lab.pair.ps.of(lab.units[name]).paired
        assert lab.units[name].is_active_here(None)
    # and they stay apart: no failover, no pairing, however long
    lab.directive("@wait 2m")
    assert lab.units["primary"].is_active_here(None) and sec.is_active_here(None)
    assert not lab.pair.ps.of(sec).paired


def test_failover_group_2_alone_does_not_create_group_1() -> None:
    lab = _lab("blank")
    s = _session(lab, "primary", "configure terminal", "failover group 2", "secondary", "exit")
    assert s.execute("show running-config failover group") == ["failover group 2", "  secondary"]
    # group 1 still runs (the system space and the admin context are in it)
    assert s.execute("show failover group 1")[0] != "ERROR: Failover group 1 does not exist"


WARNING = ["******* WARNING ***** WARNING ******* WARNING ****** WARNING *********",
           "Sharing Stateful failover interface with regular data interface is not",
           "a recommended configuration due to performance and security concerns.",
           "******* WARNING ***** WARNING ******* WARNING ****** WARNING *********"]


def test_a_data_interface_carries_the_state_link_in_single_routed_mode() -> None:
    lab = _lab("single-mode")
    s = _session(lab, "primary", "configure terminal")
    assert s.execute("failover link outside") == WARNING
    assert "failover link outside GigabitEthernet0/2" in s.execute("show running-config failover")
    # the interface keeps its own configuration and address
    assert s.execute("show running-config interface GigabitEthernet0/2")[2:4] == [
        " nameif outside", " security-level 0"]
    assert "\tIP address 192.168.1.1, subnet mask 255.255.255.0" in s.execute("show interface outside")
    assert s.execute("failover link inside GigabitEthernet0/5") == [
        "ERROR: Name inside is already used by interface GigabitEthernet0/3"]


def test_multiple_mode_says_why_a_data_interface_cannot_be_the_state_link() -> None:
    lab = _lab("example")
    s = _session(lab, "primary", "configure terminal", "no failover")
    assert s.execute("failover link inside") == [
        "ERROR: inside is a context's data interface: in multiple context mode the Stateful "
        "Failover link must be a dedicated interface of the system"]
    assert s.execute("failover link state GigabitEthernet0/2") == [
        "ERROR: Interface GigabitEthernet0/2 is allocated to context admin: in multiple context "
        "mode the Stateful Failover link must be a dedicated interface of the system"]


def test_renaming_the_lan_link_moves_the_state_link_that_shares_it() -> None:
    lab = _lab("blank")
    s = _session(lab, "primary", "configure terminal",
                 "failover lan interface folink GigabitEthernet0/1", "failover link folink",
                 "failover lan interface fl2 GigabitEthernet0/1")
    shown = s.execute("show running-config failover")
    assert "failover link fl2 GigabitEthernet0/1" in shown
    assert not any("folink" in line for line in shown)


def test_the_failover_link_takes_host_addresses_only() -> None:
    lab = _lab("blank")
    s = _session(lab, "primary", "configure terminal",
                 "failover lan interface folink GigabitEthernet0/1")
    assert s.execute("failover interface ip folink 10.0.4.0 255.255.255.0 standby 10.0.4.11") == [
        "ERROR: 10.0.4.0 is not a valid host address"]
    assert s.execute("failover interface ip folink 10.0.4.1 255.255.255.0 standby 10.0.4.255") == [
        "ERROR: 10.0.4.255 is not a valid host address"]
    assert not any(line.startswith("failover interface ip") for line in s.execute("show running-config failover"))


def test_show_startup_config_masks_the_failover_key() -> None:
    lab = _lab("blank")
    s = _session(lab, "primary", "configure terminal", "failover key s3cret-key", "end")
    s.execute("write memory")
    assert "failover key *****" in s.execute("show startup-config")
    assert not any("s3cret-key" in line for line in s.execute("show startup-config"))
    # the file itself keeps the key: the unit reads it back at boot
    assert b"failover key s3cret-key" in lab.units["primary"].flash.read(STARTUP)


def test_failover_reload_standby_reboots_the_standby_mate() -> None:
    lab = _lab("active-standby")
    sec = lab.units["secondary"]
    assert _session(lab, "secondary").execute("failover reload-standby") == [
        "ERROR: failover reload-standby must be entered on the active unit"]
    booted = sec.booted_at
    s = _session(lab, "primary")
    assert s.execute("failover reload-standby") == []
    lab.directive("@wait 1s")
    assert not sec.up
    lab.directive("@wait 2m")
    assert sec.up and sec.booted_at > booted
    assert "        Other host: Secondary - Standby Ready" in [ln.rstrip() for ln in s.execute("show failover")]
    lab.directive("@power off secondary")
    assert s.execute("failover reload-standby") == ["ERROR: The standby unit is not present"]
