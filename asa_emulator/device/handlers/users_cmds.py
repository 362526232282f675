"""`show users`: the unit's administration sessions, the serial console and each SSH session
(in a context, that context's; in the system space and single mode, every one).

No capture of `show users` on an ASA was found; the layout is IOS's `show users` (`Line`,
`User`, `Host(s)`, `Idle`, `Location`; `*` on the session that asks; the console `con 0`,
remote sessions numbered on from it), with the SSH sessions named `ssh N` by the number `who`
and `show ssh sessions` give them  # unverified.  Idle times are the virtual time since the
session's last command.
"""

from __future__ import annotations

from ..commands import Command, handler

HEADER = "    Line       User       Host(s)              Idle       Location"


def idle_text(ms: int) -> str:
    s = max(0, ms) // 1000
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


def user_row(current: bool, number: int, line: str, user: str, idle_ms: int,
             location: str = "") -> str:
    mark = "*" if current else " "
    return (f"{mark}{number:>3} {line:<9} {user:<10} {'idle':<20} {idle_text(idle_ms)} "
            f"{location}").rstrip()


@handler("show_users")
def show_users(cmd: Command) -> None:
    u, session = cmd.unit, cmd.session
    now = u.clock.now
    console = u.console
    rows = [user_row(session is console, 0, "con 0", console.login_user or "",
                     now - console.last_ms)]
    ctx = session.context if not u.single else None
    for r in u.mgmt.ssh:
        if ctx is not None and r.context != ctx:
            continue
        rows.append(user_row(session.ssh_record is r, r.sid + 1, f"ssh {r.sid}", r.username,
                             now - r.last_ms, r.client_ip))
    cmd.print(HEADER, *rows)
