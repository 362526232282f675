"""A saved `failover link <data interface>` at boot (issue 19): a real unit prints what its
configuration lines print while it reads the startup-config (`show startup-config errors`
keeps the INFO/WARNING lines of that load, headed `*** Output from config line N`), so the
sharing warning comes once in the boot report, between `Reading from flash...` and the
checksum; the mate, which takes the line by configuration sync, prints nothing of it."""

from __future__ import annotations

from asa_emulator.device.messages import STATE_LINK_DATA_WARNING
from asa_emulator.lab.directives import run_directive
from asa_emulator.lab.lab import Lab
from tests.support.paths import LABS


def test_the_sharing_warning_is_part_of_the_boot_report_only() -> None:
    lab = Lab.load(str(LABS / "single-mode"), in_memory=True)
    lab.settle()
    s = lab.open_session("primary")
    for line in ("enable", "", "configure terminal", "interface GigabitEthernet0/4", "nameif dmz",
                 "ip address 192.168.3.1 255.255.255.0 standby 192.168.3.2", "no shutdown",
                 "exit"):
        s.execute(line)
    assert s.execute("failover link dmz") == list(STATE_LINK_DATA_WARNING)
    s.execute("end")
    s.execute("write memory")
    run_directive(lab, "@wait 10s")
    assert not any("WARNING" in m for m in lab.unit("secondary").take_messages())
    lab.unit("primary").take_messages()
    run_directive(lab, "@crash primary")
    run_directive(lab, "@wait 60s")
    boot = lab.unit("primary").take_messages()
    at = boot.index(STATE_LINK_DATA_WARNING[0])
    assert boot[at:at + 4] == list(STATE_LINK_DATA_WARNING)
    assert boot.count(STATE_LINK_DATA_WARNING[1]) == 1
    checksum = next(i for i, line in enumerate(boot) if line.startswith("Cryptochecksum (unchanged): "))
    assert boot.index("Reading from flash...") < at < checksum
    assert not any("WARNING" in m for m in lab.unit("secondary").take_messages())
