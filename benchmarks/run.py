"""`make bench`: throughput and latency figures for the README's performance table.

Plain timers, no pass/fail: the numbers are printed as a table (design.md, "Performance").
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from asa_emulator.lab.lab import Lab  # noqa: E402
from asa_emulator.transcript.runner import Runner  # noqa: E402

MIX = [
    "show failover | include State",
    "changeto context admin",
    "configure terminal",
    "interface GigabitEthernet0/3",
    "description bench",
    "exit",
    "show running-config interface GigabitEthernet0/3",
    "end",
    "changeto system",
    "show clock",
]


def replay(n: int = 10_000) -> tuple[float, list[float]]:
    lab = Lab.load("example")
    lab.settle()
    runner = Runner(lab, lambda line: None)
    for line in ("enable", ""):
        runner.feed(line)
    script = [MIX[i % len(MIX)] for i in range(n)]
    lat: list[float] = []
    t0 = time.perf_counter()
    for line in script:
        t = time.perf_counter()
        runner.feed(line)
        lat.append(time.perf_counter() - t)
    total = time.perf_counter() - t0
    return n / total, lat


def big_config(contexts: int = 250, per_ctx: int = 12) -> tuple[float, float, int]:
    """250 contexts with 12 subinterfaces each (~25,000 configuration lines): full sync to the
    mate, and `show running-config` of the system and every context."""
    from asa_emulator.failover.sync import copy_config
    lab = Lab.load("blank")
    lab.settle()
    p, s = lab.units["primary"], lab.units["secondary"]
    for u in (p, s):
        u.hw.contexts_license = contexts + 1
    lines: list[str] = []
    subs = [(c, k, 2 + (c * per_ctx + k) % 4, c * per_ctx + k + 1)
            for c in range(1, contexts + 1) for k in range(per_ctx)]
    for _, _, port, vid in subs:
        lines += [f"interface GigabitEthernet0/{port}.{vid}", f" vlan {vid}"]
    for c in range(1, contexts + 1):
        lines += [f"context c{c}", f" config-url flash:/c{c}.cfg"]
        lines += [f" allocate-interface GigabitEthernet0/{port}.{vid}" for cc, _, port, vid in subs if cc == c]
    p.apply_system(lines)
    for c in range(1, contexts + 1):
        ctx_lines: list[str] = []
        for cc, k, port, vid in subs:
            if cc == c:
                ctx_lines += [f"interface GigabitEthernet0/{port}.{vid}", f" nameif net{k}",
                              f" security-level {k}",
                              f" ip address 10.{c}.{k}.1 255.255.255.0 standby 10.{c}.{k}.2"]
        p.apply_context(f"c{c}", ctx_lines)
    n_lines = len(p.config_body(None)) + sum(len(p.config_body(c)) for c in p.ctx)
    t0 = time.perf_counter()
    copy_config(p, s, None, True)
    sync = time.perf_counter() - t0
    assert len(s.config_body("c250")) == len(p.config_body("c250"))
    t0 = time.perf_counter()
    p.running_config(None)
    for c in p.ctx:
        p.running_config(c)
    show = time.perf_counter() - t0
    return sync, show, n_lines


IMPORT_FLOOR = [sys.executable, "-c", "import prompt_toolkit, lark, rich"]


def startup(bytecode: bool, pairs: int = 11) -> tuple[float, float, float]:
    """`asa-emulator run` of a one-line script against the bare import of the terminal
    libraries, run in turn (A B A B ...) with an empty TMPDIR: (run, import, median of the
    pair-by-pair ratios), wall seconds.  bytecode=False sets PYTHONDONTWRITEBYTECODE, as on
    this project's machines (the package's bytecode is then whatever `make install` wrote)."""
    import os
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "one.txt"
        script.write_text("show clock\n")
        empty = Path(tmp) / "empty"
        empty.mkdir()
        env = {**os.environ, "TMPDIR": str(empty)}
        if bytecode:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
        else:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        run = [sys.executable, "-m", "asa_emulator", "run", str(script)]

        def timed(args: list[str]) -> float:
            t0 = time.perf_counter()
            subprocess.run(args, capture_output=True, cwd=ROOT, env=env, check=False)
            return time.perf_counter() - t0
        timed(run), timed(IMPORT_FLOOR)   # warm the file cache
        a, b = [], []
        for _ in range(pairs):
            a.append(timed(run))
            b.append(timed(IMPORT_FLOOR))
        assert not any(empty.iterdir()), "run wrote to the temp directory"
    ratios = [x / y for x, y in zip(a, b, strict=True)]
    return statistics.median(a), statistics.median(b), statistics.median(ratios)


def first_prompt() -> float:
    """Start of `asa-emulator lab` to its first prompt, on a pseudo-terminal (best of 3)."""
    import os
    import pty
    import select
    best = 1e9
    for _ in range(3):
        t0 = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:
            os.chdir(ROOT)
            os.execv(sys.executable, [sys.executable, "-m", "asa_emulator", "lab"])
        seen = b""
        while b"primary>" not in seen and time.perf_counter() - t0 < 20:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    seen += os.read(fd, 4096)
                except OSError:
                    break
        best = min(best, time.perf_counter() - t0)
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        os.close(fd)
    return best


def main() -> None:
    rate, lat = replay()
    lat.sort()
    p50 = statistics.median(lat) * 1000
    p99 = lat[int(len(lat) * 0.99)] * 1000
    sync, show, n = big_config()
    starts = {bc: startup(bc) for bc in (True, False)}
    rows = [
        ("replay 10,000-line script", f"{rate:,.0f} commands/s", ">= 20,000 commands/s"),
        ("one command parse+execute+render p50", f"{p50:.3f} ms", ""),
        ("one command parse+execute+render p99", f"{p99:.3f} ms", "< 1 ms"),
        (f"full sync of {n:,} lines / 250 contexts", f"{sync * 1000:.0f} ms", "< 2 s"),
        ("show running-config, all 250 contexts", f"{show * 1000:.0f} ms", "< 200 ms"),
    ]
    for bc, (run1, imports, ratio) in starts.items():
        how = "with bytecode" if bc else "PYTHONDONTWRITEBYTECODE=1"
        rows.append((f"`run` of a one-line script / import floor, {how}, empty TMPDIR",
                     f"{run1 * 1000:.0f} ms / {imports * 1000:.0f} ms = {ratio:.2f}x", "<= 0.7x"))
    imports = starts[True][1]
    rows += [
        ("`asa-emulator lab` start to first prompt", f"{first_prompt() * 1000:.0f} ms",
         f"< 2 x the import floor ({2 * imports * 1000:.0f} ms)"),
    ]
    from benchmarks.ssh_bench import ssh_round_trip
    default, tuned = ssh_round_trip()
    rows.append(("SSH netmiko send_command('show failover')", f"{default * 1000:.1f} ms", "< 20 ms"))
    rows.append(("  same, expect_string + cmd_verify=False", f"{tuned * 1000:.1f} ms", "< 20 ms"))
    w = max(len(r[0]) for r in rows)
    print(f"| {'measure':<{w}} | result | target |")
    print(f"|{'-' * (w + 2)}|--------|--------|")
    for name, value, target in rows:
        print(f"| {name:<{w}} | {value} | {target} |")


if __name__ == "__main__":
    main()
