"""`login`: log in as a user of the local database (what netmiko's cisco_asa driver sends
when it has no enable secret).  The user name and password are checked against the context's
`username` lines (the admin context's from the system space), counting failures as
`aaa local authentication attempts max-fail` does; a user of privilege 2 or more reaches
privileged EXEC (the emulator has two levels: user EXEC and privileged EXEC)."""

from __future__ import annotations

from ...syntax import modes
from .. import messages as msg
from ..commands import Command, handler
from ..mgmt import admin_context, check_local


@handler("login")
def login(cmd: Command) -> None:
    s, u = cmd.session, cmd.unit
    ctx = u.ctx.get(s.context) if s.context else admin_context(u)

    def username(name: str, out: list[str]) -> None:
        def password(typed: str, out: list[str]) -> None:
            level = check_local(u, ctx, name, typed) if ctx is not None else None
            if level is None:
                cmd.error(msg.BAD_PASSWORD)
            elif level >= 2:
                s.enter(modes.exec_mode(s.mode))
        s.ask(msg.PASSWORD_PROMPT, password, secret=True)
    s.ask(msg.USERNAME_PROMPT, username)
