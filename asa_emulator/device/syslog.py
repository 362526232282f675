"""Syslog on one unit: severity levels, where a message goes by the logging configuration
(console, buffer, syslog servers), and the buffer `show logging` prints.

"Each security context includes its own logging configuration and generates its own
messages.  Syslog messages that are generated in the system execution space, including
failover messages, are viewed in the admin context ... You cannot configure logging or view
any logging information in the system execution space." (ASA 9.12 general configuration
guide, "Logging in Multiple Context Mode").  So a message of the system space goes through the
admin context's `logging` lines.

The engine does no I/O: a message for a syslog server becomes a Datagram in the unit's
outbox, which a front end sends (asa_emulator/syslog_udp.py).
"""

from __future__ import annotations

from collections import deque
from dataclasses import field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

from ..config.defaults import LOGGING_LEVELS as LEVELS
from ..config.defaults import SYSLOG_PORT
from ..records import dataclass

if TYPE_CHECKING:
    from ..clock import Clock
    from ..config.model import ContextConfig, LoggingConfig, SystemConfig


def level_of(word: str) -> int:
    """A level typed as its number or its name."""
    return int(word) if word.isdigit() else LEVELS.index(word.lower())


@dataclass(frozen=True)
class Datagram:
    """One syslog message for a server: `<PRI>` and the message, as the ASA sends it."""

    unit: str
    address: str            # the address the `logging host` line names (a lab address)
    port: int
    payload: bytes


@dataclass
class SpaceLog:
    """Run-time logging state of one context: the buffer and the destination counters."""

    buffer: deque[str] = field(default_factory=deque)
    buffer_bytes: int = 0
    console: int = 0
    buffered: int = 0
    trap: int = 0
    sent: dict[str, int] = field(default_factory=dict)     # syslog server address -> messages sent


# Datagrams waiting for a front end to send them; beyond this the oldest are dropped, so a lab
# whose front end sends nothing (golden transcripts) never grows without bound.
OUTBOX_LIMIT = 1024


class Syslog:
    """A unit's syslog state (lost at power-off, as the ASA's RAM is)."""

    def __init__(self) -> None:
        self.spaces: dict[str, SpaceLog] = {}
        self.outbox: list[Datagram] = []

    def space(self, name: str) -> SpaceLog:
        return self.spaces.setdefault(name, SpaceLog())

    def reset(self) -> None:
        self.spaces.clear()
        self.outbox.clear()

    def take_datagrams(self) -> list[Datagram]:
        out, self.outbox = self.outbox, []
        return out


def timestamp(ms_utc: int) -> str:
    """`logging timestamp` prefix, e.g. `Jun 12 2024 12:00:36: ` (day zero-padded: unverified)."""
    return datetime.fromtimestamp(ms_utc / 1000, tz=UTC).strftime("%b %d %Y %H:%M:%S: ")


class _Console(Protocol):
    @property
    def context(self) -> str | None: ...


class LoggingUnit(Protocol):
    """What syslog reads and writes of a unit (device/unit.py's Unit, which holds the syslog
    state and so sits above this module)."""

    @property
    def name(self) -> str: ...
    @property
    def sys(self) -> SystemConfig: ...
    @property
    def ctx(self) -> dict[str, ContextConfig]: ...
    @property
    def clock(self) -> Clock: ...
    @property
    def syslog(self) -> Syslog: ...
    @property
    def console(self) -> _Console: ...
    def emit(self, *lines: str) -> None: ...


def deliver(unit: LoggingUnit, msg_id: int, level: int, text: str, context: str | None = None) -> None:
    """A message of the system space (context None) or of a context, sent where the space's
    logging configuration says (the admin context's for the system space)."""
    space = context or unit.sys.admin_context
    ctx = unit.ctx.get(space) if space is not None else None
    if space is None or ctx is None or not ctx.logging.enabled:
        return
    cfg = ctx.logging
    line = f"%ASA-{level}-{msg_id}: {text}"
    if cfg.timestamp:
        line = timestamp(unit.clock.now) + line
    state = unit.syslog.space(space)
    if cfg.console is not None and level <= cfg.console:
        state.console += 1
        if _console_views(unit, space):
            unit.emit(line)
    if cfg.buffered is not None and level <= cfg.buffered:
        state.buffered += 1
        _buffer(state, line, cfg.buffer_size)
    if cfg.trap is not None and level <= cfg.trap and cfg.hosts:
        state.trap += 1
        pri = f"<{cfg.facility * 8 + level}>".encode()
        outbox = unit.syslog.outbox
        for host in cfg.hosts:
            state.sent[host.address] = state.sent.get(host.address, 0) + 1
            outbox.append(Datagram(unit.name, host.address, host.port or SYSLOG_PORT,
                                   pri + line.encode()))
        del outbox[:-OUTBOX_LIMIT]


def _console_views(unit: LoggingUnit, space: str) -> bool:
    """The console shows a context's messages while it is in that context; the system space
    and the admin context show the admin context's (and the system's) messages."""
    here = unit.console.context
    if space == unit.sys.admin_context:
        return here is None or here == space
    return here == space


def _buffer(state: SpaceLog, line: str, size: int) -> None:
    """Keep the newest lines that fit in `logging buffer-size` bytes."""
    state.buffer.append(line)
    state.buffer_bytes += len(line) + 1
    while state.buffer_bytes > size and len(state.buffer) > 1:
        state.buffer_bytes -= len(state.buffer.popleft()) + 1


def clear_buffer(unit: LoggingUnit, space: str) -> None:
    state = unit.syslog.space(space)
    state.buffer.clear()
    state.buffer_bytes = 0


def _level(n: int | None, count: int, facility: int | None = None) -> str:
    if n is None:
        return "disabled"
    fac = f", facility {facility}" if facility is not None else ""
    return f"level {LEVELS[n]}{fac}, {count} messages logged"


def show_logging(unit: LoggingUnit, space: str, cfg: LoggingConfig) -> list[str]:
    """`show logging` in a context: the settings block, then the buffered lines.  Layout of
    real 9.x captures (ASAv, ASA5585): four-space indent, `Hide Username logging: enabled`."""
    state = unit.syslog.space(space)
    on = {True: "enabled", False: "disabled"}
    out = [f"Syslog logging: {on[cfg.enabled]}",
           f"    Facility: {cfg.facility}",
           f"    Timestamp logging: {on[cfg.timestamp]}",
           "    Hide Username logging: enabled",
           f"    Standby logging: {on[cfg.standby]}",
           "    Debug-trace logging: disabled",
           f"    Console logging: {_level(cfg.console, state.console)}",
           "    Monitor logging: disabled",
           f"    Buffer logging: {_level(cfg.buffered, state.buffered)}",
           f"    Trap logging: {_level(cfg.trap, state.trap, cfg.facility)}"]
    for host in cfg.hosts:
        # unverified: the UDP form of this line names no protocol unless a port was given
        proto = f" {host.proto}/{host.port}" if host.port else ""
        # the counters: `Logging to inside 10.67.88.90, UDP TX:323 errors: 0  dropped: 1` (ntc
        # fixture cisco_asa_show_logging_2.raw, a real ASA5515-X on 9.x); a message a lab
        # sends is never lost; the TCP form is taken to be the same (unverified)
        out.append(f"        Logging to {host.nameif} {host.address}{proto}, {host.proto.upper()} "
                   f"TX:{state.sent.get(host.address, 0)} errors: 0  dropped: 0")
    # every ntc fixture of a 9.x unit has this block, with or without a server (9.1 unverified)
    out += ["    Global TCP syslog stats::",
            "        NOT_PUTABLE: 0, ALL_CHANNEL_DOWN: 0",
            "        CHANNEL_FLAP_CNT: 0, SYSLOG_PKT_LOSS: 0",
            "        PARTIAL_REWRITE_CNT: 0"]
    out += ["    Permit-hostdown logging: disabled",
            "    History logging: disabled",
            "    Device ID: disabled",
            "    Mail logging: disabled",
            "    ASDM logging: disabled"]
    if cfg.buffered is not None:
        out.extend(state.buffer)
    return out
