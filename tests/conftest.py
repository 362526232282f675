"""Test-wide settings: in CI (CI=true) hypothesis runs derandomized, so a red build is
reproducible from its log and never depends on the seed of the day."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from asa_emulator.lab.lab import Lab

settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test keeps its labs and host keys in a folder of its own, never the user's."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("ASA_EMULATOR_DATA", str(folder))
    return folder


@pytest.fixture
def lab() -> Lab:
    """The built-in example lab, booted, negotiated and synchronised."""
    lab = Lab.load("example")
    lab.settle()
    return lab
