"""`run` and `serve` import only what they use: the terminal and test libraries are loaded by
the commands that need them (start-up time, README "Performance")."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.paths import ROOT

HEAVY = ("prompt_toolkit", "rich", "asyncssh", "hypothesis", "re2")

_LOADED = """
import sys
{body}
heavy = {heavy!r}
print(" ".join(sorted(m for m in heavy if m in sys.modules)))
"""


def _loaded(body: str) -> list[str]:
    code = _LOADED.format(body=body, heavy=HEAVY)
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.split("\n")[-2].split()


def test_run_of_a_one_line_script_loads_no_terminal_ssh_or_test_library(tmp_path: Path) -> None:
    script = tmp_path / "one.txt"
    script.write_text("show clock\n")
    body = ("from asa_emulator.cli import main\n"
            f"assert main(['run', {str(script)!r}]) == 0")
    assert _loaded(body) == []


def test_filters_load_re2_when_a_line_has_one(tmp_path: Path) -> None:
    script = tmp_path / "one.txt"
    script.write_text("show clock | include UTC|GMT\n")
    body = ("from asa_emulator.cli import main\n"
            f"assert main(['run', {str(script)!r}]) == 0")
    assert _loaded(body) == ["re2"]


def test_a_filter_of_a_plain_word_does_not_load_re2(tmp_path: Path) -> None:
    script = tmp_path / "one.txt"
    script.write_text("show clock | include UTC\n")
    body = ("from asa_emulator.cli import main\n"
            f"assert main(['run', {str(script)!r}]) == 0")
    assert _loaded(body) == []


def test_serve_loads_asyncssh_only() -> None:
    # what cmd_serve imports before it listens
    body = ("from asa_emulator.lab.lab import Lab\n"
            "from asa_emulator.frontends.ssh.hostkey import host_key_path, load_or_create\n"
            "from asa_emulator.frontends.server import run_server\n"
            "Lab.load('example').settle()")
    assert _loaded(body) == ["asyncssh"]
