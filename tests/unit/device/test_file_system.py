"""`show file system` (issue 20; the system space and single mode): the flash's size and free
bytes as `dir` counts them (they move with a file written), then the remote and system file
systems (layout modelled on IOS, unverified)."""

from __future__ import annotations

import re

from asa_emulator import api

HEAD = ["File Systems:", "", "      Size(b)      Free(b)      Type  Flags  Prefixes"]
OTHERS = [f"            -            -   network     rw  {fs}" for fs in ("ftp:", "http:", "https:", "smb:", "tftp:")]
OTHERS += ["            -            -    opaque     rw  system:"]


def _disk(lab: api.Lab) -> tuple[list[str], int, int]:
    lines = lab.run(["show file system", "dir"])
    at = lines.index("primary# show file system")
    m = re.search(r"(\d+) bytes total \((\d+) bytes free\)", " ".join(lines))
    assert m is not None
    total, free = int(m.group(1)), int(m.group(2))
    return lines[at + 1:at + 11], total, free


def test_show_file_system_reads_the_flash() -> None:
    lab = api.Lab.load("example", in_memory=True)
    lab.settle()
    lab.run(["enable", ""])
    shown, total, free = _disk(lab)
    assert shown == [*HEAD, f"*{total:>12}{free:>13}      disk     rw  disk0: flash:", *OTHERS]
    lab.run(["copy /noconfirm running-config disk0:/r.cfg"])
    shown, total, after = _disk(lab)
    assert after < free
    assert shown == [*HEAD, f"*{total:>12}{after:>13}      disk     rw  disk0: flash:", *OTHERS]
    refused = lab.run(["changeto context admin", "show file system"])
    assert refused[-1] == "ERROR: % Invalid input detected at '^' marker."
