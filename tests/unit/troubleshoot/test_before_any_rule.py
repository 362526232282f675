"""packet-tracer drops a source no unit accepts before any rule (0.0.0.0/8, loopback,
multicast, class E and broadcast: the ASP's invalid-src-addr), and a packet to the unit's own
interface address takes the identity route and the to-the-box path: no access list filters it.
Before, such sources were routed and allowed, and the unit's own address was routed out of
the interface as if a host behind it."""

from __future__ import annotations

import pytest

from asa_emulator.api import Lab
from asa_emulator.device.session import Session

HEAD = ["", "Result:", "input-interface: inside", "input-status: up", "input-line-status: up"]


@pytest.fixture
def admin() -> Session:
    lab = Lab.load("example", in_memory=True)
    lab.settle()
    s = lab.open_session("primary")
    for line in ("enable", "", "changeto context admin", "configure terminal",
                 "route outsideISP-A 0.0.0.0 0.0.0.0 192.168.1.254",
                 "access-list DENYALL extended deny ip any any",
                 "access-group DENYALL in interface inside", "end"):
        s.execute(line)
    return s


@pytest.mark.parametrize("src", ["0.0.0.0", "127.0.0.1", "224.0.0.5", "239.1.2.3", "255.255.255.255"])
def test_an_invalid_source_is_dropped_before_any_phase(admin: Session, src: str) -> None:
    assert admin.execute(f"packet-tracer input inside udp {src} 1025 8.8.8.8 53") == [
        *HEAD, "Action: drop", "Drop-reason: (invalid-src-addr) Invalid source address"]


def test_the_unit_s_own_address_takes_the_identity_route_and_no_access_list(admin: Session) -> None:
    assert admin.execute("packet-tracer input inside icmp 10.1.0.5 echo 10.1.0.1") == [
        "", "Phase: 1", "Type: ROUTE-LOOKUP", "Subtype: input", "Result: ALLOW", "Config:",
        "Additional Information:", "in   10.1.0.1        255.255.255.255 identity", "",
        "Phase: 2", "Type: IP-OPTIONS", "Subtype: ", "Result: ALLOW", "Config:",
        "Additional Information:", "",
        "Phase: 3", "Type: FLOW-CREATION", "Subtype: ", "Result: ALLOW", "Config:",
        "Additional Information:", "New flow created with id 1, packet dispatched to next module", "",
        "Result:", "input-interface: inside", "input-status: up", "input-line-status: up",
        "output-interface: NP Identity Ifc", "output-status: up", "output-line-status: up",
        "Action: allow"]
    # a through-the-box packet from the same host still meets the access list
    assert admin.execute("packet-tracer input inside icmp 10.1.0.5 echo 8.8.8.8")[-1] == \
        "Drop-reason: (acl-drop) Flow is denied by configured rule"


def test_another_interface_s_address_is_not_reached_through_the_unit(admin: Session) -> None:
    out = admin.execute("packet-tracer input inside tcp 10.1.0.5 1025 192.168.1.1 ssh")
    assert out[7] == "in   192.168.1.1     255.255.255.255 identity"
    assert out[-3:] == ["output-line-status: up", "Action: drop",
                        "Drop-reason: (acl-drop) Flow is denied by configured rule"]
