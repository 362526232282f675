"""The SSH server, driven by netmiko (`cisco_asa`) and by a plain asyncssh client."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import socket

import pytest
from netmiko import ConnectHandler

from asa_emulator.frontends.server import LabServer, run_server, serve
from asa_emulator.frontends.ssh.sshlib import asyncssh
from tests.support.fakes import FakeLab
from tests.support.ssh import BANNER, with_server

LONG = [f"line {n}" for n in range(1, 31)]




# connect(port): a client connection on loopback, awaitable or `async with` (any login is accepted)
connect = functools.partial(
    asyncssh.connect, "127.0.0.1", username="u", password="p", known_hosts=None, client_keys=None
)


async def type_at(port: int, keys: str, *, pty: bool = True) -> tuple[str, int | None]:
    """Connect, type `keys` at once, read until the server closes; (all output, exit status)."""
    async with connect(port) as conn:
        process = await conn.create_process(term_type="vt100" if pty else None)
        process.stdin.write(keys)
        output = await process.stdout.read()
        await process.wait()
        return output, process.exit_status


def netmiko_session(port: int, secret: str) -> tuple[str, str, str]:
    with ConnectHandler(
        device_type="cisco_asa",
        host="127.0.0.1",
        port=port,
        username="u",
        password="p",
        secret=secret,
    ) as device:
        version, long = device.send_command("show version"), device.send_command("show long")
        assert isinstance(version, str) and isinstance(long, str)  # no TextFSM parsing asked for
        return device.find_prompt(), version, long


def test_netmiko_logs_in_prepares_the_session_and_sends_commands() -> None:
    lab = FakeLab()

    async def use(server: LabServer) -> tuple[str, str, str]:
        return await asyncio.to_thread(netmiko_session, server.ports["primary"], "")

    prompt, version, long = with_server(lab, use)
    assert lab.summaries == 0       # the listener asks unit_up, never every unit's group states
    assert prompt == "primary#"
    assert version == "out: show version"
    assert long == "\n".join(LONG)
    [session] = lab.sessions
    assert session.unit_name == "primary"
    assert session.pager == 0
    commands = [line for line in session.executed if line]
    # Without a secret netmiko reaches privileged EXEC with `login`; then the ASA preparation.
    assert commands[:9] == [
        "show curpriv",
        "login",
        "u",
        "p",
        "terminal pager 0",
        "configure terminal",
        "terminal width 511",
        "end",
        "show version",
    ]


def test_netmiko_enable_with_a_secret() -> None:
    lab = FakeLab()

    async def use(server: LabServer) -> tuple[str, str, str]:
        return await asyncio.to_thread(netmiko_session, server.ports["secondary"], "cisco")

    prompt, version, _ = with_server(lab, use)
    assert (prompt, version) == ("secondary#", "out: show version")
    [session] = lab.sessions
    assert session.unit_name == "secondary"
    assert [line for line in session.executed if line][:3] == ["show curpriv", "enable", "cisco"]


def test_echo_editing_help_completion_password_and_exit() -> None:
    lab = FakeLab()
    keys = (
        "shox\x7fw ?"  # backspace, then `?` at once
        "ver\r"
        "reload\x03"  # Ctrl-C abandons the line
        "enable\rs?cret\r"  # the password is not echoed, `?` is part of it
        "sho\tver\t\r"  # Tab completes
        "s\t\x15"  # Tab lists ambiguous words; Ctrl-U erases the line
        "configure terminal\r\x1a\x1a"  # Ctrl-Z runs `end` in a configuration mode only
        "exit\r"
    )

    async def use(server: LabServer) -> tuple[str, int | None]:
        return await type_at(server.ports["primary"], keys)

    output, status = with_server(lab, use)
    assert output == (
        BANNER + "primary> shox\b \bw ?\r\n"
        "  help for 'show '\r\n"
        "  <cr>\r\n"
        "primary> show ver\r\n"
        "out: show ver\r\n"
        "primary> reload\r\n"
        "primary> enable\r\n"
        "Password: \r\n"
        "primary# show version \r\n"
        "out: show version \r\n"
        "primary# s\r\n"
        "show  shun  ssh\r\n"
        "primary# s\b \bconfigure terminal\r\n"
        "primary(config)# ^Z\r\n"
        "primary# exit\r\n"
        "Logoff\r\n"
    )
    assert status == 0
    assert lab.sessions[0].executed == [
        "show ver",
        "enable",
        "s?cret",
        "show version ",
        "configure terminal",
        "end",
        "exit",
    ]


def test_pager_and_crlf_without_a_pty() -> None:
    lab = FakeLab()
    more, erase = "<--- More --->", "\r" + " " * 14 + "\r"

    async def use(server: LabServer) -> tuple[str, int | None]:
        return await type_at(server.ports["secondary"], "show long\r\n show long\n\r\nq\r\nexit\n", pty=False)

    output, status = with_server(lab, use)
    page = "".join(line + "\r\n" for line in LONG[:24])
    assert output == (
        BANNER
        + "secondary> show long\r\n"
        + page
        + more
        + erase
        + "".join(line + "\r\n" for line in LONG[24:])
        + "secondary> show long\r\n"
        + page
        + more
        + erase
        + "line 25\r\n"
        + more
        + erase
        + "secondary> \r\n"  # the LF of CRLF is not a second Enter; "\r\n" after q is one
        + "secondary> exit\r\nLogoff\r\n"
    )
    assert status == 0


def test_exec_request_runs_one_command() -> None:
    lab = FakeLab()

    async def use(server: LabServer) -> asyncssh.SSHCompletedProcess:
        async with connect(server.ports["primary"]) as conn:
            return await conn.run("show version")

    result = with_server(lab, use)
    assert (result.stdout, result.exit_status) == ("out: show version\r\n", 0)


def test_closing_the_server_ends_open_sessions() -> None:
    lab = FakeLab()

    async def use(server: LabServer) -> str:
        conn = await connect(server.ports["primary"])
        process = await conn.create_process()
        greeting = await process.stdout.readuntil("primary> ")
        await server.close()
        await conn.wait_closed()
        return greeting

    assert with_server(lab, use) == BANNER + "primary> "


def test_serve_listens_on_a_port_per_unit_until_cancelled() -> None:
    lab = FakeLab()

    async def main() -> dict[str, int]:
        listening: asyncio.Future[LabServer] = asyncio.get_running_loop().create_future()
        task = asyncio.create_task(serve(lab, "127.0.0.1", 0, listening.set_result))
        ports = (await listening).ports
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        return ports

    ports = asyncio.run(main())
    assert list(ports) == ["primary", "secondary"]
    assert ports["primary"] != ports["secondary"]


def test_run_server_reports_a_busy_port(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert run_server(FakeLab(), "127.0.0.1", port) == 2
    assert (
        capsys.readouterr().err
        == f"asa-emulator: cannot listen on 127.0.0.1 port {port}: Address already in use\n"
    )
