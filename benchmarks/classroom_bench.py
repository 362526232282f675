"""A classroom of N trainees (`serve --classroom` in a child process; issue 22): figures,
never pass/fail.

- login: from the TCP connection to the console's first prompt, the lab loaded at that
  login (median and worst over the class);
- RSS per lab: the server's resident memory with every lab loaded, less before any, over N;
- idle CPU: the server's CPU time per wall second with every trainee logged out (goal 0);
- p99 of a command (`show clock` on the primary console) while T trainees type at once.

    .venv/bin/python benchmarks/classroom_bench.py [--trainees 50] [--typing 10] [--seconds 10]

It builds the classroom in a temporary folder (the roster and each lab, in this process).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from asa_emulator.frontends.ssh.sshlib import asyncssh

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from asa_emulator.classroom import labs  # noqa: E402
from asa_emulator.classroom.roster import Trainee, new_roster, save  # noqa: E402
from asa_emulator.lab.account import hash_password  # noqa: E402

PASSWORD = "bench-pw"
EXERCISE = "primary"
TICKS = os.sysconf("SC_CLK_TCK")


def build(folder: Path, n: int) -> list[str]:
    roster = new_roster(folder)
    hashed = hash_password(PASSWORD)           # one hash for all: the bench is not scrypt's
    names = [f"t{i:03d}" for i in range(n)]
    for name in names:
        roster.trainees[name] = Trainee(name, hashed, EXERCISE)
    save(roster)
    for name in names:
        labs.make(roster, roster.trainees[name])
    return names


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


async def login(port: int, name: str) -> tuple[asyncssh.SSHClientConnection, asyncssh.SSHClientProcess[str], float]:
    start = time.perf_counter()
    conn = await asyncssh.connect("127.0.0.1", port, username=name, password=PASSWORD, known_hosts=None)
    proc = await conn.create_process(term_type="vt100")
    seen = ""
    while not seen.endswith("> ") and not seen.endswith("# "):
        seen += await proc.stdout.read(4096)
    return conn, proc, time.perf_counter() - start


async def command(proc: asyncssh.SSHClientProcess[str], line: str) -> float:
    start = time.perf_counter()
    proc.stdin.write(line + "\r")
    seen = ""
    while not (seen.endswith("> ") or seen.endswith("# ")) or "UTC" not in seen:
        seen += await proc.stdout.read(4096)
    return time.perf_counter() - start


async def measure(port: int, pid: int, names: list[str], typing: int, seconds: float) -> dict[str, str]:
    before = rss_kb(pid)
    logins, sessions = [], []
    for name in names:
        conn, proc, took = await login(port, name)
        logins.append(took)
        sessions.append((conn, proc))
    loaded = rss_kb(pid)
    for conn, _ in sessions:
        conn.close()
        await conn.wait_closed()
    await asyncio.sleep(1.0)
    cpu0, t0 = cpu_s(pid), time.monotonic()
    await asyncio.sleep(seconds)
    idle = (cpu_s(pid) - cpu0) / (time.monotonic() - t0)
    typists = [await login(port, name) for name in names[:typing]]
    times: list[float] = []

    async def type_for(proc: asyncssh.SSHClientProcess[str]) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            times.append(await command(proc, "show clock"))
    await asyncio.gather(*(type_for(proc) for _, proc, _ in typists))
    for conn, _, _ in typists:
        conn.close()
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    return {
        "trainees": str(len(names)),
        "login median / worst": f"{statistics.median(logins) * 1000:.0f} ms / {max(logins) * 1000:.0f} ms",
        "RSS per lab": f"{(loaded - before) / len(names) / 1024:.1f} MB",
        "idle CPU (all logged out)": f"{idle * 100:.2f} % of a core",
        f"p99 of a command, {len(typists)} typing": f"{p99 * 1000:.2f} ms ({len(times)} commands)",
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--trainees", type=int, default=50)
    ap.add_argument("--typing", type=int, default=10)
    ap.add_argument("--seconds", type=float, default=10.0)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "class"
        names = build(folder, args.trainees)
        proc = subprocess.Popen([sys.executable, "-m", "asa_emulator", "serve", "--classroom", str(folder),
                                 "--port", "0"], stdout=subprocess.PIPE, text=True,
                                env={**os.environ, "PYTHONUNBUFFERED": "1"})
        try:
            assert proc.stdout is not None
            line = ""
            while not line.startswith("ready "):
                line = proc.stdout.readline()
                if not line:
                    print("classroom_bench: the server did not start", file=sys.stderr)
                    return 2
            ports = dict(field.split("=") for field in line.split()[1:])
            figures = asyncio.run(measure(int(ports["primary"]), proc.pid, names,
                                          min(args.typing, len(names)), args.seconds))
        finally:
            proc.terminate()
            proc.wait(timeout=60)
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
