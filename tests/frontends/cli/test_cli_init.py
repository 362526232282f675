"""`asa-emulator init DIR` refuses what it cannot do in one line with exit 2, leaves nothing
half-made behind, and copies only regular files and folders of a source lab."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from asa_emulator.cli import main


def test_init_target_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "lab"
    target.write_text("keep me")
    assert main(["init", str(target)]) == 2
    assert capsys.readouterr().err.splitlines() == [f"asa-emulator: {target} exists and is not a folder"]
    assert target.read_text() == "keep me"


def test_init_target_is_a_link(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "real").mkdir()
    os.symlink(tmp_path / "real", tmp_path / "lab")
    assert main(["init", str(tmp_path / "lab")]) == 2
    assert capsys.readouterr().err.splitlines() == [f"asa-emulator: {tmp_path / 'lab'} exists and is not a folder"]
    assert list((tmp_path / "real").iterdir()) == []


def test_init_parent_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "file").write_text("x")
    target = tmp_path / "file" / "lab"
    assert main(["init", str(target)]) == 2
    assert capsys.readouterr().err.splitlines() == [f"asa-emulator: cannot create {target}: Not a directory"]


def test_init_non_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "x").write_text("keep me")
    assert main(["init", str(tmp_path)]) == 2
    assert capsys.readouterr().err.splitlines() == [f"asa-emulator: {tmp_path} exists and is not empty"]


def test_init_unwritable_leaves_nothing_behind(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A write refused half-way (a full or read-only disk): one line, and the folder init made
    is removed again."""
    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(shutil, "copyfile", refuse)
    target = tmp_path / "lab"
    assert main(["init", str(target)]) == 2
    assert capsys.readouterr().err.splitlines() == [f"asa-emulator: cannot write {target}: Permission denied"]
    assert not target.exists()


def test_init_copies_no_links_from_a_source_lab(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "src"
    assert main(["init", str(src)]) == 0
    secret = tmp_path / "secret"
    secret.write_text("host file")
    os.symlink(secret, src / "primary" / "linked.cfg")
    assert main(["init", str(tmp_path / "copy"), "--from", str(src)]) == 0
    assert not (tmp_path / "copy" / "primary" / "linked.cfg").exists()
    assert (tmp_path / "copy" / "primary" / ".private" / "startup-config").is_file()
    assert (tmp_path / "copy" / "primary" / "admin.cfg").is_file()
