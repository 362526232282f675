"""The replay mix of the performance figures, for any lab (design.md, "Performance").

10,000 lines in blocks of ten: 40 % configuration lines in a context (`interface X`,
`description ...`), 20 % `show running-config interface X`, 20 % `show failover state`, 10 %
`show interface X`, 10 % `changeto context C`.  Every description is new (a counter), and the
blocks walk every context of group 1 (active on the primary, where the lines are typed) and
every one of its interfaces, so no line is a repeat that only a cache answers.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from asa_emulator.lab.lab import Lab
from asa_emulator.transcript.runner import Runner


def targets(lab: Lab) -> list[tuple[str, list[str]]]:
    """(context, its allocated interfaces) for the contexts active on the primary."""
    p = lab.units["primary"]
    out = []
    for name, ctx in p.ctx.items():
        if p.is_active_here(name) and ctx.interfaces:
            out.append((name, list(ctx.interfaces)))
    return out


def script(lab: Lab, n: int = 10_000) -> list[str]:
    ctxs = targets(lab)
    lines: list[str] = []
    block = 0
    while len(lines) < n:
        name, ifs = ctxs[block % len(ctxs)]
        a = ifs[(2 * block) % len(ifs)]
        b = ifs[(2 * block + 1) % len(ifs)]
        lines += [f"changeto context {name}",
                  f"interface {a}", f" description bench line {block} a",
                  f"show running-config interface {a}", "show failover state",
                  f"interface {b}", f" description bench line {block} b",
                  f"show running-config interface {b}", "show failover state",
                  f"show interface {b}"]
        block += 1
    return lines[:n]


def start(lab: Lab, sink: Callable[[str], None]) -> Runner:
    runner = Runner(lab, sink)
    for line in ("enable", "", "configure terminal"):
        runner.feed(line)
    return runner


def replay(lab: Lab, n: int = 10_000,
           clock: Callable[[], float] = time.process_time) -> tuple[float, list[float], int]:
    """(commands per second, each command's seconds, ASA error lines seen).  Timed in CPU
    seconds of this process by default: on a shared machine wall time measures the
    neighbours too."""
    lines = script(lab, n)
    errors = 0

    def sink(line: str) -> None:
        nonlocal errors
        if line.startswith("ERROR:"):
            errors += 1
    runner = start(lab, sink)
    lat: list[float] = []
    t0 = clock()
    for line in lines:
        t = clock()
        runner.feed(line)
        lat.append(clock() - t)
    total = clock() - t0
    return n / total, lat, errors
