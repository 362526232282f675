"""The flash is a sandbox (issue 8): every path a command, an answer or a config-url names stays
inside the unit's flash folder or is refused with the ASA's `%Error ...` line; a lab folder is
read without following links; writes are atomic and disk-first; nothing outside the unit
folders of a lab made by `asa-emulator init` ever changes (the tree around it is hashed)."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asa_emulator.cli import main
from asa_emulator.device import messages as msg
from asa_emulator.device.flash import (
    MAX_FILE_BYTES,
    MAX_HELD_BYTES,
    MAX_PATH_BYTES,
    STARTUP,
    Flash,
    FlashError,
    decode_lines,
    resolve,
)
from asa_emulator.device.hardware import Hardware
from asa_emulator.device.session import Session
from asa_emulator.lab.lab import Lab
from tests.support.paths import ROOT

CAPACITY = Hardware().flash_bytes     # the default model's disk0:

UNITS = ("primary", "secondary")


# ---------------------------------------------------------------- a lab with things around it

def make_sandbox(top: Path, source: str = "example") -> Path:
    """`top` holds a sibling file, a sibling folder and the lab (two levels down, so that
    `../../..` from a unit folder still lands inside `top`).  Returns the lab folder."""
    (top / "secret.txt").write_text("secret\n")
    (top / "sibling").mkdir()
    (top / "sibling" / "keep.cfg").write_text("keep\n")
    lab_dir = top / "a" / "lab"
    lab_dir.parent.mkdir(parents=True)
    assert main(["init", str(lab_dir), "--from", source]) == 0
    return lab_dir


def outside_hash(top: Path, lab_dir: Path) -> dict[str, str]:
    """Every entry under `top` but the unit folders: type, content or link target.  Links
    are never followed."""
    units = {lab_dir / u for u in UNITS}
    seen: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(top, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = [d for d in dirnames if here / d not in units]
        for name in dirnames + filenames:
            p = here / name
            st_ = p.lstat()
            if stat.S_ISLNK(st_.st_mode):
                seen[str(p)] = "link:" + os.readlink(p)
            elif stat.S_ISREG(st_.st_mode):
                seen[str(p)] = "file:" + hashlib.sha256(p.read_bytes()).hexdigest()
            else:
                seen[str(p)] = f"mode:{stat.S_IFMT(st_.st_mode)}"
    return seen


def disk_view(unit_dir: Path) -> tuple[dict[str, bytes], set[str]]:
    fl = Flash.load(unit_dir, CAPACITY, in_memory=True)
    return fl.files, fl.dirs


def memory_view(flash: Flash) -> tuple[dict[str, bytes], set[str]]:
    return {k: v for k, v in flash.files.items() if k not in flash.images}, set(flash.dirs)


def enabled(lab: Lab, unit: str = "primary") -> Session:
    s = lab.console(unit)
    s.execute("enable")
    s.execute("")
    return s


def run(s: Session, *lines: str) -> list[str]:
    out: list[str] = []
    for line in lines:
        out += s.execute(line)
    return out


def run_cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "asa_emulator", *args], input=stdin,
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


# ---------------------------------------------------------------- resolve

@pytest.mark.parametrize(("typed", "path"), [
    ("disk0:/dir1/x.cfg", "dir1/x.cfg"), ("flash:x.cfg", "x.cfg"), ("DISK0:/x", "x"),
    ("/x.cfg", "x.cfg"), ("x.cfg", "x.cfg"), ("disk0:", ""), ("disk0:/", ""), ("flash:/dir/", "dir"),
    ("disk0:/café.cfg", "café.cfg"), ("disk0:/a" * 1, "a"),
])
def test_resolve_normalises_flash_names(typed: str, path: str) -> None:
    assert resolve(typed) == path


@pytest.mark.parametrize(("typed", "reason"), [
    ("disk0:/.private/../../../x", msg.INVALID_ARGUMENT), ("..", msg.INVALID_ARGUMENT),
    ("disk0:/a/./b", msg.INVALID_ARGUMENT), ("disk0:/a//b", msg.INVALID_ARGUMENT),
    ("disk0://", msg.INVALID_ARGUMENT), ("x\x00y", msg.INVALID_ARGUMENT),
    ("x\x1b[2J", msg.INVALID_ARGUMENT), ("a\\b", msg.INVALID_ARGUMENT),
    ("disk0:/a:b", msg.INVALID_ARGUMENT), ("disk0:/.tmp-1234", msg.INVALID_ARGUMENT),
    ("x" * (MAX_PATH_BYTES + 1), msg.NAME_TOO_LONG), ("é" * 128, msg.NAME_TOO_LONG),
    ("disk0:/.private/startup-config", msg.PERMISSION_DENIED),
    ("disk0:/.PRIVATE/x", msg.PERMISSION_DENIED), ("tftp://10.1.1.1/x", msg.UNSUPPORTED_URL_REASON),
    ("disk0:/\udcff", msg.INVALID_ARGUMENT),
])
def test_resolve_refuses_what_the_asa_refuses(typed: str, reason: str) -> None:
    with pytest.raises(FlashError) as exc:
        resolve(typed)
    assert exc.value.reason == reason


@pytest.mark.parametrize(("typed", "path"), [
    ("x.cfg", "d1/x.cfg"), ("e/x.cfg", "d1/e/x.cfg"), ("/x.cfg", "x.cfg"), ("disk0:x", "x"),
    ("flash:/e", "e"), ("disk0:", ""), ("", ""),
])
def test_resolve_takes_relative_names_from_the_current_directory(typed: str, path: str) -> None:
    assert resolve(typed, cwd="d1") == path


@pytest.mark.parametrize(("typed", "cwd"), [
    ("..", "d1"), ("../x", "d1"), ("./x", "d1"), ("a//b", "d1"), ("../.private/x", "d1"),
    (".private/startup-config", ""),
])
def test_a_current_directory_opens_no_way_out(typed: str, cwd: str) -> None:
    with pytest.raises(FlashError):
        resolve(typed, cwd=cwd)


def test_the_hidden_folder_is_reachable_only_inside() -> None:
    assert resolve("disk0:/.private/startup-config", private_ok=True) == STARTUP
    assert resolve("x" * MAX_PATH_BYTES) == "x" * MAX_PATH_BYTES


# ---------------------------------------------------------------- the escapes found by probing

ESCAPES = """enable

more disk0:/.private/../../../secret.txt
copy /noconfirm running-config disk0:/.private/../../../escaped.cfg
copy /noconfirm disk0:/admin.cfg disk0:/../../../sibling/keep.cfg
mkdir /noconfirm ..
mkdir /noconfirm ../..
mkdir /noconfirm ../../../made
mkdir /noconfirm d1
rename /noconfirm disk0:/d1 disk0:/../../../moved
rename /noconfirm disk0:/d1 disk0:/d1/inner
delete /noconfirm disk0:/../../../secret.txt
rmdir /noconfirm disk0:/../../../sibling
configure terminal
context ctx1
config-url disk0:/../../../escaped-ctx.cfg
end
write memory all
dir disk0:/..
"""


def test_the_probed_escapes_stay_inside(tmp_path: Path) -> None:
    lab_dir = make_sandbox(tmp_path)
    before = outside_hash(tmp_path, lab_dir)
    res = run_cli("run", "--lab", str(lab_dir), stdin=ESCAPES)
    assert "Traceback" not in res.stdout + res.stderr
    assert res.stderr == ""
    assert outside_hash(tmp_path, lab_dir) == before
    out = res.stdout.splitlines()
    for line in [
        "%Error opening disk0:/.private/../../../secret.txt (Invalid argument)",
        "%Error opening disk0:/.private/../../../escaped.cfg (Invalid argument)",
        "%Error opening disk0:/../../../sibling/keep.cfg (Invalid argument)",
        "%Error Creating dir disk0:/.. (Invalid argument)",
        "%Error Creating dir disk0:/../../../made (Invalid argument)",
        "Created dir disk0:/d1",
        "%Error renaming disk0:/d1 (Invalid argument)",
        "%Error deleting disk0:/../../../secret.txt (Invalid argument)",
        "%Error Removing dir disk0:/../../../sibling (Invalid argument)",
        "%Error opening disk0:/../../../escaped-ctx.cfg (Invalid argument)",
        "%Error opening disk0:/.. (Invalid argument)",
    ]:
        assert line in out
    assert (lab_dir / "primary" / "d1").is_dir()
    assert not (lab_dir / "primary" / "d1" / "inner").exists()


def test_rename_of_a_folder_moves_it_inside(tmp_path: Path) -> None:
    lab_dir = make_sandbox(tmp_path)
    before = outside_hash(tmp_path, lab_dir)
    lab = Lab.load(str(lab_dir))
    lab.settle()
    s = enabled(lab)
    unit = lab_dir / "primary"
    size = (unit / "admin.cfg").stat().st_size
    assert run(s, "mkdir /noconfirm d1", "copy /noconfirm disk0:/admin.cfg disk0:/d1/a.cfg",
               "rename /noconfirm disk0:/d1 disk0:/d2") == [
        "Created dir disk0:/d1", f"{size} bytes copied in {(40 + size // 50) / 1000:.3f} secs"]
    assert (unit / "d2" / "a.cfg").read_bytes() == (unit / "admin.cfg").read_bytes()
    assert not (unit / "d1").exists()
    assert disk_view(unit) == memory_view(lab.units["primary"].flash)
    assert outside_hash(tmp_path, lab_dir) == before


@pytest.mark.parametrize(("lines", "error"), [
    (["mkdir /noconfirm d1", "mkdir /noconfirm d2", "rename /noconfirm disk0:/d1 disk0:/d2"],
     "%Error renaming disk0:/d1 (File exists)"),
    (["mkdir /noconfirm d1", "copy /noconfirm running-config disk0:/d1"],
     "%Error opening disk0:/d1 (Is a directory)"),
    (["copy /noconfirm running-config disk0:/nodir/x.cfg"],
     "%Error opening disk0:/nodir/x.cfg (No such file or directory)"),
    ([f"copy /noconfirm running-config disk0:/{'x' * 300}"],
     f"%Error opening disk0:/{'x' * 300} (File name too long)"),
    # a control character never gets past the command line (the flash refuses it too: test_resolve)
    (["copy /noconfirm running-config disk0:/x\x00y"], "ERROR: % Invalid input detected at '^' marker."),
    (["copy /noconfirm disk0:/admin.cfg disk0:/admin.cfg/x"],
     "%Error opening disk0:/admin.cfg/x (Not a directory)"),
    (["mkdir /noconfirm d1", "copy /noconfirm disk0:/d1 disk0:/x.cfg"],
     "%Error opening disk0:/d1 (Is a directory)"),
    (["mkdir /noconfirm d1", "copy /noconfirm disk0:/admin.cfg disk0:/d1/a", "rmdir /noconfirm d1"],
     "%Error Removing dir disk0:/d1 (Directory not empty)"),
])
def test_refusals_are_asa_errors_and_change_nothing(tmp_path: Path, lines: list[str], error: str) -> None:
    lab_dir = make_sandbox(tmp_path)
    lab = Lab.load(str(lab_dir))
    lab.settle()
    s = enabled(lab)
    out = run(s, *lines[:-1])
    flash = lab.units["primary"].flash
    before_mem, before_disk = memory_view(flash), disk_view(lab_dir / "primary")
    outside = outside_hash(tmp_path, lab_dir)
    assert run(s, lines[-1])[-1] == error, out
    assert memory_view(flash) == before_mem
    assert disk_view(lab_dir / "primary") == before_disk == before_mem
    assert outside_hash(tmp_path, lab_dir) == outside


def test_an_answer_at_a_file_name_question_is_resolved_too(tmp_path: Path) -> None:
    lab_dir = make_sandbox(tmp_path)
    before = outside_hash(tmp_path, lab_dir)
    lab = Lab.load(str(lab_dir))
    lab.settle()
    s = enabled(lab)
    assert run(s, "copy running-config disk0:/x.cfg", "", "../../evil.cfg") == [
        "", "%Error opening disk0:/../../evil.cfg (Invalid argument)"]
    assert run(s, "mkdir d1", "../up") == ["%Error Creating dir disk0:/../up (Invalid argument)"]
    assert run(s, "rename disk0:/admin.cfg disk0:/b.cfg", "", "/../b.cfg") == [
        "%Error renaming disk0:/admin.cfg (Invalid argument)"]
    assert outside_hash(tmp_path, lab_dir) == before
    assert disk_view(lab_dir / "primary") == memory_view(lab.units["primary"].flash)


# ---------------------------------------------------------------- hostile names, generated

_PIECES = st.sampled_from([
    "..", ".", "", ".private", ".PRIVATE", ".tmp-x", "x" * 300, "é" * 100, "x\x00y", "\x1b[2J",
    "a\\b", "..\\..", "d1", "new.cfg", "admin.cfg", "startup-config", "\u202e", "con", "a:b",
    "/etc/passwd", "~", "*", "secret.txt", "sibling",
])
_COMPONENT = st.one_of(st.sampled_from(["..", "..", ".", "", "d1"]), _PIECES, st.text(st.characters(blacklist_categories=("Zs", "Cc")), max_size=8),
                       st.text(max_size=4))
_PREFIX = st.sampled_from(["", "/", "//", "disk0:", "disk0:/", "flash:", "flash:/", "DISK0:/",
                           "disk1:/", "system:", "disk0:/.private/"])
# a way out and a plain name at the end: what an escape needs
_TRAVERSAL = st.builds(lambda prefix, ups, name: prefix + "/".join([*ups, name]), _PREFIX,
                       st.lists(st.sampled_from(["..", "..", ".", "d1", ".private", ""]), min_size=1,
                                max_size=4),
                       st.sampled_from(["x.cfg", "secret.txt", "sibling", "a", "lab.toml"]))
HOSTILE = st.one_of(_TRAVERSAL, st.builds(
    lambda prefix, parts, tail: prefix + "/".join(parts) + tail,
    _PREFIX, st.lists(_COMPONENT, max_size=5), st.sampled_from(["", "/", "/.."])))
TEMPLATES = [
    ["copy /noconfirm running-config {p}"], ["copy /noconfirm disk0:/admin.cfg {p}"],
    ["copy /noconfirm {p} disk0:/out.cfg"], ["copy /noconfirm {p} running-config"],
    ["more {p}"], ["dir {p}"], ["mkdir /noconfirm {p}"], ["rmdir /noconfirm {p}"],
    ["delete /noconfirm {p}"], ["delete /noconfirm /recursive {p}"],
    ["rename /noconfirm {p} disk0:/r.cfg"], ["rename /noconfirm disk0:/d1 {p}"],
    ["rename /noconfirm disk0:/new.cfg {p}"], ["erase {p}"],
    ["copy running-config disk0:/q.cfg", "", "{p}"], ["copy disk0:/admin.cfg disk0:/q.cfg", "{p}", ""],
    ["mkdir q", "{p}"], ["delete disk0:/new.cfg", "{p}", ""],
    ["configure terminal", "context ctx1", "config-url {p}", "end", "write memory all"],
    # relative names after `cd` (into d1, or wherever the hostile name leads), then back to the root
    ["cd {p}", "copy /noconfirm running-config {p}", "mkdir /noconfirm {p}", "more {p}", "dir", "cd"],
    ["cd disk0:/d1", "copy /noconfirm disk0:/admin.cfg {p}", "delete /noconfirm {p}",
     "rename /noconfirm {p} r.cfg", "dir {p}", "cd"],
]


def test_hostile_names_never_leave_the_flash() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        top = Path(tmp)
        lab_dir = make_sandbox(top)
        before = outside_hash(top, lab_dir)
        lab = Lab.load(str(lab_dir))
        lab.settle()
        s = enabled(lab)
        run(s, "mkdir /noconfirm d1", "copy /noconfirm disk0:/admin.cfg disk0:/new.cfg")
        flash = lab.units["primary"].flash

        @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
        @given(template=st.sampled_from(TEMPLATES), path=HOSTILE)
        def check(template: list[str], path: str) -> None:
            for line in template:
                s.execute(line.format(p=path))        # no exception may escape
            while s.question is not None:
                s.execute("")
            if s.state.mode != "sys_enable":
                s.execute("end")
            assert outside_hash(top, lab_dir) == before
            assert disk_view(lab_dir / "primary") == memory_view(flash)
            if not flash.exists("d1") and "d1" not in flash.dirs:
                run(s, "mkdir /noconfirm d1")
            if not flash.exists("new.cfg"):
                run(s, "copy /noconfirm running-config disk0:/new.cfg")
        check()


# ---------------------------------------------------------------- what a lab folder may hold

def test_links_fifos_and_devices_are_never_read(tmp_path: Path) -> None:
    lab_dir = make_sandbox(tmp_path)
    unit = lab_dir / "primary"
    os.symlink(tmp_path / "secret.txt", unit / "link.cfg")
    os.symlink(tmp_path / "sibling", unit / "linkdir")
    os.symlink("/dev/zero", unit / "zero.bin")
    os.mkfifo(unit / "fifo")
    with open(unit / "huge.bin", "wb") as fh:           # sparse: no disk space used
        fh.truncate(MAX_FILE_BYTES + 1)
    before = outside_hash(tmp_path, lab_dir)
    lab = Lab.load(str(lab_dir))
    lab.settle()
    flash = lab.units["primary"].flash
    assert sorted(flash.skipped) == ["fifo", "huge.bin", "link.cfg", "linkdir", "zero.bin"]
    s = enabled(lab)
    assert run(s, "more disk0:/link.cfg") == ["%Error opening disk0:/link.cfg (No such file or directory)"]
    assert run(s, "more disk0:/linkdir/keep.cfg") == [
        "%Error opening disk0:/linkdir/keep.cfg (No such file or directory)"]
    listing = "\n".join(run(s, "dir"))
    for name in ("link.cfg", "linkdir", "zero.bin", "fifo", "huge.bin"):
        assert name not in listing
    # a write at a planted link's name replaces the link; a link as a folder is not entered
    size = (unit / "admin.cfg").stat().st_size
    assert run(s, "copy /noconfirm disk0:/admin.cfg disk0:/link.cfg") == [f"{size} bytes copied in {(40 + size // 50) / 1000:.3f} secs"]
    assert not (unit / "link.cfg").is_symlink()
    assert run(s, "copy /noconfirm disk0:/admin.cfg disk0:/linkdir/x.cfg") == [
        "%Error opening disk0:/linkdir/x.cfg (No such file or directory)"]
    assert outside_hash(tmp_path, lab_dir) == before


def test_a_link_planted_after_load_is_not_followed(tmp_path: Path) -> None:
    lab_dir = make_sandbox(tmp_path)
    lab = Lab.load(str(lab_dir))
    lab.settle()
    s = enabled(lab)
    run(s, "mkdir /noconfirm d1")
    unit = lab_dir / "primary"
    (unit / "d1").rmdir()
    os.symlink(tmp_path / "sibling", unit / "d1")       # swapped behind the emulator's back
    before = outside_hash(tmp_path, lab_dir)
    out = run(s, "copy /noconfirm running-config disk0:/d1/x.cfg")
    assert out[-1].startswith("%Error opening disk0:/d1/x.cfg (")
    assert outside_hash(tmp_path, lab_dir) == before
    assert "d1/x.cfg" not in lab.units["primary"].flash.files


def test_leftover_temporary_files_are_removed_at_load(tmp_path: Path) -> None:
    lab_dir = make_sandbox(tmp_path)
    unit = lab_dir / "primary"
    startup = (unit / ".private" / "startup-config").read_bytes()
    (unit / ".tmp-0123abcd").write_text("half a write")
    (unit / ".private" / ".tmp-4567").write_text("half a startup")
    flash = Flash.load(unit, CAPACITY)
    assert not list(unit.rglob(".tmp-*"))
    assert flash.files[STARTUP] == startup
    assert not any(".tmp-" in f for f in flash.files)


def test_saved_files_get_ordinary_permissions(tmp_path: Path) -> None:
    lab_dir = make_sandbox(tmp_path)
    old = os.umask(0o022)
    try:
        lab = Lab.load(str(lab_dir))
        lab.settle()
        s = enabled(lab)
        run(s, "write memory", "copy /noconfirm running-config disk0:/saved.cfg", "mkdir /noconfirm d")
    finally:
        os.umask(old)
    unit = lab_dir / "primary"
    assert stat.S_IMODE((unit / ".private" / "startup-config").stat().st_mode) == 0o644
    assert stat.S_IMODE((unit / "saved.cfg").stat().st_mode) == 0o644
    assert stat.S_IMODE((unit / "d").stat().st_mode) == 0o755
    assert not list(unit.rglob(".tmp-*"))


def test_a_flash_folder_that_cannot_be_used_is_one_line(tmp_path: Path) -> None:
    lab_dir = make_sandbox(tmp_path)
    unit = lab_dir / "primary"
    for p in sorted(unit.rglob("*"), reverse=True):
        p.rmdir() if p.is_dir() else p.unlink()
    unit.rmdir()
    unit.write_text("a file where the flash folder belongs")
    with pytest.raises(FlashError) as exc:
        Flash.load(unit, CAPACITY)
    assert exc.value.reason == msg.NOT_A_DIRECTORY
    res = run_cli("run", "--lab", str(lab_dir), stdin="show clock\n")
    assert res.returncode == 2
    assert len(res.stderr.splitlines()) == 1
    assert res.stderr.startswith("asa-emulator: ")
    assert "Traceback" not in res.stdout + res.stderr


# ---------------------------------------------------------------- corrupt configuration files

def test_decode_lines_keeps_bad_bytes_out() -> None:
    assert decode_lines(b"hostname a\r\nhostname caf\xe9\nx\x00y\n\tok\n") == [
        "hostname a", None, None, "\tok"]
    assert decode_lines("a\u2028b\n".encode()) == ["a\u2028b"]     # only \n ends a line


def test_a_corrupt_startup_config_boots_with_its_good_lines(tmp_path: Path) -> None:
    lab_dir = make_sandbox(tmp_path)
    startup = lab_dir / "primary" / ".private" / "startup-config"
    good = startup.read_bytes()
    startup.write_bytes(b"hostnme broken\nhostname caf\xe9\n" + good
                        + b"banner motd caf\xc3\n")
    lab = Lab.load(str(lab_dir))
    lab.settle()
    u = lab.units["primary"]
    console = u.take_messages()
    assert console[:6] == [
        "hostnme broken", "     ^", msg.INVALID_INPUT,
        "hostname caf\ufffd", "            ^", msg.INVALID_INPUT,
    ]
    assert console[6:9] == ["banner motd caf\ufffd", "               ^", msg.INVALID_INPUT]
    running = "\n".join(u.spaces.running_config())
    assert u.sys.hostname == "primary"                    # from the good lines
    assert "\ufffd" not in running
    assert "context ctx1" in running                      # the good lines were applied
    assert "ctx1" in u.ctx


def test_a_corrupt_context_file_is_reported_and_the_rest_applied(tmp_path: Path) -> None:
    lab_dir = make_sandbox(tmp_path)
    cfg = lab_dir / "primary" / "admin.cfg"
    cfg.write_bytes(b"hostname SecApp\xff\nmonitr-interface inside\n" + cfg.read_bytes())
    lab = Lab.load(str(lab_dir))
    lab.settle()
    u = lab.units["primary"]
    console = u.take_messages()
    assert console[:6] == [
        "hostname SecApp\ufffd", "               ^", msg.INVALID_INPUT,
        "monitr-interface inside", "     ^", msg.INVALID_INPUT,
    ]
    admin = "\n".join(u.spaces.running_config("admin"))
    assert "hostname SecAppA" in admin and "\ufffd" not in admin
    assert "nameif outsideISP-A" in admin


def test_copy_of_a_corrupt_file_to_running_config_reports_each_bad_line(tmp_path: Path) -> None:
    lab_dir = make_sandbox(tmp_path)
    (lab_dir / "primary" / "bad.cfg").write_bytes(b"hostname ok-name\nhostname \xc3\x28\n  shutdwn\n")
    lab = Lab.load(str(lab_dir))
    lab.settle()
    s = enabled(lab)
    assert run(s, "copy /noconfirm disk0:/bad.cfg running-config") == [
        "hostname \ufffd(", "         ^", msg.INVALID_INPUT,
        "  shutdwn", "    ^", msg.INVALID_INPUT,
        "39 bytes copied in 0.040 secs",
    ]
    assert lab.units["primary"].sys.hostname == "ok-name"


def test_a_startup_config_at_the_top_of_a_unit_folder_moves_to_the_hidden_folder(tmp_path: Path) -> None:
    lab_dir = make_sandbox(tmp_path)
    unit = lab_dir / "primary"
    startup = unit / ".private" / "startup-config"
    data = startup.read_bytes()
    startup.rename(unit / "startup-config")
    (unit / ".private").rmdir()
    lab = Lab.load(str(lab_dir))
    assert startup.read_bytes() == data
    assert not (unit / "startup-config").exists()
    assert disk_view(unit) == memory_view(lab.units["primary"].flash)


def test_after_a_reload_the_errors_come_while_the_configuration_is_read(tmp_path: Path) -> None:
    lab_dir = make_sandbox(tmp_path)
    lab = Lab.load(str(lab_dir))
    lab.settle()
    u = lab.units["primary"]
    u.flash.write(STARTUP, u.flash.read(STARTUP) + b"hostnme late\n")
    u.take_messages()
    u.reload(1000)
    lab.advance(1000)
    console = u.take_messages()
    at = console.index("Reading from flash...")
    assert console[at:at + 5] == ["Reading from flash...", "!", "hostnme late", "     ^", msg.INVALID_INPUT]
    assert console[at + 5] == f"Cryptochecksum (unchanged): {u.spaces.checksum_groups()}"


def test_a_full_flash_refuses_writes_at_the_size_dir_reports() -> None:
    """An ASA 5515-X's disk0: is what `dir` says (8571076608 bytes, the platform's figure):
    filled to 1000 bytes short of it (with software images, which are listed by size and hold
    no content), `dir` says 1000 bytes free, a larger file is refused and one of exactly 1000
    bytes fits."""
    lab = Lab.load("example", in_memory=True)
    lab.settle()
    u = lab.units["primary"]
    assert u.hw.flash_bytes == 8_571_076_608
    n = 0
    while (free := u.flash.capacity - u.flash.used()) > 1000:
        u.flash.add_image(f"asa{n}.bin", min(free - 1000, 1 << 30))
        n += 1
    s = enabled(lab)
    assert run(s, "dir")[-1] == "8571076608 bytes total (1000 bytes free)"
    assert run(s, "copy /noconfirm running-config disk0:/big.cfg") == [
        msg.error_opening("disk0:/big.cfg", msg.NO_SPACE)]
    u.flash.write("last.bin", bytes(1000))
    assert run(s, "dir")[-1] == "8571076608 bytes total (0 bytes free)"
    with pytest.raises(FlashError):
        u.flash.write("one-more.bin", b"x")


def test_flash_content_held_in_memory_is_capped_below_the_platform_size() -> None:
    """disk0: says 8 GB, but a loop of copies cannot make the process hold 8 GB: past
    MAX_HELD_BYTES of file content a write is refused as a full flash refuses it; overwriting
    a file with one of the same size still works."""
    lab = Lab.load("example", in_memory=True)
    lab.settle()
    fl = lab.units["primary"].flash
    chunk = bytes(MAX_FILE_BYTES)
    n = 0
    while fl.held() + len(chunk) <= MAX_HELD_BYTES:
        fl.write(f"fill{n}.bin", chunk)
        n += 1
    with pytest.raises(FlashError):
        fl.write("over.bin", bytes(MAX_HELD_BYTES - fl.held() + 1))
    fl.write("fill0.bin", chunk)
    assert fl.held() <= MAX_HELD_BYTES
    assert fl.capacity - fl.used() > MAX_HELD_BYTES     # dir still reports the platform's room
