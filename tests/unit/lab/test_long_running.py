"""A lab that runs for days with thousands of failovers keeps bounded state: the failover
history, the console lines nobody takes and a session's command history are capped (the
syslog outbox and the logging buffer have their own limits, tests/unit/device/test_logging.py)."""

from __future__ import annotations

from asa_emulator.device.session import HISTORY_MAX as COMMANDS_KEPT
from asa_emulator.device.unit import CONSOLE_KEPT
from asa_emulator.failover.state import HISTORY_MAX
from asa_emulator.lab.lab import Lab


def test_thousands_of_failovers_and_days_keep_bounded_state() -> None:
    lab = Lab.load("example")
    lab.settle()
    cons = {name: lab.console(name) for name in ("primary", "secondary")}
    for con in cons.values():
        con.execute("enable")
        con.execute("")
    for i in range(1_000):
        # group 1 moves to the secondary and back: a failover each way
        cons["secondary" if i % 2 == 0 else "primary"].execute("failover active group 1")
        lab.advance(3_600_000 if i % 100 == 0 else 5_000)
    fo = lab.failover_state("primary")
    assert fo.history_count > HISTORY_MAX
    assert len(fo.history) == HISTORY_MAX
    assert lab.failover_state("primary").group(1).state == "Active"
    for name, u in lab.units.items():
        assert len(u.messages) <= CONSOLE_KEPT          # nobody took the console lines
        assert len(cons[name].history) <= COMMANDS_KEPT
    out = cons["primary"].execute("show failover history")
    assert out[0].startswith("=====") and len([ln for ln in out if "Just Active" in ln]) > 10
