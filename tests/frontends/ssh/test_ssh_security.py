"""The SSH server on the example lab: logins as on a real ASA, limits, and no client able to
stall the others."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from netmiko import ConnectHandler

from asa_emulator.device import messages as msg
from asa_emulator.frontends.server import LabServer, exposure_warning
from asa_emulator.frontends.ssh.hostkey import host_key_path, load_or_create
from asa_emulator.frontends.ssh.sshlib import asyncssh
from asa_emulator.lab.lab import Lab
from tests.support.ssh import BANNER, with_server


def example_lab() -> Lab:
    lab = Lab.load("example")
    lab.settle()
    return lab




def connect(port: int, username: str = "admin", password: str = "cisco") -> asyncssh.SSHClientConnection:
    return asyncssh.connect(  # type: ignore[return-value]
        "127.0.0.1", port, username=username, password=password, known_hosts=None, client_keys=None,
        preferred_auth="password",
    )


async def shell(conn: asyncssh.SSHClientConnection) -> asyncssh.SSHClientProcess[str]:
    process = await conn.create_process(term_type="vt100")
    await process.stdout.readuntil("> ")
    return process


async def run_line(process: asyncssh.SSHClientProcess[str], line: str, prompt: str) -> str:
    process.stdin.write(line + "\r")
    return await process.stdout.readuntil(prompt)


async def refused(port: int, username: str, password: str) -> bool:
    try:
        async with connect(port, username, password):
            return False
    except asyncssh.PermissionDenied:
        return True


def test_a_session_enters_the_admin_context_and_can_change_to_the_system() -> None:
    async def use(server: LabServer) -> list[str]:
        async with connect(server.ports["primary"]) as conn:
            process = await conn.create_process(term_type="vt100")
            first = await process.stdout.readuntil("> ")
            out = [first]
            out.append(await run_line(process, "enable", "Password: "))
            out.append(await run_line(process, "cisco", "# "))
            out.append(await run_line(process, "changeto system", "# "))
            out.append(await run_line(process, "show curpriv", "# "))
            return out

    out = with_server(example_lab(), use)
    assert out[0] == BANNER + "primary/admin> "
    assert out[2].endswith("primary/admin# ")
    assert out[3].endswith("\r\nprimary# ")
    assert "Current privilege level : 15" in out[4]


def test_wrong_passwords_unknown_users_and_a_wrong_enable_password_are_refused() -> None:
    async def use(server: LabServer) -> tuple[bool, bool, str]:
        port = server.ports["primary"]
        wrong, unknown = await refused(port, "admin", "nope"), await refused(port, "mallory", "cisco")
        async with connect(port) as conn:
            process = await shell(conn)
            await run_line(process, "enable", "Password: ")
            reply = await run_line(process, "wrong", "> ")
        return wrong, unknown, reply

    wrong, unknown, reply = with_server(example_lab(), use)
    assert wrong and unknown
    assert reply == "\r\nInvalid password\r\nprimary/admin> "


def test_logins_need_aaa_an_ssh_line_and_a_named_interface() -> None:
    lab = example_lab()
    admin = lab.unit("primary").ctx["admin"]

    async def use(server: LabServer) -> list[bool]:
        port = server.ports["primary"]
        results = []
        admin.aaa_ssh_local = False                         # since 8.4(2): no aaa, no SSH
        results.append(await refused(port, "admin", "cisco"))
        admin.aaa_ssh_local = True
        admin.ssh_access[0].address, admin.ssh_access[0].mask = "10.1.0.0", "255.255.255.0"
        results.append(await refused(port, "admin", "cisco"))   # 127.0.0.1 not covered
        admin.ssh_access[0].address, admin.ssh_access[0].mask = "127.0.0.1", "255.255.255.255"
        admin.ssh_access[0].nameif = "nowhere"
        results.append(await refused(port, "admin", "cisco"))   # no such interface
        admin.ssh_access[0].nameif = "inside"
        results.append(await refused(port, "admin", "cisco"))
        return results

    assert with_server(lab, use) == [True, True, True, False]


def test_the_blank_lab_refuses_every_login() -> None:
    lab = Lab.load("blank")
    lab.settle()

    async def use(server: LabServer) -> bool:
        return await refused(server.ports["primary"], "admin", "cisco")

    assert with_server(lab, use)


def test_failed_logins_lock_a_user_out_after_max_fail() -> None:
    lab = example_lab()
    console = lab.console("primary")
    for line in ("enable", "", "changeto context admin", "configure terminal",
                 "username bob password secret privilege 3",
                 "aaa local authentication attempts max-fail 2", "end"):
        console.execute(line)

    async def use(server: LabServer) -> list[bool]:
        port = server.ports["primary"]
        return [await refused(port, "bob", "x"), await refused(port, "bob", "y"),
                await refused(port, "bob", "secret")]

    assert with_server(lab, use) == [True, True, True]
    assert console.execute("show aaa local user locked") == [
        "Lock-time Failed-attempts Locked  User",
        "        -               2      Y  bob",
    ]
    console.execute("clear aaa local user lockout username bob")

    async def again(server: LabServer) -> bool:
        return await refused(server.ports["primary"], "bob", "secret")

    assert with_server(lab, again) is False


def test_a_sixth_session_is_refused_and_sessions_are_listed() -> None:
    async def use(server: LabServer) -> tuple[str, int | None, list[str], str]:
        port = server.ports["primary"]
        conns = [await connect(port) for _ in range(5)]
        processes = [await shell(c) for c in conns]
        async with connect(port) as sixth:
            extra = await sixth.create_process(term_type="vt100")
            refusal = await extra.stdout.read()
            await extra.wait()
        await run_line(processes[0], "enable", "Password: ")
        await run_line(processes[0], "cisco", "# ")
        listing = await run_line(processes[0], "show ssh sessions", "# ")
        who = await run_line(processes[0], "who", "# ")
        for c in conns:
            c.close()
        return refusal, extra.exit_status, listing.split("\r\n"), who

    refusal, status, listing, who = with_server(example_lab(), use)
    assert (refusal, status) == ("ERROR: Maximum number of SSH sessions (5) reached\r\n", 1)
    assert listing[1] == "SID Client IP       Version Mode Encryption Hmac     State            Username"
    rows = listing[2:-1]
    assert len(rows) == 10                         # an IN and an OUT row per session
    assert rows[0].startswith("0   127.0.0.1       2.0     IN   ")
    assert rows[0].endswith("SessionStarted   admin")
    assert who.split("\r\n")[1:-1] == [f"{n}: 127.0.0.1" for n in range(5)]


def test_reload_drops_every_ssh_session() -> None:
    lab = example_lab()

    async def use(server: LabServer) -> str:
        async with connect(server.ports["secondary"]) as conn:
            process = await shell(conn)
            lab.unit("secondary").reload()
            rest = await process.stdout.read()
            await conn.wait_closed()
            return rest

    assert with_server(lab, use) == ""
    assert lab.unit("secondary").mgmt.ssh == []


def test_a_reload_typed_over_ssh_ends_with_the_shutdown_lines_and_no_prompt() -> None:
    """As on an ASA: the confirmation, the shutdown lines, then the connection closes (no
    prompt after them); the unit goes down and boots again."""
    lab = example_lab()

    async def use(server: LabServer) -> tuple[str, int | None]:
        async with connect(server.ports["primary"]) as conn:
            process = await shell(conn)
            await run_line(process, "enable", "Password: ")
            await run_line(process, "cisco", "# ")
            await run_line(process, "changeto system", "primary# ")
            await run_line(process, "write memory all", "[OK]\r\nprimary# ")  # nothing unsaved to ask
            await run_line(process, "reload", "[confirm]")
            process.stdin.write("\r")
            rest = await process.stdout.read()
            await process.wait()
            await conn.wait_closed()
            return rest, process.exit_status

    rest, status = with_server(lab, use)
    assert rest.split("\r\n") == ["", "", *msg.RELOAD_SHUTDOWN_LINES, ""]
    assert status == 0
    u = lab.unit("primary")
    assert u.mgmt.ssh == []
    lab.advance(1)              # the clock's next step (if the real-time clock has not run it): down
    assert (u.up, u.powered, u.shutting_down) == (False, True, False)


def test_idle_sessions_are_closed_after_ssh_timeout_of_wall_clock_time() -> None:
    lab = example_lab()
    wall = [1000.0]

    async def use(server: LabServer) -> tuple[str, float]:
        async with connect(server.ports["primary"]) as conn:
            process = await shell(conn)
            lab.advance(30 * 60_000)                # virtual time (`@wait 30m`) does not count
            await asyncio.sleep(0.05)
            await run_line(process, "show clock", "> ")  # still open
            wall[0] += 5 * 60 - 1
            await asyncio.sleep(0.05)
            await run_line(process, "", "> ")       # 1 s short: still open, and now fresh
            wall[0] += 5 * 60
            rest = await process.stdout.read()       # closed by the server
            return rest, wall[0]

    rest, _ = with_server(lab, use, now=lambda: wall[0], watchdog_s=0.01)
    assert rest == ""
    assert lab.unit("primary").mgmt.ssh == []


def test_exec_requests_log_in_and_run_in_the_admin_context() -> None:
    async def use(server: LabServer) -> tuple[str, bool]:
        port = server.ports["primary"]
        async with connect(port) as conn:
            result = await conn.run("show curpriv")
        try:
            async with connect(port, "admin", "bad") as conn:
                await conn.run("show version")
            denied = False
        except asyncssh.PermissionDenied:
            denied = True
        return str(result.stdout), denied

    out, denied = with_server(example_lab(), use)
    assert "Current privilege level : 1" in out
    assert denied


def test_no_client_can_stall_the_others() -> None:
    """One client sends a catastrophic regular expression, a 1 MB line and a `?` storm and never
    reads; another still gets `show version` back (the 5 s is a functional timeout)."""

    async def use(server: LabServer) -> str:
        port = server.ports["primary"]
        hostile = await connect(port)
        process = await hostile.create_process(term_type="vt100")
        process.stdin.write("enable\rcisco\r")
        process.stdin.write("show running-config | include (.*.*)*Z\r")
        process.stdin.write("a" * 1_000_000 + "\r")
        process.stdin.write("show ?" * 20_000)     # never read: the server must throttle it
        async with connect(port) as conn:
            result = await asyncio.wait_for(conn.run("show version"), timeout=5)
        hostile.abort()
        return str(result.stdout)

    out = with_server(example_lab(), use)
    assert out.startswith("\r\nCisco Adaptive Security Appliance Software Version") or \
        "Cisco Adaptive Security Appliance Software Version" in out


def test_the_host_key_is_kept_per_lab(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASA_EMULATOR_DATA", str(tmp_path / "data"))
    builtin = host_key_path(None, "example")
    assert builtin == tmp_path / "data" / "labs" / "example" / "ssh_host_ed25519_key"
    first = load_or_create(builtin).export_public_key()
    assert load_or_create(builtin).export_public_key() == first     # a restart keeps it
    assert builtin.stat().st_mode & 0o777 == 0o600
    lab_dir = host_key_path(tmp_path / "mylab", "mylab")
    assert lab_dir == tmp_path / "mylab" / "ssh_host_ed25519_key"

    async def fingerprint(server: LabServer) -> bytes:
        async with connect(server.ports["primary"]) as conn:
            key = conn.get_server_host_key()
            assert key is not None
            return key.export_public_key()

    seen = [with_server(example_lab(), fingerprint, host_key=load_or_create(builtin)) for _ in range(2)]
    assert seen == [first, first]


def test_listening_beyond_loopback_names_the_logins_in_force() -> None:
    assert exposure_warning(example_lab(), "0.0.0.0") == (
        "asa-emulator: warning: listening on 0.0.0.0: other machines can reach the lab's SSH; "
        "logins in force (user names per unit): primary: admin; secondary: admin"
    )


def netmiko_show_version(port: int, secret: str) -> tuple[str, str]:
    with ConnectHandler(device_type="cisco_asa", host="127.0.0.1", port=port,
                        username="admin", password="cisco", secret=secret) as device:
        out = device.send_command("show version")
        assert isinstance(out, str)
        return device.find_prompt(), out


@pytest.mark.parametrize("secret", ["", "cisco"])
def test_netmiko_logs_in_with_the_example_credentials(secret: str) -> None:
    async def use(server: LabServer) -> tuple[str, str]:
        return await asyncio.to_thread(netmiko_show_version, server.ports["primary"], secret)

    prompt, out = with_server(example_lab(), use)
    assert prompt == "primary/admin#"
    assert "Cisco Adaptive Security Appliance Software Version" in out




def test_a_unit_that_is_off_answers_no_ssh() -> None:
    """A powered-off ASA does not ask for a password: the connection ends before login."""
    lab = example_lab()
    lab.directive("@power off primary")

    async def use(server: LabServer) -> tuple[str, str]:
        try:
            async with connect(server.ports["primary"]):
                outcome = "logged in"
        except asyncssh.PermissionDenied:
            outcome = "asked for a password"
        except (asyncssh.DisconnectError, ConnectionError):
            outcome = "no answer"
        async with connect(server.ports["secondary"]) as conn:
            process = await shell(conn)
            return outcome, await run_line(process, "show curpriv", "> ")
    outcome, out = with_server(lab, use)
    assert outcome == "no answer"
    assert "Username : admin\r\n" in out     # the SSH user, until `enable`
