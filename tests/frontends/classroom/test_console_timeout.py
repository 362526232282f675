"""`console timeout` on a classroom console: wall-clock idleness logs the trainee's console
off, as on the telnet consoles (the classroom server in this process, its clock injected)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from asa_emulator.classroom import labs
from asa_emulator.classroom.roster import Trainee, new_roster, save
from asa_emulator.classroom.server import start
from asa_emulator.frontends.ssh.sshlib import asyncssh
from asa_emulator.lab.account import hash_password
from tests.support.classroom import Term


def test_an_idle_console_is_logged_off_after_its_console_timeout(tmp_path: Path) -> None:
    roster = new_roster(tmp_path / "room")
    roster.trainees["alice"] = Trainee("alice", hash_password("alice-pw"), "primary")
    save(roster)
    labs.make(roster, roster.trainees["alice"])
    wall = [1000.0]

    async def main() -> list[str]:
        key = asyncssh.generate_private_key("ssh-ed25519")
        server = await start(roster, "127.0.0.1", 0, key, now=lambda: wall[0], recheck_s=0.05)
        try:
            term = await Term.open(server.ports["primary"], "alice")
            await term.prompt()
            for line in ("enable", "", "configure terminal", "console timeout 1", "end"):
                term.proc.stdin.write(line + "\r")
                await term.prompt()
            wall[0] += 59
            await asyncio.sleep(0.1)
            term.proc.stdin.write("\r")              # 1 s short: still enabled, and now fresh
            seen = [await term.prompt()]
            wall[0] += 60
            seen.append(await term.prompt())
            term.close()
            return seen
        finally:
            await server.close()

    seen = asyncio.run(main())
    assert seen[0] == "\r\nciscoasa# "
    assert "Logoff" in seen[1] and seen[1].endswith("ciscoasa> ")
