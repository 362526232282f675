"""Probes of the flash sandbox as `asa-emulator` is run: a lab made by `init`, hostile scripts
through `run --lab`, and links planted between two commands of an SSH session.  The tree around
the lab is hashed before and after: nothing outside the unit folders may change."""

from __future__ import annotations

import os
from pathlib import Path

from tests.support.probes import OpenSSHTerminal, cli, served, tree_hash

HOSTILE = """\
enable

changeto system
configure terminal
context admin
config-url disk0:/../x
config-url disk0:/.private/../../x
config-url flash:../../x
config-url disk0:/sub/../../x
exit
context ctx1
config-url disk0:/d1/ctx1.cfg
exit
exit
mkdir /noconfirm disk0:/d1
rename /noconfirm disk0:/d1 disk0:/../d1
write memory all
rename /noconfirm disk0:/d1 disk0:/d2
write memory all
copy /noconfirm running-config disk0:/../../pwn
copy /noconfirm running-config ../pwn
copy running-config disk0:/a.cfg
../../../outside.txt
../../../outside.txt
copy /noconfirm startup-config disk0:/../../pwn
copy /noconfirm disk0:/admin.cfg file:///tmp/pwn
copy /noconfirm disk0:/admin.cfg disk0:/.private/startup-config
mkdir disk0:/x
../evil
more disk0:/../../outside.txt
delete /noconfirm ../outside.txt
dir ..
erase disk0:

write memory
write memory all
"""


def test_a_hostile_script_changes_nothing_outside_the_unit_folders(tmp_path: Path) -> None:
    lab = tmp_path / "lab"
    assert cli("init", str(lab)).returncode == 0
    (tmp_path / "outside.txt").write_text("secret\n")
    (tmp_path / "script.txt").write_text(HOSTILE)
    around = tree_hash(tmp_path.parent, skip=lab)
    res = cli("run", "--lab", str(lab), str(tmp_path / "script.txt"))
    assert res.returncode == 0 and res.stderr == b""
    out = res.stdout.decode()
    assert "%Error opening disk0:/../x (Invalid argument)" in out
    assert "%Error renaming disk0:/d1 (Invalid argument)" in out
    assert "%Error opening disk0:/../../../outside.txt (Invalid argument)" in out
    assert tree_hash(tmp_path.parent, skip=lab) == around
    assert sorted(p.name for p in lab.iterdir()) == ["lab.toml", "primary", "secondary"]


def test_a_unit_folder_replaced_by_a_link_while_serving_is_not_followed(tmp_path: Path) -> None:
    lab, outside = tmp_path / "lab", tmp_path / "outside"
    assert cli("init", str(lab)).returncode == 0
    outside.mkdir()
    (outside / "keep.txt").write_text("x\n")
    with served(str(lab), tmp_path / "data") as s:
        term = OpenSSHTerminal(s.ports["primary"], "admin", "cisco", tmp_path)
        try:
            term.expect(b"admin> ")
            term.line("enable", b"Password: ")
            term.line("cisco", b"# ")
            term.line("changeto system", b"# ")
            # between two commands: links and a FIFO in the flash, then the folder itself swapped
            (lab / "primary" / "pw.cfg").symlink_to("/etc/passwd")
            os.mkfifo(lab / "primary" / "fifo.cfg")
            (lab / "primary" / "ldir").symlink_to(outside)
            assert b"(No such file or directory)" in term.line("more disk0:/pw.cfg", b"# ")
            assert b"(No such file or directory)" in term.line(
                "copy /noconfirm running-config disk0:/ldir/x.cfg", b"# ")
            assert b"bytes copied" in term.line("copy /noconfirm running-config disk0:/fifo.cfg", b"# ")
            around = tree_hash(tmp_path, skip=lab)
            os.rename(lab / "primary", tmp_path / "moved")
            (lab / "primary").symlink_to(outside)
            term.line("copy /noconfirm running-config disk0:/y.cfg", b"# ")
            term.line("mkdir /noconfirm disk0:/newdir", b"# ")
            term.line("write memory", b"# ")
            term.line("delete /noconfirm disk0:/ctx1.cfg", b"# ")
        finally:
            term.close()
    assert sorted(os.listdir(outside)) == ["keep.txt"]
    # the folder the lab loaded got the writes, wherever it was moved
    assert {"y.cfg", "newdir", "fifo.cfg"} <= set(os.listdir(tmp_path / "moved"))
    assert "ctx1.cfg" not in os.listdir(tmp_path / "moved")
    assert (lab / "primary").is_symlink()
    after = {k: v for k, v in tree_hash(tmp_path, skip=lab).items() if not k.startswith("moved")}
    assert after == around


def test_a_flash_folder_inside_the_mates_is_refused(tmp_path: Path) -> None:
    # the primary's `copy ... disk0:/sub/.private/startup-config` wrote the secondary's startup
    lab = tmp_path / "lab"
    assert cli("init", str(lab)).returncode == 0
    (lab / "primary" / "sub").mkdir()
    toml = (lab / "lab.toml").read_text()
    second = toml.index('name = "secondary"')
    toml = toml[:second] + 'flash = "primary/sub"\n' + toml[second:]
    (lab / "lab.toml").write_text(toml)
    res = cli("run", "--lab", str(lab), stdin=b"show version\n")
    assert res.returncode == 2
    assert res.stderr.decode().splitlines() == [
        f"asa-emulator: {lab}/lab.toml: the two units need different flash folders, neither inside the other"]
