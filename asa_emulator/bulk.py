"""Bulk work without the cyclic garbage collector's pauses.

Loading or copying a whole configuration (boot, configuration sync) makes tens of thousands of
objects that all live on.  Each few thousand allocations the collector walks the young ones,
and ever more often the whole heap: on a 250-context lab that turned a linear sync into one of
exponent 1.5.  Nothing in such a burst is cyclic garbage, so collection waits until it ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_gc_pauses() -> Iterator[None]:
    """Collection is paused for the block (and resumed after, unless it was already off)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
