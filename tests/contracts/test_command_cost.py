"""A command of the replay mix does the same work on a lab of 3 contexts and on one of 250.

design.md, "Performance": the cost of a command must not grow with the size of the lab.  Both
labs come from benchmarks/large_lab.py (4 VLAN subinterfaces per context), so the contexts they
share (admin, ctx1, c3) are configured alike and every line below prints the same output on
both.  Work is counted, not timed: every call of an emulator function and every line of it
run (a loop over the contexts inside one comprehension is one call, but a line per turn),
with the caches a repeated line meets warmed by running it first.
"""

from __future__ import annotations

from typing import Any

import pytest

from asa_emulator.lab.lab import Lab
from tests.support.labfiles import generated_lab
from tests.support.work import counted

CONTEXT = "c3"                                   # in failover group 1: active on the primary
IFACE = "TenGigabitEthernet0/6.108"              # c3's first subinterface on both labs
MIX = [
    f"changeto context {CONTEXT}",
    f"interface {IFACE}",
    " description counted line",
    f"show running-config interface {IFACE}",
    "show failover state",
    f"show interface {IFACE}",
]



@pytest.fixture(scope="module")
def labs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Lab, Lab]:
    out = []
    for contexts in (3, 250):
        out.append(generated_lab(tmp_path_factory.mktemp(f"lab{contexts}"), contexts))
    return out[0], out[1]


def _session(lab: Lab, mac_auto: bool) -> Any:
    con = lab.console("primary")
    for line in ("enable", "", "configure terminal", "changeto system"):
        con.execute(line)
    assert con.execute("mac-address auto" if mac_auto else "no mac-address auto") == []
    assert lab.units["primary"].sys.mac_auto is mac_auto
    return con


@pytest.mark.parametrize("mac_auto", [False, True], ids=["mac-default", "mac-address-auto"])
def test_each_mix_command_does_the_same_work_on_both_labs(labs: tuple[Lab, Lab], mac_auto: bool) -> None:
    small, big = (_session(lab, mac_auto) for lab in labs)
    for con in (small, big):
        for line in MIX * 2:    # warm: each line met in the mode the mix types it in
            con.execute(line)
    for i, line in enumerate(MIX):
        # each line measured in its place in the cycle (typed in the same mode as when warm)
        for con in (small, big):
            for earlier in MIX[:i]:
                con.execute(earlier)
        small_out, small_work = counted(small, line)
        big_out, big_work = counted(big, line)
        for con in (small, big):
            for later in MIX[i + 1:]:
                con.execute(later)
        assert small_out == big_out, line
        if line.startswith("show interface"):     # `mac-address auto`: the context's place in it
            assert any("MAC address a2" in ln for ln in small_out) == mac_auto
        assert sum(small_work.values()) > 0
        assert big_work == small_work, line


def test_the_labs_differ_in_size_only(labs: tuple[Lab, Lab]) -> None:
    small, big = (lab.units["primary"] for lab in labs)
    assert (len(small.ctx), len(big.ctx)) == (3, 250)
    assert small.ctx[CONTEXT].interfaces.keys() == big.ctx[CONTEXT].interfaces.keys()
    assert IFACE in small.ctx[CONTEXT].interfaces
