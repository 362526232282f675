"""What automation does over SSH, through the real clients (issue 11): netmiko `cisco_asa` and
scrapli `cisco_asa` (asyncssh transport) change to a context, configure it, save it, and read
the change back on both units; a failure injected over the lab-control port is seen by a
scrapli session already open on the mate; the line editor edits and recalls a real command.

The example lab: group 2 (context ctx1) is active on the secondary, so ctx1 is configured there
and `write memory` there saves it on both units' flash."""

from __future__ import annotations

import asyncio

from netmiko import ConnectHandler
from scrapli import AsyncScrapli
from scrapli.driver.generic import AsyncGenericDriver

from asa_emulator.api import Lab
from asa_emulator.frontends.server import start_server
from asa_emulator.frontends.ssh.sshlib import asyncssh
from asa_emulator.transcript.background import BackgroundLab

LEFT, UP = "\x1b[D", "\x1b[A"
ROUTE = "route outsideISP-B 10.9.0.0 255.255.0.0 192.168.2.254"
SAVED = [" description lan B", f"{ROUTE} 1"]      # the change, as the saved file holds it
SHOW_FO = "show failover | include This host|Other host|Group 1"


def checksum(lines: list[str], prefix: str) -> str:
    """The Cryptochecksum that `write memory` printed or the saved file ends with, spaces out."""
    [line] = [ln for ln in lines if ln.startswith(prefix)]
    return line.removeprefix(prefix).replace(" ", "")


def test_netmiko_changeto_config_set_save_config_and_the_mate(asa_lab_ssh: BackgroundLab) -> None:
    with ConnectHandler(**asa_lab_ssh.netmiko["secondary"]) as asa:
        asa.send_command("changeto context ctx1")
        assert asa.find_prompt() == "primary/ctx1#"
        asa.send_config_set(["interface GigabitEthernet0/5", "description lan B", ROUTE])
        saved = asa.save_config().splitlines()     # netmiko's ASA save_config: `write mem`
        running = asa.send_command("show running-config interface GigabitEthernet0/5").splitlines()
        route = asa.send_command("show running-config route")
        asa.send_command("changeto system")
        on_flash = asa.send_command("more disk0:/ctx1.cfg").splitlines()
    assert saved[:2] == ["write mem", "Building configuration..."]
    assert saved[-2:] == ["[OK]", "primary/ctx1# "]
    assert running == ["!", "interface GigabitEthernet0/5", " description lan B", " nameif inside",
                       " security-level 100", " ip address 10.2.20.1 255.255.255.0 standby 10.2.20.11"]
    assert route == f"{ROUTE} 1"
    assert [ln for ln in on_flash if "description" in ln or ln.startswith("route")] == SAVED
    assert checksum(on_flash, "Cryptochecksum:") == checksum(saved, "Cryptochecksum: ")

    # replicated: the primary's running ctx1 and its flash (write memory saves on both units)
    with ConnectHandler(**asa_lab_ssh.netmiko["primary"]) as mate:
        mate.send_command("changeto system")
        mate_flash = mate.send_command("more disk0:/ctx1.cfg | include description|route")
        mate.send_command("changeto context ctx1")
        assert mate.find_prompt() == "primary/ctx1#"
        mate_route = mate.send_command("show running-config route")
    assert mate_flash.splitlines() == SAVED
    assert mate_route == f"{ROUTE} 1"


def test_scrapli_send_configs_after_changeto_then_write_memory(asa_lab_ssh: BackgroundLab) -> None:
    async def main() -> tuple[str, bool, list[str], str, str]:
        async with AsyncScrapli(**asa_lab_ssh.scrapli["secondary"]) as conn:
            await conn.send_command("changeto context ctx1")
            prompt = await conn.get_prompt()
            configs = await conn.send_configs(["interface GigabitEthernet0/5", "description lan B",
                                               "exit", ROUTE])
            saved = (await conn.send_command("write memory")).result.splitlines()
            route = (await conn.send_command("show running-config route")).result
        async with AsyncScrapli(**asa_lab_ssh.scrapli["primary"]) as mate:
            await mate.send_command("changeto system")
            flash = (await mate.send_command("more disk0:/ctx1.cfg | include description|route")).result
        return prompt, configs.failed, saved, route, flash

    prompt, failed, saved, route, flash = asyncio.run(main())
    assert (prompt, failed) == ("primary/ctx1#", False)
    assert saved[0] == "Building configuration..." and saved[-1] == "[OK]"
    assert route == f"{ROUTE} 1"
    assert flash.splitlines() == SAVED


def test_a_failure_over_the_control_port_is_seen_by_an_open_scrapli_session(
        asa_lab_ssh: BackgroundLab) -> None:
    async def main() -> tuple[str, str, str]:
        async with AsyncScrapli(**asa_lab_ssh.scrapli["secondary"]) as conn:
            await conn.send_command("changeto system")
            before = (await conn.send_command(SHOW_FO)).result
            async with AsyncGenericDriver(**asa_lab_ssh.scrapli["control"]) as control:
                await control.send_command("@power off primary")
                await control.send_command("@wait 30s")
                status = (await control.send_command("@status")).result
            after = (await conn.send_command(SHOW_FO)).result
        return before, status, after

    before, status, after = asyncio.run(main())
    # the first line is `Group 1 last failover at: <time>`
    assert before.splitlines()[1:] == ["  This host:    Secondary", "  Group 1       State:          Standby Ready",
                                       "  Other host:   Primary", "  Group 1       State:          Active"]
    assert status.splitlines()[2:4] == ["primary    off    -          -         -        -",
                                        "secondary  on     secondary  on        Active   Active"]
    assert after.splitlines()[1:] == ["  This host:    Secondary", "  Group 1       State:          Active",
                                      "  Other host:   Primary", "  Group 1       State:          Failed"]


def test_left_backspace_enter_and_up_recall_on_a_real_unit() -> None:
    lab = Lab.load("example")
    lab.settle()
    keys = "show cXurpriv" + LEFT * 6 + "\x7f\r" + UP + "\r" + "exit\r"

    async def main() -> str:
        server = await start_server(lab, "127.0.0.1", 0)
        try:
            async with asyncssh.connect("127.0.0.1", server.ports["primary"], username="admin",
                                        password="cisco", known_hosts=None, client_keys=None) as conn:
                process = await conn.create_process(term_type="vt100")
                process.stdin.write(keys)
                return str(await process.stdout.read())
        finally:
            await server.close()

    lines = asyncio.run(main()).split("\r\n")
    curpriv = ["Username : admin", "Current privilege level : 1", "Current Mode/s : P_UNPR"]
    # the edit's echo: back to the X, then the rest of the line redrawn over it and back again
    assert lines[1] == "primary/admin> show cXurpriv" + "\b" * 7 + "urpriv " + "\b" * 7
    assert lines[2:5] == curpriv
    assert lines[5] == "primary/admin> show curpriv"       # Up: the edited command, recalled
    assert lines[6:9] == curpriv
    assert lines[9] == "primary/admin> exit"


def test_more_takes_an_output_filter() -> None:
    lab = Lab.load("example")
    lab.settle()
    console = lab.console("primary")
    assert console.execute("enable") == [] and console.execute("") == []
    assert console.execute("more disk0:/ctx1.cfg | include ^hostname|nameif") == [
        "hostname SecAppB", " nameif outsideISP-B", " nameif inside"]
    assert console.execute("more system:running-config | begin ^context ctx1")[:2] == [
        "context ctx1", "  description context 1"]
