"""Every hello tick computed: the reference the cost and differential tests compare with."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from unittest.mock import patch

from asa_emulator.failover.pair import Pair


@contextmanager
def bypassed() -> Iterator[None]:
    """Every hello tick run (for the lab run inside; the shipped class is restored after).
    Kept values are turned off by the lab's one switch (Run(keep=False): kept.py)."""
    with patch.object(Pair, "_skip_ahead", lambda self, u: None):
        yield
