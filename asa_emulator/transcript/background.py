"""A lab's SSH server (units and lab-control port) on free loopback ports, run by an event loop
in a background thread: what the pytest fixture `asa_lab_ssh` starts (transcript/plugin.py).

The lab belongs to that loop: a test reaches it only through `directive` and `call`, which run
on the loop's thread, so the SSH sessions and the test never touch the lab at the same time.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import secrets
import threading
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from ..console import LabSummary
    from ..frontends.server import LabServer
    from ..lab.lab import Lab

HOST = "127.0.0.1"
START_TIMEOUT_S = 60.0      # loading, settling and listening; far more than it takes
CONTROL = "control"
T = TypeVar("T")


class BackgroundLab:
    """`BackgroundLab("example").start()`: the lab served until `stop()`.

    `netmiko[UNIT]` and `scrapli[UNIT]` are connection parameters for each unit's SSH port
    (`netmiko["control"]`, `scrapli["control"]` for the lab-control port, whose prompt is
    `lab> `, logged in with an account of its own: `control_username` and a random
    `control_password` set on the lab's copy in memory); `ports` maps unit names and "control"
    to ports."""

    def __init__(self, lab: str = "example", username: str = "admin", password: str = "cisco",
                 secret: str = "cisco") -> None:
        self.lab_name = lab
        self.username, self.password, self.secret = username, password, secret
        self.control_username, self.control_password = "lab", secrets.token_urlsafe(16)
        self.host = HOST
        self.ports: dict[str, int] = {}
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name=f"asa-lab-{lab}",
                                        daemon=True)
        self._lab: Lab | None = None
        self._server: LabServer | None = None

    # ------------------------------------------------------------------ life
    def start(self) -> BackgroundLab:
        self._thread.start()
        try:
            self._run(self._start(), START_TIMEOUT_S)
        except BaseException:
            self.stop()
            raise
        return self

    async def _start(self) -> None:
        from ..console import ControlAccount
        from ..frontends.server import start_server
        from ..lab.account import hash_password
        from ..lab.lab import Lab
        # a lab directory runs on a copy in memory: a test never changes it
        self._lab = Lab.load(self.lab_name, in_memory=True)
        self._lab.control_account = ControlAccount(self.control_username,
                                                   hash_password(self.control_password))
        self._lab.settle()
        self._server = await start_server(self._lab, HOST, 0, control=True)
        self.ports = dict(self._server.ports)
        assert self._server.control_port is not None
        self.ports[CONTROL] = self._server.control_port

    def stop(self) -> None:
        """Close every listener and session, then end the loop and its thread."""
        if self._thread.is_alive():
            if self._server is not None:
                self._run(self._server.close(), START_TIMEOUT_S)
                self._server = None
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(START_TIMEOUT_S)
        if not self._loop.is_running():
            self._loop.close()

    def __enter__(self) -> BackgroundLab:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------------ the lab, from the test
    def directive(self, line: str) -> list[str]:
        """Run an `@` directive (`@power off primary`, `@wait 30s`) on the loop's thread; its
        output lines.  Raises LabError (a ValueError) on a bad directive."""
        return self.call(lambda lab: lab.directive(line))

    def summary(self) -> LabSummary:
        """Units' power and group states, links, clock (as the terminal's toolbar)."""
        return self.call(lambda lab: lab.summary())

    def call(self, fn: Callable[[Lab], T]) -> T:
        """`fn(lab)` on the loop's thread, between two SSH events; its result."""
        async def run() -> T:
            assert self._lab is not None and self._server is not None
            # a line from outside the listeners: the real-time clock caught up and told, as
            # for a line typed (frontends/line/pace.py)
            self._server.pace.catch_up()
            try:
                return fn(self._lab)
            finally:
                self._server.pace.ran()
        return self._run(run(), START_TIMEOUT_S)

    def _run(self, coro: Coroutine[Any, Any, T], timeout: float) -> T:
        future = asyncio.run_coroutine_threadsafe(coro, self._loop)
        try:
            return future.result(timeout)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise

    # ------------------------------------------------------------------ connection parameters
    @property
    def netmiko(self) -> dict[str, dict[str, Any]]:
        """netmiko `ConnectHandler(**params)`: `cisco_asa` for the units, `generic` for the
        control port."""
        out: dict[str, dict[str, Any]] = {}
        for name, port in self.ports.items():
            out[name] = {"device_type": "cisco_asa", "host": self.host, "port": port,
                         "username": self.username, "password": self.password, "secret": self.secret}
            if name == CONTROL:
                out[name].update(device_type="generic", username=self.control_username,
                                 password=self.control_password, secret="")
        return out

    @property
    def scrapli(self) -> dict[str, dict[str, Any]]:
        """scrapli `AsyncScrapli(**params)` (scrapli-community's `cisco_asa`, asyncssh
        transport); the control port's are for `AsyncGenericDriver` (no platform)."""
        out: dict[str, dict[str, Any]] = {}
        for name, port in self.ports.items():
            params: dict[str, Any] = {
                "host": self.host, "port": port, "auth_username": self.username,
                "auth_password": self.password, "auth_secondary": self.secret,
                "auth_strict_key": False, "ssh_config_file": False, "transport": "asyncssh"}
            if name == CONTROL:
                params.pop("auth_secondary")
                params.update(auth_username=self.control_username, auth_password=self.control_password,
                              comms_prompt_pattern=r"^lab> ?$")
            else:
                params["platform"] = "cisco_asa"
            out[name] = params
        return out
