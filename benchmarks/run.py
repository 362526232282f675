"""`make bench`: throughput and latency figures for the README's performance table.

Plain timers, no pass/fail: the numbers are printed as a table (design.md, "Performance").
"""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from asa_emulator.device.session import Session  # noqa: E402
from asa_emulator.device.unit import Unit  # noqa: E402
from asa_emulator.lab.lab import Lab, keep_for_good  # noqa: E402
from benchmarks.large_lab import write_lab  # noqa: E402
from benchmarks.mix import replay  # noqa: E402
from benchmarks.ssh_bench import NETMIKO_LOOP_DELAY, ssh_figures  # noqa: E402

LARGE = (250, 4)        # contexts x subinterfaces: a real customer's size (benchmarks/large_lab.py)
HALF = (125, 4)         # the second size for the save and sync exponents


def _timed(fn: Callable[[], object]) -> float:
    """CPU seconds of this process: the machine is shared, wall time would measure the other
    jobs too (the replay's wall-clock rate is printed beside its CPU rate)."""
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


def _load(where: str) -> tuple[Lab, float]:
    t0 = time.perf_counter()
    lab = Lab.load(where, in_memory=True)
    lab.settle()
    took = time.perf_counter() - t0
    keep_for_good()
    return lab, took


def _enabled(lab: Lab, unit: str = "primary") -> Session:
    con = lab.console(unit)
    for line in ("enable", "", "changeto system"):
        con.execute(line)
    return con


def per_line_us(lab: Lab, command: str, repeat: int = 5) -> tuple[float, int]:
    """Best of `repeat` runs of a system-space command: (microseconds per output line, lines)."""
    con = _enabled(lab)
    best, lines = 1e9, 0
    for _ in range(repeat):
        t0 = time.process_time()
        out = con.execute(command)
        best = min(best, time.process_time() - t0)
        lines = len(out)
    return best / max(lines, 1) * 1e6, lines


def cold_per_line_us(lab: Lab, command: str, repeat: int = 5) -> tuple[float, int]:
    """As per_line_us, each run right after a system-space command (a new description on an
    interface no context has), after which the kept lines are looked at again."""
    con = _enabled(lab)
    best, lines = 1e9, 0
    for k in range(repeat):
        for line in ("configure terminal", "interface GigabitEthernet0/0", f" description cold {k}", "end"):
            con.execute(line)
        t0 = time.process_time()
        out = con.execute(command)
        best = min(best, time.process_time() - t0)
        lines = len(out)
    for line in ("configure terminal", "interface GigabitEthernet0/0", " no description", "end"):
        con.execute(line)               # the lab's configuration as it was (its size is a figure)
    return best / max(lines, 1) * 1e6, lines


def config_lines(u: Unit) -> int:
    return len(u.config_body(None)) + sum(len(u.config_body(c)) for c in u.ctx)


def save_and_sync(lab: Lab) -> dict[str, float]:
    """Seconds of a full sync (copy to the mate), `write memory all` and `write standby` (the
    command and the copy it makes), and the configuration's size in lines."""
    from asa_emulator.failover.sync import copy_config
    p, s = lab.units["primary"], lab.units["secondary"]
    con = _enabled(lab)
    got: dict[str, float] = {"lines": config_lines(p)}

    def standby() -> None:
        con.execute("write standby")
        while lab.pair.fo["secondary"].syncing:
            lab.advance(1_000)
    # best of three: the machine is shared, a single run measures its neighbours too
    got["sync"] = min(_timed(lambda: copy_config(p, s, None, True)) for _ in range(3))
    assert config_lines(s) == config_lines(p)
    got["write memory all"] = min(_timed(lambda: con.execute("write memory all")) for _ in range(3))
    got["write standby"] = min(_timed(standby) for _ in range(3))
    return got


def exponent(small: dict[str, float], large: dict[str, float], key: str) -> float:
    return math.log(large[key] / small[key]) / math.log(large["lines"] / small["lines"])


def lab_figures(where: str) -> dict[str, object]:
    lab, settle = _load(where)
    f: dict[str, object] = {"settle": settle}
    f["wait 1h"] = _timed(lambda: lab.directive("@wait 1h"))
    f["wait 720h"] = _timed(lambda: lab.directive("@wait 720h"))
    f["wall rate"] = replay(lab, clock=time.perf_counter)[0]
    rate, lat, errors = replay(lab)
    assert errors == 0, f"the replay mix printed {errors} errors on {where}"
    lat.sort()
    f["rate"], f["p50"], f["p99"] = rate, statistics.median(lat), lat[int(len(lat) * 0.99)]
    for command in ("show failover", "show running-config", "show interface"):
        f[command] = per_line_us(lab, command)
    for command in ("show failover", "show interface"):
        f[command + " cold"] = cold_per_line_us(lab, command)
    f.update(save_and_sync(lab))
    # last, as it leaves the pair deaf to each other: every tick a quiet one to skip (issue 17)
    lab.directive("@failover-link down")
    f["wait 720h link down"] = _timed(lambda: lab.directive("@wait 720h"))
    f["rss"] = float(subprocess.run([sys.executable, str(ROOT / "benchmarks" / "rss.py"), where],
                                    capture_output=True, text=True, check=True).stdout)
    return f


IMPORT_FLOOR = [sys.executable, "-c", "import prompt_toolkit, lark, rich"]


def startup(bytecode: bool, pairs: int = 11) -> tuple[float, float, float]:
    """`asa-emulator run` of a one-line script against the bare import of the terminal
    libraries, run in turn (A B A B ...) with an empty TMPDIR: (run, import, median of the
    pair-by-pair ratios), wall seconds.  bytecode=False sets PYTHONDONTWRITEBYTECODE, as on
    this project's machines (the package's bytecode is then whatever `make install` wrote)."""

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


def _ms(x: object) -> str:
    return f"{float(x) * 1000:,.1f} ms"  # type: ignore[arg-type]


def lab_rows(ex: dict[str, object], lg: dict[str, object], exp: dict[str, float]) -> list[tuple[str, ...]]:
    def both(key: str, fmt: Callable[[object], str]) -> tuple[str, str]:
        return fmt(ex[key]), fmt(lg[key])

    def per_line(key: str) -> tuple[str, str]:
        return tuple(f"{v[0]:.2f} us/line ({v[1]:,} lines)" for v in (ex[key], lg[key]))  # type: ignore[index, return-value]
    return [
        ("load and settle (boot, negotiation, sync)", *both("settle", _ms), ""),
        ("`@wait 1h` of virtual time", *both("wait 1h", _ms), "< 500 ms"),
        ("`@wait 720h` (the 30-day cap)", *both("wait 720h", _ms), "reasonable"),
        ("`@wait 720h`, failover link down", *both("wait 720h link down", _ms), "< 1 s"),
        ("replay, 10,000 lines of the named mix", *both("rate", lambda v: f"{float(v):,.0f} commands/s"),  # type: ignore[arg-type]
         ">= 20,000 commands/s"),
        ("  same, wall clock (shared machine)", *both("wall rate", lambda v: f"{float(v):,.0f} commands/s"),  # type: ignore[arg-type]
         ""),
        ("one command, p50", *both("p50", _ms), ""),
        ("one command, p99", *both("p99", _ms), "< 1 ms"),
        ("`show failover`", *per_line("show failover"), "< 2 us/line"),
        ("`show running-config` (system space)", *per_line("show running-config"), "< 2 us/line"),
        ("`show interface` (system space)", *per_line("show interface"), "< 2 us/line"),
        ("`show failover`, after a system-space command", *per_line("show failover cold"), "< 2 us/line"),
        ("`show interface` (system space), after one", *per_line("show interface cold"), "< 2 us/line"),
        ("configuration size (lines, system + contexts)", *both("lines", lambda v: f"{int(v):,}"), ""),  # type: ignore[call-overload]
        ("full configuration sync to the mate", *both("sync", _ms), "< 500 ms (large)"),
        ("`write memory all`", *both("write memory all", _ms),
         f"linear: exponent {exp['write memory all']:.2f}"),
        ("`write standby` (command and copy)", *both("write standby", _ms),
         f"linear: exponent {exp['write standby']:.2f}"),
        ("full sync, size exponent", "", f"{exp['sync']:.2f}", "linear (1.0)"),
        ("peak RSS (load, settle, mix, 25 h)", *both("rss", lambda v: f"{float(v):.0f} MB"), "< 100 MB"),  # type: ignore[arg-type]
    ]


def ssh_rows(got: dict[str, tuple[float, float]]) -> list[tuple[str, ...]]:
    """The SSH figures (benchmarks/ssh_bench.py): median and p99 of `show curpriv` on an open
    connection to a served example lab."""
    def ms(key: str) -> str:
        return f"{got[key][0] * 1000:.2f} ms (p99 {got[key][1] * 1000:.2f} ms)"
    return [
        ("SSH: the server's own reply (bare asyncssh channel, line to prompt)", ms("server"), "< 1 ms"),
        ("SSH: the same, logged in during a flood of 50 connects/s from another address",
         ms("server, login flood"), "logs in; < 1 ms"),
        ("SSH: scrapli cisco_asa (asyncssh) send_command", ms("scrapli"), "< 2 ms"),
        ("SSH: the server's reply while another client filters a 5,000-entry ACL",
         ms("server, big filter running"), "no stall: a chunk's cost"),
        ("SSH: the server's reply while 10 clients guess passwords from another address",
         ms("server, password guessing"), "< 1 ms"),
        ("SSH: the server's reply while the control port runs @wait 720h (failover link down)",
         ms("server, control-port @wait 720h"), "< 1 ms"),
        ("SSH: netmiko cisco_asa send_command, default", ms("netmiko default"), ""),
        ("SSH: netmiko, expect_string + cmd_verify=False", ms("netmiko tuned"),
         f"netmiko's floor: {NETMIKO_LOOP_DELAY * 1000:.0f} ms + the server's reply"),
    ]


def _table(head: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        large = str(write_lab(Path(tmp) / "large", *LARGE))
        half = str(write_lab(Path(tmp) / "half", *HALF))
        ex = lab_figures("example")
        lg = lab_figures(large)
        small_lab, _ = _load(half)
        small = save_and_sync(small_lab)
    exp = {k: exponent(small, lg, k)  # type: ignore[arg-type]
           for k in ("sync", "write memory all", "write standby")}
    print(f"large lab: {LARGE[0]} contexts x {LARGE[1]} subinterfaces (ASA 5585-X SSP-60); "
          f"exponents against {HALF[0]} x {HALF[1]}; CPU time of the benchmark process; "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    _table(("measure", "example lab", "large lab", "target"), lab_rows(ex, lg, exp))
    print()
    starts = {bc: startup(bc) for bc in (True, False)}
    rows: list[tuple[str, ...]] = []
    for bc, (run1, imports, ratio) in starts.items():
        how = "with bytecode" if bc else "PYTHONDONTWRITEBYTECODE=1"
        rows.append((f"`run` of a one-line script / import floor, {how}, empty TMPDIR",
                     f"{run1 * 1000:.0f} ms / {imports * 1000:.0f} ms = {ratio:.2f}x", "<= 0.7x"))
    imports = starts[True][1]
    rows.append(("`asa-emulator lab` start to first prompt", f"{first_prompt() * 1000:.0f} ms",
                 f"< 2 x the import floor ({2 * imports * 1000:.0f} ms)"))
    rows += ssh_rows(ssh_figures())
    _table(("measure", "result", "target"), rows)


if __name__ == "__main__":
    main()
