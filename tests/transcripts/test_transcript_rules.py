"""Transcripts stay in their folder: `check` and the pytest plugin run a golden transcript's lab
on a copy in memory, `@lab` is confined to the transcript root, and the plugin collects only the
folders a project names in its `asa_transcripts` ini option."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest

from asa_emulator.cli import main
from asa_emulator.transcript.roots import transcript_root
from asa_emulator.transcript.runner import run_lines

pytest_plugins = ["pytester"]

GOLDEN = ("@lab blank\n@console primary\nciscoasa> enable\nPassword:\nciscoasa# show mode\n"
          "Security context mode: multiple\n")
# a script that changes every kind of thing a flash holds
WRITES = ["enable", "", "configure terminal", "hostname changed", "end", "write memory",
          "mkdir disk0:/newdir", "", "copy running-config disk0:/newdir/saved.cfg", "", "",
          "delete disk0:/ctx1.cfg", "", ""]


def tree_hash(root: Path) -> str:
    """Names, kinds, contents and link targets of everything under root."""
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        if p.is_symlink():
            h.update(f"L {rel} {os.readlink(p)}\n".encode())
        elif p.is_dir():
            h.update(f"D {rel}\n".encode())
        else:
            h.update(f"F {rel}\n".encode() + p.read_bytes())
    return h.hexdigest()


def project(tmp_path: Path) -> tuple[Path, Path]:
    """A project whose pyproject names transcripts/, with a lab made by `init` in transcripts/labs."""
    proj = tmp_path / "proj"
    (proj / "transcripts" / "failover").mkdir(parents=True)
    (proj / "pyproject.toml").write_text('[tool.pytest.ini_options]\nasa_transcripts = ["transcripts"]\n')
    lab = proj / "transcripts" / "labs" / "mylab"
    assert main(["init", str(lab), "--from", "example"]) == 0
    return proj, lab


def test_check_never_changes_the_lab_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    proj, lab = project(tmp_path)
    t = proj / "transcripts" / "failover" / "writes.txt"
    before = tree_hash(lab)
    lines, _ = run_lines(["@lab ../labs/mylab", *WRITES], base=t.parent,
                         transcript_root=transcript_root(t))
    assert "[OK]" in lines and "primary/newdir/saved.cfg" not in lines
    t.write_text("\n".join(lines) + "\n")
    capsys.readouterr()
    assert main(["check", str(t)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"ok: {t}" and re.fullmatch(r"1 transcript, 1 passed, 0 failed in \d+\.\d\ds", out[1])
    assert main(["check", "--update", str(t)]) == 0
    assert main(["check", str(proj / "transcripts")]) == 0
    assert tree_hash(lab) == before
    # the same script through `run` is work at the lab: it does change the directory
    script = proj / "s.txt"
    script.write_text("\n".join(WRITES) + "\n")
    assert main(["run", "--lab", str(lab), str(script)]) == 0
    assert tree_hash(lab) != before
    assert b"hostname changed" in (lab / "primary" / ".private" / "startup-config").read_bytes()
    assert not (lab / "primary" / "ctx1.cfg").exists()


def test_a_lab_read_in_memory_looks_as_on_disk(tmp_path: Path) -> None:
    """`dir` of a lab directory's flash is the same whether the lab runs from disk or in memory."""
    proj, lab = project(tmp_path)
    t = proj / "transcripts" / "d.txt"
    script = ["@lab labs/mylab", "enable", "", "dir"]
    in_memory, _ = run_lines(script, base=t.parent, transcript_root=proj / "transcripts")
    on_disk, _ = run_lines(script, base=t.parent)
    assert in_memory == on_disk
    assert not any(".private" in ln for ln in in_memory)


@pytest.mark.parametrize("lab_line", ["@lab ../../outside", "@lab ../../../outside", "@lab /etc",
                                      "@lab ../link"])
def test_lab_outside_the_transcript_root_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    lab_line: str) -> None:
    proj, _ = project(tmp_path)
    outside = proj / "outside"
    assert main(["init", str(outside)]) == 0
    os.symlink(outside, proj / "transcripts" / "link")
    before = tree_hash(outside)
    t = proj / "transcripts" / "failover" / "escape.txt"
    t.write_text(f"{lab_line}\nprimary> enable\nPassword:\nprimary# write memory\n")
    capsys.readouterr()
    assert main(["check", str(t)]) == 2
    name = lab_line.split()[1]
    assert capsys.readouterr().err.splitlines() == [
        f"asa-emulator: {t}: lab '{name}' is outside the transcript folder {proj.resolve() / 'transcripts'}"]
    assert tree_hash(outside) == before


def test_lab_between_transcript_folders_is_allowed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    proj, _ = project(tmp_path)
    t = proj / "transcripts" / "failover" / "x.txt"
    t.write_text("@lab ../labs/mylab\n")
    assert main(["check", "--update", str(t)]) == 0
    assert main(["check", str(t)]) == 0


def test_root_without_configuration(tmp_path: Path) -> None:
    """No pytest configuration names the folder: the directory given to `check`, else the
    transcript's own folder."""
    (tmp_path / "a" / "b").mkdir(parents=True)
    t = tmp_path / "a" / "b" / "t.txt"
    assert transcript_root(t) == tmp_path / "a" / "b"
    assert transcript_root(t, tmp_path / "a") == tmp_path / "a"
    (tmp_path / "pytest.ini").write_text("[pytest]\nasa_transcripts = a\n")
    assert transcript_root(t, tmp_path / "a" / "b") == tmp_path / "a"


def test_check_of_a_file_alone_keeps_to_its_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "t").mkdir()
    assert main(["init", str(tmp_path / "lab")]) == 0
    t = tmp_path / "t" / "x.txt"
    t.write_text("@lab ../lab\n")
    capsys.readouterr()
    assert main(["check", str(t)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"asa-emulator: {t}: lab '../lab' is outside the transcript folder {tmp_path / 't'}"]
    # named on the command line, the parent folder is the root
    t.write_text("@lab lab\n")
    t.rename(tmp_path / "x.txt")
    assert main(["check", "--update", str(tmp_path)]) == 0


# --------------------------------------------------------------------------- the pytest plugin


def test_plugin_collects_nothing_without_the_ini_option(pytester: pytest.Pytester) -> None:
    pytester.makepyprojecttoml("[tool.pytest.ini_options]\n")
    (pytester.path / "transcripts").mkdir()
    (pytester.path / "transcripts" / "a.txt").write_text(GOLDEN)
    (pytester.path / "notes.txt").write_text("just notes\n")
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED


def test_plugin_collects_only_the_named_folders(pytester: pytest.Pytester) -> None:
    pytester.makepyprojecttoml('[tool.pytest.ini_options]\nasa_transcripts = ["golden"]\n')
    for folder in ("golden/sub", "transcripts", "golden/labs/x/primary"):
        (pytester.path / folder).mkdir(parents=True)
    (pytester.path / "golden" / "sub" / "a.txt").write_text(GOLDEN)
    (pytester.path / "transcripts" / "b.txt").write_text("not a transcript\n")
    (pytester.path / "golden" / "labs" / "x" / "lab.toml").write_text("")
    (pytester.path / "golden" / "labs" / "x" / "primary" / "notes.txt").write_text("a flash file\n")
    result = pytester.runpytest("--collect-only", "-q")
    assert [ln for ln in result.outlines if ln.endswith(".txt")] == []   # items are named by stem
    assert "golden/sub/a.txt::a" in result.outlines
    assert not any("b.txt" in ln or "notes" in ln for ln in result.outlines)
    pytester.runpytest().assert_outcomes(passed=1)


def test_plugin_reads_pytest_ini_and_refuses_a_lab_outside(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nasa_transcripts = golden\n")
    (pytester.path / "golden").mkdir()
    assert main(["init", str(pytester.path / "lab")]) == 0
    t = pytester.path / "golden" / "escape.txt"
    t.write_text("@lab ../lab\n")
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([f"{t}: lab '../lab' is outside the transcript folder {pytester.path}/golden"])
