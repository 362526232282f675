"""Single context mode (issue 9): the mode on flash, one configuration space, A/S only."""

from __future__ import annotations

from asa_emulator.device.flash import MODE_FILE
from asa_emulator.lab.lab import Lab
from tests.support.paths import LABS

SINGLE_LAB = str(LABS / "single-mode")


def _enable(lab: Lab, unit: str):
    s = lab.open_session(unit)
    s.execute("enable")
    s.execute("")
    return s


def test_the_lab_boots_both_units_in_single_mode_active_standby() -> None:
    lab = Lab.load(SINGLE_LAB, in_memory=True)
    lab.settle()
    assert all(u.single for u in lab.units.values())
    for unit in ("primary", "secondary"):
        assert lab.failover_state(unit).gids == (1,)
        assert not lab.failover_state(unit).active_active
    s = _enable(lab, "primary")
    assert s.prompt() == "primary# "
    assert s.execute("show mode") == ["Security context mode: single"]


def test_multiple_mode_only_commands_are_not_in_single_mode() -> None:
    lab = Lab.load(SINGLE_LAB, in_memory=True)
    lab.settle()
    s = _enable(lab, "primary")
    for line in ("changeto system", "show context", "failover active group 1"):
        assert s.execute(line)[-1] == "ERROR: % Invalid input detected at '^' marker."
    s.execute("configure terminal")
    for line in ("context admin", "failover group 1", "admin-context admin"):
        assert s.execute(line)[-1] == "ERROR: % Invalid input detected at '^' marker."
    assert s.prompt() == "primary(config)# "


def test_a_single_mode_configuration_rebuilds_itself() -> None:
    lab = Lab.load(SINGLE_LAB, in_memory=True)
    lab.settle()
    p, sec = lab.units["primary"], lab.units["secondary"]
    assert "ASA Version 9.1(7)" in p.spaces.running_config()
    body = p.spaces.config_body(None)
    assert " nameif outside" in body and "failover lan unit primary" in body
    # the secondary received it by configuration sync: the same body but its own role
    assert [ln for ln in sec.spaces.config_body(None) if "lan unit" not in ln] == \
           [ln for ln in body if "lan unit" not in ln]


def test_mode_single_reboots_at_once_and_the_mode_survives_reload() -> None:
    lab = Lab.load("blank")
    lab.settle()
    s = _enable(lab, "primary")
    s.execute("configure terminal")
    out = s.execute("mode single")
    assert out == []
    assert s.prompt().endswith("\nProceed with change mode? [confirm]")
    s.execute("")
    lab.advance(s.take_busy_ms())
    u = lab.units["primary"]
    assert not u.up
    assert u.flash.read(MODE_FILE) == b"single\n"
    lab.advance(60_000)
    assert u.up and u.single
    u.reload()
    lab.advance(60_000)
    assert u.up and u.single


def test_mode_multiple_converts_and_keeps_the_old_configuration() -> None:
    lab = Lab.load(SINGLE_LAB, in_memory=True)
    lab.settle()
    s = _enable(lab, "primary")
    s.execute("configure terminal")
    s.execute("mode multiple")
    s.execute("")
    assert s.prompt() == "Convert the system configuration? [confirm]"
    out = s.execute("")
    assert "The old running configuration file will be written to flash" in out
    lab.advance(s.take_busy_ms())
    lab.advance(60_000)
    u = lab.units["primary"]
    assert u.up and not u.single
    assert u.flash.exists("old_running.cfg") and u.flash.exists("admin.cfg")
    assert u.sys.admin_context == "admin"
    assert u.ctx["admin"].interfaces["GigabitEthernet0/2"].nameif == "outside"


def test_the_active_active_licence_is_needed_only_with_a_failover_group() -> None:
    from asa_emulator.failover.hello import prerequisites
    lab = Lab.load(SINGLE_LAB, in_memory=True)
    lab.settle()
    p, sec = lab.units["primary"], lab.units["secondary"]
    object.__setattr__(p.hw, "failover_license", "Active/Standby")
    assert prerequisites(p, sec) is None
