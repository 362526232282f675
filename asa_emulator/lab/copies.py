"""Built-in labs kept between runs of the interactive terminal (design.md, "Labs").

A built-in lab's package files are read-only and every `run`, `check`, pytest and `serve` starts
from them.  The terminal instead works on a copy in the user's data directory
(`labs/NAME/lab/`, a lab directory like any other), so `write memory` survives leaving it.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from ..datadir import kept_lab_dir, kept_labs_dir
from ..records import dataclass
from .labfile import BUILTIN, builtin_names, find_lab

LAB_FOLDER = "lab"


def is_builtin(name_or_dir: str) -> bool:
    """Whether `name_or_dir` names a built-in lab (and not a lab directory of that name)."""
    try:
        return find_lab(name_or_dir).resolve().parent == BUILTIN.resolve()
    except ValueError:
        return False


def kept_copy(name: str, fresh: bool = False) -> tuple[Path, bool]:
    """The kept lab directory of built-in lab `name`, made from the factory lab when there is
    none or when `fresh` (the work kept before is then discarded); (folder, made now)."""
    folder = kept_lab_dir(name) / LAB_FOLDER
    if (folder / "lab.toml").is_file() and not fresh:
        return folder, False
    tmp = folder.with_name(LAB_FOLDER + ".new")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    copy_lab(BUILTIN / name, tmp)
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)      # the copy appears whole or not at all
    return folder, True


def copy_lab(src: Path, dst: Path) -> None:
    """Regular files and folders only (links and devices of a source lab are left behind);
    a unit folder's `startup-config` goes where the ASA keeps it."""
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if path.is_symlink() or path.name == ".keep":
            continue
        if path.is_dir():
            (dst / rel).mkdir(exist_ok=True)
        elif path.is_file():
            to = dst / rel
            if path.name == "startup-config" and len(rel.parts) == 2:
                to = dst / rel.parts[0] / ".private" / "startup-config"
                to.parent.mkdir(exist_ok=True)
            shutil.copyfile(path, to)


@dataclass(frozen=True)
class KeptLab:
    name: str
    folder: Path
    modified: datetime      # the newest file in it: when work was last saved


def kept_labs() -> list[KeptLab]:
    """The built-in labs kept in the data directory, by name."""
    found = []
    for name in builtin_names():
        folder = kept_lab_dir(name) / LAB_FOLDER
        if (folder / "lab.toml").is_file():
            newest = max(p.stat().st_mtime for p in folder.rglob("*") if p.is_file())
            found.append(KeptLab(name, folder, datetime.fromtimestamp(newest)))
    return found


def labs_report() -> list[str]:
    """What `asa-emulator labs` prints."""
    kept = kept_labs()
    lines = [f"built-in labs: {', '.join(builtin_names())}",
             f"kept in {kept_labs_dir()}:"]
    if not kept:
        lines.append("  none yet (the terminal keeps a built-in lab once you open it)")
    for k in kept:
        lines.append(f"  {k.name:<10} saved {k.modified:%Y-%m-%d %H:%M}  {k.folder}")
    lines.append("asa-emulator lab NAME --fresh starts NAME again from its factory state")
    return lines
