"""`serve --console`: each unit's serial console over telnet, driven by a plain socket client."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TypeVar

from asa_emulator.frontends.server import LabServer
from asa_emulator.frontends.ssh.sshlib import asyncssh
from asa_emulator.frontends.telnet.telnet import (
    DO,
    DONT,
    ECHO,
    EL,
    IAC,
    IP,
    SB,
    SE,
    SGA,
    WILL,
    WONT,
    TelnetParser,
    encode,
)
from asa_emulator.lab.lab import Lab
from tests.support.probes import cli, served
from tests.support.ssh import with_consoles
from tests.support.telnet import RawClient

T = TypeVar("T")
NAWS = 31



def test_the_parser_strips_negotiation_and_answers_only_state_changes() -> None:
    parser = TelnetParser()
    data = bytes([IAC, DO, ECHO, IAC, DO, SGA, IAC, WILL, SGA, IAC, WILL, NAWS,
                  IAC, SB, NAWS, 0, 80, 0, 24, IAC, SE]) + b"ab\r\x00c\r\nd" + bytes([IAC, IAC, IAC, IP])
    typed, replies = parser.feed(data)
    assert typed == b"ab\rc\r\nd\xff\x03"
    assert replies == bytes([IAC, DO, SGA, IAC, DONT, NAWS])
    # the same again: nothing changes, so nothing is answered but the refusal
    assert parser.feed(bytes([IAC, DO, ECHO, IAC, WILL, SGA])) == (b"", b"")
    assert parser.feed(bytes([IAC, DONT, ECHO])) == (b"", bytes([IAC, WONT, ECHO]))
    assert parser.feed(bytes([IAC, DO, 24])) == (b"", bytes([IAC, WONT, 24]))
    # split anywhere: state carries over between reads
    assert parser.feed(bytes([IAC])) == (b"", b"")
    assert parser.feed(bytes([EL]) + b"x\r") == (b"\x15x\r", b"")
    assert parser.feed(b"\x00y") == (b"y", b"")


def test_output_sends_a_bare_cr_as_cr_nul() -> None:
    assert encode("a\r\nb\r   \r") == b"a\r\nb\r\x00   \r\x00"


def test_a_console_negotiates_echoes_and_answers(lab: Lab) -> None:
    async def use(server: LabServer) -> tuple[bytes, bytes, bytes, bytes]:
        client = await RawClient.connect(server.console_ports["primary"])
        first = await client.expect(b"primary> ")
        client.send(bytes([IAC, DO, ECHO, IAC, DO, SGA, IAC, WILL, SGA, IAC, WILL, NAWS,
                           IAC, SB, NAWS, 0, 80, 0, 24, IAC, SE]))
        client.send(b"enable\r\x00")          # PuTTY ends a line with CR NUL
        asked = await client.expect(b"Password: ")
        client.send(b"\r\n")
        await client.expect(b"primary# ")
        client.send(b"show failover | include This host\r\n")   # `telnet` ends it with CR LF
        answer = await client.expect(b"primary# ")
        await client.close()
        return first, asked, answer, client.raw

    first, asked, answer, raw = with_consoles(lab, use)
    assert first == bytes([IAC, WILL, ECHO, IAC, WILL, SGA]) + b"primary> "
    # the client's WILL SGA is accepted and its NAWS refused; ECHO and SGA are not offered twice
    assert asked == bytes([IAC, DO, SGA, IAC, DONT, NAWS]) + b"enable\r\nPassword: "
    assert answer == b"show failover | include This host\r\n  This host:    Primary\r\nprimary# "
    assert raw.count(bytes([IAC, WILL])) == 2


def test_console_messages_appear_as_they_happen_after_a_failure_injected_over_lab_control(lab: Lab) -> None:
    async def use(server: LabServer) -> tuple[bytes, list[int | None]]:
        client = await RawClient.connect(server.console_ports["secondary"])
        await client.expect(b"primary> ")
        client.send(b"sh")                      # a line being typed when the message comes
        await client.expect(b"sh")
        async with asyncssh.connect("127.0.0.1", server.control_port, username="lab", password="lab",
                                    known_hosts=None, client_keys=None) as conn:
            statuses = [(await conn.run(line)).exit_status for line in ("@power off primary", "@wait 30s")]
        pushed = await client.expect(b"sh")     # nothing typed: the console shows it by itself
        await client.close()
        return pushed, statuses

    pushed, statuses = with_consoles(lab, use)
    assert statuses == [0, 0]
    assert pushed == b"\r\n        Switching to Active\r\nprimary> sh"


def configure_serial_login(lab: Lab) -> None:
    console = lab.console("primary")
    for line in ("enable", "", "changeto context admin", "configure terminal",
                 "aaa authentication serial console LOCAL", "end", "changeto system", "disable"):
        console.execute(line)
    assert lab.units["primary"].ctx["admin"].aaa_serial_local


def test_a_console_asks_for_a_login_when_the_admin_context_says_so(lab: Lab) -> None:
    configure_serial_login(lab)

    async def use(server: LabServer) -> list[bytes]:
        client = await RawClient.connect(server.console_ports["primary"])
        seen = [await client.expect(b"Username: ")]
        client.send(b"admin\r\n")
        seen.append(await client.expect(b"Password: "))
        client.send(b"wrong\r\n")
        seen.append(await client.expect(b"Username: "))
        client.send(b"admin\r\ncisco\r\n")
        seen.append(await client.expect(b"primary> "))
        client.send(b"exit\r\n")               # the user logs off: the next one logs in
        seen.append(await client.expect(b"Username: "))
        await client.close()
        return seen

    seen = with_consoles(lab, use)
    assert seen == [
        bytes([IAC, WILL, ECHO, IAC, WILL, SGA]) + b"Username: ",
        b"admin\r\nPassword: ",
        b"\r\nInvalid password\r\nUsername: ",            # the password is never echoed
        b"admin\r\nPassword: \r\nprimary> ",
        b"exit\r\n\r\nLogoff\r\n\r\nType help or '?' for a list of available commands.\r\nUsername: ",
    ]


def test_without_the_aaa_line_the_console_asks_nothing(lab: Lab) -> None:
    async def use(server: LabServer) -> bytes:
        client = await RawClient.connect(server.console_ports["secondary"])
        got = await client.expect(b"primary> ")
        await client.close()
        return got

    assert with_consoles(lab, use).endswith(bytes([IAC, WILL, SGA]) + b"primary> ")


def test_one_client_per_console_the_next_is_told_and_closed(lab: Lab) -> None:
    async def use(server: LabServer) -> bytes:
        first = await RawClient.connect(server.console_ports["primary"])
        await first.expect(b"primary> ")
        second = await RawClient.connect(server.console_ports["primary"])
        refused = await second.rest()
        await first.close()
        third = await RawClient.connect(server.console_ports["primary"])   # free again
        await third.expect(b"primary> ")
        await third.close()
        return refused

    assert with_consoles(lab, use) == b"% Console port of primary is in use by another connection\r\n"


def test_serve_prints_a_ready_line_with_every_port_and_the_consoles_answer(tmp_path: Path) -> None:
    with served("example", tmp_path / "data", "--console", "--lab-control") as s:
        async def attach() -> bytes:
            client = await RawClient.connect(s.ports["console-secondary"])
            got = await client.expect(b"primary> ")
            await client.close()
            return got
        prompt = asyncio.run(attach())
        human = s.human
        ports = s.ports
    assert list(ports) == ["primary", "secondary", "control", "console-primary", "console-secondary"]
    assert len(set(ports.values())) == 5
    assert human == [f"primary: ssh -p {ports['primary']} 127.0.0.1",
                     f"secondary: ssh -p {ports['secondary']} 127.0.0.1",
                     f"lab control: ssh -p {ports['control']} 127.0.0.1",
                     f"primary console: telnet 127.0.0.1 {ports['console-primary']}",
                     f"secondary console: telnet 127.0.0.1 {ports['console-secondary']}"]
    assert prompt.endswith(b"primary> ")


def test_console_port_without_console_is_refused(tmp_path: Path) -> None:
    res = cli("serve", "--console-port", "6000", env={"ASA_EMULATOR_DATA": str(tmp_path)}, timeout=60)
    assert res.returncode == 2
    assert res.stderr.decode().splitlines() == ["asa-emulator: --console-port: only with --console"]


def set_console_timeout(lab: Lab, minutes: int) -> None:
    console = lab.console("primary")
    for line in ("enable", "", "configure terminal", f"console timeout {minutes}", "end", "disable"):
        console.execute(line)
    assert lab.units["primary"].sys.console_timeout == minutes


LOGOFF = b"\r\n\r\nLogoff\r\n\r\nType help or '?' for a list of available commands.\r\n"


def test_console_timeout_logs_an_idle_console_off_on_the_ssh_timeout_clock(lab: Lab) -> None:
    """`console timeout 1`: a minute of wall-clock idleness (virtual time does not count) logs
    the console off, shown at once; the next user logs in again.  The timer starts again
    only with the next key: an idle, logged-off console is not logged off over and over."""
    configure_serial_login(lab)
    set_console_timeout(lab, 1)
    wall = [1000.0]

    async def use(server: LabServer) -> list[bytes]:
        client = await RawClient.connect(server.console_ports["primary"])
        await client.expect(b"Username: ")
        client.send(b"admin\r\ncisco\r\nenable\r\n\r\n")
        await client.expect(b"primary# ")
        lab.advance(30 * 60_000)                # virtual time does not count
        wall[0] += 59
        await asyncio.sleep(0.05)
        client.send(b"\r\n")                    # 1 s short: still logged in, and now fresh
        seen = [await client.expect(b"primary# ")]
        wall[0] += 60
        seen.append(await client.expect(b"Username: "))
        wall[0] += 600
        await asyncio.sleep(0.05)
        client.send(b"admin\r\ncisco\r\n")
        seen.append(await client.expect(b"primary> "))
        await client.close()
        return seen

    seen = with_consoles(lab, use, now=lambda: wall[0], watchdog_s=0.01)
    assert seen == [b"\r\nprimary# ", LOGOFF + b"Username: ", b"admin\r\nPassword: \r\nprimary> "]
    assert lab.console("primary").prompt() == "primary> "


def test_console_timeout_without_a_login_and_zero_for_never(lab: Lab) -> None:
    set_console_timeout(lab, 0)
    wall = [1000.0]

    async def use(server: LabServer) -> list[bytes]:
        client = await RawClient.connect(server.console_ports["primary"])
        await client.expect(b"primary> ")
        client.send(b"enable\r\n\r\n")
        await client.expect(b"primary# ")
        wall[0] += 24 * 3600                    # 0: never
        await asyncio.sleep(0.05)
        client.send(b"configure terminal\r\nconsole timeout 2\r\n")
        await client.expect(b"primary(config)# ")
        seen = [await client.expect(b"primary(config)# ")]
        wall[0] += 2 * 60
        seen.append(await client.expect(b"primary> "))
        await client.close()
        return seen

    seen = with_consoles(lab, use, now=lambda: wall[0], watchdog_s=0.01)
    assert seen == [b"console timeout 2\r\nprimary(config)# ", LOGOFF + b"primary> "]


def test_reload_at_a_console_prints_no_prompt_until_the_unit_has_booted(lab: Lab) -> None:
    """The shutdown lines are the last before the boot: no prompt in between (the unit takes
    no commands while it goes down), then the boot and a fresh `primary> `."""
    async def use(server: LabServer) -> bytes:
        client = await RawClient.connect(server.console_ports["primary"])
        await client.expect(b"primary> ")
        client.send(b"enable\r\n\r\nreload noconfirm\r\n")
        await client.expect(b"reload noconfirm\r\n")
        await client.expect(b"..\r\n")
        lab.advance(lab.units["primary"].boot_ms + 1)   # shown at the real-time clock's next tick
        shown = await client.expect(b"primary> ")
        await client.close()
        return shown

    shown = with_consoles(lab, use)
    assert shown.startswith(b"\r\n\r\nLaunching BootLoader...\r\n")
    assert b"primary" not in shown[:-len(b"primary> ")]
    assert b"Type help or '?' for a list of available commands.\r\n" in shown
