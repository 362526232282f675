"""asa-emulator: a Cisco ASA Active/Active failover pair in one Python process.

`from asa_emulator import Lab, run_lines` is the Python API for tests (asa_emulator/api.py);
it is loaded on first use, so `asa-emulator run` and the pytest plugin start no slower.
"""

from __future__ import annotations

from typing import Any

_API = ("Lab", "LabError", "LabSummary", "RunStats", "UnitSummary", "run_lines")


def __getattr__(name: str) -> Any:
    if name in _API:
        from . import api
        return getattr(api, name)
    raise AttributeError(f"module 'asa_emulator' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])
