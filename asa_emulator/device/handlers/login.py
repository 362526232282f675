"""`login`: user EXEC to privileged EXEC with a username and password (what netmiko's
cisco_asa driver sends when it has no enable secret).  The lab has no local user database,
so, like its SSH server, it accepts any username and password."""

from __future__ import annotations

from ...syntax import modes
from .. import messages as msg
from ..commands import Command, handler


@handler("login")
def login(cmd: Command) -> None:
    s = cmd.session

    def password(typed: str, out: list[str]) -> None:
        s.enter(modes.exec_mode(s.mode))

    def username(typed: str, out: list[str]) -> None:
        s.ask(msg.PASSWORD_PROMPT, password, secret=True)
    s.ask(msg.USERNAME_PROMPT, username)
