"""`serve` stops on Ctrl-C (SIGINT) however it was started.  A shell's background job (`serve &`,
or a suite run as `make test &`) inherits SIGINT ignored, and Python then installs no Ctrl-C
handler: the server ignored every interrupt, and the tests that stop it hung and left it
running."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.probes import Served


@pytest.mark.parametrize("sigint_ignored", [False, True], ids=["foreground", "background-job"])
def test_serve_stops_on_sigint_even_when_started_with_it_ignored(tmp_path: Path, sigint_ignored: bool) -> None:
    server = Served("example", tmp_path / "data", sigint_ignored=sigint_ignored)
    try:
        err = server.stop()
    finally:
        if server.proc.poll() is None:
            server.proc.kill()
    assert server.proc.returncode == 0
    assert err == ""
