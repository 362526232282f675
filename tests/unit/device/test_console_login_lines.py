"""A serial console login (issue 19's leftovers): `show curpriv` names the user who logged in
until `enable`, and a lockout by `aaa local authentication attempts max-fail` logs 113006."""

from __future__ import annotations

from asa_emulator.lab.lab import Lab


def _with_console_login(lab: Lab) -> None:
    con = lab.console("primary")
    for line in ("enable", "", "changeto context admin", "configure terminal",
                 "username ops password s3cret privilege 3",
                 "aaa authentication serial console LOCAL",
                 "aaa local authentication attempts max-fail 2",
                 "logging enable", "logging buffered informational", "end"):
        con.execute(line)


def test_curpriv_names_the_console_user_until_enable(lab: Lab) -> None:
    _with_console_login(lab)
    assert lab.console_login("primary", "ops", "s3cret")
    con = lab.console("primary")
    assert con.execute("show curpriv") == [
        "Username : ops", "Current privilege level : 1", "Current Mode/s : P_UNPR"]
    con.execute("enable")
    con.execute("")
    assert con.execute("show curpriv")[0] == "Username : enable_15"


def test_a_lockout_logs_113006(lab: Lab) -> None:
    _with_console_login(lab)
    for _ in range(2):
        assert not lab.console_login("primary", "ops", "wrong")
    assert not lab.console_login("primary", "ops", "s3cret")       # locked out now
    con = lab.console("primary")
    for line in ("enable", "", "changeto context admin"):
        con.execute(line)
    assert any(line.endswith("%ASA-6-113006: User ops locked out on exceeding 2 successive "
                             "failed authentication attempts")
               for line in con.execute("show logging"))
