"""Our output is ours: nothing a dependency prints at import reaches `serve`'s, `run`'s or `check`'s stderr.

Each command is started as a user starts it, the installed console script in a process of its own,
with the environment a user has (no PYTHONWARNINGS), so a new warning of a new release of any
dependency fails here (`make test-latest` runs this against the newest releases).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.support.paths import ROOT
from tests.support.probes import parse_ready

SCRIPT = str(Path(sys.executable).with_name("asa-emulator"))


def _user_env(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHONWARN")}
    return {**env, "ASA_EMULATOR_DATA": str(data), "PYTHONUNBUFFERED": "1"}


def test_serve_prints_its_ready_line_and_nothing_on_stderr(tmp_path: Path) -> None:
    proc = subprocess.Popen([SCRIPT, "serve", "--port", "0", "--lab-control", "--console", "--console-port", "0"],
                            env=_user_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    try:
        lines = []
        while not lines or not lines[-1].startswith("ready "):
            line = proc.stdout.readline().decode()
            assert line, f"serve ended early: {proc.communicate(timeout=30)[1].decode()}"
            lines.append(line)
        assert set(parse_ready(lines[-1])) == {"primary", "secondary", "control",
                                               "console-primary", "console-secondary"}
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    assert err.decode() == ""


def test_run_prints_the_transcript_and_nothing_on_stderr(tmp_path: Path) -> None:
    done = subprocess.run([SCRIPT, "run", "-"], input=b"show version | include Up\n", capture_output=True,
                          env=_user_env(tmp_path), timeout=60, check=False)
    assert done.returncode == 0
    assert b"primary> show version | include Up" in done.stdout
    assert done.stderr.decode() == ""


def test_check_prints_its_summary_and_nothing_on_stderr(tmp_path: Path) -> None:
    transcript = ROOT / "transcripts" / "foundation"
    done = subprocess.run([SCRIPT, "check", str(transcript)], capture_output=True,
                          env=_user_env(tmp_path), timeout=120, check=False)
    assert done.returncode == 0, done.stdout.decode()
    assert done.stderr.decode() == ""
