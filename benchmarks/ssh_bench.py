"""SSH round trip of `show failover`: netmiko (cisco_asa) against the emulator on loopback."""

from __future__ import annotations

import asyncio
import threading
import time

from asa_emulator.lab.lab import Lab
from asa_emulator.terminal.ssh import start_server


def _serve(lab: Lab) -> dict[str, int]:
    ports: dict[str, int] = {}
    ready = threading.Event()

    def run() -> None:
        async def main() -> None:
            srv = await start_server(lab, "127.0.0.1", 0)
            ports.update(srv.ports)
            ready.set()
            await srv.serve_forever()
        asyncio.run(main())
    threading.Thread(target=run, daemon=True).start()
    ready.wait(10)
    return ports


def ssh_round_trip(n: int = 20) -> tuple[float, float]:
    """(netmiko send_command as used by default, netmiko with expect_string): seconds each."""
    from netmiko import ConnectHandler
    lab = Lab.load("example")
    lab.settle()
    ports = _serve(lab)
    conn = ConnectHandler(device_type="cisco_asa", host="127.0.0.1", port=ports["primary"],
                          username="admin", password="cisco", secret="cisco")   # the example lab's login
    conn.enable()
    conn.send_command("show failover")
    t0 = time.perf_counter()
    for _ in range(n):
        conn.send_command("show failover")
    default = (time.perf_counter() - t0) / n
    t0 = time.perf_counter()
    for _ in range(n):
        conn.send_command("show failover", expect_string=r"#\s*$", cmd_verify=False)
    tuned = (time.perf_counter() - t0) / n
    conn.disconnect()
    return default, tuned
