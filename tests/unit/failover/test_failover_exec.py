"""`failover exec` (configuration guide, "Remote Command Execution"): targets, per-device mode
state, `show failover exec`, the limitations, replication from the unit where the command ran,
and the minimal `router ospf` / `router rip` configuration the guide's examples use."""

from __future__ import annotations

from asa_emulator.device import messages
from asa_emulator.device.session import ModeState, Session
from asa_emulator.failover.remote import SERVICE_CARD_FAILURE
from asa_emulator.failover.replication import OUT_OF_SYNC
from asa_emulator.lab.lab import Lab
from asa_emulator.syntax.errors import INCOMPLETE, INVALID_INPUT


def login(lab: Lab, unit: str, *lines: str) -> Session:
    s = lab.console(unit)
    s.execute("enable")
    s.execute("")
    for line in lines:
        s.execute(line)
    lab.units[unit].take_messages()
    return s


def body(lab: Lab, unit: str, context: str | None = None) -> list[str]:
    return lab.units[unit].spaces.config_body(context)


def interface(lab: Lab, unit: str, context: str, name: str) -> list[str]:
    lines = body(lab, unit, context)
    start = lines.index(f"interface {name}")
    end = lines.index("!", start)
    return lines[start:end]


# ------------------------------------------------------------------ which unit

def _resolved(lab: Lab, unit: str, target: str, ctx: str | None) -> tuple[str, str]:
    """From `unit`, in the system space (None) or a context: the unit `failover exec TARGET`
    runs on, and how `show failover exec TARGET` labels it ("Active" or "Standby")."""
    con = lab.open_session(unit)
    for line in ("enable", "", f"changeto context {ctx}" if ctx else "changeto system"):
        con.execute(line)
    label = con.execute(f"show failover exec {target}")[0].split()[0]
    shown = con.execute(f"failover exec {target} show failover | include This")
    if ctx is None:             # the system space names the unit: "This host:    Primary"
        return shown[0].split()[-1].lower(), label
    # a context shows its state there: the unit whose group of the context is in that state
    state = shown[0].split(":")[1].strip()
    gid = 1 if ctx == "admin" else 2
    return next(n for n in lab.unit_names if lab.failover_state(n).group(gid).state == state), label


def test_active_and_standby_follow_the_group_of_the_current_space(lab: Lab) -> None:
    p, s = "primary", "secondary"
    # system space and admin context: group 1, active on the primary
    for ctx in (None, "admin"):
        assert _resolved(lab, p, "active", ctx) == (p, "Active")
        assert _resolved(lab, p, "standby", ctx) == (s, "Standby")
        assert _resolved(lab, p, "mate", ctx) == (s, "Standby")
        assert _resolved(lab, s, "active", ctx) == (p, "Active")
        assert _resolved(lab, s, "standby", ctx) == (s, "Standby")
        assert _resolved(lab, s, "mate", ctx) == (p, "Active")
    # ctx1 joins group 2, active on the secondary
    assert _resolved(lab, p, "active", "ctx1") == (s, "Active")
    assert _resolved(lab, p, "standby", "ctx1") == (p, "Standby")
    assert _resolved(lab, p, "mate", "ctx1") == (s, "Active")
    assert _resolved(lab, s, "mate", "ctx1") == (p, "Standby")


def test_active_may_be_the_current_unit_itself(lab: Lab) -> None:
    con = login(lab, "primary")
    assert con.execute("failover exec active show version | include Serial") == [
        "Serial Number: JMX1234A0P1"]
    assert con.execute("failover exec mate show version | include Serial") == [
        "Serial Number: JMX1234A0S2"]
    assert con.execute("failover exec standby show version | include Serial") == [
        "Serial Number: JMX1234A0S2"]


def test_in_a_context_the_command_runs_in_the_peer_context_of_the_same_name(lab: Lab) -> None:
    con = login(lab, "primary", "changeto context ctx1")
    assert con.execute("failover exec mate show running-config | include hostname") == [
        "hostname SecAppB"]
    active = con.execute("failover exec active show interface ip brief | include 0/4")
    standby = con.execute("failover exec standby show interface ip brief | include 0/4")
    assert [ln.split()[:2] for ln in active + standby] == [
        ["GigabitEthernet0/4", "192.168.2.2"], ["GigabitEthernet0/4", "192.168.2.1"]]


# ------------------------------------------------------------------ the guide's examples

def test_interface_then_ip_address_lands_in_that_interface(lab: Lab) -> None:
    con = login(lab, "primary", "changeto context admin", "configure terminal")
    before = con.prompt()
    assert con.execute("failover exec active interface GigabitEthernet0/2") == []
    assert con.prompt() == before == "primary/admin(config)# "
    assert con.state == ModeState("ctx_config", "admin", None)
    assert con.exec_states["primary"] == ModeState("ctx_if", "admin", "GigabitEthernet0/2")
    assert con.execute("failover exec active no ip address") == []
    assert " ip address 192.168.1.1 255.255.255.0 standby 192.168.1.2" not in \
        interface(lab, "secondary", "admin", "GigabitEthernet0/2")
    assert con.execute(
        "failover exec active ip address 192.168.1.1 255.255.255.0 standby 192.168.1.2") == []
    for unit in ("primary", "secondary"):    # run on the active unit, replicated to the standby
        assert interface(lab, unit, "admin", "GigabitEthernet0/2") == [
            "interface GigabitEthernet0/2", " nameif outsideISP-A", " security-level 0",
            " ip address 192.168.1.1 255.255.255.0 standby 192.168.1.2", " asr-group 1"]
    # the terminal's own mode changes do not move the failover exec mode
    assert con.execute("router rip") == []
    assert con.prompt() == "primary/admin(config-router)# "
    assert con.execute("show failover exec active") == [
        "Active unit Failover EXEC is at interface sub-command mode", ""]


def test_router_ospf_from_interface_mode_runs_in_global_configuration_mode(lab: Lab) -> None:
    con = login(lab, "primary", "changeto context admin", "configure terminal",
                "interface GigabitEthernet0/3")
    assert con.execute("failover exec active router ospf 100") == []
    assert con.prompt() == "primary/admin(config-if)# "
    assert con.exec_states["primary"] == ModeState("ctx_router", "admin", "ospf 100")
    assert con.execute("show failover exec active") == [
        "Active unit Failover EXEC is at router sub-command mode", ""]
    assert con.execute("failover exec active network 10.1.0.0 255.255.255.0 area 0") == []
    for unit in ("primary", "secondary"):
        lines = body(lab, unit, "admin")
        assert lines[lines.index("router ospf 100"):lines.index("timeout xlate 3:00:00")] == [
            "router ospf 100", " network 10.1.0.0 255.255.255.0 area 0", " log-adj-changes", "!"]


def test_show_failover_exec_sample_on_the_standby_unit(lab: Lab) -> None:
    con = login(lab, "secondary", "configure terminal")
    assert con.execute("failover exec active interface GigabitEthernet0/1") == []
    assert con.execute("sh failover exec active") == [
        "Active unit Failover EXEC is at interface sub-command mode", ""]
    assert con.execute("sh failover exec standby") == [
        "Standby unit Failover EXEC is at config mode", ""]
    assert con.execute("sh failover exec mate") == [
        "Active unit Failover EXEC is at interface sub-command mode", ""]


def test_each_session_keeps_its_own_state_per_device(lab: Lab) -> None:
    con = login(lab, "secondary", "configure terminal",
                "failover exec active interface GigabitEthernet0/1")
    other = Session(lab.units["secondary"], "ssh")
    for line in ("enable", "", "configure terminal"):
        other.execute(line)
    assert other.execute("show failover exec active") == [
        "Active unit Failover EXEC is at config mode", ""]
    assert con.execute("show failover exec active") == [
        "Active unit Failover EXEC is at interface sub-command mode", ""]


def test_every_mode_has_its_show_failover_exec_name(lab: Lab) -> None:
    con = login(lab, "primary", "configure terminal")
    seen = []
    for line in ("failover group 1", "context ctx1", "interface GigabitEthernet0/2", "end",
                 "disable"):
        con.execute(f"failover exec mate {line}")
        seen.append(con.execute("show failover exec mate")[0])
    con.execute("failover exec mate enable")
    seen.append(con.execute("show failover exec mate")[0])
    assert seen == [
        "Standby unit Failover EXEC is at failover group sub-command mode",
        "Standby unit Failover EXEC is at context sub-command mode",
        "Standby unit Failover EXEC is at interface sub-command mode",
        "Standby unit Failover EXEC is at privileged mode",
        "Standby unit Failover EXEC is at user mode",
        "Standby unit Failover EXEC is at privileged mode",
    ]


def test_changing_context_starts_a_new_state_in_that_context(lab: Lab) -> None:
    con = login(lab, "primary", "changeto context admin", "configure terminal",
                "failover exec mate interface GigabitEthernet0/2")
    con.execute("changeto context ctx1")
    assert con.execute("show failover exec mate") == [
        "Active unit Failover EXEC is at config mode", ""]
    assert con.exec_states["secondary"] == ModeState("ctx_config", "ctx1", None)


def test_a_sub_mode_whose_object_is_removed_falls_back_to_configuration_mode(lab: Lab) -> None:
    con = login(lab, "primary", "changeto context admin", "configure terminal",
                "failover exec mate router ospf 100")
    assert con.exec_states["secondary"] == ModeState("ctx_router", "admin", "ospf 100")
    con.execute("no router ospf 100")              # on the active unit, replicated to the mate
    assert 100 not in lab.units["secondary"].ctx["admin"].ospf
    assert con.execute("show failover exec mate") == [
        "Standby unit Failover EXEC is at config mode", ""]
    assert con.execute("failover exec mate show running-config hostname") == ["hostname SecAppA"]


def test_exit_from_privileged_mode_ends_the_remote_session(lab: Lab) -> None:
    con = login(lab, "secondary", "configure terminal", "failover exec mate end")
    assert con.exec_states["primary"].mode == "sys_exec"
    assert con.execute("failover exec mate exit") == []
    assert "primary" not in con.exec_states
    assert con.execute("show failover exec mate") == [
        "Active unit Failover EXEC is at config mode", ""]


def test_errors_of_the_remote_command_appear_with_the_caret_under_the_typed_word(lab: Lab) -> None:
    con = login(lab, "primary", "configure terminal")
    line = "failover exec mate shwo version"
    out = con.execute(line)
    assert out == [" " * (len("primary(config)# ") + line.index("shwo") + 2) + "^", INVALID_INPUT]
    assert con.execute("failover exec mate interface") == [INCOMPLETE]


# ------------------------------------------------------------------ limitations

def test_changeto_debug_undebug_and_recursion_are_refused(lab: Lab) -> None:
    con = login(lab, "primary", "configure terminal")
    assert con.execute("failover exec mate changeto context admin") == [messages.FAILOVER_EXEC_CHANGETO]
    assert con.execute("failover exec mate debug fover switch") == [messages.FAILOVER_EXEC_DEBUG]
    assert con.execute("failover exec mate undebug all") == [messages.FAILOVER_EXEC_UNDEBUG]
    assert con.execute("failover exec mate failover exec mate show version") == [
        messages.FAILOVER_EXEC_RECURSIVE]
    assert con.execute("failover exec active failover exec standby show version") == [
        messages.FAILOVER_EXEC_RECURSIVE]
    assert con.state == ModeState("sys_config", None, None)
    assert con.exec_states["secondary"] == ModeState("sys_config", None, None)


def test_a_command_that_asks_needs_noconfirm(lab: Lab) -> None:
    con = login(lab, "secondary")
    p = lab.units["primary"]
    assert con.execute("failover exec mate mkdir disk0:/cfgbak") == [messages.FAILOVER_EXEC_CONFIRM]
    assert con.question is None and p.console.question is None
    assert not p.flash.is_dir("cfgbak")
    assert con.execute("failover exec mate mkdir /noconfirm disk0:/cfgbak") == [
        "Created dir disk0:/cfgbak"]
    # mkdir replicates (Table 34-1) from the unit where it ran: the active unit of group 1
    assert p.flash.is_dir("cfgbak") and lab.units["secondary"].flash.is_dir("cfgbak")
    assert con.execute("failover exec mate copy running-config startup-config") == [
        messages.FAILOVER_EXEC_CONFIRM]


def test_configuration_needs_the_current_session_in_configuration_mode(lab: Lab) -> None:
    con = login(lab, "secondary")
    # the failover exec mode starts in global configuration mode, even from privileged EXEC
    assert con.execute("show failover exec mate") == [
        "Active unit Failover EXEC is at config mode", ""]
    assert con.execute("failover exec mate configure terminal") == []
    assert con.execute("show failover exec mate") == [
        "Active unit Failover EXEC is at config mode", ""]
    assert con.execute("failover exec mate hostname pairA") == [messages.FAILOVER_EXEC_NOT_CONFIG]
    assert lab.units["primary"].sys.hostname == "primary"
    assert con.execute("failover exec mate show running-config hostname") == ["hostname primary"]
    con.execute("configure terminal")
    assert con.execute("failover exec mate hostname pairA") == []
    assert lab.units["primary"].sys.hostname == lab.units["secondary"].sys.hostname == "pairA"
    assert con.prompt() == "pairA(config)# "


def test_the_users_privilege_applies_on_the_peer(lab: Lab) -> None:
    con = login(lab, "primary", "configure terminal", "failover exec mate disable")
    assert con.exec_states["secondary"].mode == "sys_user"
    line = "failover exec mate show running-config hostname"
    assert con.execute(line) == [
        " " * (len("primary(config)# ") + line.index("running")) + "^", INVALID_INPUT]
    assert con.execute("failover exec mate enable") == []     # no second password
    assert con.exec_states["secondary"].mode == "sys_exec"
    assert lab.units["secondary"].console.question is None


def test_a_failed_standby_refuses_unless_a_service_card_failed(lab: Lab) -> None:
    con = login(lab, "primary", "configure terminal")
    lab.directive("@link down secondary GigabitEthernet0/2")      # group 1's outsideISP-A
    lab.advance(30_000)
    assert lab.failover_state("secondary").group(1).failure == "Interface check"
    expected = [messages.failover_exec_failed_unit("Standby")]
    assert con.execute("failover exec mate show version | include Serial") == expected
    assert con.execute("failover exec standby show version | include Serial") == expected
    assert con.execute("failover exec active show version | include Serial") == [
        "Serial Number: JMX1234A0P1"]
    lab.directive("@link up secondary GigabitEthernet0/2")
    lab.advance(30_000)
    assert lab.failover_state("secondary").group(1).state == "Standby Ready"
    lab.directive("@fail secondary service-card")
    assert lab.failover_state("secondary").group(1).failure == SERVICE_CARD_FAILURE
    assert con.execute("failover exec mate show version | include Serial") == [
        "Serial Number: JMX1234A0S2"]


def test_a_failed_group_refuses_only_for_its_own_contexts(lab: Lab) -> None:
    lab.directive("@link down secondary GigabitEthernet0/2")
    lab.advance(30_000)
    assert lab.failover_state("secondary").group(1).state == "Failed"
    con = login(lab, "primary")
    assert con.execute("failover exec mate show version | include Serial") == [
        messages.failover_exec_failed_unit("Standby")]
    con.execute("changeto context ctx1")      # group 2: the secondary is its healthy active unit
    assert con.execute("failover exec mate show running-config | include hostname") == [
        "hostname SecAppB"]


def test_the_failover_link_must_be_up(lab: Lab) -> None:
    con = login(lab, "primary", "configure terminal")
    lab.directive("@failover-link down")
    assert con.execute("failover exec mate show version") == [messages.FAILOVER_EXEC_NO_MATE]
    assert con.execute("failover exec standby show version") == [messages.FAILOVER_EXEC_NO_MATE]
    assert con.execute("failover exec active show version | include Serial") == [
        "Serial Number: JMX1234A0P1"]
    lab.directive("@failover-link up")
    lab.advance(2000)
    assert con.execute("failover exec mate show version | include Serial") == [
        "Serial Number: JMX1234A0S2"]


def test_mismatched_failover_keys_leave_the_units_unpaired(lab: Lab) -> None:
    con = login(lab, "primary", "configure terminal")
    assert con.execute("failover key sharedsecret") == []
    assert lab.units["secondary"].sys.failover.key == "sharedsecret"     # replicated
    assert con.execute("failover exec mate show version | include Serial") == [
        "Serial Number: JMX1234A0S2"]
    assert con.execute("failover exec standby failover key othersecret") == list(OUT_OF_SYNC)
    assert lab.units["primary"].sys.failover.key == "sharedsecret"
    assert con.execute("failover exec mate show version") == [messages.FAILOVER_EXEC_NO_MATE]
    lab.advance(20_000)
    assert not lab.failover_state("primary").links.linked
    assert con.execute("failover exec mate show version") == [messages.FAILOVER_EXEC_NO_MATE]
    con.execute("failover key othersecret")
    lab.advance(2000)
    assert con.execute("failover exec mate show version | include Serial") == [
        "Serial Number: JMX1234A0S2"]


def test_failover_must_be_enabled(lab: Lab) -> None:
    con = login(lab, "primary", "configure terminal", "no failover")
    for target in ("active", "mate", "standby"):
        assert con.execute(f"failover exec {target} show version") == [
            messages.FAILOVER_EXEC_NOT_ENABLED]


# ------------------------------------------------------------------ replication (Table 34-1)

def test_exec_active_from_the_standby_changes_the_active_which_replicates_back(lab: Lab) -> None:
    con = login(lab, "primary", "changeto context ctx1", "configure terminal")
    assert con.execute("failover exec active interface GigabitEthernet0/4") == []
    assert con.execute("failover exec active description uplink to ISP-B") == []
    for unit in ("primary", "secondary"):
        assert " description uplink to ISP-B" in interface(lab, unit, "ctx1", "GigabitEthernet0/4")


def test_exec_standby_changes_only_the_standby_with_the_warning(lab: Lab) -> None:
    con = login(lab, "primary", "changeto context ctx1", "configure terminal")
    # a mode change alone changes nothing, so it warns of nothing
    assert con.execute("failover exec standby interface GigabitEthernet0/5") == []
    assert con.execute("failover exec standby description standby only") == list(OUT_OF_SYNC)
    assert " description standby only" in interface(lab, "primary", "ctx1", "GigabitEthernet0/5")
    assert " description standby only" not in interface(lab, "secondary", "ctx1",
                                                        "GigabitEthernet0/5")
    # show commands and commands on the active unit print no warning
    assert con.execute("failover exec standby show running-config hostname") == ["hostname SecAppB"]
    assert con.execute("failover exec active interface GigabitEthernet0/5") == []
    assert con.execute("failover exec active description from the active") == []
    for unit in ("primary", "secondary"):
        assert " description from the active" in interface(lab, unit, "ctx1", "GigabitEthernet0/5")


def test_system_space_exec_from_the_standby_unit(lab: Lab) -> None:
    con = login(lab, "secondary", "configure terminal")
    assert con.execute("failover exec active hostname pairA") == []
    assert con.prompt() == "pairA(config)# "
    assert con.execute("failover exec standby pager lines 30") == list(OUT_OF_SYNC)
    assert lab.units["secondary"].sys.pager_lines == 30
    assert lab.units["primary"].sys.pager_lines == 24


# ------------------------------------------------------------------ router ospf / router rip

def test_router_blocks_render_after_the_interfaces_and_replay(lab: Lab) -> None:
    con = login(lab, "primary", "changeto context admin", "configure terminal")
    for line in ("router ospf 100", "router-id 10.1.0.1", "network 10.1.0.0 255.255.255.0 area 0",
                 "network 192.168.1.0 255.255.255.0 area 0.0.0.1", "no log-adj-changes", "exit",
                 "router rip", "network 10.1.2.0", "version 2"):
        assert con.execute(line) == [], line
    assert con.prompt() == "primary/admin(config-router)# "
    lines = body(lab, "primary", "admin")
    assert lines[lines.index("router ospf 100"):lines.index("timeout xlate 3:00:00")] == [
        "router ospf 100", " router-id 10.1.0.1", " network 10.1.0.0 255.255.255.0 area 0",
        " network 192.168.1.0 255.255.255.0 area 0.0.0.1", " no log-adj-changes", "!",
        "router rip", " network 10.0.0.0", " version 2", "!"]
    assert lines.index("router ospf 100") > lines.index("interface GigabitEthernet0/3")
    assert body(lab, "secondary", "admin") == lines          # replicated line by line
    fresh = lab.units["secondary"]
    from asa_emulator.config.model import ContextConfig
    fresh.ctx["admin"] = ContextConfig("admin")
    for a in fresh.sys.contexts["admin"].allocations:
        fresh.spaces.allocate("admin", a.phys, a.mapped)
    assert fresh.spaces.apply_context("admin", lines) == []
    assert body(lab, "secondary", "admin") == lines


def test_router_sub_command_errors(lab: Lab) -> None:
    con = login(lab, "primary", "changeto context admin", "configure terminal", "router rip")
    width = len("primary/admin(config-router)# ")
    assert con.execute("network 10.1.2.0 255.0.0.0") == [" " * (width + 17) + "^", INVALID_INPUT]
    assert con.execute("router-id 1.1.1.1") == [" " * width + "^", INVALID_INPUT]
    con.execute("router ospf 1")
    assert con.execute("network 10.1.0.0 255.255.0.0") == [INCOMPLETE]
    assert con.execute("version 2") == [" " * width + "^", INVALID_INPUT]
    assert con.execute("network 10.1.0.0 255.0.255.0 area 0") == [" " * (width + 17) + "^",
                                                                   INVALID_INPUT]
    con.execute("router ospf 2")
    assert con.execute("router ospf 3") == [
        "ERROR: Maximum number of OSPF processes (2) already configured"]
    con.execute("no router ospf 2")
    con.execute("no router rip")
    assert sorted(lab.units["primary"].ctx["admin"].ospf) == [1]
    assert lab.units["primary"].ctx["admin"].rip is None


def test_routing_is_a_context_command(lab: Lab) -> None:
    con = login(lab, "primary", "configure terminal")
    out = con.execute("router rip")
    assert out[-1] == INVALID_INPUT
