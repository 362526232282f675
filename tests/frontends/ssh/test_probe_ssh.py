"""Probes of `asa-emulator serve` as people reach it: the real OpenSSH client (its password
fed through SSH_ASKPASS, no terminal), the server started as a user starts it."""

from __future__ import annotations

import asyncio
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from asa_emulator.frontends.server import LabServer, start_server
from asa_emulator.lab.lab import Lab
from tests.support.probes import OpenSSHTerminal, Served, cli, openssh, served

HEADER = "SID Client IP       Version Mode Encryption Hmac     State            Username"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with served("example", tmp_path_factory.mktemp("data")) as s:
        yield s


def test_openssh_logs_in_with_the_example_credentials_and_refuses_others(server: Served, tmp_path: Path) -> None:
    port = server.ports["primary"]
    ok = openssh(port, "admin", "cisco", tmp_path, "show curpriv")
    assert ok.returncode == 0
    assert ok.stdout.decode().splitlines()[1] == "Current privilege level : 1"
    for user, password in (("admin", "wrong"), ("nobody", "cisco")):
        bad = openssh(port, user, password, tmp_path, "show curpriv")
        assert bad.returncode == 255
        assert b"Permission denied" in bad.stderr
        assert bad.stdout == b""


def test_an_exec_channel_exits_1_on_an_asa_error_and_0_otherwise(server: Served, tmp_path: Path) -> None:
    port = server.ports["primary"]
    bad = openssh(port, "admin", "cisco", tmp_path, "show nonsense")
    assert bad.returncode == 1
    assert bad.stdout.decode().splitlines()[-1] == "ERROR: % Invalid input detected at '^' marker."
    assert openssh(port, "admin", "cisco", tmp_path, "show version").returncode == 0


def test_show_ssh_sessions_names_an_asa_cipher_in_its_columns(server: Served, tmp_path: Path) -> None:
    # OpenSSH prefers chacha20-poly1305, which no ASA offers; it ran over the columns
    term = OpenSSHTerminal(server.ports["secondary"], "admin", "cisco", tmp_path)
    try:
        term.expect(b"admin> ")
        term.line("enable", b"Password: ")
        term.line("cisco", b"# ")
        lines = term.line("show ssh sessions", b"# ").decode().split("\r\n")
    finally:
        term.close()
    assert lines[1] == HEADER
    row, out = lines[2].split(), lines[3].split()
    assert row[3:] == ["IN", "aes128-ctr", "sha2-256", "SessionStarted", "admin"]
    assert out == ["OUT", "aes128-ctr", "sha2-256", "SessionStarted", "admin"]


def test_keys_mid_line_and_bytes_that_are_not_utf8(server: Served, tmp_path: Path) -> None:
    term = OpenSSHTerminal(server.ports["primary"], "admin", "cisco", tmp_path)
    try:
        term.expect(b"admin> ")
        term.line("enable", b"Password: ")
        term.line("cisco", b"# ")
        before = term.line("show running-config | include ^hostname", b"# ")
        term.send(b"show ver\x03")                    # Ctrl-C: the line is abandoned
        assert term.expect(b"# ") == b"show ver\r\nprimary/admin# "
        term.line("configure terminal", b"(config)# ")
        term.send(b"hostname \xff\xfeX\r")             # decoded as U+FFFD: refused
        assert b"ERROR: % Invalid input detected at '^' marker." in term.expect(b"(config)# ")
        term.send(b"hostname ab\x1a")                  # Ctrl-Z leaves configuration mode
        assert term.expect(b"# ") == b"hostname ab^Z\r\nprimary/admin# "
        shown = term.line("show running-config | include ^hostname", b"# ")
    finally:
        term.close()
    assert shown == before and b"\xef\xbf\xbd" not in shown


def test_a_sixth_session_is_refused_and_the_other_unit_still_answers(tmp_path: Path) -> None:
    with served("example", tmp_path / "data") as s:
        port = s.ports["primary"]
        terms = [OpenSSHTerminal(port, "admin", "cisco", tmp_path) for _ in range(5)]
        try:
            for term in terms:
                term.expect(b"admin> ")
            sixth = openssh(port, "admin", "cisco", tmp_path, "show version")
            other = openssh(s.ports["secondary"], "admin", "cisco", tmp_path, "show curpriv")
        finally:
            for term in terms:
                term.close()
    assert sixth.returncode == 1
    assert sixth.stdout == b"ERROR: Maximum number of SSH sessions (5) reached\r\n"
    assert other.returncode == 0


def test_the_host_key_of_a_builtin_lab_survives_a_restart(tmp_path: Path) -> None:
    keys, logins = [], []
    for _restart in range(2):
        with served("example", tmp_path / "data") as s:
            logins.append(openssh(s.ports["primary"], "admin", "cisco", tmp_path,
                                  "-o", "HostKeyAlias=probe-example", "show curpriv"))
            keys.append((tmp_path / "data" / "labs" / "example" / "ssh_host_ed25519_key").read_bytes())
    assert keys[0] == keys[1]
    # the second login checks the key the first one learnt (a changed key would disable passwords)
    assert [r.returncode for r in logins] == [0, 0]
    assert b"IDENTIFICATION HAS CHANGED" not in logins[1].stderr


def test_a_link_planted_at_the_host_key_temporary_name_is_not_followed(tmp_path: Path) -> None:
    lab, victim = tmp_path / "lab", tmp_path / "victim"
    assert cli("init", str(lab)).returncode == 0
    victim.write_text("precious\n")
    (lab / "ssh_host_ed25519_key.tmp").symlink_to(victim)
    with served(str(lab), tmp_path / "data") as s:
        assert openssh(s.ports["primary"], "admin", "cisco", tmp_path, "show curpriv").returncode == 0
    assert victim.read_text() == "precious\n"
    assert (lab / "ssh_host_ed25519_key").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("plant", ["fifo", "link", "folder"])
def test_a_host_key_that_is_not_a_regular_file_is_one_line_and_exit_2(tmp_path: Path, plant: str) -> None:
    lab = tmp_path / "lab"
    assert cli("init", str(lab)).returncode == 0
    key = lab / "ssh_host_ed25519_key"
    if plant == "fifo":
        os.mkfifo(key)                 # used to block `serve` for ever
    elif plant == "link":
        (tmp_path / "elsewhere").write_text("not a key\n")
        key.symlink_to(tmp_path / "elsewhere")
    else:
        key.mkdir()
    res = cli("serve", "--lab", str(lab), "--port", "0", timeout=20)
    assert res.returncode == 2
    err = res.stderr.decode().splitlines()
    assert len(err) == 1 and err[0].startswith(f"asa-emulator: cannot use the SSH host key {key}: ")


@pytest.mark.parametrize("args", [["--port", "70000"], ["--port", "-1"], ["--port", "65535"], ["--host", ""]])
def test_serve_with_an_impossible_address_is_one_line_and_exit_2(tmp_path: Path, args: list[str]) -> None:
    res = cli("serve", *args, env={"ASA_EMULATOR_DATA": str(tmp_path)}, timeout=20)
    assert res.returncode == 2
    assert len(res.stderr.decode().splitlines()) == 1
    assert b"Traceback" not in res.stderr


def test_a_port_in_use_names_that_port(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = busy.getsockname()[1]
        # the primary gets PORT-1, the secondary would get the busy port
        res = cli("serve", "--port", str(taken - 1), env={"ASA_EMULATOR_DATA": str(tmp_path)}, timeout=20)
    assert res.returncode == 2
    assert res.stderr.decode().splitlines() == [
        f"asa-emulator: cannot listen on 127.0.0.1 port {taken}: Address already in use"]


def test_ssh_timeout_closes_a_real_client_on_the_injected_wall_clock(tmp_path: Path) -> None:
    """`ssh timeout 1` (minutes) in the admin context: idle 59 s is kept, 60 s is closed."""
    wall = [1000.0]
    lab = Lab.load("example")
    lab.settle()
    ready = threading.Event()
    holder: dict[str, object] = {}

    async def main() -> None:
        server: LabServer = await start_server(lab, "127.0.0.1", 0, now=lambda: wall[0], watchdog_s=0.02)
        holder["port"] = server.ports["primary"]
        holder["stop"] = asyncio.Event()
        ready.set()
        await holder["stop"].wait()  # type: ignore[union-attr]
        await server.close()

    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_until_complete, args=(main(),), daemon=True)
    thread.start()
    assert ready.wait(20)
    term = OpenSSHTerminal(int(holder["port"]), "admin", "cisco", tmp_path)  # type: ignore[call-overload]
    try:
        term.expect(b"admin> ")
        term.line("enable", b"Password: ")
        term.line("cisco", b"# ")
        term.line("configure terminal", b"(config)# ")
        term.line("ssh timeout 1", b"(config)# ")
        wall[0] += 59
        time.sleep(0.2)                                # watchdog rounds at 59 s idle: kept
        kept = term.line("show running-config ssh", b"(config)# ")
        wall[0] += 60                                  # idle for 60 s since that line
        rest = term.ended()
    finally:
        term.close()
        loop.call_soon_threadsafe(holder["stop"].set)  # type: ignore[attr-defined]
        thread.join(20)
    assert b"ssh timeout 1" in kept
    assert term.proc.returncode == 255
    assert b"Connection to 127.0.0.1 closed" in rest or b"closed by remote host" in rest or b"Disconnected" in rest


def test_an_exec_command_over_the_line_limit_is_refused_not_cut(server: Served, tmp_path: Path) -> None:
    # cut at 512, `... | include xxx…` (without its last word) ran and printed nothing, status 0
    command = "show version | include " + "x" * 489 + "Hardware"
    res = openssh(server.ports["primary"], "admin", "cisco", tmp_path, command)
    assert res.returncode == 1
    caret, error = res.stdout.decode().splitlines()
    # the marker at column 512 of the line, after the prompt the console counts it from
    assert caret == " " * (len("primary/admin> ") + 512) + "^"
    assert error == "ERROR: % Invalid input detected at '^' marker."
