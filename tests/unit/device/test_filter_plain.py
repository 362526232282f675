"""`| include/exclude/begin/grep [-v]` with a plain word (no regular-expression
metacharacter) is matched as text, through the whole command path: a script of such filters
never loads RE2 (issue 18); one real pattern does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

_RUN = r"""
import sys
from asa_emulator.api import Lab
lab = Lab.load("example")
lab.settle()
console = lab.console("primary")
out = []
for typed in sys.argv[1].splitlines():
    out += ["=== " + typed, *console.execute(typed)]
print("re2 loaded" if "re2" in sys.modules else "re2 not loaded")
print("\n".join(out))
"""

PLAIN = """\
enable

show running-config | include hostname
show running-config | exclude !
show running-config | begin failover lan
show failover | grep -v Last
show failover | grep This host
"""


def _run(script: str, tmp_path: Path) -> tuple[str, dict[str, list[str]]]:
    """Whether RE2 was loaded, and each typed line's output."""
    done = subprocess.run([sys.executable, "-c", _RUN, script], capture_output=True, text=True,
                          check=True, cwd=tmp_path)
    loaded, *lines = done.stdout.splitlines()
    out: dict[str, list[str]] = {}
    for line in lines:
        if line.startswith("=== "):
            now = out.setdefault(line[4:], [])
        else:
            now.append(line)
    return loaded, out


def test_plain_words_never_load_re2(tmp_path: Path) -> None:
    loaded, out = _run(PLAIN, tmp_path)
    assert loaded == "re2 not loaded"
    assert out["show running-config | include hostname"] == ["hostname primary", "prompt hostname context"]
    kept = out["show running-config | exclude !"]
    assert kept and "hostname primary" in kept and not any("!" in line for line in kept)
    assert out["show running-config | begin failover lan"][0].startswith("failover lan unit")
    assert not any("Last" in line for line in out["show failover | grep -v Last"])
    assert out["show failover | grep This host"] == ["  This host:    Primary"]


def test_a_real_pattern_goes_to_re2(tmp_path: Path) -> None:
    loaded, out = _run("enable\n\nshow running-config | include ^host.ame\n", tmp_path)
    assert loaded == "re2 loaded"
    assert out["show running-config | include ^host.ame"] == ["hostname primary"]
