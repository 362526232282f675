"""tools/venv.py, make's guard: a Python the lock cannot serve is one line and exit 1; a venv made
by another Python is made again."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from tests.support.paths import ROOT

GUARD = ROOT / "tools" / "venv.py"
_spec = importlib.util.spec_from_file_location("venv_guard", GUARD)
assert _spec is not None and _spec.loader is not None
guard = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(guard)


def test_wheel_tags_judged_as_pip_would() -> None:
    assert guard.wheel_fits("lark-1.3.1-py3-none-any.whl", (3, 11, 7))
    assert guard.wheel_fits("google_re2-1.1.20251105-1-cp313-cp313-manylinux_2_27_x86_64.whl", (3, 13, 0))
    assert not guard.wheel_fits("google_re2-1.1.20251105-1-cp313-cp313-manylinux_2_27_x86_64.whl", (3, 12, 1))
    # a stable-ABI wheel of 3.9 loads on later CPythons, not on earlier ones
    assert guard.wheel_fits("cryptography-51.0.1-cp39-abi3-manylinux_2_34_x86_64.whl", (3, 15, 0))
    assert not guard.wheel_fits("cryptography-51.0.1-cp311-abi3-manylinux_2_34_x86_64.whl", (3, 10, 0))
    assert guard.wheel_fits("six-1.16.0-py2.py3-none-any.whl", (3, 12, 0))


def test_the_committed_lock_serves_the_supported_pythons_and_names_what_a_newer_one_lacks() -> None:
    text = (ROOT / "uv.lock").read_text()
    for version in ((3, 11, 0), (3, 12, 0), (3, 13, 0)):
        assert guard.lock_problem(text, version) is None
    assert guard.lock_problem(text, (3, 10, 13)) == "needs Python 3.11 or newer (uv.lock requires-python >=3.11)"
    problem = guard.lock_problem(text, (3, 15, 0))
    assert problem is not None and problem.startswith("uv.lock has no wheels of google-re2 ")
    assert "cp311 cp312 cp313 cp314" in problem


def test_a_python_the_lock_cannot_serve_is_refused_in_one_line(tmp_path: Path) -> None:
    lock = tmp_path / "uv.lock"
    lock.write_text('version = 1\nrequires-python = ">=3.99"\n')
    done = subprocess.run([sys.executable, str(GUARD), str(tmp_path / "venv"), "--lock", str(lock)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("make: Python ")
    assert lines[0].endswith("cannot be used: needs Python 3.99 or newer (uv.lock requires-python >=3.99); "
                             "pick another with PY=python3.X")
    assert not (tmp_path / "venv").exists()


def test_a_venv_made_by_another_python_is_made_again(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    venv.mkdir()
    (venv / "pyvenv.cfg").write_text("home = /nowhere\nversion = 3.0.1\n")
    (venv / "stale").write_text("from the old Python")
    done = subprocess.run([sys.executable, str(GUARD), str(venv), "--lock", str(ROOT / "uv.lock")],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    here = ".".join(map(str, sys.version_info[:3]))
    assert done.stderr.splitlines() == [
        f"make: {venv} was made with Python 3.0.1, this make uses {here} ({sys.executable}): making it again"]
    assert not (venv / "stale").exists()
    assert guard.venv_version(str(venv)).split(".")[:3] == here.split(".")
