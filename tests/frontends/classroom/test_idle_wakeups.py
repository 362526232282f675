"""Idle labs use no CPU (issue 22): once nobody is connected, the classroom server has no
timer at all, and its event loop blocks in one wait until a client comes (the server in
this process, so that its event loop can be looked at)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from asa_emulator.classroom import labs
from asa_emulator.classroom.roster import Trainee, new_roster, save
from asa_emulator.classroom.server import start
from asa_emulator.frontends.ssh.admission import Limits
from asa_emulator.frontends.ssh.sshlib import asyncssh
from asa_emulator.lab.account import hash_password
from tests.support.classroom import PASSWORDS, Term
from tests.support.loops import no_timers, selects_until_woken, timers
from tests.support.probes import WAIT_S


def test_an_idle_class_has_no_timer_and_never_wakes(tmp_path: Path) -> None:
    roster = new_roster(tmp_path / "room")
    for name in ("alice", "bob"):
        roster.trainees[name] = Trainee(name, hash_password(PASSWORDS[name]), "primary")
    save(roster)
    for name in ("alice", "bob"):
        labs.make(roster, roster.trainees[name])

    async def main() -> tuple[list[str], list[str], list[Any]]:
        loop = asyncio.get_running_loop()
        key = asyncssh.generate_private_key("ssh-ed25519")
        server = await start(roster, "127.0.0.1", 0, key, limits=Limits(idle_s=0.3))
        try:
            term = await Term.open(server.ports["primary"], "alice")     # alice's lab loaded, run, left
            await term.prompt()
            await term.line("show clock", "> ")
            attached = timers(loop)                                     # her lab's clock ticks
            term.close()
            await term.conn.wait_closed()
            # bob logs in and opens no session: closed once idle for admission's time
            conn = await asyncssh.connect("127.0.0.1", server.ports["secondary"], username="bob",
                                          password=PASSWORDS["bob"], known_hosts=None)
            await asyncio.wait_for(conn.wait_closed(), WAIT_S)
            left = await no_timers(loop)
            return attached, left, await selects_until_woken(loop, 1.5)
        finally:
            await server.close()

    attached, left, selects = asyncio.run(main())
    assert attached != []
    assert left == []
    assert selects == [None]            # one wait, with no timeout, until woken
