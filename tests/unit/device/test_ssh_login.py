"""The admin context's local user database: password forms, `login`, the configuration lines."""

from __future__ import annotations

from asa_emulator.config.passwords import asa_hash
from asa_emulator.lab.lab import Lab


def test_the_asa_password_forms_match_known_vectors() -> None:
    assert asa_hash("") == "8Ry2YjIyt7RRXU24"          # every ASA's empty enable password
    assert asa_hash("cisco") == "2KFQnbNIdI.2KYOU"      # `enable password cisco`
    assert asa_hash("password", "user") == "A5XOy94YKDPXCo7U"


def run(lab: Lab, *lines: str) -> list[str]:
    console = lab.console("primary")
    out: list[str] = []
    for line in lines:
        out += console.execute(line)
    return out


def test_login_checks_the_local_user_database(lab: Lab) -> None:
    run(lab, "enable", "", "changeto context admin", "disable")
    assert run(lab, "login", "admin", "wrong") == ["Invalid password"]
    assert lab.console("primary").prompt() == "primary/admin> "
    assert run(lab, "login", "nobody", "cisco") == ["Invalid password"]
    run(lab, "login", "admin", "cisco")
    assert lab.console("primary").prompt() == "primary/admin# "


def test_management_lines_render_and_replicate(lab: Lab) -> None:
    run(lab, "enable", "", "changeto context admin", "configure terminal",
        "username ops password s3cret", "aaa local authentication attempts max-fail 3",
        "ssh 10.1.0.0 255.255.255.0 inside", "no ssh 0.0.0.0 0.0.0.0 inside", "end")
    shown = run(lab, "show running-config ssh") + run(lab, "show running-config aaa")
    assert shown == ["ssh 10.1.0.0 255.255.255.0 inside", "ssh timeout 5",
                     "aaa authentication ssh console LOCAL",
                     "aaa local authentication attempts max-fail 3"]
    users = run(lab, "show running-config username")
    assert users == ["username admin password f3UhLvUj1QsXsuK7 encrypted privilege 15",
                     f"username ops password {asa_hash('s3cret', 'ops')} encrypted"]
    mate = lab.console("secondary")
    for line in ("enable", "", "changeto context admin"):
        mate.execute(line)
    assert mate.execute("show running-config username") == users
    assert mate.execute("show running-config ssh")[0] == "ssh 10.1.0.0 255.255.255.0 inside"


def test_ssh_lines_need_a_named_interface_and_a_mask(lab: Lab) -> None:
    run(lab, "enable", "", "changeto context admin", "configure terminal")
    assert run(lab, "ssh 0.0.0.0 0.0.0.0 nowhere") == ["ERROR: Interface nowhere not found"]
    assert run(lab, "ssh 10.0.0.0 255.0.255.0 inside") == ["ERROR: Invalid netmask"]
