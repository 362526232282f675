"""Running an exercise's checks on a lab (issue 21).

Every check runs on a scratch copy of the lab (lab/freeze.py), in a hidden session made for it:
the lab itself is never touched, so a check moves no clock, opens no session (`who`, `show ssh
sessions` and the session counts never see it) and leaves no history.  A check with `before`
directives gets a copy of its own, on which they run first (a link pulled, `@wait 30s`)."""

from __future__ import annotations

import re
from typing import Any

from ..device.session import ModeState, Session
from ..lab.freeze import scratch_copy
from ..lab.spec import LabError
from ..records import dataclass
from .spec import Check, Exercise
from .variables import Values, fill


@dataclass
class Result:
    name: str
    passed: bool
    detail: str         # why it failed ("" when it passed)
    hint: str


def run_checks(lab: Any, exercise: Exercise, values: Values) -> list[Result]:
    base = scratch_copy(lab)
    return [_one(scratch_copy(base) if c.before else base, c, values) for c in exercise.checks]


def _one(lab: Any, check: Check, values: Values) -> Result:
    hint = fill(check.hint, values)
    try:
        for line in check.before:
            lab.directive(fill(line, values))
        output = _output(lab, check, values)
    except _NotHere as exc:
        return Result(check.name, False, str(exc), hint)
    except LabError as exc:
        return Result(check.name, False, f"the check could not run: {exc}", hint)
    detail = _verdict(output, [fill(r, values) for r in check.expect],
                      [fill(r, values) for r in check.refuse]) \
        or _blocks(output, [[fill(r, values) for r in b] for b in check.blocks])
    return Result(check.name, not detail, detail, hint)


class _NotHere(Exception):
    pass


def _unit(lab: Any, check: Check, values: Values) -> Any:
    if check.unit is not None:
        u = lab.unit(check.unit)
        if not u.up:
            raise _NotHere(f"unit {u.name} is not running")
        return u
    assert check.active is not None
    kind, what = check.active[0], fill(check.active[1], values)
    for u in lab.units.values():
        if not u.up or (kind == "context" and what not in u.ctx):
            continue
        gid = u.spaces.group_of(what) if kind == "context" else int(what)
        state = lab.failover_state(u.name)     # the public snapshot, not the engine's tables
        # a unit without failover forwards for every context: it is where everything is active
        if not state.enabled or (gid in state.gids and state.group(gid).active):
            return u
    raise _NotHere(f"no unit has {kind} {what} active")


def _output(lab: Any, check: Check, values: Values) -> list[str]:
    u = _unit(lab, check, values)
    space = fill(check.space, values) if check.space is not None else None
    session = Session(u, "ssh")     # never registered: no SSH record, no console
    session.pager = 0
    if space is not None:
        if u.single or space not in u.ctx:
            raise _NotHere(f"unit {u.name} has no context {space}")
        session.state = ModeState("ctx_exec", space)
    else:
        session.state = ModeState("sys_exec")
    lines: list[str] = []
    for command in check.commands:
        for out in session.execute(fill(command, values)):
            # as a transcript shows them: `Failover On ` ends in a space on a real ASA
            lines.extend(part.rstrip() for part in out.split("\n"))
    return lines


def _verdict(lines: list[str], expect: list[str], refuse: list[str]) -> str:
    """'' when every `expect` matches a line, in order, and no line matches a `refuse`."""
    at = 0
    for pattern in expect:
        rx = re.compile(pattern)
        while at < len(lines) and not rx.search(lines[at]):
            at += 1
        if at == len(lines):
            return f"no line matches /{pattern}/" + (" after the lines before it" if expect[0] != pattern else "")
        at += 1
    for pattern in refuse:
        rx = re.compile(pattern)
        for line in lines:
            if rx.search(line):
                return f"unwanted line: {line.strip()}"
    return ""


def _blocks(lines: list[str], blocks: list[list[str]]) -> str:
    """'' when each block's expressions match consecutive lines, the blocks in this order
    (`expect_block`: a line right after another, not just somewhere after it)."""
    at = 0
    for block in blocks:
        rxs = [re.compile(p) for p in block]
        start = next((i for i in range(at, len(lines) - len(rxs) + 1)
                      if all(rx.search(lines[i + k]) for k, rx in enumerate(rxs))), None)
        if start is None:
            shown = " / ".join(f"/{p}/" for p in block)
            return f"no consecutive lines match {shown}" + (" after the block before it" if block is not blocks[0] else "")
        at = start + len(rxs)
    return ""


def report_lines(results: list[Result]) -> list[str]:
    """What `@check` prints: one line per check, a failed one's hint beneath.  The reason
    (which pattern found no line) is the instructor's, in `exercise grade`: it would often
    give the answer away."""
    out = []
    for r in results:
        out.append(f"{'PASS' if r.passed else 'FAIL'}  {r.name}")
        if not r.passed and r.hint:
            out.append(f"      hint: {r.hint}")
    passed = sum(r.passed for r in results)
    out.append(f"{passed} of {len(results)} checks passed")
    return out
