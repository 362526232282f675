"""`asa-emulator exercise start NAME < file`: a trainee's script piped in runs on the trainee's
own lab as `lab DIR < file` runs one (a transcript on stdout, `@check` grades it, the work is
kept for the next start), never the full-screen terminal, which on a pipe warned `Input is
not a terminal` and echoed every line twice beside its toolbar."""

from __future__ import annotations

from pathlib import Path

from tests.support.probes import cli


def test_a_piped_script_works_the_exercise_and_the_work_is_kept(tmp_path: Path) -> None:
    lab = tmp_path / "lab"
    first = cli("exercise", "start", "active-standby", "--as", "bob", "--lab", str(lab),
                stdin=b"enable\n\nconfigure terminal\nfailover lan unit primary\nwrite memory\n"
                      b"end\nshow failover | include host\n@check\n")
    assert first.returncode == 0, first.stderr
    out = first.stdout.decode().splitlines()
    assert b"not a terminal" not in first.stderr + first.stdout
    assert out[:5] == ["primary> enable", "Password:", "primary# configure terminal",
                       "primary(config)# failover lan unit primary", "primary(config)# write memory"]
    at = out.index("primary# show failover | include host")
    assert out[at + 1:at + 3] == ["@check", "FAIL  the primary is active, the secondary standby"]
    assert "PASS  nothing else from outside" in out
    assert out[-1] == "1 of 7 checks passed"
    again = cli("exercise", "start", "active-standby", "--as", "bob", "--lab", str(lab),
                stdin=b"enable\n\nshow running-config failover | include unit\n")
    assert again.returncode == 0, again.stderr
    assert again.stdout.decode().splitlines()[-1] == "failover lan unit primary"
    assert b"your saved work" in again.stderr


def test_a_directive_the_exercise_refuses_ends_the_script_with_one_line(tmp_path: Path) -> None:
    done = cli("exercise", "start", "active-standby", "--lab", str(tmp_path / "lab"),
               stdin=b"@reset\nenable\n")
    assert done.returncode == 2
    assert done.stderr.decode().splitlines()[-1] == "asa-emulator: @reset is not available in this exercise"
    assert b"Traceback" not in done.stderr
