"""`unit.sys`, `unit.ctx` and `unit.single` are plain attributes (read on every command), set
again whenever the unit's configuration spaces are replaced (ConfigSpaces.reset_config: at
boot, and on the mate at a full configuration sync).  A stale one would show an old
configuration: what the unit prints must follow what it holds."""

from __future__ import annotations

from asa_emulator.device.unit import Unit
from asa_emulator.lab.lab import Lab
from tests.support.paths import LABS


def _bound(u: Unit) -> bool:
    return u.sys is u.spaces.sys and u.ctx is u.spaces.ctx and u.single is u.spaces.single


def test_the_attributes_follow_a_full_sync_and_a_reload() -> None:
    lab = Lab.load("example", in_memory=True)
    lab.settle()
    p, s = lab.units["primary"], lab.units["secondary"]
    assert _bound(p) and _bound(s)
    before = s.sys
    con = lab.console("primary")
    for line in ("enable", "", "changeto system", "configure terminal", "hostname synced", "end"):
        con.execute(line)
    con.execute("write standby")
    lab.directive("@wait 10s")
    assert s.sys is not before and _bound(s)        # the sync started the mate afresh
    assert s.sys.hostname == "synced"
    before = p.sys
    lab.directive("@power off primary")
    lab.directive("@power on primary")
    lab.directive("@wait 5m")
    assert p.up and p.sys is not before and _bound(p)   # booted: spaces made anew


def test_single_mode_is_read_at_boot_into_the_attribute() -> None:
    lab = Lab.load(str(LABS / "single-mode"), in_memory=True)
    lab.settle()
    assert all(u.single and _bound(u) for u in lab.units.values())
