"""A system-space change that touches nothing the contexts read costs no work per context.

A context's `show failover` lines and its monitored interfaces read from the system space only
its allocations, their ports' `shutdown`, its failover group and the contexts themselves
(device/system_inputs.py).  A new description on a port no context has changes none of them:
the show after it must not look at every context's allocations again (ConfigSpaces.inputs_gen
does not move).  Work is counted, not timed (tests/support/work.py): calls and lines of the
package, on benchmarks/large_lab.py's lab at 20 and 60 contexts.

Counted when this test was written: the cold show's work beyond the warm one's grew by 138 a
context before (every context's system part and monitored interfaces rebuilt), 44 after (the
per-context look at its kept lines' key, as the warm path of _ifaces has).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.labfiles import generated_lab
from tests.support.work import Work, counted

PER_CONTEXT_BUDGET = 70       # calls and lines a context adds to a cold show beyond a warm one


def _cold_and_warm(folder: Path, contexts: int) -> tuple[Work, Work]:
    lab = generated_lab(folder / f"large{contexts}", contexts)
    con = lab.console("primary")
    for line in ("enable", "", "changeto system", "show failover"):
        con.execute(line)
    cold: Work | None = None
    for k in range(3):          # the kept values a cold show still uses are met once
        for line in ("configure terminal", "interface GigabitEthernet0/0", f" description cold {k}", "end"):
            assert con.execute(line) == []
        cold_out, cold = counted(con, "show failover")
    warm_out, warm = counted(con, "show failover")
    assert cold is not None and cold_out == warm_out
    return cold, warm


@pytest.fixture(scope="module")
def works(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[Work, Work]]:
    folder = tmp_path_factory.mktemp("system-change-cost")
    return {n: _cold_and_warm(folder, n) for n in (20, 60)}


def test_no_context_is_rebuilt_after_a_description_on_an_unallocated_port(
        works: dict[int, tuple[Work, Work]]) -> None:
    for cold, _ in works.values():
        assert cold[("call", "/failover/show/gather.py", "_system_part")] == 0
        assert cold[("call", "/failover/show/gather.py", "_context_ifaces")] == 0
        assert cold[("call", "/device/interfaces.py", "_monitored_in")] == 0


def test_the_cold_shows_extra_work_grows_little_with_the_contexts(
        works: dict[int, tuple[Work, Work]]) -> None:
    extra = {n: sum(cold.values()) - sum(warm.values()) for n, (cold, warm) in works.items()}
    assert (extra[60] - extra[20]) / 40 <= PER_CONTEXT_BUDGET, extra
