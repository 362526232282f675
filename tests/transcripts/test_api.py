"""The Python API (asa_emulator/api.py): the documented example (docs/transcripts.md) runs as written, and it is the
transcript runner's own path."""

from __future__ import annotations

import re
import subprocess
import sys

import asa_emulator
from asa_emulator import api
from asa_emulator.api import Lab
from asa_emulator.transcript.runner import run_lines
from tests.support.paths import ROOT


def readme_example() -> str:
    text = (ROOT / "docs" / "transcripts.md").read_text()
    section = text[text.index("## Python API for tests"):]
    found = re.search(r"```python\n(.*?)```", section, re.S)
    assert found is not None
    return found.group(1)


def test_the_readme_example_runs() -> None:
    code = readme_example()
    assert len(code.splitlines()) <= 12
    exec(compile(code, "docs/transcripts.md", "exec"), {})


def test_the_package_exports_the_api_lazily() -> None:
    assert asa_emulator.Lab is api.Lab is Lab
    assert asa_emulator.run_lines is run_lines
    assert set(api.__all__) <= set(dir(asa_emulator))
    done = subprocess.run([sys.executable, "-c", "import sys, asa_emulator; "
                           "print('asa_emulator.lab.lab' in sys.modules)"],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip() == "False"


def test_lab_run_continues_a_lab_as_run_lines_would() -> None:
    script = ["enable", "", "show failover | include This host", "@wait 1s", "show clock"]
    whole, _ = run_lines(["@lab example", *script])
    lab = Lab.load("example", in_memory=True)
    lab.settle()
    assert ["@lab example", *lab.run(script)] == whole


def test_lab_run_stops_at_quit() -> None:
    lab = Lab.load("example")
    lab.settle()
    assert lab.run(["@quit", "show clock"]) == [
        "@quit", "Beginning configuration replication: Sending to mate.",
        "End Configuration Replication to mate"]
    assert lab.run(["show clock"]) == ["primary> show clock", "12:00:34.000 UTC Wed Jun 12 2024"]
