"""`asa-emulator ARGS` with every hello tick computed (no quiet tick skipped, as the reference
lab of tests/properties/test_cache_differential.py): a `@wait` then costs what the virtual time holds,
minutes for 720 hours, so that a test can see what a long wait does to the other users of
a server (tests/frontends/control/test_control_wait.py).  Run as a script, with the repository
on PYTHONPATH."""

from __future__ import annotations

import sys

from asa_emulator.cli import main
from tests.support.ticks import bypassed

if __name__ == "__main__":
    with bypassed():
        sys.exit(main(sys.argv[1:]))
