"""`show access-list [NAME] brief` (issue 20; ntc-templates cisco_asa_show_access-list_brief.raw,
a real unit): `brief` is a keyword, not a list's name; per list the header line, then per
element hit its hash, its entry's hash (00000000 for an entry of one element), the hit count
and the last hit's time in seconds since 1970, in hexadecimal; the stock ntc template reads it."""

from __future__ import annotations

from ntc_templates.parse import parse_output

from asa_emulator import api

SETUP = ["enable", "", "changeto context admin", "configure terminal",
         "object-group network partners", " network-object host 198.51.100.7",
         " network-object 203.0.113.0 255.255.255.0",
         "access-list outside_in extended permit tcp object-group partners any eq 443",
         "access-list outside_in extended permit tcp any any eq 22",
         "access-group outside_in in interface outsideISP-A", "end"]


def _hash(lines: list[str], start: str) -> str:
    return next(ln for ln in lines if ln.startswith(start)).rsplit(" 0x", 1)[1]


def test_show_access_list_brief_lists_the_hit_elements_in_hex() -> None:
    lab = api.Lab.load("example", in_memory=True)
    lab.settle()
    u = lab.unit("primary")
    lab.run(SETUP)
    lab.run(["@traffic primary admin tcp outsideISP-A 198.51.100.7:50000 192.168.1.1:443"])
    first = u.clock.now // 1000
    lab.run(["@wait 10s", "@traffic primary admin tcp outsideISP-A 198.51.100.7:50001 192.168.1.1:443",
             "@traffic primary admin tcp outsideISP-A 198.51.100.9:50002 192.168.1.1:22"])
    second = u.clock.now // 1000
    full = lab.run(["show access-list outside_in"])
    group = _hash(full, "access-list outside_in line 1 extended permit tcp object-group")
    host = _hash(full, "  access-list outside_in line 1 extended permit tcp host 198.51.100.7")
    ssh = _hash(full, "access-list outside_in line 2 ")
    for typed in ("show access-list brief", "show access-list outside_in brief"):
        lines = lab.run([typed])
        header = next(ln for ln in full if ln.startswith("access-list outside_in; 3 elements; name hash: 0x"))
        assert lines[1:] == [header, f"{host} {group} 00000002 {second:08x}",
                             f"{ssh} 00000000 00000001 {second:08x}"], typed
        rows = parse_output(platform="cisco_asa", command="show access-list brief", data="\n".join(lines[1:]) + "\n")
        assert [(r["line_hash"], r["counter"]) for r in rows] == [(host, "00000002"), (ssh, "00000001")]
    assert first < second
