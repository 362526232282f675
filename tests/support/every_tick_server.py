"""`asa-emulator ARGS` with every hello tick computed (no quiet tick skipped, as the reference
lab of tests/properties/test_cache_differential.py): a `@wait` then costs what the virtual time holds,
minutes for 720 hours, so that a test can see what a long wait does to the other users of
a server (tests/frontends/control/test_control_wait.py)."""

from __future__ import annotations

import sys
from unittest.mock import patch

from asa_emulator.cli import main
from asa_emulator.failover.pair import Pair

if __name__ == "__main__":
    with patch.object(Pair, "_skip_ahead", lambda self, units: None):
        sys.exit(main(sys.argv[1:]))
