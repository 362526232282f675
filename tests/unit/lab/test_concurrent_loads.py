"""Labs loaded, saved and restored from many threads at once (the classroom server loads a
trainee's lab in a worker thread while the event loop serves the others, and saves them at
the stop): each comes out whole, as a serial run makes it, and the process's own settings
(umask, recursion limit) are never changed.  Both runs are fresh processes, so that every
process-wide memo (the grammar, the parser's trie and caches, the kept values) starts empty
and is filled by the threads together."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.paths import LABS, ROOT
from tests.support.probes import PYTHON

NAMES = ["example-9.6", "active-standby", "single-mode", "aa-licence", "base-licence"]


def loaded(*args: str) -> dict[str, object]:
    done = subprocess.run([PYTHON, "-m", "tests.support.load_labs", *args], cwd=ROOT,
                          capture_output=True, timeout=600, check=False)
    assert done.returncode == 0 and done.stderr == b"", done.stderr.decode()[-2000:]
    return json.loads(done.stdout)       # type: ignore[no-any-return]


def test_labs_loaded_from_threads_at_once_are_as_loaded_one_by_one() -> None:
    paths = [str(LABS / name) for name in NAMES * 2]
    serial = loaded(*paths)
    assert all(note == "" and modes == {"lab-state.json": "0o600", "physical.json": "0o644"}
               for note, modes, _ in serial["labs"])      # type: ignore[attr-defined]
    for _ in range(2):
        assert loaded("--threads", str(len(paths)), *paths) == serial


def test_a_save_and_a_restore_leave_the_process_settings_alone(monkeypatch: pytest.MonkeyPatch,
                                                               tmp_path: Path) -> None:
    """umask and the recursion limit are the whole process's: a worker thread that set them
    for its own file would change them under every other thread."""
    from asa_emulator.classroom.roster import new_roster, save
    from tests.support import load_labs
    calls: list[str] = []
    monkeypatch.setattr(os, "umask", lambda mask: calls.append(f"umask {mask:o}") or 0o022)
    monkeypatch.setattr(sys, "setrecursionlimit", lambda n: calls.append(f"setrecursionlimit {n}"))
    load_labs.shows(str(LABS / "example-9.6"))
    save(new_roster(tmp_path / "room"))                     # the roster, readable by its owner only
    assert calls == []
    assert (tmp_path / "room" / "classroom.toml").stat().st_mode & 0o777 == 0o600
