"""pytest plugin: every `transcripts/**/*.txt` is a test item that replays the transcript and
fails with a unified diff when the emulator's output differs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix == ".txt" and "transcripts" in file_path.parts:
        return TranscriptFile.from_parent(parent, path=file_path)
    return None


class TranscriptFile(pytest.File):
    def collect(self) -> Any:
        yield TranscriptItem.from_parent(self, name=self.path.stem)


class TranscriptMismatch(Exception):
    pass


class TranscriptItem(pytest.Item):
    def runtest(self) -> None:
        from .check import check_file
        res = check_file(self.path)
        if not res.ok:
            raise TranscriptMismatch("\n".join(res.diff()))

    def repr_failure(self, excinfo: Any, style: Any = None) -> str:
        if isinstance(excinfo.value, TranscriptMismatch):
            return f"transcript differs (asa-emulator check --update {self.path} to accept):\n" \
                   f"{excinfo.value}"
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"transcript {self.path.name}"
