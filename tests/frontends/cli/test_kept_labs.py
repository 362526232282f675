"""Built-in labs kept in the user's data directory by the terminal; `labs`; `lab NAME < file`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from asa_emulator.lab.copies import kept_copy, labs_report
from asa_emulator.lab.lab import Lab
from asa_emulator.lab.labfile import builtin_names
from tests.support.paths import ROOT

SCRIPT = "enable\n\nshow running-config | include ^hostname\n@help\n@quit\nshow version\n"


def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "asa_emulator", *args], input=stdin,
                          capture_output=True, text=True, cwd=ROOT, timeout=60)


def test_lab_with_a_file_on_stdin_runs_it_as_run_does_from_the_factory_lab(data_dir: Path) -> None:
    folder, _ = kept_copy("example")
    lab = Lab.load(str(folder))
    lab.settle()
    session = lab.console("primary")
    for line in ("enable", "", "configure terminal", "hostname kept", "write memory"):
        session.execute(line)
    piped = cli("lab", "example", stdin=SCRIPT)
    ran = cli("run", "--lab", "example", "-", stdin=SCRIPT)
    assert piped.returncode == ran.returncode == 0
    assert piped.stderr == ""
    assert piped.stdout == ran.stdout
    assert "primary# show running-config | include ^hostname\nhostname primary\n@help\n" in piped.stdout
    assert piped.stdout.endswith("@quit\n")       # the script ends at @quit
    assert "@status                         units, power, group states, links and the clock\n" in piped.stdout


def test_kept_copy_keeps_saved_work_and_fresh_starts_over(data_dir: Path) -> None:
    folder, made = kept_copy("example")
    assert made and folder == data_dir / "labs" / "example" / "lab"
    lab = Lab.load(str(folder))
    lab.settle()
    session = lab.console("primary")
    for line in ("enable", "", "configure terminal", "hostname kept", "write memory"):
        session.execute(line)
    again, made = kept_copy("example")
    assert (again, made) == (folder, False)
    lab = Lab.load(str(again))
    lab.settle()
    assert lab.console("primary").prompt() == "kept> "
    folder, made = kept_copy("example", fresh=True)
    assert made
    lab = Lab.load(str(folder))
    lab.settle()
    assert lab.console("primary").prompt() == "primary> "


def test_labs_lists_what_is_kept_and_where(data_dir: Path) -> None:
    res = cli("labs")
    assert res.returncode == 0
    assert res.stdout.splitlines() == [
        f"built-in labs: {', '.join(builtin_names())}",
        f"kept in {data_dir / 'labs'}:",
        "  none yet (the terminal keeps a built-in lab once you open it)",
        "asa-emulator lab NAME --fresh starts NAME again from its factory state",
    ]
    kept_copy("blank")
    [_, _, kept, _] = labs_report()
    assert kept.startswith("  blank      saved ")
    assert kept.endswith(f"  {data_dir / 'labs' / 'blank' / 'lab'}")


def test_fresh_is_for_built_in_labs_only(tmp_path: Path) -> None:
    from asa_emulator.cli import cmd_lab
    assert cmd_lab(str(tmp_path), fresh=True) == 2
