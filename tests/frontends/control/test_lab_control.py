"""`serve --lab-control`: automation injects a failure over the control port (PORT+2) and a
netmiko session on the other unit sees the failover."""

from __future__ import annotations

import asyncio

import pytest
from netmiko import ConnectHandler

from asa_emulator.frontends.control.control import DirectiveConsole
from asa_emulator.frontends.server import LabServer, start_server
from asa_emulator.frontends.ssh.sshlib import asyncssh
from asa_emulator.lab.lab import Lab
from asa_emulator.lab.spec import LabError

WAIT_S = 20.0
SHOW = "show failover | include This host|Other host|Group 1"


def netmiko_show(port: int) -> str:
    with ConnectHandler(device_type="cisco_asa", host="127.0.0.1", port=port, username="admin",
                        password="cisco", secret="cisco") as device:
        # SSH enters the admin context, whose `show failover` is the context's view
        device.send_command("changeto system", expect_string=r"#", cmd_verify=False)
        out = device.send_command(SHOW, expect_string=r"#", cmd_verify=False)
        assert isinstance(out, str)
        return out


async def control_session(port: int, lines: list[str]) -> tuple[list[str], int | None]:
    """Type each line at the control port's prompt; (what each answered, the exit status)."""
    async with asyncssh.connect("127.0.0.1", port, username="lab", password="lab",
                                known_hosts=None, client_keys=None) as conn:
        process = await conn.create_process(term_type="vt100")
        replies = [await asyncio.wait_for(process.stdout.readuntil("lab> "), WAIT_S)]
        for line in lines:
            process.stdin.write(line + "\r")
            if line == "@quit":
                replies.append(await asyncio.wait_for(process.stdout.read(), WAIT_S))
            else:
                replies.append(await asyncio.wait_for(process.stdout.readuntil("lab> "), WAIT_S))
        await process.wait()
        return replies, process.exit_status


def test_a_failure_injected_over_the_control_port_is_seen_by_netmiko(lab: Lab) -> None:
    async def main() -> tuple[str, list[str], int | None, str]:
        server: LabServer = await start_server(lab, "127.0.0.1", 0, control=True)
        try:
            assert server.control_port is not None
            before = await asyncio.to_thread(netmiko_show, server.ports["secondary"])
            replies, status = await control_session(server.control_port, [
                "@status", "@bogus", "show failover", "@power off primary", "@wait 30s", "@quit"])
            after = await asyncio.to_thread(netmiko_show, server.ports["secondary"])
            return before, replies, status, after
        finally:
            await server.close()

    before, replies, status, after = asyncio.run(main())
    assert replies[0] == "lab> "
    status_lines = replies[1].split("\r\n")
    assert status_lines[0] == "@status"
    assert status_lines[1].startswith("lab example  12:00:")   # the clock runs in real time
    assert status_lines[2:] == [
        "unit       power  role       failover  group 1        group 2",
        "primary    on     primary    on        Active         Standby Ready",
        "secondary  on     secondary  on        Standby Ready  Active",
        "failover link: primary folink up, secondary folink up",
        "state link:    primary folink, secondary folink",
        "lab> "]
    assert replies[2] == ("@bogus\r\n% unknown directive '@bogus' (known: @lab, @console, @wait, "
                          "@power, @crash, @fail, @link, @failover-link, @state-link, @status, @reset, @traffic, "
                          "@help, @quit, @exercise, @task, @check)\r\nlab> ")
    assert replies[3] == ("show failover\r\n% not a directive: show failover "
                          "(a line here begins with @; @help lists them)\r\nlab> ")
    assert replies[4] == "@power off primary\r\nlab> "
    assert replies[5] == "@wait 30s\r\nlab> "
    assert replies[6] == "@quit\r\n"
    assert status == 0
    # the first line is `Group 1 last failover at: <time>`
    assert before.splitlines()[1:] == ["  This host:    Secondary", "  Group 1       State:          Standby Ready",
                                       "  Other host:   Primary", "  Group 1       State:          Active"]
    assert after.splitlines()[1:] == ["  This host:    Secondary", "  Group 1       State:          Active",
                                      "  Other host:   Primary", "  Group 1       State:          Failed"]


def test_an_exec_channel_runs_one_directive_and_exits_1_on_an_error(lab: Lab) -> None:
    async def main() -> list[tuple[str, int | None]]:
        server = await start_server(lab, "127.0.0.1", 0, control=True)
        try:
            assert server.control_port is not None
            async with asyncssh.connect("127.0.0.1", server.control_port, username="lab",
                                        password="lab", known_hosts=None, client_keys=None) as conn:
                results = [await conn.run(line) for line in ("@link down primary GigabitEthernet0/2",
                                                             "@wait 1h", "@wait forever", "@power off nobody")]
            return [(str(r.stdout), r.exit_status) for r in results]
        finally:
            await server.close()

    assert asyncio.run(main()) == [
        ("", 0), ("", 0),
        ("% bad duration 'forever' (use 500ms, 30s, 2m)\r\n", 1),
        ("% no unit 'nobody' in this lab (units: primary, secondary)\r\n", 1)]


def test_the_control_port_refuses_a_wrong_login(lab: Lab) -> None:
    async def main() -> bool:
        server = await start_server(lab, "127.0.0.1", 0, control=True)
        try:
            assert server.control_port is not None
            try:
                async with asyncssh.connect("127.0.0.1", server.control_port, username="lab",
                                            password="wrong", known_hosts=None, client_keys=None):
                    return True
            except asyncssh.PermissionDenied:
                return False
        finally:
            await server.close()

    assert asyncio.run(main()) is False


def test_without_lab_control_there_is_no_third_port(lab: Lab) -> None:
    async def main() -> tuple[int | None, dict[str, int]]:
        server = await start_server(lab, "127.0.0.1", 0)
        try:
            return server.control_port, server.console_ports
        finally:
            await server.close()

    assert asyncio.run(main()) == (None, {})


class _CountingLab:
    """Enough of a lab for the control console's `@wait`: counts the clock's slices (each
    moves a second, as a lab whose every tick is an event does in 100 events)."""

    def __init__(self) -> None:
        self.slices = 0

    def advance_some(self, ms: int, events: int) -> int:
        self.slices += 1
        return min(ms, 1000)


def test_a_wait_stops_when_its_client_is_gone() -> None:
    fake = _CountingLab()
    console = DirectiveConsole(fake, gone=lambda: fake.slices >= 3)  # type: ignore[arg-type]
    assert asyncio.run(console.execute_async("@wait 720h")) == []
    assert fake.slices == 3          # not the 2,592,000 one-second slices of 720 hours


def test_a_wait_over_a_closed_connection_no_longer_moves_the_clock(lab: Lab) -> None:
    """A client that gives up on `@wait 720h` (a timeout, a killed script) closes its
    connection; the lab's clock then moves on in real time only, not a virtual second per turn
    of the event loop for the next 30 days of lab time."""
    async def main() -> int:
        server = await start_server(lab, "127.0.0.1", 0, control=True)
        try:
            assert server.control_port is not None
            async with asyncssh.connect("127.0.0.1", server.control_port, username="lab",
                                        password="lab", known_hosts=None, client_keys=None) as conn:
                before = lab.clock.now
                await conn.create_process("@wait 720h")
                while lab.clock.now - before < 5_000:     # the wait has started
                    await asyncio.sleep(0)
            for _ in range(200):                           # the server hears the close
                await asyncio.sleep(0)
            closed = lab.clock.now
            for _ in range(2_000):
                await asyncio.sleep(0)
            return lab.clock.now - closed
        finally:
            await server.close()

    # 2,000 turns of the loop take far less than a minute of real time; with the wait still
    # running they would be 2,000 s of virtual time
    assert asyncio.run(main()) < 60_000


def test_help_on_the_control_port_lists_only_what_works_there(lab: Lab) -> None:
    """`@lab` and `@console` mean nothing on the control port (the lab is the one `serve`
    started; the port has no console): `@help` leaves them out and the port refuses them."""
    async def main() -> list[tuple[str, int | None]]:
        server = await start_server(lab, "127.0.0.1", 0, control=True)
        try:
            assert server.control_port is not None
            async with asyncssh.connect("127.0.0.1", server.control_port, username="lab",
                                        password="lab", known_hosts=None, client_keys=None) as conn:
                results = [await conn.run(line) for line in ("@help", "@?", "@console secondary",
                                                             "@lab blank")]
            return [(str(r.stdout), r.exit_status) for r in results]
        finally:
            await server.close()

    (listing, status), (again, _), console, lab_line = asyncio.run(main())
    assert status == 0 and again == listing
    assert [line.split()[0] for line in listing.splitlines()] == [
        "@wait", "@power", "@crash", "@fail", "@link", "@failover-link", "@state-link", "@status",
        "@reset", "@traffic", "@help", "@quit"]
    assert console == ("% @console: the control port has no console to switch; log in to a unit's "
                       "SSH port, or its telnet console (serve --console)\r\n", 1)
    assert lab_line == ("% @lab starts a lab: serve --lab NAME chooses this one\r\n", 1)


# every spelling the lab reads, and every line it refuses, read the same on the control port
# (but the directives that mean nothing there and its own @help: the test above)
SPELLINGS = ['@"wait" 2s', "@wait '2s'", "@WAIT 2s", "@ wait 2s", "@'status'", '@"wait 2s"',
             "@wait 2s extra", "@wait", '@"unterminated', "@", "@nothing", "@wait 721h",
             "@'Power' on nobody", '@"help" me', "@QUIT now", "@? more"]


@pytest.mark.parametrize("line", SPELLINGS)
def test_the_control_port_reads_a_directive_as_the_lab_does(line: str) -> None:
    by_lab, by_port = Lab.load("example"), Lab.load("example")
    by_lab.settle()
    by_port.settle()
    try:
        expected = by_lab.directive(line)
    except LabError as exc:
        expected = [f"% {exc}"]
    port = DirectiveConsole(by_port)
    assert asyncio.run(port.execute_async(line)) == expected
    assert by_port.clock.now == by_lab.clock.now
    assert not port.closed()
