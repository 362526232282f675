"""`serve`'s listeners are assembled in frontends/server.py (issue 18): the SSH module holds
SSH only (the units' ports and the lab-control port's SSH), and knows nothing of the telnet
consoles, the real-time clock or how a server is started and stopped."""

from __future__ import annotations

import ast
from pathlib import Path

from asa_emulator.frontends import server
from asa_emulator.frontends.ssh import ssh

FRONTENDS = Path(server.__file__).resolve().parent


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


def test_the_ssh_module_imports_no_other_listener_nor_the_clock() -> None:
    used = _imports(FRONTENDS / "ssh" / "ssh.py")
    assert not {m for m in used if m.startswith(("asa_emulator.frontends.telnet",
                                                 "asa_emulator.frontends.clock",
                                                 "asa_emulator.frontends.server"))}


def test_the_server_module_starts_every_listener() -> None:
    used = _imports(FRONTENDS / "server.py")
    assert {"asa_emulator.frontends.telnet.telnet", "asa_emulator.frontends.clock"} <= used
    for name in ("start_server", "run_server", "serve", "LabServer", "ListenError", "exposure_warning"):
        assert hasattr(server, name) and not hasattr(ssh, name), name
