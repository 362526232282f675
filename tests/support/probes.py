"""End-to-end helpers for the probe tests: `asa-emulator` run as a user runs it (a child
process), the real OpenSSH client fed a password through SSH_ASKPASS, and a hash of a folder
tree to prove that nothing outside a lab changed."""

from __future__ import annotations

import hashlib
import os
import pty
import select
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PYTHON = sys.executable
WAIT_S = 20.0        # functional timeout: how long a reply may take before the test fails


def cli(*args: str, cwd: Path | None = None, stdin: bytes = b"",
        env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    """`asa-emulator ARGS` in a child process, with a strict UTF-8 stdout as a user's terminal."""
    full = {**os.environ, "PYTHONIOENCODING": "utf-8:strict", **(env or {})}
    return subprocess.run([PYTHON, "-m", "asa_emulator", *args], cwd=cwd, input=stdin,
                          capture_output=True, env=full, timeout=timeout)


def tree_hash(root: Path, skip: Path | None = None) -> dict[str, str]:
    """Every entry under `root` (but `skip`) -> its type and content hash; links by target."""
    out: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        if skip is not None and (here == skip or skip in here.parents):
            dirnames[:] = []
            continue
        for name in dirnames + filenames:
            p = here / name
            if skip is not None and p == skip:
                continue
            st = p.lstat()
            rel = str(p.relative_to(root))
            if stat.S_ISLNK(st.st_mode):
                out[rel] = "link:" + os.readlink(p)
            elif stat.S_ISREG(st.st_mode):
                out[rel] = f"{stat.S_IMODE(st.st_mode):o}:" + hashlib.sha256(p.read_bytes()).hexdigest()
            elif stat.S_ISDIR(st.st_mode):
                out[rel] = f"dir:{stat.S_IMODE(st.st_mode):o}"
            else:
                out[rel] = f"other:{st.st_mode:o}"
    return out


def parse_ready(line: str) -> dict[str, int]:
    """`ready primary=2222 secondary=2223 control=2224` -> {"primary": 2222, ...}."""
    word, *fields = line.split()
    assert word == "ready", line
    return {name: int(port) for name, _, port in (f.partition("=") for f in fields)}


def read_ready(proc: subprocess.Popen[bytes]) -> tuple[dict[str, int], list[str]]:
    """What a child `serve` printed up to its ready line: (its ports, the lines before it)."""
    human: list[str] = []
    assert proc.stdout is not None
    while True:
        line = proc.stdout.readline().decode()
        if not line:
            raise AssertionError(f"serve ended: {proc.stderr.read().decode()}")  # type: ignore[union-attr]
        if line.startswith("ready "):
            return parse_ready(line), human
        human.append(line.rstrip("\n"))


class Served:
    """`asa-emulator serve --lab LAB --port 0` in a child process; `ports` from what it printed."""

    def __init__(self, lab: str, data: Path, *extra: str, cwd: Path | None = None,
                 sigint_ignored: bool = False) -> None:
        env = {**os.environ, "ASA_EMULATOR_DATA": str(data), "PYTHONUNBUFFERED": "1"}
        # sigint_ignored: started as a shell's background job is (`make test &`, `serve &`)
        ignore = (lambda: signal.signal(signal.SIGINT, signal.SIG_IGN)) if sigint_ignored else None
        self.proc = subprocess.Popen([PYTHON, "-m", "asa_emulator", "serve", "--lab", lab,
                                      "--port", "0", *extra], cwd=cwd, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     preexec_fn=ignore)
        # from the ready line: primary, secondary, control, console-primary ...; the lines before it
        self.ports, self.human = read_ready(self.proc)

    def stop(self) -> str:
        """Interrupt the server (as Ctrl-C does); its stderr."""
        self.proc.send_signal(signal.SIGINT)
        _, err = self.proc.communicate(timeout=WAIT_S)
        return err.decode()


@contextmanager
def served(lab: str, data: Path, *extra: str) -> Iterator[Served]:
    s = Served(lab, data, *extra)
    try:
        yield s
    finally:
        if s.proc.poll() is None:
            s.stop()


def _ssh_env(password: str, home: Path) -> dict[str, str]:
    askpass = home / "askpass.sh"
    if not askpass.exists():
        askpass.write_text('#!/bin/sh\nprintf \'%s\\n\' "$PROBE_PW"\n')
        askpass.chmod(0o755)
    return {**os.environ, "PROBE_PW": password, "SSH_ASKPASS": str(askpass),
            "SSH_ASKPASS_REQUIRE": "force", "DISPLAY": ":0"}


def ssh_args(port: int, user: str, home: Path, *options: str) -> list[str]:
    return ["ssh", "-p", str(port), "-o", "StrictHostKeyChecking=no",
            "-o", f"UserKnownHostsFile={home / 'known_hosts'}", "-o", "GlobalKnownHostsFile=/dev/null",
            "-o", "PreferredAuthentications=password", "-o", "NumberOfPasswordPrompts=1",
            "-o", "PubkeyAuthentication=no", "-o", "BatchMode=no", "-F", "/dev/null",
            *options, f"{user}@127.0.0.1"]


def openssh(port: int, user: str, password: str, home: Path, *rest: str,
            stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    """The real `ssh` client, without a terminal (setsid), its password from SSH_ASKPASS."""
    return subprocess.run(ssh_args(port, user, home, *rest[:-1]) + list(rest[-1:]),
                          input=stdin, capture_output=True, env=_ssh_env(password, home),
                          start_new_session=True, timeout=WAIT_S * 2)


class OpenSSHTerminal:
    """An interactive `ssh -tt` session on a pseudo-terminal, as a person types."""

    def __init__(self, port: int, user: str, password: str, home: Path, *options: str) -> None:
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen(ssh_args(port, user, home, "-tt", *options),
                                     stdin=slave, stdout=slave, stderr=slave,
                                     env=_ssh_env(password, home), start_new_session=True)
        os.close(slave)
        self.seen = b""

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def expect(self, marker: bytes, timeout: float = WAIT_S) -> bytes:
        """Everything received up to and including `marker` (consumed)."""
        end = time.monotonic() + timeout
        while marker not in self.seen:
            left = end - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no {marker!r} in {self.seen[-400:]!r}")
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    chunk = b""
                if not chunk:
                    raise AssertionError(f"session ended before {marker!r}: {self.seen[-400:]!r}")
                self.seen += chunk
        head, _, tail = self.seen.partition(marker)
        self.seen = tail
        return head + marker

    def line(self, text: str, prompt: bytes) -> bytes:
        self.send(text.encode() + b"\r")
        return self.expect(prompt)

    def ended(self, timeout: float = WAIT_S) -> bytes:
        """What is left once the session ends (the client exits)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    chunk = b""
                if not chunk:
                    break
                self.seen += chunk
            elif self.proc.poll() is not None:
                break
        self.proc.wait(timeout=WAIT_S)
        return self.seen

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=WAIT_S)
        os.close(self.master)
