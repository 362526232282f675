"""SSH round trips against `asa-emulator serve --lab example` in a child process (its own
interpreter, as a user runs it: the client's work does not share the server's GIL).

Three clients on an already-open connection, `show curpriv` (short output: the figures are the
SSH path, not a show command's rendering), and the bare channel again while another client
filters a 5,000-entry access list without pause (`show running-config | include`):
- the server's own reply: a bare asyncssh channel, from writing the line to reading the prompt;
- scrapli (scrapli-community `cisco_asa`, asyncssh transport), `send_command`;
- netmiko (`cisco_asa`), `send_command` as used by default and tuned (expect_string,
  cmd_verify=False);
and the server's own reply again while each attack of a shared server runs: a login flood from
another address (bare TCP connections from 127.0.0.2 at 50 a second, held open:
frontends/ssh/admission.py refuses those past its per-address bound), ten password guessers at
once from 127.0.0.2 (frontends/line/throttle.py), and `@wait 720h` with the failover link down
over and over on the lab-control port (waits sliced by work, lab/clock).
"""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
COMMAND = "show curpriv"
LOGIN = {"username": "admin", "password": "cisco", "secret": "cisco"}   # the example lab's
PROMPT = "# "
# netmiko's send_command sleeps this long before its first read when it does not wait for the
# echo (cmd_verify=False): the floor of any reply through it (netmiko 4.x, base_connection.py)
NETMIKO_LOOP_DELAY = 0.025
EXPECTED = "Current privilege level : 15"   # what `show curpriv` prints enabled


_PORTS: dict[str, int] = {}     # the last served lab's ports, from its ready line


@contextmanager
def _served(lab: str = "example", *extra: str) -> Iterator[int]:
    """The primary unit's SSH port of a child `serve` of the lab (the example by default);
    every port of its ready line is in `_PORTS` (free ports are not consecutive: the control
    port is `_PORTS["control"]`, not the primary's + 2)."""
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "ASA_EMULATOR_DATA": data, "PYTHONUNBUFFERED": "1"}
        proc = subprocess.Popen([sys.executable, "-m", "asa_emulator", "serve", "--lab", lab,
                                 "--port", "0", *extra], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            assert proc.stdout is not None
            for line in proc.stdout:
                if line.startswith("ready "):     # ready primary=P secondary=S control=C ...
                    _PORTS.clear()
                    _PORTS.update((k, int(v)) for k, _, v in (f.partition("=") for f in line.split()[1:]))
                    yield _PORTS["primary"]
                    break
            else:
                raise RuntimeError("asa-emulator serve ended before it was ready")
        finally:
            proc.terminate()
            proc.wait(20)


def _stats(seconds: list[float]) -> tuple[float, float]:
    """(median, p99) in seconds."""
    s = sorted(seconds)
    return statistics.median(s), s[min(len(s) - 1, int(len(s) * 0.99))]


async def _timed_async(n: int, call: Callable[[], Awaitable[str]]) -> list[float]:
    first = await call()    # warm: the line's parse, the client's first-use costs
    assert EXPECTED in first, f"{COMMAND!r} gave {first!r}"   # the time is of a real reply
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        await call()
        out.append(time.perf_counter() - t0)
    return out


Line = Callable[..., Awaitable[str]]


@asynccontextmanager
async def _enabled(port: int) -> AsyncIterator[Line]:
    """A bare asyncssh channel at the enabled prompt, pager off; a function that types a
    line and reads until the prompt comes back."""
    from asa_emulator.frontends.ssh.sshlib import asyncssh

    async with asyncssh.connect("127.0.0.1", port, username=LOGIN["username"],
                                password=LOGIN["password"], known_hosts=None) as conn:
        proc = await conn.create_process(term_type="vt100")

        async def until(end: str) -> str:
            seen = ""
            while not seen.endswith(end):
                seen += await proc.stdout.read(65536)
            return seen

        async def line(text: str, end: str = PROMPT) -> str:
            proc.stdin.write(text + "\r")
            return await until(end)
        await until("> ")                  # the banner and the first prompt
        await line("enable", "Password: ")
        await line(LOGIN["secret"])
        await line("terminal pager 0")
        yield line


def raw_reply(port: int, n: int) -> tuple[float, float]:
    """A bare asyncssh channel: write the command line, read until the prompt comes back."""
    async def main() -> list[float]:
        async with _enabled(port) as line:
            return await _timed_async(n, lambda: line(COMMAND))

    return _stats(asyncio.run(main()))


ACL_ENTRIES = 5000
# a plain word and a pattern that costs RE2 its DFA: the cheap and the dear filter
BIG_FILTERS = ("show running-config | include eq 4999",
               "show running-config | include ((.{0,30}){0,30})eq 4999$")


def acl_lab(folder: Path) -> str:
    """The example lab with an access list of ACL_ENTRIES entries in the admin context."""
    lab = folder / "bigacl"
    subprocess.run([sys.executable, "-m", "asa_emulator", "init", str(lab)], check=True,
                   capture_output=True, cwd=ROOT)
    with (lab / "primary" / "admin.cfg").open("a") as f:
        for i in range(ACL_ENTRIES):
            f.write(f"access-list big extended permit tcp host 10.{i // 250}.{i % 250}.1 "
                    f"any eq {1000 + i}\n")
    return str(lab)


def reply_under_filter(port: int, n: int) -> tuple[float, float]:
    """A second client's reply while a first client types the BIG_FILTERS over and over."""
    async def main() -> list[float]:
        async with _enabled(port) as first, _enabled(port) as second:
            done = False

            async def flood() -> int:
                shows = 0
                while not done:
                    await first(BIG_FILTERS[shows % len(BIG_FILTERS)])
                    shows += 1
                return shows
            task = asyncio.ensure_future(flood())
            try:
                return await _timed_async(n, lambda: second(COMMAND))
            finally:
                done = True
                await task

    return _stats(asyncio.run(main()))


def scrapli_reply(port: int, n: int) -> tuple[float, float]:
    from scrapli import AsyncScrapli
    device: dict[str, Any] = dict(
        host="127.0.0.1", port=port, auth_username=LOGIN["username"],
        auth_password=LOGIN["password"], auth_secondary=LOGIN["secret"], auth_strict_key=False,
        platform="cisco_asa", transport="asyncssh", ssh_config_file=False)

    async def main() -> list[float]:
        async with AsyncScrapli(**device) as conn:
            async def call() -> str:
                reply = await conn.send_command(COMMAND)
                assert not reply.failed
                return reply.result
            return await _timed_async(n, call)
    return _stats(asyncio.run(main()))


def netmiko_reply(port: int, n: int) -> dict[str, tuple[float, float]]:
    from netmiko import ConnectHandler
    conn = ConnectHandler(device_type="cisco_asa", host="127.0.0.1", port=port, **LOGIN)
    conn.enable()
    calls: dict[str, Callable[[], str]] = {
        "default": lambda: str(conn.send_command(COMMAND)),
        "tuned": lambda: str(conn.send_command(COMMAND, expect_string=r"#\s*$", cmd_verify=False))}
    got: dict[str, tuple[float, float]] = {}
    for name, call in calls.items():
        assert EXPECTED in call(), f"netmiko {name}: no reply to {COMMAND!r}"
        times = []
        for _ in range(n):
            t0 = time.perf_counter()
            call()
            times.append(time.perf_counter() - t0)
        got[name] = _stats(times)
    conn.disconnect()
    return got


FLOOD_FROM, FLOOD_PER_S = "127.0.0.2", 50


@contextmanager
def _login_flood(port: int) -> Iterator[None]:
    """Bare connections to `port` from FLOOD_FROM, FLOOD_PER_S a second, held until the end."""
    stop = threading.Event()
    held: list[socket.socket] = []

    def flood() -> None:
        while not stop.wait(1 / FLOOD_PER_S):
            sock = socket.socket()
            try:
                sock.bind((FLOOD_FROM, 0))
                sock.connect(("127.0.0.1", port))
            except OSError:
                sock.close()
                continue
            held.append(sock)

    thread = threading.Thread(target=flood, daemon=True)
    thread.start()
    try:
        time.sleep(2)           # past the per-address bound before the client measures
        yield
    finally:
        stop.set()
        thread.join()
        for sock in held:
            sock.close()


@contextmanager
def _attack(coro: Callable[[], Awaitable[None]]) -> Iterator[None]:
    """Run `coro` over and over in a thread of its own (its own event loop) until the end."""
    stop = threading.Event()
    failed: list[BaseException] = []

    def loop() -> None:
        async def main() -> None:
            while not stop.is_set():
                try:
                    await coro()
                except OSError:
                    if not stop.is_set():   # the server going away at the end is no finding
                        raise
        try:
            asyncio.run(main())
        except BaseException as exc:    # a figure measured without its load is no figure
            failed.append(exc)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        time.sleep(1)
        yield
    finally:
        stop.set()
        thread.join(30)
    if failed:
        raise RuntimeError(f"the load under which the figure was taken failed: {failed[0]!r}")


def _guess(port: int, guessers: int = 10) -> Callable[[], Awaitable[None]]:
    """`guessers` wrong passwords for admin at once from FLOOD_FROM (terminal/throttle.py delays
    each address and user after a failure)."""
    from asa_emulator.frontends.ssh.sshlib import asyncssh

    async def one() -> None:
        try:
            async with asyncssh.connect("127.0.0.1", port, username="admin", password="guess",
                                        local_addr=(FLOOD_FROM, 0), known_hosts=None,
                                        client_keys=None, login_timeout=30):
                pass
        except (OSError, asyncssh.Error):
            pass

    async def many() -> None:
        await asyncio.gather(*(one() for _ in range(guessers)))
    return many


def _long_waits(control: int) -> Callable[[], Awaitable[None]]:
    """`@wait 720h` on the lab-control port with the failover link down, again and again."""
    from asa_emulator.frontends.ssh.sshlib import asyncssh

    async def waits() -> None:
        async with asyncssh.connect("127.0.0.1", control, username="lab", password="lab",
                                    known_hosts=None, client_keys=None) as conn:
            await conn.run("@failover-link down")
            for _ in range(20):
                await conn.run("@wait 720h")
    return waits


def ssh_figures(n: int = 200, n_netmiko: int = 50) -> dict[str, tuple[float, float]]:
    """{client: (median, p99) seconds} on one served lab, clients one after the other."""
    with _served() as port:
        got = {"server": raw_reply(port, n), "scrapli": scrapli_reply(port, n)}
        with _login_flood(port):
            got["server, login flood"] = raw_reply(port, n)
        nm = netmiko_reply(port, n_netmiko)
    got["netmiko default"], got["netmiko tuned"] = nm["default"], nm["tuned"]
    with tempfile.TemporaryDirectory() as tmp, _served(acl_lab(Path(tmp))) as port:
        got["server, big filter running"] = reply_under_filter(port, n)
    with _served("example", "--lab-control") as port:
        with _attack(_guess(port)):
            got["server, password guessing"] = raw_reply(port, n)
        with _attack(_long_waits(_PORTS["control"])):
            got["server, control-port @wait 720h"] = raw_reply(port, n)
    return got


if __name__ == "__main__":
    for name, (med, p99) in ssh_figures().items():
        print(f"{name:16} median {med * 1000:7.2f} ms   p99 {p99 * 1000:7.2f} ms")
