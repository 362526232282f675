"""`?` where a real unit names what exists: the captures after `show|no|clear capture`, the
access lists after `show access-list`, the context's nameifs where a packet enters
(`packet-tracer input ?`, `capture C interface ?`); the label where the name creates one
(`capture ?`) or nothing exists yet.  Before, every one of them listed only `<WORD>`."""

from __future__ import annotations

from asa_emulator.api import Lab
from tests.support.paths import LABS


def _after(lines: list[str], typed: str) -> list[str]:
    """The lines a command printed (up to the next prompt)."""
    at = lines.index(typed) + 1
    end = next((i for i in range(at, len(lines)) if lines[i].startswith("primary/")), len(lines))
    return lines[at:end]


def _lab() -> Lab:
    lab = Lab.load("example", in_memory=True)
    lab.settle()
    return lab


def test_capture_names_are_listed_where_the_capture_must_exist() -> None:
    lines = _lab().run(["enable", "", "changeto context admin", "show capture ?", "capture ?",
                        "capture cap1 interface inside", "capture web match tcp any any eq www",
                        "show capture ?", "no capture ?", "clear capture ?", "capture ?",
                        "changeto context ctx1", "show capture ?"])
    empty = ["  count          Display the specified number of packets",
             "  decode         Display decoded packet",
             "  detail         Display more information for each packet",
             "  dump           Display hex dump for each packet",
             "  packet-number  Display packet in capture",
             "  trace          Display extended trace information for each packet",
             "  |              Output modifiers",
             "  <WORD>         Capture name",
             "  <cr>"]
    assert _after(lines, "primary/admin# show capture ?") == empty
    assert _after(lines, "primary/admin# capture ?") == ["  <WORD>  Capture name"]
    at = lines.index("primary/admin# show capture ?", lines.index("primary/admin# capture cap1 interface inside"))
    assert _after(lines[at:], "primary/admin# show capture ?") == [
        "  count          Display the specified number of packets",
        "  decode         Display decoded packet",
        "  detail         Display more information for each packet",
        "  dump           Display hex dump for each packet",
        "  packet-number  Display packet in capture",
        "  trace          Display extended trace information for each packet",
        "  |              Output modifiers",
        "  cap1           Capture name",
        "  web            Capture name",
        "  <cr>"]
    assert _after(lines, "primary/admin# no capture ?") == ["  cap1  Capture name", "  web   Capture name"]
    assert _after(lines, "primary/admin# clear capture ?") == [
        "  /all  Clear all captures", "  cap1  Capture name", "  web   Capture name"]
    # the second `capture ?` (creating one) still shows the label; another context has none
    assert lines[lines.index("primary/admin# clear capture ?") + 4:][:2] == [
        "primary/admin# capture ?", "  <WORD>  Capture name"]
    assert _after(lines, "primary/ctx1# show capture ?") == empty


def test_nameifs_are_listed_where_a_packet_enters() -> None:
    lines = _lab().run(["enable", "", "changeto context admin", "packet-tracer input ?",
                        "capture c interface ?", "capture c buffer 2000 interface ?"])
    nameifs = ["  outsideISP-A  Name of interface GigabitEthernet0/2",
               "  inside        Name of interface GigabitEthernet0/3"]
    assert _after(lines, "primary/admin# packet-tracer input ?") == nameifs
    assert _after(lines, "primary/admin# capture c interface ?") == nameifs
    assert _after(lines, "primary/admin# capture c buffer 2000 interface ?") == nameifs


def test_access_list_names_are_listed_after_show_access_list() -> None:
    lines = _lab().run(["enable", "", "changeto context admin", "configure terminal",
                        "access-list outside_in extended permit tcp any any eq www",
                        "access-list mgmt extended permit ip any any", "end",
                        "show access-list ?", "configure terminal", "access-list ?"])
    assert _after(lines, "primary/admin# show access-list ?") == [
        "  brief       Display ACL hash and hit counts in hexadecimal",
        "  |           Output modifiers",
        "  outside_in  Access list identifier",
        "  mgmt        Access list identifier",
        "  <cr>"]
    assert lines[-1] == "  <WORD>  Access list identifier (up to 241 characters)"


def test_single_mode_lists_its_one_space_s_captures_lists_and_nameifs() -> None:
    lab = Lab.load(str(LABS / "single-mode"), in_memory=True)
    lab.settle()
    lines = lab.run(["enable", "", "capture abc interface inside", "configure terminal",
                     "access-list OUT extended permit ip any any", "end",
                     "no capture ?", "show access-list ?", "packet-tracer input ?"])
    at = lines.index("primary# no capture ?")
    assert lines[at:] == [
        "primary# no capture ?", "  abc  Capture name",
        "primary# show access-list ?",
        "  brief  Display ACL hash and hit counts in hexadecimal",
        "  |      Output modifiers",
        "  OUT    Access list identifier",
        "  <cr>",
        "primary# packet-tracer input ?",
        "  outside  Name of interface GigabitEthernet0/2",
        "  inside   Name of interface GigabitEthernet0/3"]
