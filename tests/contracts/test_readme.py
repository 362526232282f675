"""Every example in README.md and docs/*.md runs and prints what the page shows beside it, and
every repository path the pages name exists: documentation that cannot drift (issue 16).

The convention (docs/README.md says it for authors): every fenced block names its kind.
- `console`: `$ COMMAND` lines, each followed by its output (stdout and stderr as a terminal
  shows them).  Commands run with bash in a scratch folder that holds the repository's
  `transcripts/`; `asa-emulator serve ...` runs until its `ready` line.
- `python`: run as a script in the same folder; its stdout is what the `output` block right
  after it shows, or nothing when none follows (then its asserts are the check).
- `python NAME.py`: written to NAME.py in the scratch folder, not run itself: a `console` block
  after it runs it (a pytest test file, for instance).
- `output`: what the block before it prints.
- `transcript NAME`: a golden transcript, written to NAME in the scratch folder (a later
  `asa-emulator check NAME` reads it) and checked as `asa-emulator check` does.
- `text`: a listing (a syntax summary, a layout), never a command to copy; not run.
- `console not run: REASON`, `python not run: REASON`: an example the suite cannot run (the
  interactive terminal); the reason is said.
The blocks of one page run in order, in one scratch folder, against one served lab (started
when a block first needs it): the default ports 2222 (primary), 2223 (secondary), 2224 (lab
control), 5000 and 5001 (consoles) in a block stand for that lab's ports, `ssh` answers the
password `cisco` (`lab` for the user `lab` of the control port).  Lines are compared without trailing spaces; `in 0.42s` at the end of a line
(`check`'s wall time) matches any time.  An indented code block, an unknown kind or a block
that cannot be run fails the test.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.support.paths import ROOT
from tests.support.probes import Served

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
KINDS = {"console", "python", "output", "transcript", "text"}
DEFAULT_PORTS = {"2222": "primary", "2223": "secondary", "2224": "control",
                 "5000": "console-primary", "5001": "console-secondary"}
PORT_WORD = re.compile(r"\b(" + "|".join(DEFAULT_PORTS) + r")\b")
WALL_TIME = re.compile(r" in \d+\.\d\ds$")
TIMEOUT_S = 180


@dataclass
class Block:
    page: Path
    line: int           # 1-based line of the opening fence
    kind: str
    arg: str            # the info string after the kind
    body: str

    @property
    def where(self) -> str:
        name = self.page.relative_to(ROOT) if self.page.is_relative_to(ROOT) else self.page.name
        return f"{name}:{self.line}"

    @property
    def not_run(self) -> bool:
        return self.arg.startswith("not run:")


def blocks(page: Path) -> list[Block]:
    """The page's code blocks; an indented one has the kind '' (it cannot say what it is)."""
    found = []
    for token in MarkdownIt("commonmark").parse(page.read_text()):
        if token.type in ("fence", "code_block"):
            kind, _, arg = token.info.strip().partition(" ")
            line = token.map[0] + 1 if token.map else 0
            found.append(Block(page, line, kind, arg.strip(), token.content))
    return found


def page_id(page: Path) -> str:
    return str(page.relative_to(ROOT))


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_every_block_says_what_it_is(page: Path) -> None:
    problems = []
    previous: Block | None = None
    for block in blocks(page):
        if block.kind not in KINDS:
            problems.append(f"{block.where}: a code block of unknown kind {block.kind!r} "
                            f"(known: {', '.join(sorted(KINDS))}; indented blocks cannot say)")
        elif block.arg.startswith("not run") and not (block.kind in ("console", "python")
                                                      and len(block.arg) > len("not run: ")):
            problems.append(f"{block.where}: `not run: REASON` is for console and python blocks")
        elif block.kind == "output" and (previous is None or previous.kind != "python"
                                         or previous.not_run):
            problems.append(f"{block.where}: an output block follows the python block it shows")
        elif block.kind == "console" and not block.not_run and not block.body.startswith("$ "):
            problems.append(f"{block.where}: a console block starts with a `$ ` command")
        elif block.kind == "python" and not block.not_run and block.arg and not re.fullmatch(
                r"[\w-]+\.py", block.arg):
            problems.append(f"{block.where}: a python block names its file as NAME.py")
        elif block.kind == "transcript" and not re.fullmatch(r"[\w.-]+\.txt", block.arg):
            problems.append(f"{block.where}: a transcript block names its file: transcript NAME.txt")
        previous = block
    assert not problems, "\n".join(problems)


@dataclass
class Scratch:
    """One page's scratch folder, its environment and the lab served for it."""

    folder: Path
    served: Served | None = None
    ports: dict[str, str] = field(default_factory=dict)     # default port -> served port

    def env(self) -> dict[str, str]:
        bindir = self.folder / "bin"
        return {**os.environ, "PATH": f"{bindir}:{Path(sys.executable).parent}:{os.environ['PATH']}",
                "ASA_EMULATOR_DATA": str(self.folder / "data"), "PYTHONIOENCODING": "utf-8",
                "SSH_ASKPASS": str(bindir / "askpass"), "SSH_ASKPASS_REQUIRE": "force",
                "DISPLAY": ":0", "COLUMNS": "100"}

    def serve_for(self, text: str) -> str:
        """`text` with the default ports replaced by the served lab's (started on first need)."""
        if not PORT_WORD.search(text):
            return text
        if self.served is None:
            self.served = Served("example", self.folder / "data", "--lab-control", "--console",
                                 cwd=self.folder)
            self.ports = {port: str(self.served.ports[name]) for port, name in DEFAULT_PORTS.items()}
        return PORT_WORD.sub(lambda m: self.ports[m.group(1)], text)

    def shown(self, out: str, ports: dict[str, str] | None = None) -> list[str]:
        """Output as the page shows it: served ports back to the defaults, no trailing spaces."""
        back = {served: default for default, served in (ports or self.ports).items()}
        if back:
            pattern = re.compile(r"\b(" + "|".join(back) + r")\b")
            out = pattern.sub(lambda m: back[m.group(1)], out)
        return [WALL_TIME.sub(" in T", line.rstrip()) for line in out.splitlines()]

    def close(self) -> None:
        if self.served is not None and self.served.proc.poll() is None:
            self.served.stop()


def make_scratch(tmp_path: Path) -> Scratch:
    folder = tmp_path / "scratch"
    bindir = folder / "bin"
    bindir.mkdir(parents=True)
    (folder / "transcripts").symlink_to(ROOT / "transcripts")
    # OpenSSH passes its prompt: the control port's account is the example lab's lab/lab
    (bindir / "askpass").write_text('#!/bin/sh\ncase "$1" in lab@*) echo lab;; *) echo cisco;; esac\n')
    real_ssh = shutil.which("ssh") or "/usr/bin/ssh"
    (bindir / "ssh").write_text(
        f"#!/bin/sh\nexec {real_ssh} -F /dev/null -o StrictHostKeyChecking=no "
        f"-o UserKnownHostsFile={folder / 'known_hosts'} -o GlobalKnownHostsFile=/dev/null "
        "-o PreferredAuthentications=password -o PubkeyAuthentication=no "
        "-o NumberOfPasswordPrompts=1 -o LogLevel=ERROR \"$@\"\n")
    for name in ("askpass", "ssh"):
        (bindir / name).chmod(0o755)
    return Scratch(folder)


def console_steps(body: str) -> list[tuple[str, list[str]]]:
    steps: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line.rstrip())
    return steps


def run_shell(scratch: Scratch, command: str, merged: bool = True) -> str:
    """What the command prints: stdout and stderr as a terminal interleaves them, or (`merged`
    false) stdout only, the stderr going to this test's own."""
    done = subprocess.run(["bash", "-c", scratch.serve_for(command)], cwd=scratch.folder,
                          env=scratch.env(), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT if merged else None,
                          stdin=subprocess.DEVNULL, start_new_session=True, timeout=TIMEOUT_S)
    return done.stdout.decode()


def run_serve(scratch: Scratch, command: str) -> list[str]:
    """`asa-emulator serve ...` as the page shows it: what it prints up to its ready line."""
    args = command.split()[2:]
    lab = "example"
    if "--lab" in args:
        at = args.index("--lab")
        lab, args = args[at + 1], args[:at] + args[at + 2:]
    server = Served(lab, scratch.folder / "data", *args, cwd=scratch.folder)
    try:
        ready = "ready " + " ".join(f"{name}={port}" for name, port in server.ports.items())
        ports = {default: str(server.ports[name]) for default, name in DEFAULT_PORTS.items()
                 if name in server.ports}
        return scratch.shown("\n".join([*server.human, ready]), ports)
    finally:
        server.stop()


def run_block(scratch: Scratch, block: Block, expected: str | None) -> list[str]:
    """What went wrong running the block: [] when it printed what the page shows."""
    wrong = []
    if block.kind == "console":
        for command, shown in console_steps(block.body):
            if command.startswith("asa-emulator serve"):
                got = run_serve(scratch, command)
            else:
                got = scratch.shown(run_shell(scratch, command))
            if got != [WALL_TIME.sub(" in T", line) for line in shown]:
                wrong.append(f"{block.where}: `{command}` printed:\n" + "\n".join(got))
    elif block.kind == "python" and block.arg:
        (scratch.folder / block.arg).write_text(block.body)     # a console block runs it
    elif block.kind == "python":
        script = scratch.folder / f"example_{block.line}.py"
        script.write_text(scratch.serve_for(block.body))
        # stdout: what a client library warns about at import (asyncssh under a newer
        # cryptography) is the library's, on stderr
        out = run_shell(scratch, f"{sys.executable} {script.name}", merged=False)
        want = (expected or "").splitlines()
        if scratch.shown(out) != [line.rstrip() for line in want]:
            wrong.append(f"{block.where}: the python block printed:\n{out}")
    elif block.kind == "transcript":
        (scratch.folder / block.arg).write_text(block.body)
        out = run_shell(scratch, f"asa-emulator check {block.arg}")
        if not out.startswith(f"ok: {block.arg}\n"):
            wrong.append(f"{block.where}: the transcript is not what the emulator prints:\n{out}")
    return wrong


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_every_example_prints_what_the_page_shows(page: Path, tmp_path: Path) -> None:
    found = blocks(page)
    scratch = make_scratch(tmp_path)
    wrong: list[str] = []
    try:
        for i, block in enumerate(found):
            if block.kind not in ("console", "python", "transcript") or block.not_run:
                continue
            after = found[i + 1] if i + 1 < len(found) else None
            expected = after.body if after is not None and after.kind == "output" else None
            wrong += run_block(scratch, block, expected)
    finally:
        scratch.close()
    assert not wrong, "\n\n".join(wrong)


# ---------------------------------------------------------------- the paths and modules named

TOP = {p.name for p in ROOT.iterdir() if not p.name.startswith(".")} | {".ci"}
PATH_WORD = re.compile(r"(?<![\w./~$-])(?:[\w.*-]+/)+[\w.*-]*")
MODULE_WORD = re.compile(r"\basa_emulator(?:\.\w+)+")
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def prose(page: Path) -> str:
    """The page without its fenced blocks (examples run in a scratch folder, not the repository)."""
    return re.sub(r"^```.*?^```", "", page.read_text(), flags=re.S | re.M)


def named_paths(text: str) -> set[str]:
    """Words that name a repository path: they start with a top-level file or folder."""
    words = set()
    for m in PATH_WORD.finditer(text):
        word = m.group(0).rstrip(".")
        if "://" in text[m.start():m.end() + 3] or word.split("/")[0] not in TOP:
            continue
        if any(part.isupper() and len(part) > 1 for part in re.split(r"[/.]", word)):
            continue        # a placeholder: transcripts/labs/NAME
        words.add(word)
    return words


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_every_repository_path_the_page_names_exists(page: Path) -> None:
    text = prose(page)
    missing = [w for w in sorted(named_paths(text)) if not list(ROOT.glob(w.rstrip("/")))]
    missing += [f"link {target}" for target in LINK.findall(text)
                if "://" not in target and not (page.parent / target).exists()]
    absolute = re.findall(r"(?<![\w.~])/(?:work|home|Users|tmp)/[\w./-]+", page.read_text())
    assert not missing and not absolute, f"missing: {missing}; a machine's paths: {absolute}"


def resolves(dotted: str) -> bool:
    """`asa_emulator.lab.lab.Lab`: the longest importable module prefix has the rest as attributes."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        name = ".".join(parts[:cut])
        try:
            if importlib.util.find_spec(name) is None:
                continue
        except ModuleNotFoundError:
            continue
        obj: object = importlib.import_module(name)
        for attr in parts[cut:]:
            if not hasattr(obj, attr):
                return False
            obj = getattr(obj, attr)
        return True
    return False


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_every_module_the_page_names_exists(page: Path) -> None:
    stale = [m for m in sorted(set(MODULE_WORD.findall(page.read_text()))) if not resolves(m)]
    assert not stale


def test_a_python_file_is_named_by_its_repository_path() -> None:
    """`failover/replication.py` alone is ambiguous: pages write asa_emulator/failover/replication.py."""
    short = {page_id(p): sorted(w for w in re.findall(r"(?<![\w/.-])[\w-]+/[\w/.-]*\w\.py\b", prose(p))
                                if w.split("/")[0] not in TOP) for p in PAGES}
    assert not any(short.values()), short


def test_the_checks_catch_a_wrong_example_and_an_unmarked_block(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("```console\n$ asa-emulator --version\nasa-emulator 9.9\n```\n\n"
                    "    indented code\n\n```\nno kind\n```\n")
    found = blocks(page)
    scratch = make_scratch(tmp_path)
    assert run_block(scratch, found[0], None)[0].endswith("printed:\nasa-emulator 0.1.0")
    assert [b.kind for b in found[1:]] == ["", ""]


def test_the_licence_is_named_in_the_package() -> None:
    import tomllib
    assert tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["license"] == "MIT"
    head = (ROOT / "LICENSE").read_text().splitlines()
    assert head[0] == "MIT License" and head[2] == "Copyright (c) 2026 asa-emulator contributors"
