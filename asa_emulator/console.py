"""What a front end (lab terminal, SSH server, script runner) sees of a unit's CLI.

The engine implements these protocols; front ends only render what they return.  Nothing here
does I/O or reads the wall clock.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from .records import dataclass

if TYPE_CHECKING:
    from .device.syslog import Datagram


@dataclass
class ControlAccount:
    """The lab-control port's own account (lab.toml's `[control]`): a user name and the salted
    hash of its password (asa_emulator/lab/account.py makes and checks the hash)."""

    username: str
    password_hash: str


@dataclass(frozen=True)
class UnitSummary:
    """One unit as the terminal's toolbar shows it."""

    name: str
    powered: bool
    up: bool
    states: tuple[str, ...]     # each failover group's state (Active/Active), or the unit's


@dataclass(frozen=True)
class LabSummary:
    """The running lab at a glance: the terminal's toolbar."""

    name: str
    clock: str                  # the virtual clock, `12:00:34 UTC Jun 12 2024`
    units: tuple[UnitSummary, ...]
    links: str                  # the failover link's state, `folink up`


class Console(Protocol):
    """One CLI session on one unit (its serial console, or one SSH connection)."""

    @property
    def unit_name(self) -> str:
        """The lab name of the unit this session runs on."""
        ...

    def prompt(self) -> str:
        """The prompt to print before the next line, e.g. `primary/admin(config)# `.

        While a question is pending it is the question itself (`Password: `,
        `Proceed with reload? [confirm]`)."""
        ...

    def execute(self, line: str) -> list[str]:
        """Run one typed line (or the answer to a pending question); return output lines."""
        ...

    def expects_secret(self) -> bool:
        """True when the next line is a password: a front end must not echo it."""
        ...

    def help(self, line: str) -> list[str]:
        """What `?` prints when typed after `line` (the line stays in the input buffer)."""
        ...

    def complete(self, line: str) -> list[str]:
        """Words the last (partial) word of `line` can complete to."""
        ...

    def pager_lines(self) -> int:
        """`terminal pager` value: lines per page, 0 for no paging."""
        ...

    def take_messages(self) -> list[str]:
        """Console messages (syslog-style, replication banners) printed since the last call."""
        ...

    def closed(self) -> bool:
        """True after `exit`/`quit`/`logout` from user EXEC (SSH closes the channel)."""
        ...


class LabHandle(Protocol):
    """The running lab as a front end drives it."""

    # the lab-control port's own account (lab.toml's [control]); None: the port admits nobody
    control_account: ControlAccount | None

    @property
    def unit_names(self) -> tuple[str, ...]: ...

    def console(self, unit: str) -> Console:
        """The unit's serial console session (one per unit, shared)."""
        ...

    def open_session(self, unit: str) -> Console:
        """A new session on the unit (SSH): own mode, no console messages."""
        ...

    def ssh_login(self, unit: str, username: str, password: str, client_ip: str) -> bool:
        """May `username` log in over SSH from `client_ip`?  Checked against the admin
        context's configuration (local users, `aaa authentication ssh console LOCAL`, `ssh`
        lines); a wrong password counts towards the user's lockout."""
        ...

    def ssh_open(self, unit: str, username: str, client_ip: str, encryption: str, hmac: str,
                 drop: Callable[[], None]) -> Console | None:
        """A new SSH session in the admin context, registered for `show ssh sessions`; None
        when the context already has the most SSH sessions it allows.  The engine calls `drop`
        to close the connection (the unit reloads)."""
        ...

    def ssh_close(self, console: Console) -> None:
        """The SSH session has ended (client gone, `exit`, timeout): unregister it."""
        ...

    def ssh_idle_timeout_s(self, unit: str) -> int:
        """The admin context's `ssh timeout`, in seconds (the front end counts wall-clock idle time)."""
        ...

    def console_idle_timeout_s(self, unit: str) -> int:
        """The system space's `console timeout`, in seconds; 0: never (the front end counts
        wall-clock idle time, as for `ssh timeout`)."""
        ...

    def console_timed_out(self, unit: str) -> None:
        """The serial console was idle for its `console timeout`: its session is logged off
        (back at the user prompt; the console prints the logoff lines)."""
        ...

    def console_login_required(self, unit: str) -> bool:
        """Does the unit's serial console ask for a login (`aaa authentication serial console
        LOCAL` in the admin context)?"""
        ...

    def console_login(self, unit: str, username: str, password: str) -> bool:
        """Is this the right console login (the admin context's local users)?  A wrong password
        counts towards the user's lockout; a right one starts a fresh console session at user
        EXEC (nothing of the previous user's mode or context is kept)."""
        ...

    def ssh_users(self, unit: str) -> list[str]:
        """The users who can log in over SSH now (for the server's exposure warning)."""
        ...

    def directive(self, line: str) -> list[str]:
        """Run an `@` directive; output lines.  Raises LabError on a bad directive."""
        ...

    def advance(self, ms: int) -> None:
        """Move the virtual clock forward, delivering events (real-time front ends)."""
        ...

    def advance_some(self, ms: int, events: int) -> int:
        """Move the virtual clock forward by at most `ms`, stopping once about `events`
        events ran; the milliseconds it moved.  A long `@wait` on a port shared with
        other users is a loop of these with the event loop's turns between."""
        ...

    def now_ms(self) -> int:
        """The virtual clock: milliseconds since the Unix epoch (UTC)."""
        ...

    def run_mark(self) -> int:
        """Where the virtual clock's runs stand: a real-time front end notes it when a command
        ran (anything may have changed), for `wake_in_ms`."""
        ...

    def wake_in_ms(self, mark: int) -> int | None:
        """Virtual milliseconds until the next event a real-time front end must wake for;
        None: none is scheduled.  Failover's polls count only until each running unit has
        polled after the command noted as `mark` (run_mark) and found nothing to change: they
        change nothing then until another event, and the run that catches up skips them."""
        ...

    def summary(self) -> LabSummary:
        """The lab at a glance (the terminal's toolbar)."""
        ...

    def unit_up(self, unit: str) -> bool:
        """Is the unit running (powered and booted)?  What a listener asks per connection:
        cheaper than `summary`, which reads every unit's group states."""
        ...

    def unsaved(self) -> list[str]:
        """The spaces whose configuration changed since the lab started and is not saved,
        as `unit: system, ctx1` (one entry per unit); leaving would lose them."""
        ...

    def take_syslog(self) -> list[Datagram]:
        """Syslog messages for `logging host` servers since the last call, in order; the front
        end sends them (asa_emulator/syslog_udp.py) or drops them (golden transcripts)."""
        ...
