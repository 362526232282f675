"""Which SSH connections the server takes: bounds that keep one client (or a flood from one
address) from taking the server away from a room of trainees.

The emulator's own protection, modelled on OpenSSH's `MaxStartups start:rate:full`,
`PerSourceMaxStartups` and `LoginGraceTime`:
- a connection still logging in counts against its source address (PER_SOURCE_STARTUPS) and
  the server (STARTUPS): past the per-source bound, or past `full`, a *new* connection is
  refused at once; between `start` and `full` it is refused with a probability rising from
  `rate` % to 100 % (random early drop, so that a flood from many addresses still lets some
  logins through).  A connection already in key exchange is never evicted; the SSH server's
  login timeout (the grace time) closes those that never finish;
- a connection that has logged in but has no session channel open counts against its (user,
  source address) and the server (IDLE_PER_USER, IDLE), and is closed after IDLE_S seconds
  without one (SSH sessions themselves are bounded by the units: 5 per context);
- every connection counts against a total taken from the process's descriptor limit
  (RLIMIT_NOFILE less RESERVED_FDS for the lab's files, listeners and the event loop).

Sized for a class: 50 trainees behind one NAT address logging in within the same minute all
fit under PER_SOURCE_STARTUPS, and a flood from another address cannot fill their slots.
"""

from __future__ import annotations

import random
import resource
from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import field
from typing import Any

from ...records import dataclass

PER_SOURCE_STARTUPS = 64       # connections logging in from one address (a class behind a NAT)
STARTUPS = (128, 30, 256)      # start:rate:full over the server, as OpenSSH's MaxStartups
IDLE_PER_USER = 32             # logged in, no session channel, per (user, address)
IDLE = 64                      # logged in, no session channel, over the server
IDLE_S = 30.0                  # a logged-in connection without a session channel is closed after
RESERVED_FDS = 64              # descriptors kept for everything but client connections
MIN_CONNECTIONS = 8


@dataclass
class Limits:
    per_source_startups: int = PER_SOURCE_STARTUPS
    startups: tuple[int, int, int] = STARTUPS
    idle_per_user: int = IDLE_PER_USER
    idle: int = IDLE
    idle_s: float = IDLE_S
    connections: int = 0           # 0: from the descriptor limit (descriptor_budget)


def descriptor_budget() -> int:
    """Client connections the process can hold: its soft RLIMIT_NOFILE less RESERVED_FDS."""
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        soft = 65_536
    return max(MIN_CONNECTIONS, soft - RESERVED_FDS)


@dataclass(eq=False)
class _Entry:
    source: str
    user: str = ""
    state: str = "login"           # login, idle (logged in, no session), active
    sessions: int = 0
    idle_since: float = 0.0


@dataclass
class Admission:
    """The bounds' bookkeeping; connections are any hashable key (the SSH connection)."""

    now: Callable[[], float]
    limits: Limits = field(default_factory=Limits)
    chance: Callable[[], float] = random.random      # random early drop (injectable for tests)
    # told when a connection starts its idle time: a watcher that sleeps until the next
    # expiry (next_expiry) sleeps again, shorter
    on_idle: Callable[[], None] = lambda: None
    _entries: dict[Hashable, _Entry] = field(default_factory=dict)
    _login: Counter[str] = field(default_factory=Counter)
    _idle: Counter[tuple[str, str]] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        if not self.limits.connections:
            self.limits.connections = descriptor_budget()

    @property
    def logging_in(self) -> int:
        return sum(self._login.values())

    @property
    def idle(self) -> int:
        return sum(self._idle.values())

    def admit(self, conn: Hashable, source: str) -> bool:
        """A new connection from `source`: False to refuse it (close it at once)."""
        lim = self.limits
        start, rate, full = lim.startups
        pending = self.logging_in
        if (len(self._entries) >= lim.connections or pending >= full
                or self._login[source] >= lim.per_source_startups):
            return False
        if pending >= start:
            # OpenSSH's random early drop: rate % at `start`, rising linearly to 100 % at `full`
            drop = rate + (100 - rate) * (pending - start) / max(1, full - start)
            if self.chance() * 100 < drop:
                return False
        self._entries[conn] = _Entry(source)
        self._login[source] += 1
        return True

    def logged_in(self, conn: Hashable, user: str) -> bool:
        """The connection authenticated as `user`: False when it is one too many without a
        session (close it)."""
        entry = self._entries.get(conn)
        if entry is None or entry.state != "login":
            return entry is not None
        self._leave(conn, entry)
        key = (user, entry.source)
        if self._idle[key] >= self.limits.idle_per_user or self.idle >= self.limits.idle:
            entry.state = "refused"     # counted nowhere; closed by the caller
            return False
        entry.user, entry.state, entry.idle_since = user, "idle", self.now()
        self._idle[key] += 1
        self.on_idle()
        return True

    def session_opened(self, conn: Hashable) -> None:
        entry = self._entries.get(conn)
        if entry is None or entry.state == "login":
            return
        if entry.state == "idle":
            self._leave(conn, entry)
            entry.state = "active"
        entry.sessions += 1

    def session_closed(self, conn: Hashable) -> None:
        """A session channel ended: with none left, the connection is idle again (and timed)."""
        entry = self._entries.get(conn)
        if entry is None or entry.state != "active":
            return
        entry.sessions -= 1
        if entry.sessions <= 0:
            entry.state, entry.idle_since = "idle", self.now()
            self._idle[(entry.user, entry.source)] += 1
            self.on_idle()

    def gone(self, conn: Hashable) -> None:
        entry = self._entries.pop(conn, None)
        if entry is not None:
            self._leave(conn, entry)

    def expired(self) -> list[Any]:
        """Logged-in connections without a session channel for limits.idle_s (to close)."""
        deadline = self.now() - self.limits.idle_s
        return [conn for conn, e in self._entries.items() if e.state == "idle" and e.idle_since <= deadline]

    def next_expiry(self) -> float | None:
        """When the next idle connection expires (the wall clock of `now`); None: none is idle."""
        times = [e.idle_since for e in self._entries.values() if e.state == "idle"]
        return min(times) + self.limits.idle_s if times else None

    def _leave(self, conn: Hashable, entry: _Entry) -> None:
        """Take the entry out of the counter of its state (it stays in _entries)."""
        if entry.state == "login":
            _decrement(self._login, entry.source)
        elif entry.state == "idle":
            _decrement(self._idle, (entry.user, entry.source))


def _decrement(counter: Counter, key: Hashable) -> None:  # type: ignore[type-arg]
    counter[key] -= 1
    if counter[key] <= 0:
        del counter[key]
