"""The virtual clock lives in `asa_emulator.clock` (below device); re-exported here for the lab."""

from ..clock import Action, Clock, Timer

__all__ = ["Action", "Clock", "Timer"]
