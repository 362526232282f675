"""`asa-emulator run` starts with only what it uses (design.md "Performance", issue 12): no
Lark (the grammar's compiler; the shell parses with syntax/lalr.py over the shipped tables), no
terminal or SSH libraries, no failover show views when nothing shows failover, no socket when
no syslog server is configured.  And the collector paused for the start-up runs again after."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from asa_emulator.cli import main
from tests.support.paths import ROOT

_LOADED = r"""
import sys
from asa_emulator.cli import main
try:
    code = main(["run", sys.argv[1]])
finally:
    names = ("lark", "prompt_toolkit", "rich", "asyncssh", "asa_emulator.frontends", "shutil",
             "socket", "asa_emulator.failover.show")
    loaded = sorted(m for m in sys.modules if any(m == n or m.startswith(n + ".") for n in names))
    print("loaded:", loaded)
sys.exit(code)
"""


def test_run_of_a_script_loads_only_what_it_uses(tmp_path: Path) -> None:
    script = tmp_path / "one.txt"
    script.write_text("show clock\nshow version | include Hardware\nconfigure terminal\nhostname ?\n")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run([sys.executable, "-c", _LOADED, str(script)], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "primary> show version | include Hardware" in lines
    assert lines[-1] == "loaded: []"


def test_show_failover_loads_its_views_when_asked(tmp_path: Path) -> None:
    script = tmp_path / "one.txt"
    script.write_text("show failover | include Failover unit\n")
    done = subprocess.run([sys.executable, "-c", _LOADED, str(script)], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    lines = done.stdout.splitlines()
    assert "Failover unit Primary" in lines
    assert lines[-1] == "loaded: ['asa_emulator.failover.show', 'asa_emulator.failover.show.gather', " \
                        "'asa_emulator.failover.show.model', 'asa_emulator.failover.show.render']"


@pytest.mark.parametrize("argv", [["run", "--lab", "no-such-lab", "-"], ["run", "{script}"]])
def test_collection_runs_again_after_the_start_up(argv: list[str], tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    script = tmp_path / "one.txt"
    script.write_text("show clock\n")
    assert gc.isenabled()
    main([a.format(script=script) for a in argv])
    assert gc.isenabled()
    capsys.readouterr()
