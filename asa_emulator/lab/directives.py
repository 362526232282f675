"""The `@` lab directives (design.md, "Lab directives")."""

from __future__ import annotations

import shlex
from collections.abc import Callable

from ..config.model import SINGLE
from .parts import ExerciseHook
from .parts import LabParts as Lab
from .spec import LabError, parse_duration
from .status import status_lines

USAGE = {
    "lab": "@lab NAME|DIR",
    "console": "@console UNIT",
    "wait": "@wait DURATION",
    "power": "@power off|on UNIT",
    "crash": "@crash UNIT",
    "fail": "@fail UNIT hardware|service-card",
    "link": "@link down|up|fail|heal UNIT IF",
    "failover-link": "@failover-link down|up",
    "state-link": "@state-link down|up",
    "status": "@status",
    "reset": "@reset",
    "traffic": "@traffic [close] UNIT [CTX] tcp|udp SRC_IF SRC_IP:PORT [DST_IF] DST_IP:PORT [bytes N]",
    "help": "@help",
    "quit": "@quit",
    "exercise": "@exercise NAME|DIR [as TRAINEE]",
    "task": "@task",
    "check": "@check",
}

# What `@help` says of each directive: one line each, so it fits beside the usage in 80 columns.
PURPOSE = {
    "lab": "first line of a script: which lab to start",
    "console": "send the following lines to UNIT's console",
    "wait": "advance the virtual clock (500ms, 30s, 2m)",
    "power": "pull or restore a unit's power",
    "crash": "software failure: the unit fails and reloads",
    "fail": "hardware or service-card failure (Table 34-2)",
    "link": "a data link: down/up; fail/heal (peer deaf)",
    "failover-link": "the LAN failover link down or up",
    "state-link": "the Stateful Failover link down or up",
    "status": "units, power, group states, links and the clock",
    "reset": "power-cycle both units from saved flash, settle",
    "traffic": "a packet into a context (none in single mode)",
    "help": "this list (also @?)",
    "quit": "leave the terminal or port; end a script",
    "exercise": "first line of a transcript: work an exercise",
    "task": "in an exercise: show the task again",
    "check": "in an exercise: grade the lab now",
}

# Where a directive does not work: "script" (scripts and transcripts, the lab terminal) or
# "control" (the lab-control port, `serve --lab-control`), with the reason the place gives.
# `@help` in each place lists only what works there: this is the one table of it.
NOT_AT: dict[str, dict[str, str]] = {
    "lab": {"control": "@lab starts a lab: serve --lab NAME chooses this one"},
    "console": {"control": "@console: the control port has no console to switch; log in to a "
                           "unit's SSH port, or its telnet console (serve --console)"},
    "exercise": {"control": "@exercise starts an exercise: asa-emulator exercise start NAME"},
    "task": {"control": "@task: serve runs no exercise (asa-emulator exercise start NAME)"},
    "check": {"control": "@check: serve runs no exercise (asa-emulator exercise start NAME)"},
}


def works_at(name: str, place: str) -> bool:
    return place not in NOT_AT.get(name, {})


def parse(line: str) -> tuple[str, list[str]]:
    """A directive line's name (lower case, `?` read as `help`) and its arguments: the one
    reading of `@` lines for every front end (scripts, the terminal, the control port), so
    that a spelling one accepts (`@"wait" 1h`) means the same everywhere.  Words are split
    as a shell does (quotes group, `\\` escapes); LabError for bad quoting or a bare `@`.
    The name is not checked: run_directive says which names exist."""
    try:
        words = shlex.split(line.strip()[1:])
    except ValueError as exc:
        raise LabError(f"bad directive '{line.strip()}': {exc}") from None
    if not words:
        raise LabError("empty directive '@'")
    name = words[0].lower()
    return ("help" if name == "?" else name), words[1:]


def run_directive(lab: Lab, line: str) -> list[str]:
    name, args = parse(line)
    fn = _DIRECTIVES.get(name)
    if fn is None:
        raise LabError(f"unknown directive '@{name}' (known: {', '.join('@' + d for d in USAGE)})")
    exercise = getattr(lab, "exercise", None)      # a lab-like stand-in may have none
    if exercise is not None and not exercise.allows(name):
        raise LabError(f"@{name} is not available in this exercise")
    return fn(lab, args)


def _need(args: list[str], n: int, name: str) -> None:
    if len(args) != n:
        raise LabError(f"usage: {USAGE[name]}")


def _lab(lab: Lab, args: list[str]) -> list[str]:
    raise LabError("@lab must be the first line of a script")


def _console(lab: Lab, args: list[str]) -> list[str]:
    _need(args, 1, "console")
    lab.unit(args[0])
    lab.current = args[0]
    return []


MAX_WAIT_MS = 30 * 24 * 3_600_000     # one @wait moves the virtual clock at most 30 days
# one @traffic carries at most 1 TB: the ASA's 64-bit counters never pass 2**64 in any lab's life
MAX_BYTES = 10**12


def wait_ms(args: list[str]) -> int:
    """The virtual milliseconds `@wait ARGS` asks for (the lab-control port waits in slices)."""
    _need(args, 1, "wait")
    ms = parse_duration(args[0])
    if ms > MAX_WAIT_MS:
        raise LabError(f"@wait {args[0]}: at most 30 days (720h) of virtual time per @wait")
    return ms


def _wait(lab: Lab, args: list[str]) -> list[str]:
    lab.advance(wait_ms(args))
    return []


def _onoff(word: str, on: str, off: str, name: str) -> bool:
    w = word.lower()
    if w not in (on, off):
        raise LabError(f"usage: {USAGE[name]}")
    return w == on


def _power(lab: Lab, args: list[str]) -> list[str]:
    _need(args, 2, "power")
    on = _onoff(args[0], "on", "off", "power")
    u = lab.unit(args[1])
    if on:
        u.power_on()
    else:
        u.power_off()
        lab.wiring.power_lost()
    return []


def _crash(lab: Lab, args: list[str]) -> list[str]:
    _need(args, 1, "crash")
    u = lab.unit(args[0])
    if not u.up:
        raise LabError(f"unit {u.name} is not running")
    u.reload()
    lab.wiring.power_lost()
    return []


def _fail(lab: Lab, args: list[str]) -> list[str]:
    """A hardware or service-card failure: the unit stays up, failover marks it Failed."""
    _need(args, 2, "fail")
    u = lab.unit(args[0])
    kind = args[1].lower()
    if kind not in ("hardware", "service-card"):
        raise LabError(f"usage: {USAGE['fail']}")
    if not lab.pair.fail_unit(u, kind):
        raise LabError(f"unit {u.name} is not running failover")
    return []


def _link(lab: Lab, args: list[str]) -> list[str]:
    _need(args, 3, "link")
    action = args[0].lower()
    if action not in ("down", "up", "fail", "heal"):
        raise LabError(f"usage: {USAGE['link']}")
    lab.unit(args[1])
    phys = lab.wiring.check_if(args[1], args[2])
    if action in ("down", "up"):
        lab.wiring.set_link(args[1], phys, action == "up")
    else:
        lab.wiring.set_fail(args[1], phys, action == "fail")
    return []


def _special_link(lab: Lab, args: list[str], name: str, which: str) -> list[str]:
    _need(args, 1, name)
    up = _onoff(args[0], "up", "down", name)
    ends = lab.pair.special_link_ends(which)
    if not ends:
        raise LabError(f"no {which} link is configured on either unit")
    for unit, phys in ends:
        lab.wiring.set_cut(unit, phys, not up)
    return []


def _failover_link(lab: Lab, args: list[str]) -> list[str]:
    return _special_link(lab, args, "failover-link", "failover")


def _state_link(lab: Lab, args: list[str]) -> list[str]:
    return _special_link(lab, args, "state-link", "state")


def _reset(lab: Lab, args: list[str]) -> list[str]:
    """Both units start again from their saved flash; returns once the pair has settled."""
    _need(args, 0, "reset")
    lab.reset()
    return []


def _status(lab: Lab, args: list[str]) -> list[str]:
    _need(args, 0, "status")
    return status_lines(lab)


def _traffic(lab: Lab, args: list[str]) -> list[str]:
    """A packet arrives on UNIT, on interface SRC_IF of context CTX (traffic/engine.py says
    what becomes of it; `show conn` and `show interface detail` show the result)."""
    from ..traffic.engine import Packet
    close = bool(args) and args[0].lower() == "close"
    if close:
        args = args[1:]
    if args and lab.unit(args[0]).single:
        # single context mode: the unit's one space, which the directive does not name
        args = [args[0], SINGLE, *args[1:]]
    nbytes = 0
    if len(args) in (8, 9) and args[-2].lower() == "bytes" and not close:
        nbytes = _number(args[-1], MAX_BYTES, "byte count", f"a number of bytes, at most {MAX_BYTES}")
        args = args[:-2]
    if len(args) == 6:      # no DST_IF: the context's routes choose the egress
        args = args[:5] + [""] + args[5:]
    if len(args) != 7 or args[2].lower() not in ("tcp", "udp"):
        raise LabError(f"usage: {USAGE['traffic']}")
    unit, ctx, proto, src_if, src, dst_if, dst = args
    u = lab.unit(unit)
    packet = Packet(proto.upper(), src_if, _endpoint(src), dst_if or None, _endpoint(dst),
                    nbytes, close)
    if u.up:        # a unit that is off or booting hears nothing
        if ctx not in u.ctx:
            raise LabError(f"unit {unit} has no context '{ctx}'")
        for name in (src_if, dst_if):
            if name and u.ctx[ctx].by_nameif(name) is None:
                space = f"context {ctx} on {unit}" if ctx != SINGLE else f"unit {unit}"
                raise LabError(f"{space} has no interface named '{name}'")
        lab.traffic.packet(u, ctx, packet)
    return []


def _endpoint(text: str) -> tuple[str, int]:
    """`10.1.0.50:40000` -> ("10.1.0.50", 40000)."""
    import ipaddress
    ip, sep, port = text.rpartition(":")
    what = "an IPv4 address and port: A.B.C.D:PORT"
    try:
        ipaddress.IPv4Address(ip)
    except ValueError:
        raise LabError(f"bad address '{text}' ({what})") from None
    if not sep:
        raise LabError(f"bad address '{text}' ({what})")
    return ip, _number(port, 65535, "address", what, shown=text)


def _number(text: str, most: int, name: str, what: str, shown: str | None = None) -> int:
    """A directive's count or port: ASCII digits only (str.isdigit() also passes `²`, which
    int() refuses) and few of them (int() of thousands of digits raises), at most `most`."""
    if not (text.isascii() and text.isdigit() and len(text) <= len(str(most))) or int(text) > most:
        raise LabError(f"bad {name} '{shown or text}' ({what})")
    return int(text)


def help_lines(place: str = "script") -> list[str]:
    """`@help`: the usage and purpose of each directive that works at `place`, one line each."""
    lines = []
    for name, usage in USAGE.items():
        if not works_at(name, place):
            continue
        head = usage if len(usage) <= 30 else usage[:usage.index(" ", len(name) + 2)] + " ..."
        lines.append(f"{head:<31} {PURPOSE[name]}")
    return lines


def directive_names() -> list[str]:
    """The directives' names with their `@`, for completion after `@`."""
    return ["@" + name for name in USAGE]


def _help(lab: Lab, args: list[str]) -> list[str]:
    _need(args, 0, "help")
    return help_lines()


def _exercise(lab: Lab, args: list[str]) -> list[str]:
    raise LabError("@exercise must be the first line of a transcript")


def _running_exercise(lab: Lab, name: str) -> ExerciseHook:
    if lab.exercise is None:
        raise LabError(f"@{name}: no exercise is running on this lab "
                       "(asa-emulator exercise start NAME)")
    return lab.exercise


def _task(lab: Lab, args: list[str]) -> list[str]:
    _need(args, 0, "task")
    return _running_exercise(lab, "task").task_lines()


def _check(lab: Lab, args: list[str]) -> list[str]:
    """Grade the running lab: each check passed or failed, a failed one's hint beneath."""
    _need(args, 0, "check")
    return _running_exercise(lab, "check").check_lines(lab)


def _quit(lab: Lab, args: list[str]) -> list[str]:
    """In a script: the lines after it are not run (the runner stops).  The terminal handles
    `@quit` itself, to ask about unsaved work first."""
    _need(args, 0, "quit")
    lab.quit_requested = True
    return []


_DIRECTIVES: dict[str, Callable[[Lab, list[str]], list[str]]] = {
    "lab": _lab, "console": _console, "wait": _wait, "power": _power, "crash": _crash, "fail": _fail,
    "link": _link, "failover-link": _failover_link, "state-link": _state_link, "status": _status,
    "reset": _reset, "traffic": _traffic, "help": _help, "quit": _quit,
    "exercise": _exercise, "task": _task, "check": _check,
}
