"""The classroom server's tests: a classroom folder made with the CLI, `serve --classroom` in
a child process, and an asyncssh console client that reads up to a marker."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
from pathlib import Path

import asyncssh

from tests.support.probes import PYTHON, WAIT_S, cli, read_ready

PASSWORDS = {"alice": "alice-pw", "bob": "bob-pw", "carol": "carol-pw", "teacher": "teach-pw"}


def make_classroom(folder: Path, trainees: list[str], exercise: str = "primary") -> None:
    for name in trainees:
        done = cli("classroom", "add", str(folder), name, "--exercise", exercise,
                   stdin=(PASSWORDS[name] + "\n").encode())
        assert done.returncode == 0, done.stderr.decode()
    done = cli("classroom", "add", str(folder), "teacher", "--instructor", stdin=b"teach-pw\n")
    assert done.returncode == 0, done.stderr.decode()


class ClassServed:
    """`asa-emulator serve --classroom DIR --port 0` in a child process."""

    def __init__(self, folder: Path) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen([PYTHON, "-m", "asa_emulator", "serve", "--classroom", str(folder),
                                      "--port", "0"], env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.ports, self.human = read_ready(self.proc)

    def stop(self, sig: int = signal.SIGTERM) -> tuple[int, str]:
        self.proc.send_signal(sig)
        _, err = self.proc.communicate(timeout=WAIT_S)
        return self.proc.returncode, err.decode()


class Term:
    """An interactive asyncssh session on one console port."""

    def __init__(self, conn: asyncssh.SSHClientConnection,
                 proc: asyncssh.SSHClientProcess[str]) -> None:
        self.conn = conn
        self.proc = proc
        self.seen = ""

    @classmethod
    async def open(cls, port: int, user: str, password: str | None = None) -> Term:
        conn = await asyncssh.connect("127.0.0.1", port, username=user,
                                      password=password or PASSWORDS[user], known_hosts=None)
        proc = await conn.create_process(term_type="vt100")
        return cls(conn, proc)

    async def until(self, marker: str) -> str:
        async def read() -> None:
            while marker not in self.seen:
                data = await self.proc.stdout.read(4096)
                if not data:
                    raise AssertionError(f"closed before {marker!r}: {self.seen[-300:]!r}")
                self.seen += data
        try:
            await asyncio.wait_for(read(), WAIT_S)
        except TimeoutError:
            raise AssertionError(f"no {marker!r} in {self.seen[-300:]!r}") from None
        head, _, self.seen = self.seen.partition(marker)
        return head + marker

    async def prompt(self) -> str:
        """Up to the next prompt, whatever the mode (`ciscoasa> `, `ciscoasa(config)# `,
        `Password: `)."""
        async def read() -> None:
            while not re.search(r"([>#]|Password:) $", self.seen):
                data = await self.proc.stdout.read(4096)
                if not data:
                    raise AssertionError(f"closed before a prompt: {self.seen[-300:]!r}")
                self.seen += data
        try:
            await asyncio.wait_for(read(), WAIT_S)
        except TimeoutError:
            raise AssertionError(f"no prompt in {self.seen[-300:]!r}") from None
        out, self.seen = self.seen, ""
        return out

    async def line(self, text: str, marker: str) -> str:
        self.proc.stdin.write(text + "\r")
        return await self.until(marker)

    async def ended(self) -> str:
        """What is left once the server closes the session."""
        async def read() -> None:
            while data := await self.proc.stdout.read(4096):
                self.seen += data
        await asyncio.wait_for(read(), WAIT_S)
        return self.seen

    def close(self) -> None:
        self.conn.close()
