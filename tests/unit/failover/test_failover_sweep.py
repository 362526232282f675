"""Regression tests from a behaviour sweep of chapter 34 (Active/Active failover).

Each test names the statement of the chapter (or of the failover health-monitoring section it
refers to) that the emulator got wrong, and checks exact states or output lines.
"""

from __future__ import annotations

import dataclasses
import re

from asa_emulator.device.session import Session
from asa_emulator.lab.lab import Lab
from asa_emulator.lab.labfile import load_spec
from asa_emulator.transcript.runner import run_lines
from tests.support.paths import LABS


def _lab() -> Lab:
    lab = Lab.load("example")
    lab.settle()
    return lab


def _cli(lab: Lab, unit: str, *lines: str) -> tuple[Session, list[str]]:
    s = lab.open_session(unit)
    s.execute("enable")
    s.execute("")
    out: list[str] = []
    for line in lines:
        out += s.execute(line)
    return s, out


def _states(lab: Lab, unit: str) -> list[str]:
    return [lab.failover_state(unit).group(g).state for g in (1, 2)]


def _ifstatus(lab: Lab, unit: str, ctx: str, nameif: str) -> str:
    return lab.failover_state(unit).monitor(ctx, nameif)


# ---------------------------------------------------------------- disabling failover


def test_no_failover_on_one_unit_only_lets_the_mate_take_over_after_its_hold_time() -> None:
    """`no failover` typed on the unit where group 1 is standby is not replicated.  That unit
    keeps its group states (a standby group stays standby), stops sending hellos, and the mate
    takes every group once its hold time has passed (before: the mate was silently unpaired
    and kept group 2 standby for ever)."""
    lab = _lab()
    _cli(lab, "secondary", "configure terminal", "no failover")
    assert not lab.failover_state("secondary").started
    assert _states(lab, "secondary") == ["Standby Ready", "Active"]
    row = next(ln for ln in lab.directive("@status") if ln.startswith("secondary "))
    # columns: unit, power, role, failover, group 1, group 2
    assert re.split(r"\s{2,}", row)[3:] == ["off", "Standby Ready", "Active"]  # not "Active" for every group
    lab.advance(20_000)
    assert _states(lab, "primary") == ["Active", "Active"]
    last = lab.failover_state("primary").history[-1]
    assert (last.group, last.to_state, last.reason) == (2, "Active", "HELLO not heard from mate")
    # failover back on: the secondary joins the active primary as standby for both groups
    _cli(lab, "secondary", "configure terminal", "failover")
    lab.advance(10_000)
    assert _states(lab, "secondary") == ["Standby Ready", "Standby Ready"]
    assert _states(lab, "primary") == ["Active", "Active"]


# ---------------------------------------------------------------- states and show failover


def test_the_receiving_unit_passes_every_sync_state_on_its_way_to_standby() -> None:
    lab = _lab()
    path = [(h.from_state, h.to_state) for h in lab.failover_state("secondary").history if h.group == 1]
    assert path == [("Not Detected", "Negotiation"), ("Negotiation", "Cold Standby"),
                    ("Cold Standby", "Sync Config"), ("Sync Config", "Sync File System"),
                    ("Sync File System", "Bulk Sync"), ("Bulk Sync", "Standby Ready")]


def test_both_units_print_a_last_failover_line_for_each_group() -> None:
    """Command-reference A/A sample: the primary prints `Group 2 last failover at:` although
    group 2 has never been active on it (Active time: 0)."""
    for unit in ("primary", "secondary"):
        lines, _ = run_lines([f"@console {unit}", "enable", "", "show failover | include last failover"])
        assert lines[-2:] == ["Group 1 last failover at: 12:00:33 UTC Jun 12 2024",
                              "Group 2 last failover at: 12:00:33 UTC Jun 12 2024"]


def test_a_mate_not_heard_is_listed_with_its_interfaces_unknown() -> None:
    lab = _lab()
    lab.directive("@power off secondary")
    lab.advance(20_000)
    _, out = _cli(lab, "primary", "show failover")
    block = out[out.index("  Other host:   Secondary"):out.index("Stateful Failover Logical Update Statistics")]
    assert block == [
        "  Other host:   Secondary",
        "  Group 1       State:          Failed",
        "                Active time:    0 (sec)",
        "  Group 2       State:          Failed",
        "                Active time:    0 (sec)",
        "",
        "                  admin Interface outsideISP-A (192.168.1.2): Unknown (Waiting)",
        "                  admin Interface inside (10.1.0.11): Unknown (Waiting)",
        "                  ctx1 Interface outsideISP-B (192.168.2.1): Unknown (Waiting)",
        "                  ctx1 Interface inside (10.2.20.11): Unknown (Waiting)",
        "",
    ]


def test_no_double_blank_line_for_a_mate_without_interfaces() -> None:
    lines, _ = run_lines(["@lab model-mismatch", "@console secondary", "enable", "", "show failover"],
                         base=_labs_dir())
    assert all(not (a == "" and b == "") for a, b in zip(lines, lines[1:], strict=False))


def _labs_dir():  # type: ignore[no-untyped-def]
    return LABS


def test_header_shows_the_interface_settings_the_groups_use() -> None:
    """Guidelines: `failover polltime interface`, `failover interface-policy` and `failover
    replication http` have no effect in Active/Active; the group commands override them."""
    lab = _lab()
    s, out = _cli(lab, "primary", "configure terminal", "failover polltime interface 3 holdtime 15",
                  "failover interface-policy 3", "failover replication http",
                  "show failover | include Interface Poll|Interface Policy|replication")
    assert out == ["Interface Poll frequency 5 seconds, holdtime 25 seconds", "Interface Policy 1"]
    for line in ("failover group 1", "polltime interface 2 holdtime 10", "interface-policy 50%",
                 "replication http", "exit"):
        assert s.execute(line) == []
    assert s.execute("show failover | include Interface Poll|Interface Policy|replication") == [
        "Interface Poll frequency 2 seconds, holdtime 10 seconds", "Interface Policy 50%",
        "failover replication http"]


# ---------------------------------------------------------------- interface health monitoring


def test_an_interface_that_fails_its_tests_on_both_units_is_unknown_and_no_failover() -> None:
    """Failover Health Monitoring: if the other unit's interface also fails all the network
    tests, both interfaces go into the Unknown state and do not count towards the limit."""
    lab = _lab()
    lab.directive("@link fail primary GigabitEthernet0/3")
    lab.directive("@link fail secondary GigabitEthernet0/3")
    lab.advance(30_000)
    assert _ifstatus(lab, "primary", "admin", "inside") == "Unknown"
    assert _ifstatus(lab, "secondary", "admin", "inside") == "Unknown"
    assert _states(lab, "primary") == ["Active", "Standby Ready"]
    assert _states(lab, "secondary") == ["Standby Ready", "Active"]
    _, out = _cli(lab, "primary", "show failover | include admin Interface inside")
    assert out == ["                  admin Interface inside (10.1.0.1): Unknown (Waiting)",
                   "                  admin Interface inside (10.1.0.11): Unknown (Waiting)"]


def test_an_active_group_does_not_fail_over_to_a_mate_whose_interface_is_down_too() -> None:
    """Table 34-2, row 3: the standby group is marked failed and the active one stays; the
    active unit judges the mate's interfaces as they are now, whichever unit looks first."""
    lab = _lab()
    lab.directive("@link down primary GigabitEthernet0/2")
    lab.directive("@link down secondary GigabitEthernet0/2")
    lab.advance(3_000)
    assert _states(lab, "primary") == ["Active", "Standby Ready"]
    assert _states(lab, "secondary") == ["Failed", "Active"]


# ---------------------------------------------------------------- preemption


def _preempt_group1(lab: Lab, delay: str = "5") -> None:
    _cli(lab, "primary", "configure terminal", "failover group 1", f"preempt {delay}", "exit")


def test_a_group_that_failed_while_standby_is_not_preempted_when_it_recovers() -> None:
    """Restoring a failed group: it becomes active again only if it was active when it
    failed (and has preempt, on its preferred unit)."""
    lab = _lab()
    _preempt_group1(lab)
    _cli(lab, "primary", "no failover active group 1")
    lab.directive("@link down primary GigabitEthernet0/2")
    lab.advance(2_000)
    assert _states(lab, "primary") == ["Failed", "Standby Ready"]
    lab.directive("@link up primary GigabitEthernet0/2")
    lab.advance(2_000)
    _cli(lab, "primary", "failover reset group 1")
    lab.advance(20_000)
    assert _states(lab, "primary") == ["Standby Ready", "Standby Ready"]
    assert _states(lab, "secondary") == ["Active", "Active"]


def test_a_group_that_failed_while_active_is_preempted_back_when_it_recovers() -> None:
    lab = _lab()
    _preempt_group1(lab)
    lab.directive("@link down primary GigabitEthernet0/2")
    lab.advance(2_000)
    assert _states(lab, "secondary") == ["Active", "Active"]
    lab.directive("@link up primary GigabitEthernet0/2")
    lab.advance(2_000)
    assert _states(lab, "primary") == ["Standby Ready", "Standby Ready"]
    lab.advance(5_000)
    assert _states(lab, "primary") == ["Active", "Standby Ready"]
    assert _states(lab, "secondary") == ["Standby Ready", "Active"]


def test_an_unrelated_failover_command_does_not_start_preemption() -> None:
    """Before: any failover command (even entering `failover group 2`) scheduled preemption,
    so a group forced to the other unit came back on its own."""
    lab = _lab()
    _preempt_group1(lab)
    _cli(lab, "primary", "no failover active group 1")
    _cli(lab, "secondary", "configure terminal", "failover group 2", "exit", "failover group 1", "exit")
    lab.advance(20_000)
    assert _states(lab, "secondary") == ["Active", "Active"]
    # changing the group's preempt setting is what makes it look again
    _cli(lab, "secondary", "configure terminal", "failover group 1", "preempt 3")
    lab.advance(5_000)
    assert _states(lab, "primary") == ["Active", "Standby Ready"]


# ---------------------------------------------------------------- configuration sync


def _secondary_receiving(lab: Lab) -> None:
    lab.directive("@crash secondary")
    lab.advance(31_000)         # booted, met the active primary, configuration under way
    assert lab.failover_state("secondary").syncing
    assert _states(lab, "secondary") == ["Sync Config", "Sync Config"]


def test_failover_active_while_the_configuration_is_being_received_is_ignored() -> None:
    """Before: the unit still receiving its configuration became active for both groups
    with its bootstrap configuration, and the primary went standby."""
    lab = _lab()
    _secondary_receiving(lab)
    _cli(lab, "secondary", "failover active")
    assert _states(lab, "secondary") == ["Sync Config", "Sync Config"]
    assert _states(lab, "primary") == ["Active", "Active"]
    lab.advance(5_000)
    assert _states(lab, "secondary") == ["Standby Ready", "Standby Ready"]
    assert _states(lab, "primary") == ["Active", "Active"]


def test_configuration_sync_waits_while_the_failover_link_is_cut() -> None:
    lab = _lab()
    _secondary_receiving(lab)
    lab.directive("@failover-link down")
    lab.advance(5_000)
    assert _states(lab, "secondary") == ["Sync Config", "Sync Config"]
    assert "ctx1" not in lab.units["secondary"].ctx
    lab.directive("@failover-link up")
    lab.advance(3_000)
    assert _states(lab, "secondary") == ["Standby Ready", "Standby Ready"]
    assert set(lab.units["secondary"].ctx) == {"admin", "ctx1"}


def test_a_sync_to_a_unit_that_rebooted_meanwhile_is_dropped() -> None:
    """A configuration sync under way when its receiver reloads must not land in the new
    boot (possible when a boot takes less time than the sync)."""
    spec = load_spec("example")
    spec.units = [dataclasses.replace(u, boot_ms=1_000) for u in spec.units]
    lab = Lab(spec)
    lab.settle()
    lab.units["secondary"].reload()
    lab.advance(2_000)                      # rebooted and receiving (a sync takes over 2 s)
    assert lab.failover_state("secondary").syncing
    lab.units["secondary"].take_messages()
    lab.units["secondary"].reload()
    lab.advance(1_500)                      # up again; the first sync is still due
    lab.advance(10_000)
    msgs = lab.units["secondary"].take_messages()
    assert msgs.count("End configuration replication from mate.") == \
        msgs.count("Beginning configuration replication from mate.") == 1
    # the primary never missed it for a hold time, so group 2 was not taken over: the
    # secondary, joining an active primary, finds no active unit for it and keeps it
    assert _states(lab, "secondary") == ["Standby Ready", "Active"]
    assert _states(lab, "primary") == ["Active", "Standby Ready"]


# ---------------------------------------------------------------- failover link, prerequisites


def test_a_shut_down_failover_interface_carries_no_hellos() -> None:
    """`shutdown` on the failover LAN interface (replicated to the mate) fails the failover
    link: no failover while the data interfaces still hear the mate (Table 34-2, last row)."""
    lab = _lab()
    _, out = _cli(lab, "primary", "configure terminal", "interface GigabitEthernet0/1", "shutdown")
    assert out == []
    lab.advance(20_000)
    assert lab.failover_state("primary").links.lan_failed
    assert lab.failover_state("secondary").links.lan_failed
    assert _states(lab, "primary") == ["Active", "Standby Ready"]
    assert _states(lab, "secondary") == ["Standby Ready", "Active"]
    _, out = _cli(lab, "primary", "show failover | include LAN Interface|Link :")
    assert out == ["Failover LAN Interface: folink GigabitEthernet0/1 (administratively down)",
                   "        Link : folink GigabitEthernet0/1 (administratively down)"]


def _versions(secondary: str) -> Lab:
    spec = load_spec("example")
    spec.units = [dataclasses.replace(u, hw=dataclasses.replace(u.hw, version=secondary))
                  if u.name == "secondary" else u for u in spec.units]
    lab = Lab(spec)
    lab.settle()
    return lab


def test_a_minor_version_difference_still_pairs_during_an_upgrade() -> None:
    """Prerequisites: "you can upgrade one unit from Version 7.0(1) to Version 7.9(2) and have
    failover remain active"."""
    lab = _versions("9.2(4)")
    assert _states(lab, "primary") == ["Active", "Standby Ready"]
    assert _states(lab, "secondary") == ["Standby Ready", "Active"]
    assert any("   Mate version 9.2(4) is not identical with ours 9.1(7)\n" in m
               for m in lab.units["primary"].take_messages())


def test_a_major_version_difference_does_not_pair() -> None:
    lab = _versions("8.4(7)")
    assert _states(lab, "primary") == ["Active", "Active"]
    assert _states(lab, "secondary") == ["Active", "Active"]
    assert any("   Mate version 8.4(7) is not compatible with ours 9.1(7)\n" in m
               for m in lab.units["primary"].take_messages())
