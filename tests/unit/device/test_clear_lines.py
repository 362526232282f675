"""`clear arp` (a context) and `clear counters [all]` (the system space and a context): refused
before issue 20, accepted and silent where a real unit accepts them; they replicate nothing and
change no configuration."""

from __future__ import annotations

from asa_emulator import api


def test_clear_arp_and_clear_counters_are_accepted_where_a_real_unit_takes_them() -> None:
    lab = api.Lab.load("example", in_memory=True)
    lab.settle()
    u = lab.unit("primary")
    before = u.spaces.checksum_groups("admin"), u.spaces.checksum_groups()
    lines = lab.run(["enable", "", "clear counters", "clear counters all", "clear arp",
                     "changeto context admin", "clear arp", "clear counters", "show arp"])
    at = lines.index("primary# clear counters")
    assert lines[at:at + 5] == ["primary# clear counters", "primary# clear counters all",
                                "primary# clear arp", "                ^",
                                "ERROR: % Invalid input detected at '^' marker."]
    at = lines.index("primary/admin# clear arp")
    assert lines[at:at + 3] == ["primary/admin# clear arp", "primary/admin# clear counters",
                                "primary/admin# show arp"]
    # the table is what the lab holds: the mate's addresses come back at once
    assert any(ln.strip().startswith("outsideISP-A 192.168.1.2 ") for ln in lines[at + 3:])
    assert (u.spaces.checksum_groups("admin"), u.spaces.checksum_groups()) == before
