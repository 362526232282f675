"""The user's data directory: what the emulator keeps between runs (built-in labs' flash worked
on in the terminal, SSH host keys).

platformdirs' `user_data_dir("asa-emulator")`, or $ASA_EMULATOR_DATA when set (tests point it at
a temporary folder).  Each built-in lab keeps its things under `labs/NAME/`.
"""

from __future__ import annotations

import os
from pathlib import Path

DATA_ENV = "ASA_EMULATOR_DATA"


def data_dir() -> Path:
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override)
    from platformdirs import user_data_dir
    return Path(user_data_dir("asa-emulator"))


def kept_labs_dir() -> Path:
    return data_dir() / "labs"


def kept_lab_dir(name: str) -> Path:
    """Where the built-in lab `name` is kept (its lab directory, and its SSH host key)."""
    return kept_labs_dir() / name
