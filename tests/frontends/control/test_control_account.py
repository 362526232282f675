"""The lab-control port's own account (`[control]` in lab.toml, lab/account.py): checked
against a salted scrypt hash, independent of the units' users and power; a lab without one
refuses `serve --lab-control`; bad values are one line and exit 2."""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path

import pytest

from asa_emulator.cli import main
from asa_emulator.frontends.server import start_server
from asa_emulator.frontends.ssh.sshlib import asyncssh
from asa_emulator.lab.account import check_login, hash_password, verify
from asa_emulator.lab.lab import Lab
from tests.support.labfiles import lab_toml, make_lab, run_lab
from tests.support.probes import PYTHON, cli, openssh, served

GOOD_HASH = hash_password("pw", salt=b"0123456789abcdef")


def test_a_hash_checks_its_own_password_only() -> None:
    stored = hash_password("lab")
    assert stored.startswith("scrypt:16384:8:1$")
    assert verify("lab", stored) and not verify("Lab", stored) and not verify("lab", "scrypt:garbage")
    assert hash_password("lab") != stored          # a fresh salt each time
    lab = Lab.load("example")
    assert lab.control_account is not None and lab.control_account.username == "lab"
    assert check_login(lab.control_account, "lab", "lab")
    assert not check_login(lab.control_account, "admin", "lab")
    assert not check_login(None, "lab", "lab")


def test_the_helper_prints_a_table_that_a_lab_accepts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    made = subprocess.run([PYTHON, "-m", "asa_emulator.lab.account", "trainer"], input=b"s3cret\n",
                          capture_output=True, check=True)
    table = made.stdout.decode()
    assert table.splitlines()[:2] == ["[control]", 'username = "trainer"']
    d = make_lab(tmp_path, lab_toml(tail=table))
    assert run_lab(tmp_path, d, capsys) == (0, [])
    account = Lab.load(str(d)).control_account
    assert account is not None and check_login(account, "trainer", "s3cret")


BAD = [
    ('username = "lab"\n', "[control]: password_hash is missing (python -m asa_emulator.lab.account prints the table)"),
    (f'password_hash = "{GOOD_HASH}"\n', "[control]: username is missing (python -m asa_emulator.lab.account prints the table)"),
    (f'username = "l a b"\npassword_hash = "{GOOD_HASH}"\n',
     "[control]: username 'l a b' is not valid (letters, digits, . _ @ -, at most 64)"),
    ('username = "lab"\npassword_hash = "lab"\n',
     "[control]: password_hash is not scrypt:N:r:p$SALT$HASH (python -m asa_emulator.lab.account prints one)"),
    ('username = "lab"\npassword_hash = "scrypt:1048576:8:1$MDEyMzQ1Njc4OWFiY2RlZg==$' + GOOD_HASH.split("$")[2] + '"\n',
     "[control]: password_hash has N=1048576 (a power of 2 from 1024 to 131072) "
     "(python -m asa_emulator.lab.account prints one)"),
    ('username = "lab"\npassword_hash = 3\n', "[control]: password_hash must be a string, not an integer"),
    ('username = "lab"\npassword = "lab"\n', "[control]: unknown key 'password' (known: username, password_hash)"),
]


@pytest.mark.parametrize(("body", "message"), BAD)
def test_a_bad_control_table_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    body: str, message: str) -> None:
    d = make_lab(tmp_path, lab_toml(tail="[control]\n" + body))
    assert run_lab(tmp_path, d, capsys) == (2, [f"asa-emulator: {d}/lab.toml: {message}"])


def test_a_lab_without_an_account_refuses_lab_control(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--lab", "blank", "--port", "0", "--lab-control"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "asa-emulator: lab 'blank' has no [control] account for --lab-control: add one to its "
        "lab.toml (python -m asa_emulator.lab.account prints it)"]


def test_init_copies_the_account(tmp_path: Path) -> None:
    assert cli("init", str(tmp_path / "mine")).returncode == 0
    account = Lab.load(str(tmp_path / "mine")).control_account
    assert account is not None and check_login(account, "lab", "lab")


def test_only_the_control_account_logs_in_even_with_both_units_off() -> None:
    lab = Lab.load("example")
    lab.settle()
    console = lab.console("primary")
    for line in ("enable", "", "changeto context admin", "configure terminal",
                 "username guest password guest privilege 0", "end"):
        console.execute(line)

    async def attempt(port: int, user: str, password: str, line: str) -> str:
        try:
            async with asyncssh.connect("127.0.0.1", port, username=user, password=password,
                                        known_hosts=None, client_keys=None) as conn:
                return str((await conn.run(line)).stdout)
        except asyncssh.PermissionDenied:
            return "refused"

    async def main_() -> list[str]:
        server = await start_server(lab, "127.0.0.1", 0, control=True)
        try:
            port = server.control_port
            assert port is not None
            return [await attempt(port, "guest", "guest", "@power off primary"),
                    await attempt(port, "admin", "cisco", "@power off primary"),
                    await attempt(port, "lab", "lab", "@power off primary"),
                    await attempt(port, "lab", "lab", "@power off secondary"),
                    await attempt(port, "lab", "lab", "@power on primary")]
        finally:
            await server.close()

    assert asyncio.run(main_()) == ["refused", "refused", "", "", ""]


def test_openssh_runs_a_directive_on_the_served_example(tmp_path: Path) -> None:
    with served("example", tmp_path / "data", "--lab-control") as s:
        done = openssh(s.ports["control"], "lab", "lab", tmp_path, "@status")
        refused = openssh(s.ports["control"], "admin", "cisco", tmp_path, "@status")
    assert done.returncode == 0 and done.stdout.decode().startswith("lab example")
    assert refused.returncode == 255 and b"Permission denied" in refused.stderr
