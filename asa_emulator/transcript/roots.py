"""Where a project's golden transcripts live: the folders it names in its pytest settings.

The pytest plugin is installed into every environment that has asa-emulator, so it collects only
what a project asks for: `asa_transcripts = ["transcripts"]` under `[tool.pytest.ini_options]`
(or `asa_transcripts = transcripts` in pytest.ini / tox.ini `[pytest]`, setup.cfg
`[tool:pytest]`).  The same folder is a transcript's root: its `@lab DIR` must stay inside it.
"""

from __future__ import annotations

import configparser
import shlex
import tomllib
from collections.abc import Iterator
from pathlib import Path

INI_OPTION = "asa_transcripts"
# pytest's own order of configuration files, with the section each keeps its options in
_INI_FILES = (("pytest.ini", "pytest"), ("pyproject.toml", ""), ("tox.ini", "pytest"),
              ("setup.cfg", "tool:pytest"))


class RootError(ValueError):
    """A configuration names a transcript folder outside its own directory."""


def configured_folders(start: Path) -> list[Path]:
    """The folders named by `asa_transcripts` in the nearest pytest configuration file at or
    above `start` (as pytest finds its configuration); [] if there is none or it names none.
    RootError if one of them is outside the configuration file's directory."""
    for folder in [start, *start.parents]:
        for name, section in _INI_FILES:
            found = _read_option(folder / name, section)
            if found is not None:
                return [inside_config(folder / name, folder / p) for p in found]
    return []


def inside_config(config_file: Path, folder: Path) -> Path:
    """`folder` if it lies inside the directory of the configuration file naming it (links
    resolved).  A transcript folder is also the root `@lab` paths must stay in: a
    repository's own configuration must not widen it to `/` or to its parent folders."""
    home = config_file.parent.resolve()
    if not folder.resolve().is_relative_to(home):
        raise RootError(f"{config_file}: {INI_OPTION} folder '{folder}' is outside {home}")
    return folder


def _read_option(path: Path, section: str) -> list[str] | None:
    """The option's values; [] for a pytest configuration without it; None for no configuration."""
    if not path.is_file():
        return None
    try:
        if path.suffix == ".toml":
            opts = tomllib.loads(path.read_text()).get("tool", {}).get("pytest", {}).get("ini_options")
            if not isinstance(opts, dict):
                return None
            value = opts.get(INI_OPTION, [])
            return shlex.split(value) if isinstance(value, str) else [str(v) for v in value]
        cp = configparser.ConfigParser(interpolation=None)
        cp.read_string(path.read_text())
    except (OSError, UnicodeDecodeError, ValueError, configparser.Error):
        return None                 # unreadable: as if it were not there
    if not cp.has_section(section):
        return [] if path.name == "pytest.ini" else None
    return shlex.split(cp.get(section, INI_OPTION, fallback=""))


def transcript_root(path: Path, given: Path | None = None) -> Path:
    """The folder a transcript's `@lab` paths must stay in: the configured transcript folder
    holding it, else the directory named on the command line (`check DIR`), else the
    transcript's own folder."""
    real = path.resolve()
    for folder in configured_folders(real.parent):
        if real.is_relative_to(folder.resolve()):
            return folder
    return given if given is not None else path.parent


def inside_lab(path: Path, root: Path) -> bool:
    """A file of a lab directory under the root (a flash file `notes.txt` is no transcript)."""
    top = root.resolve()
    for folder in path.resolve().parents:
        if (folder / "lab.toml").is_file():
            return True
        if folder == top or not folder.is_relative_to(top):
            return False
    return False


def transcript_files(folder: Path) -> Iterator[Path]:
    """The transcripts under a folder, in order, leaving out lab directories' files."""
    for path in sorted(folder.rglob("*.txt")):
        if path.is_file() and not inside_lab(path, folder):
            yield path
