"""The SSH host key of a lab: generated once, then kept, so that clients' known_hosts stay valid
across restarts of `serve`.

A lab directory keeps it at its top (`ssh_host_ed25519_key`, mode 0600).  A built-in lab's
package is read-only: its key lives in the user's data directory (platformdirs'
`user_data_dir("asa-emulator")`, or $ASA_EMULATOR_DATA when set), under `labs/NAME/`.
"""

from __future__ import annotations

import os
from pathlib import Path

import asyncssh

from asa_emulator.datadir import kept_lab_dir

KEY_FILE = "ssh_host_ed25519_key"


def host_key_path(lab_root: Path | None, lab_name: str) -> Path:
    """Where the lab's host key is kept."""
    if lab_root is not None:
        return lab_root / KEY_FILE
    return kept_lab_dir(lab_name) / KEY_FILE


def load_or_create(path: Path) -> asyncssh.SSHKey:
    """The key stored at `path`; a new ed25519 key written there (0600) when there is none."""
    if path.exists():
        return asyncssh.read_private_key(path)
    key = asyncssh.generate_private_key("ssh-ed25519")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(key.export_private_key())
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)          # never a half-written key
    return key
