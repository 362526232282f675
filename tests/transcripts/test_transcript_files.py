"""Golden transcript files on disk (issue 17, "Files and transcripts"): `check --update` never
writes through a link and replaces a transcript atomically; a repository's pytest
configuration cannot widen the transcript root (where `@lab` may reach) past its own folder."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from asa_emulator.cli import main

pytest_plugins = ["pytester"]

STALE = "@lab blank\n@console primary\nciscoasa> show version | include ^Hardware\nstale\n"


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "asa_emulator", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("kind", ["symbolic", "hard"])
def test_update_refuses_a_linked_transcript(tmp_path: Path, kind: str) -> None:
    (tmp_path / "transcripts").mkdir()
    outside = tmp_path / "precious.txt"
    outside.write_text(STALE)
    t = tmp_path / "transcripts" / "t.txt"
    if kind == "symbolic":
        t.symlink_to(outside)
    else:
        os.link(outside, t)
    res = _cli("check", "--update", str(t), cwd=tmp_path)
    what = "it is a symbolic link" if kind == "symbolic" else "it has other hard links"
    assert res.returncode == 2
    assert res.stderr.splitlines() == [f"asa-emulator: refusing to update {t}: {what}"]
    assert len(res.stdout.splitlines()) == 1
    assert re.fullmatch(r"1 transcript, 0 updated, 0 unchanged, 1 failed in \d+\.\d\ds\n", res.stdout)
    assert outside.read_text() == STALE


def test_update_of_a_folder_refuses_the_link_and_updates_the_rest(tmp_path: Path) -> None:
    root = tmp_path / "transcripts"
    root.mkdir()
    (tmp_path / "precious.txt").write_text(STALE)
    (root / "link.txt").symlink_to(tmp_path / "precious.txt")
    (root / "real.txt").write_text(STALE)
    res = _cli("check", "--update", str(root), cwd=tmp_path)
    assert res.returncode == 2
    assert res.stderr.splitlines() == [
        f"asa-emulator: refusing to update {root / 'link.txt'}: it is a symbolic link"]
    assert res.stdout.splitlines()[:-1] == [f"updated: {root / 'real.txt'}"]
    assert re.fullmatch(r"2 transcripts, 1 updated, 0 unchanged, 1 failed in \d+\.\d\ds",
                        res.stdout.splitlines()[-1])
    assert (tmp_path / "precious.txt").read_text() == STALE
    assert "stale" not in (root / "real.txt").read_text()


def test_update_replaces_the_file_by_rename(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t = tmp_path / "t.txt"
    t.write_text(STALE)
    before = t.stat().st_ino
    assert main(["check", "--update", str(t)]) == 0
    assert t.stat().st_ino != before            # a new file renamed over the old one
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.txt"]   # no temporary file left
    assert t.read_text().splitlines()[-1].startswith("Hardware:")
    assert main(["check", str(t)]) == 0


# --------------------------------------------------------------------------- the transcript root

CONFIGS = {
    "pytest.ini": "[pytest]\nasa_transcripts = {v}\n",
    "tox.ini": "[pytest]\nasa_transcripts = {v}\n",
    "setup.cfg": "[tool:pytest]\nasa_transcripts = {v}\n",
    "pyproject.toml": '[tool.pytest.ini_options]\nasa_transcripts = ["{v}"]\n',
}


def _escaping_project(tmp_path: Path, config: str, value: str) -> tuple[Path, Path]:
    """A repository whose configuration names `value` as its transcript folder, with a
    transcript whose `@lab` reaches a lab directory outside the repository."""
    repo = tmp_path / "repo"
    (repo / "golden").mkdir(parents=True)
    (repo / config).write_text(CONFIGS[config].format(v=value))
    assert main(["init", str(tmp_path / "victim")]) == 0
    t = repo / "golden" / "escape.txt"
    t.write_text(f"@lab {tmp_path / 'victim'}\n")
    return repo, t


@pytest.mark.parametrize("config", sorted(CONFIGS))
@pytest.mark.parametrize("value", ["/", "..", "golden/../.."])
def test_check_refuses_a_root_outside_the_configuration(tmp_path: Path, config: str,
                                                        value: str) -> None:
    repo, t = _escaping_project(tmp_path, config, value)
    res = _cli("check", str(t), cwd=repo)
    assert res.returncode == 2
    assert res.stderr.splitlines() == [
        f"asa-emulator: {repo / config}: asa_transcripts folder '{repo / value}' is outside {repo}"]


def test_check_refuses_a_root_that_is_a_link_out(tmp_path: Path) -> None:
    repo, t = _escaping_project(tmp_path, "pytest.ini", "up")
    (repo / "up").symlink_to(tmp_path)
    res = _cli("check", str(repo / "up" / "repo" / "golden" / "escape.txt"), cwd=repo)
    assert res.returncode == 2
    assert res.stderr.splitlines() == [
        f"asa-emulator: {repo / 'pytest.ini'}: asa_transcripts folder '{repo / 'up'}' is outside {repo}"]


@pytest.mark.parametrize("config", sorted(CONFIGS))
def test_plugin_refuses_a_root_outside_the_configuration(pytester: pytest.Pytester,
                                                         config: str) -> None:
    (pytester.path / config).write_text(CONFIGS[config].format(v="/"))
    (pytester.path / "golden").mkdir()
    (pytester.path / "golden" / "a.txt").write_text("@lab /\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert [ln for ln in result.errlines if ln] == [
        f"ERROR: {pytester.path / config}: asa_transcripts folder '/' is outside {pytester.path}"]
    assert "Traceback" not in result.stdout.str()


def test_plugin_keeps_a_root_inside_the_configuration(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nasa_transcripts = golden\n")
    (pytester.path / "golden").mkdir()
    (pytester.path / "golden" / "a.txt").write_text(
        "@lab blank\n@console primary\nciscoasa> enable\nPassword:\nciscoasa# show mode\n"
        "Security context mode: multiple\n")
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)
