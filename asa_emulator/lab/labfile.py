"""lab.toml: what a lab is made of (units, hardware, boot timing, cables, clock start).

Finding and reading the file is here; what it may say is checked in labschema.py."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from .spec import LabError, LabSpec

BUILTIN = Path(__file__).resolve().parent / "builtin"
MAX_LABFILE_BYTES = 256 * 1024      # a lab.toml is a page of settings; never read a huge file


def find_lab(name_or_dir: str, base: Path | None = None, confine_to: Path | None = None) -> Path:
    """A built-in lab name or a lab directory (relative to `base` first, e.g. the transcript's
    folder, then to the working directory) -> the directory holding lab.toml.

    With `confine_to` (a golden transcript's root folder) a directory is looked up relative to
    `base` only and must resolve, links followed, inside that folder."""
    if confine_to is not None:
        return _find_confined(name_or_dir, base or confine_to, confine_to)
    if base is not None and _is_file(base / name_or_dir / "lab.toml"):
        return base / name_or_dir
    p = Path(name_or_dir)
    if _is_file(p / "lab.toml"):
        return p
    if _is_file(p) and p.name == "lab.toml":
        return p.parent
    if _is_builtin(name_or_dir):
        return BUILTIN / name_or_dir
    raise _no_lab(name_or_dir)


def _is_file(path: Path) -> bool:
    """Path.is_file() that says no to a name the system refuses (too long, a component that
    is a file, no permission) instead of raising: a user's name is never a traceback."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _find_confined(name: str, base: Path, root: Path) -> Path:
    if _is_builtin(name) and not _is_file(base / name / "lab.toml"):
        return BUILTIN / name
    try:
        real = (base / name).resolve()
        home = root.resolve()
    except (OSError, RuntimeError, ValueError):     # a loop of links, a NUL in the name
        raise _no_lab(name) from None
    if not real.is_relative_to(home):
        raise LabError(f"lab '{name}' is outside the transcript folder {root}")
    if not _is_file(real / "lab.toml"):
        raise _no_lab(name)
    return real


def _is_builtin(name: str) -> bool:
    return "/" not in name and "\\" not in name and name in builtin_names()


def _no_lab(name: str) -> LabError:
    names = ", ".join(builtin_names())
    return LabError(f"no lab '{name}': not a built-in lab ({names}) nor a directory with lab.toml")


def builtin_names() -> list[str]:
    return sorted(p.name for p in BUILTIN.iterdir() if (p / "lab.toml").is_file())


def load_spec(name_or_dir: str, base: Path | None = None, *, in_memory: bool = False,
              confine_to: Path | None = None) -> LabSpec:
    """The lab's spec, validated (labschema.py).  `in_memory`: the flash is read but never
    written back (LabSpec.root is None), as for a lab with `volatile = true`."""
    # imported when a lab is loaded: finding one (`labs`, `--list`) needs none of the checks
    from .labschema import build_spec
    folder = find_lab(name_or_dir, base, confine_to)
    path = folder / "lab.toml"
    data = _read_toml(path)
    in_memory = in_memory or folder.resolve().parent == BUILTIN
    try:
        return build_spec(data, folder, in_memory)
    except LabError as exc:
        raise LabError(f"{path}: {exc}") from None


def _read_toml(path: Path) -> dict:  # type: ignore[type-arg]
    """lab.toml parsed: a regular file inside its lab directory, small, UTF-8, valid TOML."""
    try:
        if not path.resolve().is_relative_to(path.parent.resolve()):
            raise LabError(f"{path}: is a link out of the lab directory")
        if not path.is_file():
            raise LabError(f"{path}: is not a regular file")
        with path.open("rb") as fh:
            if os.fstat(fh.fileno()).st_nlink > 1:
                # a hard link reads a file of elsewhere, as a symbolic link would
                raise LabError(f"{path}: has other hard links (a link out of the lab directory)")
            raw = fh.read(MAX_LABFILE_BYTES + 1)
    except (OSError, RuntimeError) as exc:
        raise LabError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    if len(raw) > MAX_LABFILE_BYTES:
        raise LabError(f"{path}: is larger than {MAX_LABFILE_BYTES // 1024} KB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LabError(f"{path}: is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LabError(f"{path}: {exc}") from None
    except RecursionError:
        # tomllib parses nested arrays and inline tables recursively: a few hundred levels
        # exhaust Python's stack
        raise LabError(f"{path}: {_TOO_DEEP}") from None
    if _depth(data) > MAX_NESTING:
        raise LabError(f"{path}: {_TOO_DEEP}")
    return data


# A lab file needs three levels ([[unit]] -> license -> value); past this nothing is read, so
# that no later step (a message quoting the value) walks a deep structure.
MAX_NESTING = 8
_TOO_DEEP = f"values are nested more than {MAX_NESTING} levels deep"


def _depth(value: object) -> int:
    """How deep lists and tables nest in a parsed file (iterative: no recursion to exhaust)."""
    deepest = 0
    todo: list[tuple[object, int]] = [(value, 0)]
    while todo:
        item, level = todo.pop()
        deepest = max(deepest, level)
        if level > MAX_NESTING:
            break
        if isinstance(item, dict):
            todo.extend((v, level + 1) for v in item.values())
        elif isinstance(item, list):
            todo.extend((v, level + 1) for v in item)
    return deepest
