"""A lab folder on disk for tests of lab.toml: two units' tables, the file, a run against it;
the bench's generated lab of N contexts."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from asa_emulator.cli import main
from asa_emulator.lab.lab import Lab
from asa_emulator.lab.labfile import load_spec
from benchmarks.large_lab import write_lab
from tests.support.paths import LABS

UNIT1 = 'name = "primary"\nmodel = "ASA5515"\nboot_time = "30s"\n'
UNIT2 = 'name = "secondary"\nmodel = "ASA5515"\nmac_base = "0013.c480.9100"\n'


def lab_toml(unit1: str = UNIT1, lab: str = "", tail: str = "") -> str:
    """A lab.toml of two units (`unit1` for the first), with `lab` in [lab] and `tail` after."""
    return f'[lab]\n{lab}\n[[unit]]\n{unit1}\n[[unit]]\n{UNIT2}\n{tail}'


def make_lab(root: Path, text: str | bytes) -> Path:
    """A lab folder under `root` with the units' folders and `text` as its lab.toml."""
    d = root / "lab"
    (d / "primary").mkdir(parents=True)
    (d / "secondary").mkdir()
    data = text if isinstance(text, bytes) else text.encode()
    (d / "lab.toml").write_bytes(data)
    return d


def run_lab(tmp_path: Path, d: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """`run --lab d` of a one-line script, in this process: its exit code and stderr lines."""
    script = tmp_path / "s.txt"
    script.write_text("show clock\n")
    code = main(["run", "--lab", str(d), str(script)])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.err.splitlines()


def generated_lab(folder: Path, contexts: int, subinterfaces: int = 4) -> Lab:
    """The bench's generated lab (benchmarks/large_lab.py) with `contexts` contexts, written
    under `folder`, loaded in memory and settled: the cost contracts compare two sizes."""
    lab = Lab.load(str(write_lab(folder, contexts, subinterfaces)), in_memory=True)
    lab.settle()
    return lab


def single_mode_lab(model: str = "ASA5515", version: str = "9.1(7)") -> Lab:
    """transcripts/labs/single-mode with both units on `model` running `version`, settled."""
    spec = load_spec(str(LABS / "single-mode"))
    spec.units = [dataclasses.replace(u, hw=dataclasses.replace(u.hw, model=model, version=version))
                  for u in spec.units]
    lab = Lab(spec)
    lab.settle()
    return lab
