"""What an output filter may cost the server is bounded (issue 17; issue 18 for plain words).

- a plain word (no metacharacter) is a substring test with RE2's answer, never compiled;
- compiled patterns are kept in a small LRU, each with a bounded RE2 memory: 100,000 new
  patterns leave at most CACHE_SIZE kept, and heavy ones do not grow the process;
- over SSH a filtered show runs in chunks: a second client's command is answered while a
  first client's `show running-config | include` over a 5,000-entry ACL runs (the order of
  the replies, never their timing).
"""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import re2
from hypothesis import given, settings
from hypothesis import strategies as st

from asa_emulator.device import filters
from asa_emulator.device import session as session_module
from asa_emulator.device.filters import CACHE_SIZE, RE2_MAX_MEM, cached_patterns, matcher
from asa_emulator.frontends.server import start_server
from asa_emulator.frontends.ssh.sshlib import asyncssh
from asa_emulator.lab.lab import Lab
from tests.support.paths import ROOT
from tests.support.probes import WAIT_S
from tests.support.telnet import RawClient

# every printable ASCII character but RE2's metacharacters
PLAIN = "".join(c for c in map(chr, range(32, 127)) if c not in filters.METACHARACTERS)


@settings(max_examples=300, deadline=None)
@given(st.text(PLAIN, min_size=1, max_size=8), st.lists(st.text(PLAIN + ".()", max_size=40),
                                                         max_size=6), st.integers(0, 5))
def test_a_plain_word_matches_as_re2_does(word: str, lines: list[str], inside: int) -> None:
    """Lines with and without the word (inserted in one of them), against RE2 itself."""
    if lines:
        k = inside % len(lines)
        lines[k] = lines[k][:inside] + word + lines[k][inside:]
    found = matcher(word)
    for line in lines:
        assert found(line) == (re2.search(word, line) is not None), (word, line)


def test_a_plain_word_is_never_compiled() -> None:
    filters._compiled.cache_clear()
    for word in ("permit", "This host", "GigabitEthernet0/2", "10-1", "a,b:c#d"):
        assert matcher(word)(f"x {word} y")
    assert cached_patterns() == 0
    assert matcher("permit.")("permit ") and cached_patterns() == 1


def test_the_pattern_cache_stays_under_its_bound() -> None:
    for i in range(100_000):
        assert matcher(f"a.b{i}")(f"axb{i}")
        assert cached_patterns() <= CACHE_SIZE
    assert cached_patterns() == CACHE_SIZE


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def test_heavy_patterns_do_not_grow_the_process() -> None:
    """Each of these costs RE2 half a megabyte (its DFA states): 300 of them kept (ours, or
    the re2 module's own cache of 128) would be 60 to 150 MB; what stays is the cache's
    entries, of at most RE2_MAX_MEM each."""
    lines = [f"access-list big extended permit tcp host 10.0.{i}.1 any eq {1000 + i}"
             for i in range(60)]
    filters._compiled.cache_clear()
    re2.purge()                 # what the module kept for this file's other tests
    before = _rss_mb()
    for i in range(300):
        found = matcher(f"((.{{0,30}}){{0,30}})y{i}")
        assert not any(found(line) for line in lines)
    # the kept entries (16 of about half a megabyte here; CACHE_SIZE x RE2_MAX_MEM at worst)
    assert CACHE_SIZE * RE2_MAX_MEM <= 64 * 2**20
    assert _rss_mb() - before < 32


# ------------------------------------------------------------------ over SSH


@pytest.fixture(scope="module")
def big_acl_lab(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example lab (a folder) with a 5,000-entry ACL in admin."""
    lab = tmp_path_factory.mktemp("bigacl") / "lab"
    subprocess.run([sys.executable, "-m", "asa_emulator", "init", str(lab)], check=True,
                   capture_output=True, cwd=ROOT)
    with (lab / "primary" / "admin.cfg").open("a") as f:
        for i in range(5000):
            f.write(f"access-list big extended permit tcp host 10.{i // 250}.{i % 250}.1 "
                    f"any eq {1000 + i}\n")
    return lab


async def _enabled_shell(conn: asyncssh.SSHClientConnection) -> asyncssh.SSHClientProcess[str]:
    shell = await conn.create_process(term_type="vt100")
    await asyncio.wait_for(shell.stdout.readuntil("> "), WAIT_S)
    for line, end in (("enable", "Password: "), ("cisco", "# "), ("terminal pager 0", "# ")):
        shell.stdin.write(line + "\r")
        await asyncio.wait_for(shell.stdout.readuntil(end), WAIT_S)
    return shell


def _watched_lab(folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[asyncio.Event, Lab]:
    """The lab of `folder`, settled, and an event set when a session filters its first chunk."""
    started = asyncio.Event()
    chunks = filters.filter_chunks

    def seen(*args: Any, **kwargs: Any) -> Iterator[list[str]]:
        for part in chunks(*args, **kwargs):
            started.set()
            yield part
    monkeypatch.setattr(session_module, "filter_chunks", seen)
    lab = Lab.load(str(folder))
    lab.settle()
    return started, lab


def test_a_second_client_is_answered_while_a_big_filtered_show_runs(
        big_acl_lab: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The server runs in this process, on the clients' event loop, so the test can see the
    filtered show start (its first chunk) and only then send the second client's line: a
    server that filtered in one piece would answer the first client before it read the second
    (the order of the replies, never their timing; no race with a loaded machine)."""
    started, lab = _watched_lab(big_acl_lab, monkeypatch)
    # a pattern that costs RE2 its DFA: some tens of microseconds a line
    big = "show running-config | include ((.{0,30}){0,30})eq 4999$"
    order: list[str] = []

    async def reply(name: str, shell: asyncssh.SSHClientProcess[str]) -> str:
        out = await asyncio.wait_for(shell.stdout.readuntil("# "), WAIT_S * 3)
        order.append(name)
        return out

    async def main() -> tuple[str, str]:
        server = await start_server(lab, "127.0.0.1", 0)
        try:
            async with asyncssh.connect("127.0.0.1", server.ports["primary"], username="admin",
                                        password="cisco", known_hosts=None, client_keys=None) as c1, \
                    asyncssh.connect("127.0.0.1", server.ports["primary"], username="admin",
                                     password="cisco", known_hosts=None, client_keys=None) as c2:
                first, second = await _enabled_shell(c1), await _enabled_shell(c2)
                first.stdin.write(big + "\r")
                filtered = asyncio.ensure_future(reply("filtered show", first))
                await asyncio.wait_for(started.wait(), WAIT_S)
                second.stdin.write("show clock\r")
                clock = await reply("show clock", second)
                return await filtered, clock
        finally:
            await server.close()

    out, clock = asyncio.run(main())
    assert re.search(r"\d\d:\d\d:\d\d\.\d+ UTC", clock), clock
    assert "access-list big extended permit tcp host 10.15.249.1 any eq 4999" in out
    assert order == ["show clock", "filtered show"]


def test_a_second_client_is_answered_while_a_console_runs_a_big_filtered_show(
        big_acl_lab: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same over a telnet console: its login layer hands an ordinary line to the unit's
    session, whose filter yields between chunks (a console must not stall the room either)."""
    started, lab = _watched_lab(big_acl_lab, monkeypatch)
    big = "show running-config | include ((.{0,30}){0,30})eq 4999$"
    order: list[str] = []

    async def main() -> tuple[bytes, str]:
        server = await start_server(lab, "127.0.0.1", 0, console_port=0)
        try:
            console = await RawClient.connect(server.console_ports["primary"])
            await console.expect(b"primary> ")
            for line, end in (("enable", b"Password: "), ("", b"primary# "),
                              ("changeto context admin", b"primary/admin# "),
                              ("terminal pager 0", b"primary/admin# ")):
                console.send(line.encode() + b"\r")
                await console.expect(end)
            async with asyncssh.connect("127.0.0.1", server.ports["primary"], username="admin",
                                        password="cisco", known_hosts=None, client_keys=None) as c2:
                second = await _enabled_shell(c2)
                console.send(big.encode() + b"\r")

                async def filtered() -> bytes:
                    out = await console.expect(b"primary/admin# ")
                    order.append("filtered show")
                    return out
                task = asyncio.ensure_future(filtered())
                await asyncio.wait_for(started.wait(), WAIT_S)
                second.stdin.write("show clock\r")
                clock = await asyncio.wait_for(second.stdout.readuntil("# "), WAIT_S)
                order.append("show clock")
                out = await task
            await console.close()
            return out, clock
        finally:
            await server.close()

    out, clock = asyncio.run(main())
    assert re.search(r"\d\d:\d\d:\d\d\.\d+ UTC", clock), clock
    assert b"access-list big extended permit tcp host 10.15.249.1 any eq 4999" in out
    assert order == ["show clock", "filtered show"]
