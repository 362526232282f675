"""`show failover` right after a system-space command costs a bounded amount of work.

design.md's performance table: `show failover` after a system-space command, under 2 us a line
on the example lab (62 lines).  Such a command moves the system space's revision (sys_gen), so
the whole view is gathered again (failover/show/gather.py); that fixed cost, spread over few
lines, is what the figure measures.  Work is counted here, not timed: every call of an emulator
function and every line of it run (tests/support/work.py).

Counted when this test was written (docs/performance.md has the instruction counts): 1,529
calls and lines before the cold path was cut, 1,269 after; the same show with nothing changed,
370.  The budget below sits between the two: the cold path growing back fails it.
"""

from __future__ import annotations

from typing import Any

import pytest

from asa_emulator.lab.lab import Lab
from tests.support.work import counted

COLD_BUDGET = 1_400           # calls and lines of `show failover` after a system-space command


@pytest.fixture(scope="module")
def con() -> Any:
    lab = Lab.load("example", in_memory=True)
    lab.settle()
    con = lab.console("primary")
    for line in ("enable", "", "changeto system", "show failover"):
        con.execute(line)
    return con


def _system_command(con: Any, k: int) -> None:
    # a new description on an interface no context has: what `make bench` types
    for line in ("configure terminal", "interface GigabitEthernet0/0", f" description cold {k}", "end"):
        assert con.execute(line) == []


def test_show_failover_after_a_system_space_command_stays_in_its_budget(con: Any) -> None:
    for k in range(3):          # the kept values a cold show still uses are met once
        _system_command(con, k)
        con.execute("show failover")
    _system_command(con, 3)
    cold_out, cold = counted(con, "show failover")
    warm_out, warm = counted(con, "show failover")
    assert cold_out == warm_out and len(cold_out) == 62
    assert sum(warm.values()) < sum(cold.values()) <= COLD_BUDGET


def test_the_cold_path_reads_each_counter_once_and_formats_only_moved_rows(con: Any) -> None:
    """The Stateful Failover counters are read once for the key and the view (one read per
    group and one for the unit), and only the statistics row that moved (`sys cmd`: the
    system command was replicated) is formatted again."""
    _system_command(con, 10)
    _, cold = counted(con, "show failover")
    groups = 2                                    # the example lab runs failover groups 1, 2
    assert cold[("call", "/traffic/engine.py", "repl_stats")] == 1 + groups
    assert cold[("call", "/failover/show/render.py", "_stat_line")] == 1
