"""lab.toml is validated on load: each bad file gives one line `asa-emulator: <path>: <what is
wrong>` and exit 2 from `run --lab DIR`, `lab DIR` and `serve --lab DIR`, never a traceback."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asa_emulator.cli import main
from asa_emulator.lab.lab import Lab
from asa_emulator.lab.labfile import load_spec
from asa_emulator.lab.spec import LabError
from tests.support.labfiles import UNIT1, lab_toml, make_lab, run_lab

KNOWN_UNIT_KEYS = "name, model, version, serial, interfaces, mac_base, ram_mb, license, power_on, boot_time, flash"
BAD = [
    # wrong types
    (UNIT1 + "ram_mb = \"lots\"\n", "", "unit primary: ram_mb must be an integer, not a string"),
    (UNIT1 + "ram_mb = 8192.5\n", "", "unit primary: ram_mb must be an integer, not a number"),
    (UNIT1 + "serial = 12\n", "", "unit primary: serial must be a string, not an integer"),
    ('name = "primary"\nboot_time = true\n', "",
     'unit primary: boot_time must be a duration such as "30s", not a boolean'),
    (UNIT1 + "interfaces = \"GigabitEthernet0/0\"\n", "",
     "unit primary: interfaces must be a list of interface names"),
    (UNIT1 + "license = \"Active/Active\"\n", "", "unit primary: license must be a table, not a string"),
    (UNIT1, "volatile = \"yes\"\n", "[lab]: volatile must be true or false, not a string"),
    # absurd values
    ('name = "primary"\nboot_time = -5\n', "",
     "unit primary: boot_time '-5' is not a duration (use 500ms, 30s, 2m)"),
    ('name = "primary"\nboot_time = "0s"\n', "", "unit primary: boot_time must be from 1s to 10m, not '0s'"),
    ('name = "primary"\nboot_time = "11m"\n', "", "unit primary: boot_time must be from 1s to 10m, not '11m'"),
    ('name = "primary"\nboot_time = "1' + "9" * 400 + 's"\n', "",
     "unit primary: boot_time '1999999999999999999999999999999999999999...' is not a duration (use 500ms, 30s, 2m)"),
    (UNIT1 + "power_on = \"25h\"\n", "", "unit primary: power_on must be from 0s to 24h, not '25h'"),
    (UNIT1 + "ram_mb = 0\n", "", "unit primary: ram_mb must be from 256 to 65536, not 0"),
    (UNIT1 + "ram_mb = 99999999999\n", "", "unit primary: ram_mb must be from 256 to 65536, not 99999999999"),
    (UNIT1 + "license = { contexts = -1 }\n", "", "unit primary: license: contexts must be from 0 to 5, not -1"),
    (UNIT1 + "license = { contexts = 50 }\n", "", "unit primary: license: contexts must be from 0 to 5, not 50"),
    (UNIT1 + "license = { failover = \"Active/Maybe\" }\n", "",
     "unit primary: license failover must be one of Active/Active, Active/Standby, Disabled, not 'Active/Maybe'"),
    ('name = "primary"\nmodel = "ASA9999"\n', "",
     "unit primary: unknown model 'ASA9999' (known: ASA5510, ASA5520, ASA5540, ASA5550, ASA5515, ASA5525, ASA5545, "
     "ASA5585-SSP-60)"),
    (UNIT1 + "interfaces = [" + ", ".join(f'"GigabitEthernet0/{i}"' for i in range(3000)) + "]\n", "",
     "unit primary: interfaces must list 1 to 64 interfaces, not 3000"),
    (UNIT1 + "interfaces = []\n", "", "unit primary: interfaces must list 1 to 64 interfaces, not 0"),
    (UNIT1 + "interfaces = [\"Serial0/0\"]\n", "",
     "unit primary: 'Serial0/0' is not a physical interface name (such as GigabitEthernet0/1)"),
    (UNIT1 + "interfaces = [\"GigabitEthernet0/0\", \"GigabitEthernet0/0\"]\n", "",
     "unit primary: interfaces are listed twice"),
    (UNIT1 + "mac_base = \"ffff.ffff.fffe\"\n", "",
     "unit primary: mac_base 'ffff.ffff.fffe' leaves no room for 7 interfaces"),
    (UNIT1 + "version = \"9.1(7); rm\"\n", "", "unit primary: version '9.1(7); rm' is not valid (such as 9.1(7))"),
    (UNIT1, 'clock = "1970-01-01T00:00:00Z"\n',
     "[lab]: clock must be in the years 1993 to 2035, not '1970-01-01T00:00:00Z'"),
    (UNIT1, "clock = 2099-01-01T00:00:00Z\n",
     "[lab]: clock must be in the years 1993 to 2035, not '2099-01-01 00:00:00+00:00'"),
    (UNIT1, 'clock = "yesterday"\n', "[lab]: clock 'yesterday' is not a date (use 2024-06-12T12:00:00Z)"),
    # dates whose UTC time is out of Python's range (year 0, year 10000)
    (UNIT1, "clock = 0001-01-01T00:00:00+01:00\n",
     "[lab]: clock must be in the years 1993 to 2035, not '0001-01-01 00:00:00+01:00'"),
    (UNIT1, 'clock = "9999-12-31T23:59:59-05:00"\n',
     "[lab]: clock must be in the years 1993 to 2035, not '9999-12-31T23:59:59-05:00'"),
    # nesting past what any key takes, and past what the TOML parser's recursion survives
    (UNIT1 + "interfaces = " + "[" * 20 + "]" * 20 + "\n", "", "values are nested more than 8 levels deep"),
    (UNIT1 + "ram_mb = " + "[" * 3000 + "]" * 3000 + "\n", "", "values are nested more than 8 levels deep"),
    (UNIT1 + "license = " + "{a=" * 2000 + "1" + "}" * 2000 + "\n", "",
     "values are nested more than 8 levels deep"),
    (UNIT1, "name = " + "[" * 900 + "]" * 900 + "\n", "values are nested more than 8 levels deep"),
    (UNIT1 + 'flash = "' + "a" * 5000 + '"\n', "",
     "unit primary: flash folder 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' cannot be used: File name too long"),
    # names with odd characters
    ('name = "pri mary"\n', "",
     "[[unit]] 1: name 'pri mary' is not valid (a letter, then letters, digits or _, at most 32)"),
    ('name = "pri\\nmary"\n', "",
     "[[unit]] 1: name 'pri\\nmary' is not valid (a letter, then letters, digits or _, at most 32)"),
    ('name = "secondary"\n', "", "the two units need different names"),
    (UNIT1, 'name = "my\\u0007lab"\n',
     "[lab]: name 'my\\x07lab' is not valid (letters, digits, . _ -, at most 64)"),
    # unknown keys are refused: a typo must not fall back to a default
    ('name = "primary"\nboot_tme = "30s"\n', "", f"[[unit]] 1: unknown key 'boot_tme' (known: {KNOWN_UNIT_KEYS})"),
    (UNIT1, 'colour = "red"\n', "[lab]: unknown key 'colour' (known: name, clock, volatile)"),
    (UNIT1 + "license = { contexts = 2, vpn = 5 }\n", "",
     "unit primary: license: unknown key 'vpn' (known: failover, contexts)"),
    # cables
    (UNIT1, "", "[[cable]] 1: b 'secondary:Serial0/0' is not UNIT:INTERFACE of this lab "
                "(such as primary:GigabitEthernet0/1)"),
    # flash folders stay inside the lab directory
    (UNIT1 + 'flash = "../../etc"\n', "", "unit primary: flash folder '../../etc' is outside the lab directory"),
    (UNIT1 + 'flash = "/etc"\n', "", "unit primary: flash folder '/etc' is outside the lab directory"),
    (UNIT1 + 'flash = "."\n', "", "unit primary: flash folder '.' is outside the lab directory"),
    (UNIT1 + 'flash = "secondary"\n', "", "the two units need different flash folders, neither inside the other"),
]


@pytest.mark.parametrize(("unit1", "lab", "message"), BAD)
def test_bad_lab_toml_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             unit1: str, lab: str, message: str) -> None:
    tail = ('[[cable]]\na = "primary:GigabitEthernet0/1"\nb = "secondary:Serial0/0"\n'
            if message.startswith("[[cable]]") else "")
    d = make_lab(tmp_path, lab_toml(unit1, lab, tail))
    assert run_lab(tmp_path, d, capsys) == (2, [f"asa-emulator: {d}/lab.toml: {message}"])


def test_the_table_starts_from_a_good_lab(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = make_lab(tmp_path, lab_toml(lab="clock = 1999-01-01T00:00:00Z\n"))
    code, err = run_lab(tmp_path, d, capsys)
    assert (code, err) == (0, [])
    assert load_spec(str(d)).clock_ms == 915_148_800_000


def test_top_level_unknown_key_and_unit_count(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a key after [[unit]] belongs to that unit: first in the file, it is top-level
    d = make_lab(tmp_path, 'colour = "red"\n' + lab_toml())
    assert run_lab(tmp_path, d, capsys) == (
        2, [f"asa-emulator: {d}/lab.toml: unknown table or key 'colour' (known: lab, unit, cable, control)"])
    (d / "lab.toml").write_text('[[unit]]\nname = "primary"\n')
    assert run_lab(tmp_path, d, capsys) == (
        2, [f"asa-emulator: {d}/lab.toml: a lab needs exactly two [[unit]] tables"])


def test_bad_utf8_and_bad_toml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = make_lab(tmp_path, b'[lab]\nname = "caf\xe9"\n')
    assert run_lab(tmp_path, d, capsys) == (
        2, [f"asa-emulator: {d}/lab.toml: is not valid UTF-8 (byte 0xe9 at offset 17)"])
    (d / "lab.toml").write_text("[lab\n")
    assert run_lab(tmp_path, d, capsys) == (
        2, [f"asa-emulator: {d}/lab.toml: Expected ']' at the end of a table declaration (at line 1, column 5)"])
    (d / "lab.toml").write_bytes(b"# " + b"x" * (300 * 1024))
    assert run_lab(tmp_path, d, capsys) == (2, [f"asa-emulator: {d}/lab.toml: is larger than 256 KB"])


def test_a_file_where_the_flash_folder_belongs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = make_lab(tmp_path, lab_toml(UNIT1 + 'flash = "notes"\n'))
    (d / "notes").write_text("not a folder")
    assert run_lab(tmp_path, d, capsys) == (
        2, [f"asa-emulator: {d}/lab.toml: unit primary: flash folder 'notes' is a file, not a folder"])


def test_a_flash_folder_linked_out_of_the_lab(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    d = make_lab(tmp_path, lab_toml(UNIT1 + 'flash = "linked"\n'))
    os.symlink(outside, d / "linked")
    assert run_lab(tmp_path, d, capsys) == (
        2, [f"asa-emulator: {d}/lab.toml: unit primary: flash folder 'linked' is outside the lab directory"])
    assert list(outside.iterdir()) == []


def test_a_lab_toml_linked_out_of_the_lab(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    elsewhere = tmp_path / "elsewhere.toml"
    elsewhere.write_text(lab_toml())
    d = make_lab(tmp_path, "")
    (d / "lab.toml").unlink()
    os.symlink(elsewhere, d / "lab.toml")
    assert run_lab(tmp_path, d, capsys) == (
        2, [f"asa-emulator: {d}/lab.toml: is a link out of the lab directory"])


@pytest.mark.parametrize("argv", [["lab"], ["serve", "--lab"]])
def test_lab_and_serve_refuse_a_bad_lab_the_same_way(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     argv: list[str]) -> None:
    d = make_lab(tmp_path, lab_toml(UNIT1 + "ram_mb = -1\n"))
    assert main([*argv, str(d)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"asa-emulator: {d}/lab.toml: unit primary: ram_mb must be from 256 to 65536, not -1"]


# --------------------------------------------------------------------------- random unit tables

_KEYS = ["name", "model", "version", "serial", "interfaces", "mac_base", "ram_mb", "license",
         "power_on", "boot_time", "flash", "odd key", "volatile"]
_scalar = st.one_of(st.text(max_size=12), st.integers(-2**70, 2**70), st.booleans(),
                    st.floats(allow_nan=True), st.sampled_from(
                        ["ASA5515", "9.1(7)", "30s", "0s", "11m", "-1", "primary", "../x", "/tmp",
                         "GigabitEthernet0/1", "0013.c480.8200", "Active/Standby", "1e400s"]))
_value = st.one_of(_scalar, st.lists(_scalar, max_size=4),
                   st.dictionaries(st.sampled_from(["failover", "contexts", "x"]), _scalar, max_size=3))


def _toml_value(v: object) -> str:
    """A small TOML writer for the generated values (strings as JSON-ish basic strings)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v).replace("inf", "inf").replace("nan", "nan")
    if isinstance(v, str):
        return '"' + "".join(c if c.isprintable() and c not in '"\\' else f"\\u{ord(c):04x}"
                             for c in v if ord(c) < 0xD800 or ord(c) > 0xDFFF) + '"'
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    assert isinstance(v, dict)
    return "{" + ", ".join(f'"{k}" = {_toml_value(x)}' for k, x in v.items()) + "}"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(_KEYS), _value, max_size=6))
def test_random_unit_tables_give_a_lab_or_one_line(tmp_path: Path, table: dict[str, object]) -> None:
    body = "".join(f'"{k}" = {_toml_value(v)}\n' for k, v in table.items())
    d = tmp_path / "lab"
    for sub in ("primary", "secondary"):
        (d / sub).mkdir(parents=True, exist_ok=True)
    (d / "lab.toml").write_text(lab_toml(body))
    try:
        spec = load_spec(str(d), in_memory=True)
    except LabError as exc:
        assert "\n" not in str(exc) and str(exc).startswith(f"{d}/lab.toml: ")
        return
    Lab(spec)                      # a lab that loads can be built


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=200))
def test_random_bytes_give_a_lab_or_one_line(tmp_path: Path, data: bytes) -> None:
    d = tmp_path / "lab"
    d.mkdir(exist_ok=True)
    (d / "lab.toml").write_bytes(data)
    try:
        load_spec(str(d), in_memory=True)
    except LabError as exc:
        assert "\n" not in str(exc)


# --------------------------------------------------------------------------- random whole files

class Deep:
    """A list or inline table nested `n` levels deep (written without recursion)."""

    def __init__(self, n: int, table: bool) -> None:
        self.n, self.table = n, table


_wide_int = st.one_of(st.integers(-2**63, 2**63 - 1), st.integers(-10**30, 10**30))
_dates = st.one_of(
    st.datetimes(timezones=st.sampled_from([None, UTC, timezone(timedelta(hours=1)),
                                            timezone(timedelta(hours=-5, minutes=-30))])),
    st.dates(), st.times())
_deep = st.builds(Deep, st.sampled_from([2, 9, 40, 400, 3000]), st.booleans())
_any_scalar = st.one_of(_scalar, _wide_int, _dates, _deep)
_any_value = st.one_of(_any_scalar, st.lists(_any_scalar, max_size=3),
                       st.dictionaries(st.sampled_from(["failover", "contexts", "a", "b"]),
                                       _any_scalar, max_size=3))


def _any_toml(v: object) -> str:
    if isinstance(v, Deep):
        return ("{a=" * v.n + "1" + "}" * v.n) if v.table else ("[" * v.n + "]" * v.n)
    if isinstance(v, datetime | date | time):
        return v.isoformat()
    if isinstance(v, list):
        return "[" + ", ".join(_any_toml(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f'"{k}" = {_any_toml(x)}' for k, x in v.items()) + "}"
    return _toml_value(v)


def _section(keys: list[str]) -> st.SearchStrategy[dict[str, object]]:
    return st.dictionaries(st.sampled_from(keys), _any_value, max_size=4)


_UNIT_KEYS = ["name", "model", "version", "serial", "interfaces", "mac_base", "ram_mb", "license",
              "power_on", "boot_time", "flash"]


@settings(max_examples=200, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(_section(["name", "clock", "volatile"]), _section(_UNIT_KEYS), _section(["a", "b"]),
       _section(["lab", "unit", "cable", "x"]))
def test_random_whole_files_give_a_lab_or_one_line(tmp_path: Path, lab: dict[str, object],
                                                   unit: dict[str, object], cable: dict[str, object],
                                                   top: dict[str, object]) -> None:
    """Wrong types at every key (top level, [lab], [[unit]], license, [[cable]]), integers and
    dates out of every range, lists and tables nested deeper than a parser's stack: a lab or
    one LabError line, never anything else."""
    def body(t: dict[str, object]) -> str:
        return "".join(f'"{k}" = {_any_toml(v)}\n' for k, v in t.items())
    text = (body(top) + "[lab]\n" + body(lab) + '[[unit]]\nname = "primary"\n' + body(unit)
            + '[[unit]]\nname = "secondary"\nmac_base = "0013.c480.9100"\n[[cable]]\n' + body(cable))
    d = tmp_path / "lab"
    for sub in ("primary", "secondary"):
        (d / sub).mkdir(parents=True, exist_ok=True)
    (d / "lab.toml").write_text(text)
    try:
        spec = load_spec(str(d), in_memory=True)
    except LabError as exc:
        assert "\n" not in str(exc) and str(exc).startswith(f"{d}/lab.toml: ")
        return
    Lab(spec)
