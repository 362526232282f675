"""`serve --classroom DIR` in a child process, three trainees and an instructor, each with a
real SSH client (asyncssh, OpenSSH, netmiko) on the consoles (issue 22)."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from netmiko import ConnectHandler

from tests.support.classroom import PASSWORDS, ClassServed, Term, make_classroom
from tests.support.probes import OpenSSHTerminal, cli

USER, PRIV = "ciscoasa> ", "ciscoasa# "
GROUP2 = ["configure terminal", "failover group 1", "exit", "failover group 2", "secondary", "end"]


@pytest.fixture(scope="module")
def classroom(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, ClassServed]]:
    folder = tmp_path_factory.mktemp("class") / "class1"
    make_classroom(folder, ["alice", "bob", "carol"])
    served = ClassServed(folder)
    try:
        yield folder, served
    finally:
        if served.proc.poll() is None:
            served.stop()


async def enable(term: Term) -> None:
    await term.line("", USER)
    await term.line("enable", "Password: ")
    await term.line("", PRIV)


def test_the_ready_line_names_the_three_ports(classroom: tuple[Path, ClassServed]) -> None:
    _, served = classroom
    assert list(served.ports) == ["primary", "secondary", "instructor"]


def test_each_trainee_has_a_lab_of_their_own_on_both_consoles(classroom: tuple[Path, ClassServed]) -> None:
    folder, served = classroom

    async def main() -> dict[str, str]:
        terms = {name: await Term.open(served.ports["primary"], name) for name in ("alice", "bob")}
        seconds = {name: await Term.open(served.ports["secondary"], name) for name in ("alice", "bob", "carol")}
        for term in [*terms.values(), *seconds.values()]:
            await enable(term)
        for line in GROUP2:             # alice alone configures failover group 2
            await terms["alice"].line(line, "# ")
        await terms["alice"].line("write memory", PRIV)
        shown = {name: await t.line("show running-config failover group", PRIV) for name, t in terms.items()}
        checks = {name: await t.line("@check", PRIV) for name, t in terms.items()}
        out = {f"{n} show": s for n, s in shown.items()} | {f"{n} check": c for n, c in checks.items()}
        out["carol secondary"] = await seconds["carol"].line("show version | include ^Serial", PRIV)
        for term in [*terms.values(), *seconds.values()]:
            term.close()
        return out

    out = asyncio.run(main())
    assert "failover group 2\r\n  secondary" in out["alice show"]
    assert "failover group 2" not in out["bob show"]
    assert "PASS  group 2 prefers the secondary" in out["alice check"]
    assert "FAIL  group 2 prefers the secondary" in out["bob check"]
    assert "Serial Number: JMX1234A0S2" in out["carol secondary"]      # the secondary unit
    # carol on the primary console, with the OpenSSH client
    term = OpenSSHTerminal(served.ports["primary"], "carol", PASSWORDS["carol"], folder.parent)
    try:
        term.expect(USER.encode())              # the console's prompt, at once
        checked = term.line("@check", USER.encode())
        assert b"FAIL  group 2 prefers the secondary" in checked
        assert b"0 of 5 checks passed" in checked
    finally:
        term.close()
    # grading sees alice's saved work, and nobody else's
    done = cli("exercise", "grade", "--classroom", str(folder), "--json")
    assert done.returncode == 1, done.stderr.decode()
    rows = {row["trainee"]: row for row in json.loads(done.stdout)["trainees"]}
    passed = {name: [c["name"] for c in row["checks"] if c["passed"]] for name, row in rows.items()}
    assert passed == {"alice": ["group 2 prefers the secondary"], "bob": [], "carol": []}
    csv_out = cli("exercise", "grade", "--classroom", str(folder), "--csv").stdout.decode().splitlines()
    assert csv_out[0] == "trainee,exercise,check,passed,detail"
    assert "alice,primary,group 2 prefers the secondary,pass," in csv_out


def test_a_new_connection_takes_the_console_over(classroom: tuple[Path, ClassServed]) -> None:
    _, served = classroom

    async def main() -> tuple[str, str]:
        first = await Term.open(served.ports["secondary"], "bob")
        await first.prompt()
        second = await Term.open(served.ports["secondary"], "bob")
        told = await first.ended()
        await second.prompt()
        second.proc.stdin.write("show version | include ^Serial\r")
        got = await second.prompt()
        second.close()
        return told, got

    told, got = asyncio.run(main())
    assert "% This console was taken over by a new connection of the same user" in told
    assert "Serial Number: JMX1234A0S2" in got


def test_a_wrong_password_or_a_stranger_is_refused(classroom: tuple[Path, ClassServed]) -> None:
    _, served = classroom
    import asyncssh

    async def main() -> list[str]:
        out = []
        for user, pw, port in (("alice", "bob-pw", "primary"), ("mallory", "x", "primary"),
                               ("alice", "alice-pw", "instructor")):
            try:
                await Term.open(served.ports[port], user, pw)
                out.append("in")
            except asyncssh.PermissionDenied:
                out.append("refused")
        return out

    assert asyncio.run(main()) == ["refused", "refused", "refused"]


def _clock_ms(text: str) -> int:
    h, m, s, ms = (int(x) for x in re.search(r"(\d\d):(\d\d):(\d\d)\.(\d{3}) UTC", text).groups())  # type: ignore[union-attr]
    return ((h * 60 + m) * 60 + s) * 1000 + ms


def test_an_idle_trainee_clock_does_not_move(classroom: tuple[Path, ClassServed]) -> None:
    _, served = classroom

    async def main() -> tuple[int, int, float]:
        loop = asyncio.get_running_loop()
        term = await Term.open(served.ports["primary"], "bob")
        await term.prompt()
        term.proc.stdin.write("show clock\r")
        before = _clock_ms(await term.prompt())
        term.close()
        await term.conn.wait_closed()
        gone = loop.time()
        await asyncio.sleep(3)
        term = await Term.open(served.ports["primary"], "bob")
        await term.prompt()
        term.proc.stdin.write("show clock\r")
        after = _clock_ms(await term.prompt())
        back = loop.time()
        term.close()
        return before, after, back - gone

    before, after, away = asyncio.run(main())
    # the clock ran only while attached: less than the time away, of which 3 s detached
    assert 0 <= after - before < (away - 2.5) * 1000


def test_the_instructor_sees_progress_watches_and_resets(classroom: tuple[Path, ClassServed]) -> None:
    _, served = classroom

    async def main() -> dict[str, str]:
        inst = await Term.open(served.ports["instructor"], "teacher")
        await inst.until("instructor> ")
        carol = await Term.open(served.ports["primary"], "carol")
        await carol.line("", USER)
        out = {"watch": await inst.line("watch carol primary", "instructor(watch carol/primary)> ")}
        await carol.line("@check", USER)
        # the trainee's console as it happens, and the progress table again (in either order)
        live = await inst.until("instructor(watch carol/primary)> ")
        while "progress:" not in live or "checks passed" not in live:
            live += await inst.until("\n")
        out["live"] = out["seen"] = live
        await inst.line("unwatch", "instructor> ")
        out["progress"] = await inst.line("progress", "instructor> ")
        out["reset"] = await inst.line("reset carol", "instructor> ")
        out["carol"] = await carol.ended()
        inst.close()
        return out

    out = asyncio.run(main())
    assert "watching carol's primary console (read-only; unwatch stops)" in out["watch"]
    assert "progress:" in out["live"] and "exercise primary" in out["live"]
    assert "0 of 5 checks passed" in out["seen"]
    rows = {line.split()[0]: line.split() for line in out["progress"].splitlines()
            if line.split() and line.split()[0] in PASSWORDS}
    assert rows["carol"][1:] == ["FAIL"] * 5 + ["0/5"]
    assert "carol: lab reset" in out["reset"]
    assert "% The instructor has reset your lab: log in again" in out["carol"]


def test_netmiko_drives_a_trainee_console(classroom: tuple[Path, ClassServed]) -> None:
    _, served = classroom

    async def enable_password() -> None:     # netmiko's cisco_asa wants an enable secret
        term = await Term.open(served.ports["secondary"], "carol")
        if (await term.prompt()).endswith("> "):
            await term.line("enable", "Password: ")
            await term.line("", PRIV)
        for line in ("configure terminal", "enable password cisco", "end", "disable"):
            term.proc.stdin.write(line + "\r")
            await term.prompt()
        term.close()
    asyncio.run(enable_password())
    with ConnectHandler(device_type="cisco_asa", host="127.0.0.1", port=served.ports["secondary"],
                        username="carol", password=PASSWORDS["carol"], secret="cisco") as asa:
        out = asa.send_command("show version | include ^Serial", expect_string=r"#",
                               cmd_verify=False)
    assert "Serial Number: JMX1234A0S2" in out


def test_the_exercise_directives_work_at_the_console(classroom: tuple[Path, ClassServed]) -> None:
    _, served = classroom

    async def main() -> dict[str, str]:
        term = await Term.open(served.ports["primary"], "alice")
        await term.prompt()
        out = {}
        for line in ("@task", "@status", "@power off primary", "@console secondary", "@help"):
            term.proc.stdin.write(line + "\r")
            out[line] = await term.prompt()
        term.close()
        return out

    out = asyncio.run(main())
    assert "Configure the primary unit" in out["@task"]
    assert "unit       power" in out["@status"]
    assert "% @power is not available in this exercise" in out["@power off primary"]
    assert "% @console: this port is primary's console" in out["@console secondary"]
    helped = [line.split()[0] for line in out["@help"].splitlines()[1:-1]]
    assert helped == ["@wait", "@status", "@help", "@quit", "@task", "@check"]
