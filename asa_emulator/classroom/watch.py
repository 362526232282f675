"""The classroom server's one timer outside the labs: connections that logged in and opened
no session are closed after admission's idle time (admission.py).

It sleeps until the next such expiry, and not at all while no connection is idle: a class
nobody is connected to makes no wake-up (idle labs use no CPU).  Admission tells it when a
connection starts its idle time.  A console's `console timeout` is the lab clock's business
(room.py): that clock runs only while a console is attached."""

from __future__ import annotations

import asyncio
import contextlib

from ..frontends.ssh import ssh


class IdleWatch:
    def __init__(self, state: ssh.SshState) -> None:
        self._state = state
        self._changed = asyncio.Event()
        state.admission.on_idle = self._changed.set

    async def run(self) -> None:
        while True:
            expiry = self._state.admission.next_expiry()
            wait = None if expiry is None else max(0.0, expiry - self._state.now())
            # a new idle connection (an earlier expiry, maybe) ends the wait too
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), wait)
            self._changed.clear()
            ssh.close_idle(self._state)

