"""A unit's flash file system: in memory, or backed by a lab directory with atomic writes.

Paths are stored without the file-system prefix (`admin.cfg`, `dir1/x.cfg`); `flash:` and
`disk0:` name the same device, as on the ASA 5500 series.  The startup-config lives in a
hidden file, like the ASA's, so `dir` does not list it.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

STARTUP = ".private/startup-config"
FS_NAMES = ("flash:", "disk0:")
CAPACITY = 256 * 1024 * 1024
DIR_SIZE = 4096                 # what `dir` shows as a directory's size


class FlashError(Exception):
    pass


def split_url(url: str) -> tuple[str, str] | None:
    """('flash:', 'dir/file') for a flash URL; None for other schemes."""
    low = url.lower()
    for fs in FS_NAMES:
        if low.startswith(fs):
            return "flash:", url[len(fs):].lstrip("/")
    return None


@dataclass
class Flash:
    root: Path | None = None                   # lab directory folder, or None (in memory)
    files: dict[str, bytes] = field(default_factory=dict)
    dirs: set[str] = field(default_factory=set)
    mtimes: dict[str, float] = field(default_factory=dict)
    # Software images the unit booted from: listed with their real size, content not kept
    # (nobody reads a 38 MB image in a lab).  Never written to a lab directory.
    images: dict[str, int] = field(default_factory=dict)

    def add_image(self, name: str, size: int, now: float = 0.0) -> None:
        if name not in self.files:
            self.files[name] = b""
            self.images[name] = size
            self.mtimes[name] = now

    @classmethod
    def load(cls, root: Path) -> Flash:
        fl = cls(root=root)
        root.mkdir(parents=True, exist_ok=True)
        for p in sorted(root.rglob("*")):
            rel = p.relative_to(root).as_posix()
            if p.name.startswith(".tmp-"):
                continue
            if p.is_dir():
                if rel != ".private":
                    fl.dirs.add(rel)
            else:
                fl.files[rel] = p.read_bytes()
        return fl

    # ------------------------------------------------------------------ queries
    def exists(self, path: str) -> bool:
        return path in self.files

    def is_dir(self, path: str) -> bool:
        return path == "" or path in self.dirs

    def read(self, path: str) -> bytes:
        try:
            return self.files[path]
        except KeyError:
            raise FlashError(path) from None

    def listing(self, path: str = "") -> list[tuple[str, int, bool]]:
        """(name, size, is_dir) of the entries directly under `path`."""
        prefix = f"{path}/" if path else ""
        out: list[tuple[str, int, bool]] = []
        for d in sorted(self.dirs):
            if d.startswith(prefix) and "/" not in d[len(prefix):]:
                out.append((d[len(prefix):], DIR_SIZE, True))
        for f in sorted(self.files):
            if f.startswith(".private"):
                continue
            if f.startswith(prefix) and "/" not in f[len(prefix):]:
                out.append((f[len(prefix):], self.size(f), False))
        return out

    def size(self, path: str) -> int:
        return self.images.get(path, len(self.files.get(path, b"")))

    def used(self) -> int:
        return sum(self.size(f) for f in self.files)

    # ------------------------------------------------------------------ changes
    def write(self, path: str, data: bytes, now: float = 0.0) -> None:
        parent = path.rpartition("/")[0]
        if parent and not parent.startswith(".private") and parent not in self.dirs:
            raise FlashError(path)
        self.files[path] = data
        self.mtimes[path] = now
        if self.root is not None:
            target = self.root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)

    def delete(self, path: str) -> None:
        if path not in self.files:
            raise FlashError(path)
        del self.files[path]
        self.mtimes.pop(path, None)
        self.images.pop(path, None)
        if self.root is not None:
            (self.root / path).unlink(missing_ok=True)

    def mkdir(self, path: str, now: float = 0.0) -> None:
        if path in self.dirs or path in self.files:
            raise FlashError(path)
        parent = path.rpartition("/")[0]
        if parent and parent not in self.dirs:
            raise FlashError(path)
        self.dirs.add(path)
        self.mtimes[path] = now
        if self.root is not None:
            (self.root / path).mkdir(parents=True, exist_ok=True)

    def rmdir(self, path: str) -> None:
        if path not in self.dirs:
            raise FlashError(path)
        if any(k.startswith(path + "/") for k in list(self.files) + list(self.dirs)):
            raise FlashError(path)
        self.dirs.discard(path)
        self.mtimes.pop(path, None)
        if self.root is not None:
            (self.root / path).rmdir()

    def rename(self, src: str, dst: str) -> None:
        if src in self.files:
            self.write(dst, self.files[src], self.mtimes.get(src, 0.0))
            self.delete(src)
        elif src in self.dirs:
            moved = {k: v for k, v in self.files.items() if k.startswith(src + "/")}
            for k, v in moved.items():
                self.files[dst + k[len(src):]] = v
                del self.files[k]
            self.dirs = {dst + d[len(src):] if d == src or d.startswith(src + "/") else d
                         for d in self.dirs}
            self.mtimes = {(dst + k[len(src):] if k == src or k.startswith(src + "/") else k): v
                           for k, v in self.mtimes.items()}
            if self.root is not None:
                os.replace(self.root / src, self.root / dst)
        else:
            raise FlashError(src)

    def erase(self) -> None:
        for f in list(self.files):
            if not f.startswith(".private"):
                self.delete(f)
        for d in sorted(self.dirs, reverse=True):
            self.dirs.discard(d)
            if self.root is not None:
                (self.root / d).rmdir()
