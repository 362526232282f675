"""Interface monitoring: statuses and their timing, the 250-interface limit, policies."""

from __future__ import annotations

from asa_emulator.device import messages
from asa_emulator.lab.lab import Lab


def _lab() -> Lab:
    lab = Lab.load("example")
    lab.settle()
    return lab


def _status(lab: Lab, unit: str, ctx: str, nameif: str) -> str:
    return lab.failover_state(unit).monitor(ctx, nameif)


def test_link_fail_goes_testing_at_half_hold_then_failed_at_hold() -> None:
    lab = _lab()
    lab.directive("@link fail primary GigabitEthernet0/3")
    lab.advance(11_000)           # not yet half the 25 s hold time
    assert _status(lab, "primary", "admin", "inside") == "Normal"
    lab.advance(3_000)            # 14 s: testing on both ends
    assert _status(lab, "primary", "admin", "inside") == "Testing"
    assert _status(lab, "secondary", "admin", "inside") == "Testing"
    lab.advance(12_000)           # 26 s: the end that hears nothing has failed; the mate's passes
    assert _status(lab, "primary", "admin", "inside") == "Failed"
    assert _status(lab, "secondary", "admin", "inside") == "Normal"
    # group 1 was active on the primary: it fails over (Table 34-2, row 2)
    assert lab.failover_state("primary").group(1).state == "Failed"
    assert lab.failover_state("secondary").group(1).state == "Active"
    lab.directive("@link heal primary GigabitEthernet0/3")
    lab.advance(2_000)
    assert _status(lab, "primary", "admin", "inside") == "Normal"
    assert lab.failover_state("primary").group(1).state == "Standby Ready"     # no preempt: stays


def test_no_link_and_link_down_are_immediate() -> None:
    lab = _lab()
    lab.directive("@link down secondary GigabitEthernet0/5")
    lab.advance(1_000)
    assert _status(lab, "secondary", "ctx1", "inside") == "No Link"
    u = lab.units["primary"]
    s = lab.open_session("primary")
    for line in ("enable", "", "changeto context admin", "configure terminal",
                 "interface GigabitEthernet0/2", "shutdown"):
        s.execute(line)
    lab.advance(1_000)
    assert _status(lab, "primary", "admin", "outsideISP-A") == "Link Down"
    assert u.ctx["admin"].interfaces["GigabitEthernet0/2"].shutdown


def test_group_polltime_shortens_detection() -> None:
    lab = _lab()
    s = lab.open_session("primary")
    for line in ("enable", "", "configure terminal", "failover group 1",
                 "polltime interface msec 500 holdtime 5"):
        assert s.execute(line) == []
    lab.directive("@link fail primary GigabitEthernet0/2")
    lab.advance(6_000)
    assert _status(lab, "primary", "admin", "outsideISP-A") == "Failed"


def test_the_251st_monitored_interface_is_refused() -> None:
    lab = Lab.load("blank")
    lab.settle()
    s = lab.open_session("primary")
    lines = ["enable", "", "configure terminal", "admin-context admin", "context admin"]
    lines += [f"allocate-interface GigabitEthernet0/2.{v}" for v in range(1, 252)]
    lines = lines[:5] + [x for v in range(1, 252) for x in (f"interface GigabitEthernet0/2.{v}", f"vlan {v}")] \
        + ["context admin"] + lines[5:]
    for line in lines:
        s.execute(line)
    s.execute("changeto context admin")
    for v in range(1, 252):
        s.execute(f"interface GigabitEthernet0/2.{v}")
        s.execute(f"nameif n{v}")
    s.execute("exit")
    for v in range(1, 251):
        assert s.execute(f"monitor-interface n{v}") == []
    assert s.execute("monitor-interface n251") == [messages.max_monitored(250)]
    assert "monitor-interface n251" not in lab.units["primary"].spaces.config_body("admin")
    assert "monitor-interface n250" in lab.units["primary"].spaces.config_body("admin")


def test_percentage_policy_counts_every_context_of_the_group() -> None:
    lab = _lab()
    s = lab.open_session("primary")
    for line in ("enable", "", "configure terminal", "failover group 1", "interface-policy 50%"):
        s.execute(line)
    lab.directive("@link down primary GigabitEthernet0/2")
    lab.advance(1_000)
    # 1 of admin's 2 monitored interfaces = 50%: the group fails over
    assert lab.failover_state("primary").group(1).state == "Failed"
    assert lab.failover_state("primary").group(1).over_threshold
    assert not lab.failover_state("primary").group(2).over_threshold
