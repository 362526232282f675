"""The README's example session is what the emulator prints today: documentation that cannot drift."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
SESSION = re.compile(r"^\$ printf '(?P<script>[^']*)' \| asa-emulator\n(?P<out>.*?)^```$", re.S | re.M)


def test_the_readme_session_is_reproduced_exactly() -> None:
    m = SESSION.search(README.read_text())
    assert m is not None, "the README's piped session is missing"
    script = m.group("script").encode().decode("unicode_escape")
    done = subprocess.run([sys.executable, "-m", "asa_emulator"], input=script, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == m.group("out")
