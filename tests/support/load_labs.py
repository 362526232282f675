"""Load labs in a fresh process and print what each shows (JSON: one list per lab given,
lab_shows.saved_shows as [key, lines] pairs), serially or from `--threads N` threads at once
with the interpreter switching threads as often as it can (a script, not imported:
`python -m tests.support.load_labs [--threads N] LAB...`).

Each lab goes the classroom's way: copied to a folder of its own, booted and settled, its
running configuration changed (unsaved), saved (classroom/labs.py: lab/saved_state.py's files)
and restored from the folder; what is printed is the restored lab's."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from asa_emulator.classroom import labs
from asa_emulator.lab.copies import copy_lab
from asa_emulator.lab.lab import Lab
from asa_emulator.lab.labfile import find_lab
from tests.support.lab_shows import saved_shows


def shows(source: str) -> list[Any]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "lab"
        folder.mkdir()
        copy_lab(find_lab(source), folder)
        lab = Lab.load(str(folder))
        lab.settle()
        lab.console("primary").execute("enable")
        lab.console("primary").execute("")
        lab.console("primary").execute("configure terminal")
        lab.console("primary").execute(f"hostname {Path(source).name}")
        labs.save(lab, folder)
        back, note = labs.restore(folder)
        modes = {p.name: oct(p.stat().st_mode & 0o777) for p in sorted(folder.glob("*.json"))}
        return [note, modes, [[list(key), lines] for key, lines in saved_shows(back).items()]]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("labs", nargs="+")
    args = ap.parse_args()
    umask = os.umask(0o022)
    os.umask(umask)
    limit = sys.getrecursionlimit()
    if args.threads:
        sys.setswitchinterval(1e-6)         # interleave the loads as finely as possible
        with ThreadPoolExecutor(args.threads) as pool:
            out = list(pool.map(shows, args.labs))
    else:
        out = [shows(path) for path in args.labs]
    after = os.umask(umask)
    # the process's own settings, as they were: no load or save changes them
    json.dump({"labs": out, "umask": [umask, after], "recursion limit": [limit, sys.getrecursionlimit()]},
              sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
