"""The ports through which a unit talks to what the lab attaches to it, without knowing it (a
unit's boundary; not its physical ports, which are interfaces).

The failover engine (failover/pair.py) implements two: `PairQuery`, what a unit and its
command handlers may ask about the pair (read only), and `PairEvents`, what they tell it
(what happened on the unit, and the requests of failover's EXEC commands).  The traffic
engine (traffic/engine.py) implements `TrafficHooks`, the counters `show interface` reads.
The lab installs them as `unit.pair`, `unit.events` and `unit.traffic`.

The ports are generic in the unit (and the command) they are given, so this module names
neither and sits at the bottom of device/: the unit, its sessions and its handlers all build
on it.  `LineSession` is what the unit holds of the sessions it makes (console, batch,
replica) and `ModeState` where a session is: the unit sits below the session class.
"""

from __future__ import annotations

from typing import Protocol, TypeVar

from ..records import dataclass

U = TypeVar("U")
U_in = TypeVar("U_in", contravariant=True)
C_in = TypeVar("C_in", contravariant=True)


@dataclass
class ModeState:
    """Where a session is: the mode (a grammar start symbol), the context, the sub-mode target."""

    mode: str = "sys_user"
    context: str | None = None
    target: str | int | None = None


class LineSession(Protocol):
    """A session as the unit makes and holds it (device/session.py's Session): its serial
    console (what a front end drives, console.Console), the batch sessions that load files
    and run a sync, the one that runs what the mate replicates."""

    state: ModeState
    running: bool                   # a replica running a line (Unit.replica_session)
    cwd: str                        # the flash folder relative file names start from
    login_user: str | None          # who logged in at the serial console
    last_ms: int                    # virtual time of its last command (`show users`)

    @property
    def unit_name(self) -> str: ...
    @property
    def context(self) -> str | None: ...
    @property
    def prompt_len(self) -> int: ...
    def prompt(self) -> str: ...
    def execute(self, line: str, rendered: bool = False) -> list[str]: ...
    def run_lines(self, lines: list[str], rendered: bool = False) -> list[str]: ...
    def run_rendered(self, lines: list[str]) -> list[str]: ...
    def expects_secret(self) -> bool: ...
    def help(self, line: str) -> list[str]: ...
    def complete(self, line: str) -> list[str]: ...
    def pager_lines(self) -> int: ...
    def take_messages(self) -> list[str]: ...
    def closed(self) -> bool: ...
    def log_off(self) -> None: ...


class PairQuery(Protocol[U]):
    """What a unit may ask about failover: read only, it changes nothing."""

    def prompt_state(self, unit: U, context: str | None) -> str: ...
    def is_active_here(self, unit: U, context: str | None) -> bool: ...
    def cluster_uptime_s(self, unit: U) -> int | None: ...
    def mate_unit(self, unit: U) -> U: ...
    def failover_ran(self, unit: U) -> bool: ...
    def has_link(self, unit: U, phys: str) -> bool: ...
    def config_warning(self, unit: U, context: str | None) -> list[str]: ...
    def mate_seen(self, unit: U) -> bool: ...


class PairEvents(Protocol[U_in, C_in]):
    """What a unit tells failover: what happened on it (booted, down, a command accepted,
    its failover settings changed, a port shut or opened), and the requests of the EXEC
    commands failover carries out (`write standby`, `failover active`, `failover reset`,
    `failover reload-standby`, `failover exec`)."""

    def unit_booted(self, unit: U_in) -> None: ...
    def unit_down(self, unit: U_in) -> None: ...
    def after_command(self, cmd: C_in) -> None: ...
    def config_changed(self, unit: U_in) -> None: ...
    def failover_toggled(self, cmd: C_in) -> None: ...
    def interfaces_changed(self, unit: U_in) -> None: ...
    def write_standby(self, cmd: C_in) -> None: ...
    def force_active(self, cmd: C_in, gid: int | None, active: bool) -> None: ...
    def reset(self, cmd: C_in, gid: int | None) -> None: ...
    def reload_standby(self, cmd: C_in) -> None: ...
    def exec_remote(self, cmd: C_in, target: str, line: str) -> None: ...


class TrafficHooks(Protocol[U_in]):
    """What the lab's traffic engine offers a unit's `show interface`."""

    def if_counters(self, unit: U_in, ctx: str, ifname: str) -> IfCounters: ...
    def phys_counters(self, unit: U_in) -> dict[str, IfCounters]: ...
    def hosts(self, unit: U_in, ctx: str) -> list[tuple[str, str, int]]: ...
    def counts(self, unit: U_in, ctx: str) -> tuple[int, int]: ...



@dataclass
class IfCounters:
    """What one context interface saw (Traffic Statistics and ASR lines of `show interface`)."""

    packets_in: int = 0
    bytes_in: int = 0
    packets_out: int = 0
    bytes_out: int = 0
    dropped: int = 0
    asr_received: int = 0
    asr_transmitted: int = 0
    asr_dropped: int = 0
    blocked: int = 0          # through-the-device packets a management-only interface refused

    def add(self, other: IfCounters) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))
