"""Where things are, for every test wherever it sits under tests/: the repository and its labs."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]       # the repository (tests/support/paths.py)
LABS = ROOT / "transcripts" / "labs"             # the labs the golden transcripts use
