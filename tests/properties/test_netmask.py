"""Masks (hypothesis): every command that takes an address and a mask accepts exactly the
contiguous netmasks.  Python's ipaddress reads `A/0.0.0.255` as a host mask, so a router's
wildcard mask passed as /24 (`access-list`, `route`, `ip address`, `ssh`, `object network`
subnets, a capture's `match`), and a capture matching `10.1.0.0 1.2.3.4` crashed with a
traceback on the next packet.  The same random mask is typed at each; a capture that was
accepted is then fed a packet."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asa_emulator.api import Lab
from asa_emulator.config.netmask import is_netmask, pairs
from asa_emulator.device.session import Session as ApiSession

NETMASKS = {str(ipaddress.IPv4Network(f"0.0.0.0/{n}").netmask) for n in range(33)}
masks = st.one_of(st.sampled_from(sorted(NETMASKS)),
                  st.integers(0, 2**32 - 1).map(lambda v: str(ipaddress.IPv4Address(v))),
                  st.sampled_from(["0.0.0.255", "0.0.255.255", "255.0.255.0", "1.2.3.4"]))


def test_a_netmask_is_contiguous_ones_from_the_left() -> None:
    assert {m for m in NETMASKS if is_netmask(m)} == NETMASKS
    assert not any(is_netmask(m) for m in ("0.0.0.255", "255.0.255.0", "1.2.3.4", "255.255.255.256", "x"))
    assert pairs("10.1.0.0", "255.255.0.0") and pairs("0.0.0.0", "0.0.0.0")
    assert not pairs("10.1.0.5", "255.255.0.0") and not pairs("10.1.0.0", "0.0.0.255")


@pytest.fixture(scope="module")
def admin() -> Iterator[tuple[Lab, ApiSession]]:
    lab = Lab.load("example", in_memory=True)
    lab.settle()
    s = lab.open_session("primary")
    for line in ("enable", "", "changeto context admin"):
        s.execute(line)
    yield lab, s


def _refused(s: ApiSession, *lines: str) -> bool:
    """Whether the last line printed an error (the ones before it set the mode up)."""
    out: list[str] = []
    for line in lines:
        out = s.execute(line)
    return any(text.startswith("ERROR") for text in out)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mask=masks)
def test_every_command_takes_exactly_the_netmasks(admin: tuple[Lab, ApiSession], mask: str) -> None:
    lab, s = admin
    good = mask in NETMASKS
    net = str(ipaddress.IPv4Network(f"10.0.0.0/{mask}", strict=False).network_address) if good else "10.0.0.0"
    assert _refused(s, "configure terminal", f"access-list m extended permit ip {net} {mask} any") is not good
    assert _refused(s, "object network o", f"subnet {net} {mask}") is not good
    assert _refused(s, "exit", f"route inside {net} {mask} 10.1.0.254") is not good
    assert _refused(s, f"ssh {net} {mask} inside") is not good
    # a netmask may still be refused here for its subnet (overlapping another interface's)
    assert _refused(s, "interface GigabitEthernet0/3", f"ip address 10.1.0.1 {mask}") or good
    s.execute("ip address 10.1.0.1 255.255.255.0 standby 10.1.0.11")
    s.execute("end")
    assert _refused(s, f"capture m match ip {net} {mask} any") is not good
    # a packet through the context with the capture in place: never a traceback
    lab.run(["@traffic primary admin tcp inside 10.1.0.5:3000 outsideISP-A 192.168.1.9:80",
             "@traffic close primary admin tcp inside 10.1.0.5:3000 outsideISP-A 192.168.1.9:80"])
    for line in ("no capture m", "configure terminal", "clear configure access-list m", "no object network o"):
        s.execute(line)
    if good:
        s.execute(f"no route inside {net} {mask} 10.1.0.254")
        s.execute(f"no ssh {net} {mask} inside")
    s.execute("end")
