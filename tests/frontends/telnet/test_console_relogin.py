"""A console login never inherits the previous user's session: each login starts at user EXEC
(`>`), as a real console does without `auto-enable`, over a telnet console (`serve --console`)."""

from __future__ import annotations

from asa_emulator.frontends.server import LabServer
from asa_emulator.lab.lab import Lab
from tests.support.ssh import with_consoles
from tests.support.telnet import RawClient


def lab_with_a_trainee() -> Lab:
    lab = Lab.load("example")
    lab.settle()
    console = lab.console("primary")
    for line in ("enable", "", "changeto context admin", "configure terminal",
                 "username student password student privilege 1",
                 "aaa authentication serial console LOCAL", "end", "changeto system", "disable"):
        console.execute(line)
    return lab


async def login(port: int, user: str, password: str) -> tuple[RawClient, bytes]:
    client = await RawClient.connect(port)
    await client.expect(b"Username: ")
    client.send(user.encode() + b"\r\n")
    await client.expect(b"Password: ")
    client.send(password.encode() + b"\r\n")
    return client, await client.expect(b"> ")


def test_a_login_after_an_administrator_left_in_configuration_mode_starts_at_user_exec() -> None:
    async def use(server: LabServer) -> list[bytes]:
        port = server.console_ports["primary"]
        admin, _ = await login(port, "admin", "cisco")
        admin.send(b"enable\r\n")
        await admin.expect(b"Password: ")
        admin.send(b"\r\nchangeto context ctx1\r\nconfigure terminal\r\n")
        await admin.expect(b"primary/ctx1(config)# ")
        await admin.close()                 # gone without `exit`: the session is left behind

        trainee, prompt = await login(port, "student", "student")
        seen = [prompt]
        trainee.send(b"show curpriv\r\n")
        seen.append(await trainee.expect(b"primary> "))
        trainee.send(b"configure terminal\r\n")
        seen.append(await trainee.expect(b"primary> "))
        trainee.send(b"exit\r\n")           # logout ends the session: the next user logs in
        seen.append(await trainee.expect(b"Username: "))
        await trainee.close()
        return seen

    seen = with_consoles(lab_with_a_trainee(), use)
    assert seen[0] == b"\r\nprimary> "
    assert b"\r\nCurrent privilege level : 1\r\nCurrent Mode/s : P_UNPR\r\n" in seen[1]
    assert b"ERROR: % Invalid input detected at '^' marker." in seen[2]
    assert seen[3].endswith(b"\r\nLogoff\r\n\r\nType help or '?' for a list of available commands.\r\n"
                            b"Username: ")

