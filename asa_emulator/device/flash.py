"""A unit's flash file system: in memory, or backed by a lab directory with atomic writes.

Paths are stored without the file-system prefix (`admin.cfg`, `dir1/x.cfg`); `flash:` and
`disk0:` name the same device, as on the ASA 5500 series.  The startup-config lives in a
hidden file, like the ASA's, so `dir` does not list it.

The flash is a sandbox.  `resolve` is the one door from a typed file name to a flash path:
every command, answer and configuration URL goes through it, and every `Flash` method checks
its path with it again.  A lab directory is read and written through directory descriptors
opened component by component with O_NOFOLLOW, so no symbolic link is ever followed; only
regular files with one name (no hard link) and folders are read, each up to MAX_FILE_BYTES.  A write goes to the disk
first (temporary file, fsync, rename, fsync of the folder) and only then to the in-memory
view, so a refused or failed operation leaves both as they were.  Every OSError becomes a
FlashError carrying the reason the ASA prints (`%Error opening disk0:/x (File exists)`).
"""

from __future__ import annotations

import os
import re
import stat
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import field
from pathlib import Path

from ..records import dataclass
from . import messages as msg

PRIVATE = ".private"
STARTUP = f"{PRIVATE}/startup-config"
# the security context mode, which a real ASA keeps in a hidden flash setting, not in the
# configuration ("the security context mode is not saved in the configuration file")
MODE_FILE = f"{PRIVATE}/mode.dat"
FS_NAMES = ("flash:", "disk0:")
DIR_SIZE = 4096                 # what `dir` shows as a directory's size
TMP_PREFIX = ".tmp-"            # the emulator's own temporary files: reserved, removed at load
# No source gives the ASA's limit on a flash path: disk0: is a FAT file system with long
# names (255 UTF-16 units per name), so 255 bytes for the whole path is taken (unverified).
MAX_PATH_BYTES = 255
# A lab directory's file is read only up to this size (a /dev/zero-like file cannot exhaust
# memory); the flash keeps no software image content, so configuration files are all there is.
MAX_FILE_BYTES = 64 * 1024 * 1024
# The file content a flash holds in memory, loaded or written: disk0: is 8 GB on a 5515-X and
# `dir` says so, but a lab directory or a loop of `copy` commands must not take 8 GB of this
# process's memory.  Past it a write is refused as a full flash would refuse it.
MAX_HELD_BYTES = 256 * 1024 * 1024
# FAT forbids these in a name; `\` would also be a separator on some hosts.
_FORBIDDEN = set('\\:*?"<>|')
_O_DIR = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
_O_READ = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
_O_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


class FlashError(Exception):
    """A flash operation refused: `reason` is what the ASA prints in parentheses."""

    def __init__(self, path: str, reason: str = msg.NO_SUCH_FILE) -> None:
        super().__init__(path, reason)
        self.path = path
        self.reason = reason


def os_reason(exc: OSError) -> str:
    """The ASA's wording of an OS error (the ASA runs on Linux: its strerror texts)."""
    return msg.OS_REASONS.get(exc.errno or 0, msg.IO_ERROR)


def split_url(url: str) -> tuple[str, str] | None:
    """('flash:', 'dir/file') for a flash URL; None for other schemes.  The path is not
    checked: use `resolve` before it reaches the flash."""
    low = url.lower()
    for fs in FS_NAMES:
        if low.startswith(fs):
            return "flash:", url[len(fs):].lstrip("/")
    return None


def is_flash_url(url: str) -> bool:
    """The name is on the flash: a flash: or disk0: URL, or a name without a scheme."""
    return split_url(url) is not None or ":" not in url


def resolve(typed: str, private_ok: bool = False, cwd: str = "") -> str:
    """The flash path a typed file name names ('' is the root): `disk0:/dir/x.cfg`,
    `flash:x`, `/x` and `x` all name paths on the unit's flash; a name with neither a file
    system nor a leading `/` is taken from `cwd` (a session's `cd`: a path this function
    returned, so the result stays on the flash as any other).

    Raises FlashError(typed, reason) for a name the ASA would refuse: another scheme, an
    empty, `.` or `..` component, NUL or control characters, characters FAT forbids, names
    that are not valid Unicode, a path over MAX_PATH_BYTES, the reserved temporary names.
    The hidden `.private` folder (startup-config) is reachable only with `private_ok`: users
    reach it through `startup-config`, never by its name (unverified: the emulator's choice)."""
    rest = typed
    for fs in FS_NAMES:
        if typed.lower().startswith(fs):
            rest = typed[len(fs):]
            break
    else:
        if ":" in typed:
            raise FlashError(typed, msg.UNSUPPORTED_URL_REASON)
        if cwd and typed and not typed.startswith("/"):
            rest = f"{cwd}/{typed}"
    rest = rest[1:] if rest.startswith("/") else rest
    if rest == "":
        return ""
    rest = rest[:-1] if rest.endswith("/") else rest
    parts = rest.split("/")
    for part in parts:
        _check_name(typed, part)
    path = "/".join(parts)
    if len(path.encode("utf-8")) > MAX_PATH_BYTES:
        raise FlashError(typed, msg.NAME_TOO_LONG)
    if parts[0].lower() == PRIVATE and not private_ok:
        raise FlashError(typed, msg.PERMISSION_DENIED)
    return path


def _check_name(typed: str, name: str) -> None:
    if name in ("", ".", ".."):
        raise FlashError(typed, msg.INVALID_ARGUMENT)
    if name.startswith(TMP_PREFIX):
        raise FlashError(typed, msg.INVALID_ARGUMENT)
    for ch in name:
        if ord(ch) < 0x20 or ord(ch) == 0x7F or ch in _FORBIDDEN:
            raise FlashError(typed, msg.INVALID_ARGUMENT)
    try:
        encoded = name.encode("utf-8")
    except UnicodeEncodeError:       # a lone surrogate (a file name that was not UTF-8)
        raise FlashError(typed, msg.INVALID_ARGUMENT) from None
    if len(encoded) > MAX_PATH_BYTES:
        raise FlashError(typed, msg.NAME_TOO_LONG)


def shown(name: str) -> str:
    """A typed name as messages may print it: control characters as `?`, so that a hostile
    name cannot drive the user's terminal."""
    return "".join("?" if ord(c) < 0x20 or ord(c) == 0x7F else c for c in name)


# ---------------------------------------------------------------- configuration files

def split_lines(data: bytes) -> list[bytes]:
    """A file's lines as bytes (`\\n` or `\\r\\n`); never splits on other characters."""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return [ln[:-1] if ln.endswith(b"\r") else ln for ln in lines]


_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f]")      # control characters but tab


def decode_line(raw: bytes) -> str | None:
    """One configuration line from a file, or None when it is not valid UTF-8 or holds
    control characters (other than tab): such a line is invalid input and never enters the
    configuration."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not text.isprintable() and _CONTROL.search(text):   # isprintable: the common case, in C
        return None
    return text


def decode_lines(data: bytes) -> list[str | None]:
    """Every line of a configuration file (see decode_line)."""
    return [decode_line(raw) for raw in split_lines(data)]


def bad_line_shown(raw: bytes) -> tuple[str, int]:
    """How the console echoes a line that is not valid input, and the column of its first
    bad character (where the caret goes)."""
    try:
        raw.decode("utf-8")
        col = None
    except UnicodeDecodeError as exc:
        col = len(raw[:exc.start].decode("utf-8"))
    text = shown(raw.decode("utf-8", errors="replace"))
    if col is None:
        col = next((i for i, c in enumerate(raw.decode("utf-8"))
                    if (ord(c) < 0x20 and c != "\t") or ord(c) == 0x7F), 0)
    return text, col


# ---------------------------------------------------------------- the lab directory on disk

def _open_root(root: Path) -> int:
    """A descriptor of a flash folder, opened once when the lab loads: every later access
    starts from it, never from the folder's name, so a folder renamed or replaced by a link
    while the lab runs cannot send a write elsewhere."""
    return os.open(root, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0))


@contextmanager
def _dirfd(root_fd: int, rel_dir: str, create: bool = False) -> Iterator[int]:
    """A descriptor of the folder `rel_dir` under the flash folder `root_fd`, opened one
    component at a time without following links (a planted link fails with ELOOP/ENOTDIR)."""
    fd = os.dup(root_fd)
    try:
        for comp in rel_dir.split("/") if rel_dir else []:
            try:
                nfd = os.open(comp, _O_DIR, dir_fd=fd)
            except FileNotFoundError:
                if not create:
                    raise
                os.mkdir(comp, 0o755, dir_fd=fd)
                nfd = os.open(comp, _O_DIR, dir_fd=fd)
            os.close(fd)
            fd = nfd
        yield fd
    finally:
        os.close(fd)


def _read_regular(dfd: int, name: str, limit: int) -> bytes | None:
    """A regular file's content (None if it is not one, or larger than `limit`)."""
    fd = os.open(name, _O_READ, dir_fd=dfd)
    try:
        st = os.fstat(fd)
        # a hard link is refused as a symbolic link is: its content is also a file elsewhere,
        # outside the flash folder perhaps (/etc/shadow linked in), whatever its name says
        if not stat.S_ISREG(st.st_mode) or st.st_nlink > 1 or st.st_size > limit:
            return None
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            total += len(chunk)
            if total > limit:       # grew while read
                return None
            chunks.append(chunk)
    finally:
        os.close(fd)


@dataclass
class Flash:
    root: Path | None = None                   # lab directory folder, or None (in memory)
    files: dict[str, bytes] = field(default_factory=dict)
    dirs: set[str] = field(default_factory=set)
    mtimes: dict[str, float] = field(default_factory=dict)
    # Software images the unit booted from: listed with their real size, content not kept
    # (nobody reads a 38 MB image in a lab).  Never written to a lab directory.
    images: dict[str, int] = field(default_factory=dict)
    # disk0:'s size, from the platform (Hardware.flash_bytes, set by the unit): what `dir`
    # reports as total is what writes are refused past, one number
    capacity: int = 0
    # what a load left out (symbolic links, FIFOs, devices, oversized or badly named files)
    skipped: list[str] = field(default_factory=list)
    # the flash folder opened when loaded (see _open_root); None in memory
    _root_fd: int | None = field(default=None, repr=False, compare=False)
    # used() is kept between writes: `write memory all` of 250 contexts checks the space 250
    # times.  Every change of a file's content goes through write(), which counts; any other
    # change adds, removes or renames files (the dict's identity or size changes).
    _writes: int = field(default=0, repr=False, compare=False)
    _used: tuple[tuple[int, int, int], int] | None = field(default=None, repr=False, compare=False)

    def add_image(self, name: str, size: int, now: float = 0.0) -> None:
        try:
            path = resolve(name)
        except FlashError:
            return                  # a version string that makes no file name: not listed
        if path and path not in self.files and path not in self.dirs:
            self.files[path] = b""
            self.images[path] = size
            self.mtimes[path] = now

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, root: Path, capacity: int, in_memory: bool = False) -> Flash:
        """The flash of a lab directory folder.  Only regular files and folders are read;
        links are never followed, FIFOs and devices are skipped, as are files over
        MAX_FILE_BYTES, names the flash refuses, and anything past the flash capacity;
        leftover temporary files of an interrupted write are removed.  `in_memory`: read the
        folder (a built-in lab's, in the package) and never touch it again."""
        fl = cls(root=None if in_memory else root, capacity=capacity)
        try:
            if not in_memory and not os.path.lexists(root):
                root.mkdir(parents=True)
            root_fd = _open_root(root)
        except OSError as exc:
            raise FlashError(str(root), os_reason(exc)) from None
        try:
            with _dirfd(root_fd, "") as fd:
                fl._load_dir(fd, "", [min(fl.capacity, MAX_HELD_BYTES)], clean=not in_memory)
        except OSError as exc:
            os.close(root_fd)
            raise FlashError(str(root), os_reason(exc)) from None
        if in_memory:
            os.close(root_fd)
        else:
            fl._adopt(root_fd)
        return fl

    def _adopt(self, root_fd: int) -> None:
        """Keep the flash folder's descriptor (closed when the flash is dropped)."""
        self._root_fd = root_fd
        weakref.finalize(self, os.close, root_fd)

    def _load_dir(self, dfd: int, prefix: str, budget: list[int], clean: bool) -> None:
        with os.scandir(dfd) as it:
            names = sorted(e.name for e in it)
        for name in names:
            rel = f"{prefix}{name}"
            try:
                self._load_entry(dfd, name, rel, budget, clean)
            except (OSError, FlashError):
                self.skipped.append(rel)         # vanished, unreadable or badly named

    def _load_entry(self, dfd: int, name: str, rel: str, budget: list[int], clean: bool) -> None:
        st = os.stat(name, dir_fd=dfd, follow_symlinks=False)
        if clean and name.startswith(TMP_PREFIX) and not stat.S_ISDIR(st.st_mode):
            os.unlink(name, dir_fd=dfd)          # an interrupted write: the old file stands
            return
        if resolve(rel, private_ok=True) != rel:
            raise FlashError(rel)
        if stat.S_ISDIR(st.st_mode):
            sub = os.open(name, _O_DIR, dir_fd=dfd)
            try:
                if rel != PRIVATE:
                    self.dirs.add(rel)
                self._load_dir(sub, f"{rel}/", budget, clean)
            finally:
                os.close(sub)
        elif stat.S_ISREG(st.st_mode):
            data = _read_regular(dfd, name, min(MAX_FILE_BYTES, budget[0]))
            if data is None:
                raise FlashError(rel)
            self.files[rel] = data
            budget[0] -= len(data)
        else:
            raise FlashError(rel)                # symbolic link, FIFO, device, socket

    # ------------------------------------------------------------------ queries
    def exists(self, path: str) -> bool:
        return path in self.files

    def is_dir(self, path: str) -> bool:
        return path == "" or path in self.dirs

    def read(self, path: str) -> bytes:
        try:
            return self.files[path]
        except KeyError:
            raise FlashError(path, self._missing_reason(path)) from None

    def _missing_reason(self, path: str) -> str:
        """Why a path holds no file, as the file system says: a folder there, a file where
        one of its folders should be (a `.private` that is a file), or nothing."""
        if self.is_dir(path):
            return msg.IS_A_DIRECTORY
        parts = path.split("/")
        if any("/".join(parts[:i]) in self.files for i in range(1, len(parts))):
            return msg.NOT_A_DIRECTORY
        return msg.NO_SUCH_FILE

    def listing(self, path: str = "") -> list[tuple[str, int, bool]]:
        """(name, size, is_dir) of the entries directly under `path`."""
        prefix = f"{path}/" if path else ""
        out: list[tuple[str, int, bool]] = []
        for d in sorted(self.dirs):
            if d.startswith(prefix) and "/" not in d[len(prefix):]:
                out.append((d[len(prefix):], DIR_SIZE, True))
        for f in sorted(self.files):
            if f == PRIVATE or f.startswith(PRIVATE + "/"):     # hidden, whatever it is
                continue
            if f.startswith(prefix) and "/" not in f[len(prefix):]:
                out.append((f[len(prefix):], self.size(f), False))
        return out

    def size(self, path: str) -> int:
        return self.images.get(path, len(self.files.get(path, b"")))

    def held(self) -> int:
        """Bytes of file content kept in memory (images are listed, not kept)."""
        return self.used() - sum(self.images.values())

    def used(self) -> int:
        key = (id(self.files), len(self.files), self._writes)
        if self._used is None or self._used[0] != key:
            self._used = (key, sum(self.size(f) for f in self.files))
        return self._used[1]

    # ------------------------------------------------------------------ checks
    def _checked(self, path: str) -> str:
        """`path` itself, if it is a normalised flash path (internal callers too)."""
        if not path or resolve(path, private_ok=True) != path:
            raise FlashError(path, msg.INVALID_ARGUMENT)
        return path

    def _parent_ok(self, path: str) -> tuple[str, str]:
        parent, _, leaf = path.rpartition("/")
        if parent and parent != PRIVATE and parent not in self.dirs:
            raise FlashError(path, msg.NO_SUCH_FILE if parent not in self.files
                             else msg.NOT_A_DIRECTORY)
        return parent, leaf

    @contextmanager
    def _disk(self, path: str, create: bool = False) -> Iterator[tuple[int, str] | None]:
        """(folder descriptor, leaf name) of `path` on disk, or None for an in-memory flash;
        any OSError of the block becomes a FlashError with the ASA's reason."""
        if self.root is None or self._root_fd is None:
            yield None
            return
        parent, _, leaf = path.rpartition("/")
        try:
            with _dirfd(self._root_fd, parent, create) as fd:
                yield fd, leaf
        except OSError as exc:
            raise FlashError(path, os_reason(exc)) from None

    # ------------------------------------------------------------------ changes
    def write(self, path: str, data: bytes, now: float = 0.0) -> None:
        if self.is_dir(path):
            raise FlashError(path, msg.IS_A_DIRECTORY)
        self._checked(path)
        self._parent_ok(path)
        grows = len(data) - self.size(path)
        after = self.used() + grows
        held = self.held() + len(data) - len(self.files.get(path, b""))
        if after > self.capacity or held > MAX_HELD_BYTES:
            raise FlashError(path, msg.NO_SPACE)
        with self._disk(path, create=path.startswith(PRIVATE + "/")) as where:
            if where is not None:
                atomic_write(*where, data)
        self.files[path] = data
        self.images.pop(path, None)
        self.mtimes[path] = now
        self._writes += 1
        self._used = ((id(self.files), len(self.files), self._writes), after)

    def delete(self, path: str) -> None:
        self._checked(path)
        if path not in self.files:
            raise FlashError(path, msg.IS_A_DIRECTORY if path in self.dirs else msg.NO_SUCH_FILE)
        with self._disk(path) as where:
            if where is not None:
                fd, leaf = where
                try:
                    os.unlink(leaf, dir_fd=fd)
                except FileNotFoundError:
                    if path not in self.images:     # images are listed, never on disk
                        raise
                os.fsync(fd)
        del self.files[path]
        self.mtimes.pop(path, None)
        self.images.pop(path, None)

    def mkdir(self, path: str, now: float = 0.0) -> None:
        self._checked(path)
        if path in self.dirs or path in self.files or path == PRIVATE:
            raise FlashError(path, msg.FILE_EXISTS)
        self._parent_ok(path)
        with self._disk(path) as where:
            if where is not None:
                fd, leaf = where
                os.mkdir(leaf, 0o755, dir_fd=fd)
                os.fsync(fd)
        self.dirs.add(path)
        self.mtimes[path] = now

    def rmdir(self, path: str) -> None:
        self._checked(path)
        if path not in self.dirs:
            raise FlashError(path, msg.NOT_A_DIRECTORY if path in self.files else msg.NO_SUCH_FILE)
        if any(k.startswith(path + "/") for k in list(self.files) + list(self.dirs)):
            raise FlashError(path, msg.DIR_NOT_EMPTY)
        with self._disk(path) as where:
            if where is not None:
                fd, leaf = where
                os.rmdir(leaf, dir_fd=fd)
                os.fsync(fd)
        self.dirs.discard(path)
        self.mtimes.pop(path, None)

    def rename(self, src: str, dst: str) -> None:
        """Rename a file or a folder inside the flash; the target must not exist."""
        self._checked(src)
        self._checked(dst)
        if src not in self.files and src not in self.dirs:
            raise FlashError(src, msg.NO_SUCH_FILE)
        if dst in self.files or dst in self.dirs or dst == PRIVATE:
            raise FlashError(src, msg.FILE_EXISTS)
        if src in self.dirs and dst.startswith(src + "/"):
            raise FlashError(src, msg.INVALID_ARGUMENT)     # a folder into itself
        self._parent_ok(dst)
        if (src in self.files and src not in self.images) or src in self.dirs:
            self._rename_on_disk(src, dst)
        self._rename_in_memory(src, dst)

    def _rename_on_disk(self, src: str, dst: str) -> None:
        with self._disk(src) as a, self._disk(dst) as b:
            if a is not None and b is not None:
                if _exists(*b):
                    raise FlashError(src, msg.FILE_EXISTS)  # something the flash does not show
                os.rename(a[1], b[1], src_dir_fd=a[0], dst_dir_fd=b[0])
                os.fsync(b[0])
                os.fsync(a[0])

    def _rename_in_memory(self, src: str, dst: str) -> None:
        def moved(k: str) -> str:
            return dst + k[len(src):] if k == src or k.startswith(src + "/") else k
        self.files = {moved(k): v for k, v in self.files.items()}
        self.images = {moved(k): v for k, v in self.images.items()}
        self.mtimes = {moved(k): v for k, v in self.mtimes.items()}
        self.dirs = {moved(d) for d in self.dirs}

    def erase(self) -> None:
        """Every file and folder but the hidden startup-config folder.  A folder that holds
        entries the flash does not show (links, FIFOs) stays, as does its content."""
        for f in sorted(self.files):
            if not f.startswith(PRIVATE + "/"):
                self.delete(f)
        for d in sorted(self.dirs, reverse=True):
            try:
                self.rmdir(d)
            except FlashError:
                continue


def _exists(fd: int, leaf: str) -> bool:
    try:
        os.stat(leaf, dir_fd=fd, follow_symlinks=False)
    except FileNotFoundError:
        return False
    return True


def atomic_write(fd: int, leaf: str, data: bytes, mode: int = 0o644) -> None:
    """Write `leaf` in the folder `fd`: a new temporary file (permissions `mode`, subject to
    the umask: never changed here, it is the whole process's), fsync, rename over the target
    (a link there is replaced, never followed), fsync of the folder.  A folder at the target
    makes the rename fail: nothing changes."""
    while True:
        tmp = f"{TMP_PREFIX}{os.urandom(8).hex()}"     # as secrets.token_hex(8)
        try:
            out = os.open(tmp, _O_NEW, mode, dir_fd=fd)
            break
        except FileExistsError:
            continue
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(out, view):]
            os.fsync(out)
        finally:
            os.close(out)
        os.replace(tmp, leaf, src_dir_fd=fd, dst_dir_fd=fd)
    except OSError:
        try:
            os.unlink(tmp, dir_fd=fd)
        except OSError:
            pass
        raise
    os.fsync(fd)
