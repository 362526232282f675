"""A lab just loaded has its units' power-on still to come (issue 19): a hand on the power
switch before the clock moves decides instead, so `@power off` both then `@power on
secondary` leaves the primary off and the secondary Active alone, as it would after settle()."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asa_emulator.lab.directives import run_directive
from asa_emulator.lab.lab import Lab
from tests.support.paths import LABS

UNITS = ("primary", "secondary")
LAB_NAMES = (str(LABS / "single-mode"), str(LABS / "active-standby"))


def _unit_state(lab: Lab, unit: str) -> str:
    return lab.failover_state(unit).groups[0].state


def test_power_off_both_then_on_secondary_before_the_clock_moves() -> None:
    lab = Lab.load(LAB_NAMES[0], in_memory=True)
    for line in ("@power off primary", "@power off secondary", "@power on secondary"):
        run_directive(lab, line)
    lab.settle()
    assert not lab.unit("primary").powered
    assert _unit_state(lab, "secondary") == "Active"
    s = lab.open_session("secondary")
    s.execute("enable")
    s.execute("")
    shown = s.execute("show failover")
    assert "        This host: Secondary - Active " in shown
    assert "        Other host: Primary - Not Detected " in shown


power_step = st.tuples(st.sampled_from(["off", "on"]), st.sampled_from(UNITS))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lab_name=st.sampled_from(LAB_NAMES), steps=st.lists(power_step, max_size=4))
def test_power_steps_at_time_zero_decide_which_units_run(lab_name: str,
                                                          steps: list[tuple[str, str]]) -> None:
    """Whatever the steps at time zero, each unit ends as its last step left it (on, if no
    step named it), and the running units settle as a pair or as one Active unit."""
    lab = Lab.load(lab_name, in_memory=True)
    powered = dict.fromkeys(UNITS, True)
    for on_off, unit in steps:
        run_directive(lab, f"@power {on_off} {unit}")
        powered[unit] = on_off == "on"
    lab.settle()
    assert {u: lab.unit(u).powered for u in UNITS} == powered
    running = [u for u in UNITS if powered[u]]
    states = sorted(_unit_state(lab, u) for u in running)
    if len(running) == 2:
        assert states == ["Active", "Standby Ready"]
    elif running:
        assert states == ["Active"]
