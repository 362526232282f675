"""pytest plugin: each `*.txt` under the folders a project names in its `asa_transcripts` ini
option is a test item that replays the transcript and fails with a unified diff when the
emulator's output differs.

Installed as an entry point wherever asa-emulator is, so it is opt-in: a project that does not
set `asa_transcripts` gets nothing collected.  Transcripts run on a copy of their lab in memory.

It also offers the fixture `asa_lab_ssh` (nothing runs unless a test asks for it): a lab's SSH
server with its lab-control port, on free loopback ports, for the duration of one test
(transcript/background.py).  The lab is `example` unless the test says otherwise with
`@pytest.mark.asa_lab("NAME")` or an indirect parameter.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from .roots import INI_OPTION, RootError, inside_config, inside_lab

if TYPE_CHECKING:
    from .background import BackgroundLab

MARKER = "asa_lab"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(INI_OPTION, type="paths", default=[],
                  help="folders of asa-emulator golden transcripts (*.txt) to collect as tests")


def pytest_configure(config: pytest.Config) -> None:
    # the transcript folders must lie inside the configuration file's own directory (they
    # bound where `@lab` may reach): one usage error line otherwise, before any collection
    # (without a configuration file, pytest takes the paths from the invocation folder)
    config_file = config.inipath or config.invocation_params.dir / "pytest.ini"
    for folder in config.getini(INI_OPTION):
        try:
            inside_config(config_file, Path(folder))
        except RootError as exc:
            raise pytest.UsageError(str(exc)) from None
    config.addinivalue_line(
        "markers", f"{MARKER}(name, username='admin', password='cisco', secret='cisco'): the lab "
                   "(built-in name or directory) and login the asa_lab_ssh fixture uses")


@pytest.fixture
def asa_lab_ssh(request: pytest.FixtureRequest) -> Iterator[BackgroundLab]:
    """A lab's SSH server (both units and the lab-control port) on free loopback ports, torn
    down after the test.  `.netmiko[UNIT]` / `.scrapli[UNIT]`: connection parameters
    (`"control"` for the control port); `.directive("@power off primary")`, `.summary()`."""
    from .background import BackgroundLab
    marker = request.node.get_closest_marker(MARKER)
    args: tuple[Any, ...] = marker.args if marker else ()
    kwargs: dict[str, Any] = dict(marker.kwargs) if marker else {}
    if hasattr(request, "param"):       # parametrize("asa_lab_ssh", ["example"], indirect=True)
        args = (request.param,)
    with BackgroundLab(*args, **kwargs) as served:
        yield served


def _root_of(config: pytest.Config, file_path: Path) -> Path | None:
    """The configured transcript folder holding the file, or None."""
    real = file_path.resolve()
    for folder in config.getini(INI_OPTION):
        if real.is_relative_to(Path(folder).resolve()):
            return Path(folder)
    return None


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix != ".txt":
        return None
    root = _root_of(parent.config, file_path)
    if root is None or inside_lab(file_path, root):
        return None
    return TranscriptFile.from_parent(parent, path=file_path)


class TranscriptFile(pytest.File):
    def collect(self) -> Any:
        yield TranscriptItem.from_parent(self, name=self.path.stem)


class TranscriptMismatch(Exception):
    pass


class TranscriptItem(pytest.Item):
    def runtest(self) -> None:
        from .check import check_file
        res = check_file(self.path, root=_root_of(self.config, self.path))
        if not res.ok:
            raise TranscriptMismatch("\n".join(res.diff()))

    def repr_failure(self, excinfo: Any, style: Any = None) -> str:
        from ..lab.spec import LabError
        if isinstance(excinfo.value, TranscriptMismatch):
            return f"transcript differs (asa-emulator check --update {self.path} to accept):\n" \
                   f"{excinfo.value}"
        if isinstance(excinfo.value, LabError):
            return f"{self.path}: {excinfo.value}"
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"transcript {self.path.name}"
