"""No client can take the SSH server from the others (frontends/ssh/admission.py, descriptors.py):
a flood of bare connections from one address, a class behind one NAT address, connections
that log in and open no session, and a server out of file descriptors.  The server is
`asa-emulator serve` in a child process; the clients are OpenSSH and asyncssh."""

from __future__ import annotations

import asyncio
import os
import resource
import signal
import socket
import subprocess
from collections.abc import Awaitable
from pathlib import Path

from asa_emulator.frontends.server import LabServer, start_server
from asa_emulator.frontends.ssh.admission import PER_SOURCE_STARTUPS, Admission, Limits
from asa_emulator.frontends.ssh.sshlib import asyncssh
from asa_emulator.lab.lab import Lab
from tests.support.probes import PYTHON, WAIT_S, openssh, parse_ready

FLOOD_FROM = "127.0.0.2"       # loopback is all of 127.0.0.0/8: a second source address
FLOOD_PER_S = 50


class Server:
    """`asa-emulator serve --port 0` in a child process, optionally with a descriptor limit."""

    def __init__(self, data: Path, nofile: int | None = None) -> None:
        def limit() -> None:
            if nofile is not None:
                resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, nofile))
        env = {**os.environ, "ASA_EMULATOR_DATA": str(data), "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen([PYTHON, "-m", "asa_emulator", "serve", "--port", "0"],
                                     env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     preexec_fn=limit)
        assert self.proc.stdout is not None
        while True:
            line = self.proc.stdout.readline().decode()
            assert line, "serve ended"
            if line.startswith("ready "):
                self.port = parse_ready(line)["primary"]
                break

    def stop(self) -> str:
        """Interrupt the server; its stderr."""
        self.proc.send_signal(signal.SIGINT)
        _, err = self.proc.communicate(timeout=WAIT_S)
        return err.decode()


def connect(port: int, **options: object) -> Awaitable[asyncssh.SSHClientConnection]:
    return asyncssh.connect("127.0.0.1", port, username="admin", password="cisco",  # type: ignore[return-value]
                            known_hosts=None, client_keys=None, preferred_auth="password", **options)


async def bare_connection(port: int, source: str) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setblocking(False)
    sock.bind((source, 0))
    await asyncio.get_running_loop().sock_connect(sock, ("127.0.0.1", port))
    return sock


async def answer(sock: socket.socket) -> bytes:
    """What the server says first on a bare connection: its version line, or b"" when it
    refused the connection (closed or reset it at once)."""
    loop = asyncio.get_running_loop()
    try:
        return await asyncio.wait_for(loop.sock_recv(sock, 256), WAIT_S)
    except ConnectionResetError:
        return b""


async def first_words(port: int) -> bytes:
    """The server's first words to a new connection from 127.0.0.1 (b"": refused)."""
    try:
        sock = await bare_connection(port, "127.0.0.1")
    except ConnectionResetError:
        return b""
    try:
        return await answer(sock)
    finally:
        sock.close()


async def still_open(sock: socket.socket) -> bool:
    """The server has not closed the connection: what it sent is read to the end, and no end
    of file follows."""
    await asyncio.sleep(0)
    while True:
        try:
            if sock.recv(65536) == b"":
                return False
        except BlockingIOError:
            return True
        except ConnectionResetError:
            return False


def test_a_login_from_another_address_gets_in_while_a_flood_runs(tmp_path: Path) -> None:
    server = Server(tmp_path / "data")

    async def main() -> tuple[list[bytes], bool, subprocess.CompletedProcess[bytes]]:
        flood: list[socket.socket] = []
        over_bound = asyncio.Event()

        async def run_flood() -> None:
            while True:
                flood.append(await bare_connection(server.port, FLOOD_FROM))
                if len(flood) > PER_SOURCE_STARTUPS + 10:
                    over_bound.set()
                await asyncio.sleep(1 / FLOOD_PER_S)

        task = asyncio.create_task(run_flood())
        try:
            await asyncio.wait_for(over_bound.wait(), WAIT_S * 2)
            # the flood goes on while OpenSSH logs in from 127.0.0.1
            login = await asyncio.to_thread(openssh, server.port, "admin", "cisco", tmp_path,
                                            "show curpriv")
        finally:
            task.cancel()
        first = [await answer(flood[0]), await answer(flood[PER_SOURCE_STARTUPS + 5])]
        oldest_open = await still_open(flood[0])
        for sock in flood:
            sock.close()
        return first, oldest_open, login

    try:
        first, oldest_open, login = asyncio.run(main())
    finally:
        server.stop()
    assert login.returncode == 0, login.stderr
    assert b"Username : admin\r\n" in login.stdout
    assert first[0].startswith(b"SSH-2.0-")      # the first connections were taken ...
    assert first[1] == b""                        # ... those past the per-address bound refused
    assert oldest_open                            # and the oldest never evicted for them


def test_fifty_trainees_behind_one_address_all_log_in(tmp_path: Path) -> None:
    """A class behind one NAT address logs in at once: two batches of 25 connections logging
    in together (more than a session limit allows: they log in and leave)."""
    server = Server(tmp_path / "data")

    async def batch() -> list[str]:
        conns = await asyncio.gather(*(connect(server.port) for _ in range(25)), return_exceptions=True)
        users = []
        for conn in conns:
            if isinstance(conn, BaseException):
                users.append(type(conn).__name__)
            else:
                users.append(str(conn.get_extra_info("username")))
                conn.close()
        return users

    async def main() -> list[str]:
        return [*await batch(), *await batch()]

    try:
        users = asyncio.run(main())
    finally:
        server.stop()
    assert users == ["admin"] * 50


def test_logged_in_connections_without_a_session_are_bounded_and_closed_in_time() -> None:
    lab = Lab.load("example")
    lab.settle()
    clock = [1000.0]
    admission = Admission(lambda: clock[0], Limits(idle_per_user=3, idle=5, idle_s=30))

    async def use(server: LabServer) -> tuple[str, list[str], str]:
        port = server.ports["primary"]
        held = [await connect(port) for _ in range(3)]
        lost: list[Exception | None] = []

        class Client(asyncssh.SSHClient):
            def connection_lost(self, exc: Exception | None) -> None:
                lost.append(exc)
        await (await connect(port, client_factory=Client)).wait_closed()
        fourth = lost[0].reason if isinstance(lost[0], asyncssh.DisconnectError) else repr(lost)
        clock[0] += 31                              # no session channel for 31 s
        for conn in held:
            await asyncio.wait_for(conn.wait_closed(), WAIT_S)
        reasons = ["closed" for conn in held]
        async with await connect(port) as conn:     # room again: a login with a session
            result = await conn.run("show curpriv")
        return fourth, reasons, str(result.stdout)

    async def main() -> tuple[str, list[str], str]:
        server = await start_server(lab, "127.0.0.1", 0, now=lambda: clock[0], watchdog_s=0.05,
                                    admission=admission)
        try:
            return await use(server)
        finally:
            await server.close()

    fourth, reasons, out = asyncio.run(main())
    assert fourth.startswith("Too many connections")
    assert reasons == ["closed"] * 3
    assert "Username : admin\r\n" in out
    assert admission.idle == 0 and admission.logging_in == 0


def open_descriptors(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


async def released(pid: int, below: int) -> None:
    """Wait until the server holds fewer than `below` descriptors (it closes a connection when
    it reads the client's end, which on a loaded machine may come after the next connect)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT_S
    while open_descriptors(pid) >= below:
        assert loop.time() < deadline, f"the server still holds {open_descriptors(pid)} descriptors"
        await asyncio.sleep(0.05)


async def login_once_room(port: int) -> str:
    """`show curpriv` over a login, tried again while the server still refuses it: a refused
    connect leaves nothing behind, and on a loaded machine the server may not yet have read
    every close when the descriptor count fell (the promise is "once the clients leave, a
    login gets in", not "at once")."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT_S
    while True:
        try:
            async with await connect(port) as conn:
                return str((await conn.run("show curpriv")).stdout)
        except (ConnectionResetError, asyncssh.ConnectionLost):
            if loop.time() > deadline:
                raise
            await asyncio.sleep(0.1)


def test_a_server_out_of_descriptors_refuses_connections_without_a_traceback(tmp_path: Path) -> None:
    """Limited to 100 descriptors, the server takes 36 connections (the other 64 descriptors
    are kept for itself) and refuses the others; then, with the limit lowered under what it
    holds, every accept fails for want of a descriptor: those connections are refused too,
    quietly.  Once the clients leave, a login gets in."""
    server = Server(tmp_path / "data", nofile=100)
    pid = server.proc.pid

    async def main() -> tuple[list[bool], list[bytes], str]:
        base = open_descriptors(pid)
        held: list[socket.socket] = []
        for i in range(100):       # two addresses: the per-address bound is not the one met
            held.append(await bare_connection(server.port, f"127.0.0.{2 + i % 2}"))
        taken = [(await answer(sock)).startswith(b"SSH-2.0-") for sock in held]
        limit = open_descriptors(pid)     # not one descriptor more than the server holds
        resource.prlimit(pid, resource.RLIMIT_NOFILE, (limit, 100))
        answers = [await first_words(server.port) for _ in range(5)]
        for sock in held:
            sock.close()
        resource.prlimit(pid, resource.RLIMIT_NOFILE, (100, 100))
        await released(pid, below=base + 1)   # a loaded machine: the server has seen them go
        return taken, answers, await login_once_room(server.port)

    try:
        taken, answers, out = asyncio.run(main())
    finally:
        err = server.stop()
    assert taken == [True] * 36 + [False] * 64
    assert answers == [b""] * 5
    assert "Traceback" not in err and err == ""
    assert "Username : admin\r\n" in out
