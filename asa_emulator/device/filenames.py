"""How the ASA spells the names of configurations in file arguments (`copy`, `write`)."""

from __future__ import annotations

RUNNING, STARTUP_CFG = "running-config", "startup-config"


def canonical_file(word: str) -> str:
    """`run` -> `running-config`, `start` -> `startup-config`; URLs unchanged."""
    low = word.lower()
    for kw in (RUNNING, STARTUP_CFG):
        if len(low) >= 3 and kw.startswith(low):
            return kw
    return word
