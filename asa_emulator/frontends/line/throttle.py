"""The emulator's own brake on password guessing (not an ASA feature: the ASA's is `aaa local
authentication attempts max-fail`, in the engine): after a failed login, the next attempt for
the same (source address, user name) waits, 1 s after the first failure, doubling with each
consecutive failure up to MAX_DELAY_S; attempts for one key are taken one at a time, so parallel
connections do not guess faster.  A success clears the key.

Keyed per source and user, so one trainee's typos slow down that trainee's next attempt only:
the rest of the room, behind the same NAT address or not, logs in at once.  Applies to the SSH
ports, the lab-control port and the telnet consoles (frontends/ssh/ssh.py, telnet.py), and to
the passwords typed inside a session (`enable`, `login`: SecretTurns).
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import field

from ...console import Console
from ...device.messages import BAD_PASSWORD
from ...records import dataclass
from .cli_session import run_line

BASE_DELAY_S = 1.0
MAX_DELAY_S = 16.0
FORGET_S = 600.0            # a key with no failure for this long is forgotten
MAX_KEYS = 4096             # bounded memory whatever the addresses and names tried


@dataclass(eq=False)
class _Key:
    failures: int = 0
    not_before: float = 0.0         # the next attempt waits until then (wall clock)
    last: float = 0.0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


def delay_after(failures: int) -> float:
    """The wait before the attempt that follows `failures` consecutive failures."""
    if failures <= 0:
        return 0.0
    return min(MAX_DELAY_S, BASE_DELAY_S * 2 ** min(failures - 1, 16))


@dataclass
class LoginThrottle:
    now: Callable[[], float]
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    _keys: OrderedDict[tuple[str, str], _Key] = field(default_factory=OrderedDict)

    async def attempt(self, source: str, user: str, check: Callable[[], Awaitable[bool]]) -> bool:
        """Run `check` (the password check) for `user` from `source` in its turn; its result."""
        key = (source, user)
        entry = self._entry(key)
        async with entry.lock:
            wait = entry.not_before - self.now()
            if wait > 0:
                await self.sleep(wait)
            ok = await check()
            now = self.now()
            if ok:
                entry.failures, entry.not_before = 0, 0.0
            else:
                entry.failures += 1
                entry.not_before = now + delay_after(entry.failures)
            entry.last = now
        if entry.failures == 0 and not entry.lock.locked() and self._keys.get(key) is entry:
            del self._keys[key]
        return ok

    def failures(self, source: str, user: str) -> int:
        entry = self._keys.get((source, user))
        return entry.failures if entry is not None else 0

    def _entry(self, key: tuple[str, str]) -> _Key:
        entry = self._keys.get(key)
        if entry is None:
            self._forget_old()
            entry = self._keys[key] = _Key(last=self.now())
        self._keys.move_to_end(key)
        return entry

    def _forget_old(self) -> None:
        """Drop keys idle past FORGET_S, and the least recent past MAX_KEYS (never one in use)."""
        cutoff = self.now() - FORGET_S
        for key, entry in list(self._keys.items()):
            crowded = len(self._keys) >= MAX_KEYS
            if not (crowded or entry.last < cutoff):
                break
            if not entry.lock.locked():
                del self._keys[key]


async def answer_secret(throttle: LoginThrottle, source: str, user: str,
                        run: Callable[[], list[str]]) -> list[str]:
    """Run a line that answers a password question (`enable`, `login`) in its turn; a reply
    of `Invalid password` counts as a failure."""
    out: list[str] = []

    async def check() -> bool:
        out.extend(run())
        return BAD_PASSWORD not in out
    await throttle.attempt(source, user, check)
    return out


class SecretTurns:
    """An SSH session's console whose password answers take their turn in the throttle (the
    rest is the console's own)."""

    def __init__(self, console: Console, throttle: LoginThrottle, source: str, user: str) -> None:
        self._console = console
        self._throttle = throttle
        self._source = source
        self._user = user

    @property
    def unit_name(self) -> str:
        return self._console.unit_name

    def prompt(self) -> str:
        return self._console.prompt()

    def execute(self, line: str) -> list[str]:
        return self._console.execute(line)

    def expects_secret(self) -> bool:
        return self._console.expects_secret()

    def help(self, line: str) -> list[str]:
        return self._console.help(line)

    def complete(self, line: str) -> list[str]:
        return self._console.complete(line)

    def pager_lines(self) -> int:
        return self._console.pager_lines()

    def take_messages(self) -> list[str]:
        return self._console.take_messages()

    def closed(self) -> bool:
        return self._console.closed()

    async def execute_async(self, line: str) -> list[str]:
        if not self._console.expects_secret():
            return await run_line(self._console, line)   # never bypass its chunked filter
        return await answer_secret(self._throttle, self._source, self._user,
                                   lambda: self._console.execute(line))
