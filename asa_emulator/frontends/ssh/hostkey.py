"""The SSH host key of a lab: generated once, then kept, so that clients' known_hosts stay valid
across restarts of `serve`.

A lab directory keeps it at its top (`ssh_host_ed25519_key`, mode 0600).  A built-in lab's
package is read-only: its key lives in the user's data directory (platformdirs'
`user_data_dir("asa-emulator")`, or $ASA_EMULATOR_DATA when set), under `labs/NAME/`.

A lab directory may come from someone else: the key file is read only if it is a small regular
file (never through a link, never a FIFO that would block `serve`), and a new key is written
to a fresh temporary name (O_EXCL, O_NOFOLLOW) then renamed, so a planted link is never
followed to overwrite a file outside the lab.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
from pathlib import Path

from asa_emulator.datadir import kept_lab_dir
from asa_emulator.frontends.ssh.sshlib import asyncssh

KEY_FILE = "ssh_host_ed25519_key"
MAX_KEY_BYTES = 64 * 1024       # an OpenSSH ed25519 key is under 500 bytes
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def host_key_path(lab_root: Path | None, lab_name: str) -> Path:
    """Where the lab's host key is kept.  A lab kept in memory is known by its name, which
    must be one folder name in the data directory (a folder named `..` is not)."""
    if lab_root is not None:
        return lab_root / KEY_FILE
    name = lab_name if _SAFE_NAME.fullmatch(lab_name) else "unnamed"
    return kept_lab_dir(name) / KEY_FILE


def load_or_create(path: Path) -> asyncssh.SSHKey:
    """The key stored at `path`; a new ed25519 key written there (0600) when there is none.
    Raises OSError (a link, a FIFO, a folder: `not a regular file`) or ValueError (a file
    that holds no key)."""
    data = _read_key_file(path)
    if data is not None:
        return asyncssh.import_private_key(data)
    key = asyncssh.generate_private_key("ssh-ed25519")
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_new(path, key.export_private_key())
    return key


def _read_key_file(path: Path) -> bytes | None:
    """The key file's bytes; None when there is nothing at `path`."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | _CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if os.path.islink(path):
            raise OSError(exc.errno, "is a link, not a regular file") from None
        raise
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(0, "not a regular file")
        if st.st_nlink > 1:     # a hard link is a file of elsewhere, as a symbolic link is
            raise OSError(0, "has other hard links, not a file of the lab's own")
        if st.st_size > MAX_KEY_BYTES:
            raise ValueError("too large to be a host key")
        return os.read(fd, MAX_KEY_BYTES + 1)
    finally:
        os.close(fd)


def _write_new(path: Path, data: bytes) -> None:
    """Write `data` at `path` through a fresh temporary file: never a half-written key, and
    no link at either name is followed."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | _CLOEXEC, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)       # a link or file at `path` is replaced, never followed
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
