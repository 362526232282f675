"""Password guessing: the ASA's `aaa local authentication attempts max-fail` (privilege 15
exempt) and, on top, the emulator's own brake (frontends/line/throttle.py): after a failed login the
next attempt of the same (source address, user) waits, longer after each failure and bounded,
on the SSH ports, the lab-control port and the telnet consoles.  Real clients (asyncssh, a raw
telnet socket); the throttle's clock and sleep are the test's, so the waits are exact."""

from __future__ import annotations

import asyncio

from asa_emulator.frontends.line.throttle import MAX_DELAY_S, LoginThrottle, delay_after
from asa_emulator.frontends.server import LabServer, start_server
from asa_emulator.frontends.ssh.sshlib import asyncssh
from asa_emulator.lab.lab import Lab
from tests.support.telnet import RawClient


class VirtualTime:
    """The throttle's wall clock: a sleep moves it and is recorded."""

    def __init__(self) -> None:
        self.t = 1000.0
        self.waits: list[float] = []

    def now(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.t += seconds


def lab_with_users(max_fail: int = 16) -> Lab:
    lab = Lab.load("example")
    lab.settle()
    console = lab.console("primary")
    for line in ("enable", "", "changeto context admin", "configure terminal",
                 "username bob password secret privilege 3",
                 f"aaa local authentication attempts max-fail {max_fail}",
                 "aaa authentication serial console LOCAL", "end", "changeto system", "disable"):
        console.execute(line)
    return lab


async def logs_in(port: int, user: str, password: str, source: str = "127.0.0.1") -> bool:
    try:
        async with asyncssh.connect("127.0.0.1", port, username=user, password=password,
                                    known_hosts=None, client_keys=None, preferred_auth="password",
                                    local_addr=(source, 0)):
            return True
    except asyncssh.PermissionDenied:
        return False


def serve(lab: Lab, time: VirtualTime, use):  # type: ignore[no-untyped-def]
    async def main():  # type: ignore[no-untyped-def]
        server = await start_server(lab, "127.0.0.1", 0, control=True, console_port=0,
                                    throttle=LoginThrottle(time.now, time.sleep))
        try:
            return await use(server)
        finally:
            await server.close()
    return asyncio.run(main())


def test_the_delay_doubles_from_one_second_and_is_bounded() -> None:
    assert [delay_after(n) for n in range(7)] == [0, 1, 2, 4, 8, 16, 16]
    assert delay_after(1000) == MAX_DELAY_S


def test_a_trainees_wrong_passwords_slow_that_trainee_only() -> None:
    time = VirtualTime()

    async def use(server: LabServer) -> list[object]:
        port = server.ports["primary"]
        seen: list[object] = []
        seen.append([await logs_in(port, "bob", "x") for _ in range(2)])
        seen.append(list(time.waits))                       # the second attempt waited 1 s
        seen.append(await logs_in(port, "admin", "cisco"))  # another user: no wait
        seen.append(await logs_in(port, "bob", "y", source="127.0.0.2"))   # another address
        seen.append(list(time.waits))
        seen.append(await logs_in(port, "bob", "secret"))   # waits 2 s, then gets in
        seen.append(await logs_in(port, "bob", "z"))        # the success cleared the count
        seen.append(list(time.waits))
        return seen

    assert serve(lab_with_users(), time, use) == [
        [False, False], [1.0], True, False, [1.0], True, False, [1.0, 2.0]]


def test_max_fail_locks_a_user_but_never_privilege_15() -> None:
    time = VirtualTime()
    lab = lab_with_users(max_fail=3)

    async def use(server: LabServer) -> list[bool]:
        port = server.ports["primary"]
        bob = [await logs_in(port, "bob", p) for p in ("a", "b", "c", "secret")]
        admin = [await logs_in(port, "admin", p) for p in ("a", "b", "c", "cisco")]
        return bob + admin

    assert serve(lab, time, use) == [False, False, False, False, False, False, False, True]
    console = lab.console("primary")
    for line in ("enable", "", "changeto context admin"):
        console.execute(line)
    assert console.execute("show aaa local user locked") == [
        "Lock-time Failed-attempts Locked  User",
        "        -               3      Y  bob"]
    assert time.waits == [1.0, 2.0, 4.0, 1.0, 2.0, 4.0]
    # fail-attempts resets the count and leaves the lock; lockout unlocks
    assert console.execute("clear aaa local user fail-attempts username bob") == []
    assert console.execute("show aaa local user") == [
        "Lock-time Failed-attempts Locked  User",
        "        -               0      N  admin",
        "        -               0      Y  bob"]
    assert console.execute("clear aaa local user lockout all") == []
    assert console.execute("show aaa local user locked") == []
    assert serve(lab, time, lambda server: logs_in(server.ports["primary"], "bob", "secret")) is True


def test_the_console_and_the_control_port_are_throttled_too() -> None:
    time = VirtualTime()

    async def use(server: LabServer) -> list[object]:
        client = await RawClient.connect(server.console_ports["primary"])
        await client.expect(b"Username: ")
        for password in (b"x", b"y", b"secret"):
            client.send(b"bob\r\n")
            await client.expect(b"Password: ")
            client.send(password + b"\r\n")
            await client.expect(b"Username: " if password != b"secret" else b"primary> ")
        await client.close()
        console_waits = list(time.waits)
        assert server.control_port is not None
        control = [await logs_in(server.control_port, "lab", p) for p in ("admin", "lab")]
        return [console_waits, control, time.waits[len(console_waits):]]

    assert serve(lab_with_users(), time, use) == [[1.0, 2.0], [False, True], [1.0]]


def test_enable_passwords_inside_a_session_are_throttled_too() -> None:
    """`enable` (and `login`) inside an SSH session or on a console: a wrong answer slows the
    next one of the same address and user, as a failed login does."""
    time = VirtualTime()

    async def use(server: LabServer) -> list[object]:
        async with asyncssh.connect("127.0.0.1", server.ports["primary"], username="bob",
                                    password="secret", known_hosts=None, client_keys=None) as conn:
            process = await conn.create_process(term_type="vt100")
            await process.stdout.readuntil("> ")
            replies = []
            for password in ("x", "y", "cisco"):
                process.stdin.write("enable\r")
                await process.stdout.readuntil("Password: ")
                process.stdin.write(password + "\r")
                replies.append(await process.stdout.readuntil(("> ", "# ")))
            process.close()
        return [[r.splitlines()[-2:] for r in replies], list(time.waits)]

    replies, waits = serve(lab_with_users(), time, use)
    assert replies == [["Invalid password", "primary/admin> "], ["Invalid password", "primary/admin> "],
                       ["", "primary/admin# "]]
    assert waits == [1.0, 2.0]
