"""Peak resident memory of one lab, in a process of its own: load, settle, the replay mix,
an hour and a day of virtual time.  Prints the peak in MB (`make bench` reads it).

    python benchmarks/rss.py example|DIR
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from asa_emulator.lab.lab import Lab, keep_for_good  # noqa: E402
from benchmarks.mix import replay  # noqa: E402


def main() -> None:
    lab = Lab.load(sys.argv[1], in_memory=True)
    lab.settle()
    keep_for_good()
    replay(lab)
    lab.directive("@wait 1h")
    lab.directive("@wait 24h")
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


if __name__ == "__main__":
    main()
