"""Everyday lines issue 20 found refused, in the space where a real unit accepts them:
`show checksum`, `show conn all`, `show xlate count`, `show nat detail`, `clear xlate`,
`show running-config names|nat|http`, `clear configure access-list [NAME]`."""

from __future__ import annotations

import pytest

from asa_emulator.api import Lab
from tests.support.sessions import privileged


@pytest.fixture
def lab() -> Lab:
    lab = Lab.load("example")
    lab.settle()
    return lab




@pytest.mark.parametrize("ctx", [None, "admin", "ctx1"])
def test_show_checksum_is_the_running_configs_and_moves_with_it(lab: Lab, ctx: str | None) -> None:
    trailer = privileged(lab, "primary", ctx, "show running-config | include Cryptochecksum")
    digest = trailer[0].split(":", 1)[1]
    groups = " ".join(digest[i:i + 8] for i in range(0, 32, 8))
    assert privileged(lab, "primary", ctx, "show checksum") == [f"Checksum: {groups}"]
    line = "hostname other" if ctx is None else "name 10.9.9.9 host9"
    assert privileged(lab, "primary", ctx, "configure terminal", line, "end", "show checksum") != [
        f"Checksum: {groups}"]


def test_conn_all_xlate_count_nat_detail_clear_xlate(lab: Lab) -> None:
    lab.directive("@traffic primary admin tcp inside 10.1.0.50:40000 outsideISP-A 203.0.113.10:443")
    assert privileged(lab, "primary", "admin", "show conn all") == privileged(lab, "primary", "admin", "show conn")
    assert privileged(lab, "primary", "admin", "show conn all count") == ["1 in use, 1 most used"]
    assert privileged(lab, "primary", "admin", "show xlate count") == ["0 in use, 0 most used"]
    assert privileged(lab, "primary", "admin", "show nat detail") == []
    assert privileged(lab, "primary", "admin", "clear xlate") == []
    # the system space has no connections or translations of its own
    assert privileged(lab, "primary", None, "clear xlate")[-1] == "ERROR: % Invalid input detected at '^' marker."


def test_running_config_names_nat_http(lab: Lab) -> None:
    out = privileged(lab, "primary", "admin", "configure terminal", "name 10.1.0.10 websrv", "end",
              "show running-config names")
    assert out == ["names", "name 10.1.0.10 websrv"]
    assert privileged(lab, "primary", "admin", "show running-config nat") == []
    assert privileged(lab, "primary", "admin", "show running-config http") == []


def test_clear_configure_access_list_removes_lists_and_their_groups_and_replicates(lab: Lab) -> None:
    privileged(lab, "primary", "admin", "configure terminal",
        "access-list a1 extended permit ip any any", "access-list a2 extended deny ip any any",
        "access-group a1 in interface inside", "access-group a2 in interface outsideISP-A", "end")
    cfg = lab.units["primary"].ctx["admin"]
    assert privileged(lab, "primary", "admin", "configure terminal", "clear configure access-list a2") == []
    assert list(cfg.access_lists) == ["a1"] and list(cfg.access_groups.values()) == ["a1"]
    assert privileged(lab, "secondary", "admin", "show running-config access-list") == [
        "access-list a1 extended permit ip any any"]
    assert privileged(lab, "primary", "admin", "configure terminal", "clear configure access-list nosuch") == [
        "ERROR: access-list <nosuch> does not exist"]
    privileged(lab, "primary", "admin", "configure terminal", "clear configure access-list")
    assert cfg.access_lists == {} and cfg.access_groups == {}
    assert privileged(lab, "secondary", "admin", "show running-config access-list") == []
    assert privileged(lab, "primary", "admin", "clear configure access-list")[-1] == (
        "ERROR: % Invalid input detected at '^' marker.")          # a configuration command


def test_show_object_group_reads_as_the_stock_ntc_template_expects(lab: Lab) -> None:
    from ntc_templates.parse import parse_output
    out = privileged(lab, "primary", "admin", "configure terminal", "object network web", "host 10.50.1.10",
              "object-group network partners", "network-object host 198.51.100.7",
              "network-object 203.0.113.0 255.255.255.0", "network-object object web", "end",
              "show object-group network")
    assert out[0] == "object-group network partners"
    rows = parse_output(platform="cisco_asa", command="show object-group network",
                        data="\n".join(out) + "\n")
    assert [(r["name"], r["host"] or r["network"] or r["net_object"]) for r in rows] == [
        ("partners", "198.51.100.7"), ("partners", "203.0.113.0"), ("partners", "web")]
    assert privileged(lab, "primary", "admin", "show object-group id partners") == out
    assert privileged(lab, "primary", "admin", "show object-group id nosuch") == [
        "ERROR: object-group nosuch does not exist"]
    assert privileged(lab, "primary", None, "show object-group")[-1] == (
        "ERROR: % Invalid input detected at '^' marker.")       # the system space has none


def test_copy_to_and_from_a_tftp_server_asks_then_fails(lab: Lab) -> None:
    """The lab serves no file server: the unit asks what a real one asks (the remote host
    too), then cannot reach the server; the flash is unchanged and nothing replicates."""
    before = sorted(lab.units["primary"].flash.listing(""))
    out = lab.run(["@console primary", "enable", "", "copy tftp: flash:", "10.1.1.10", "asa.bin", "",
                   "copy running-config tftp://10.1.1.10/backup.cfg", "", "", "",
                   "copy /noconfirm flash:admin.cfg tftp://10.1.1.10/admin.cfg"])
    at = out.index("primary# copy tftp: flash:")
    assert out[at:at + 12] == [
        "primary# copy tftp: flash:", "",
        "Address or name of remote host []?10.1.1.10",
        "Source filename []?asa.bin",
        "Destination filename [asa.bin]?",
        "Accessing tftp://10.1.1.10/asa.bin...",
        "%Error opening tftp://10.1.1.10/asa.bin (Timed out)",
        "primary# copy running-config tftp://10.1.1.10/backup.cfg", "",
        "Source filename [running-config]?",
        "Address or name of remote host [10.1.1.10]?",
        "Destination filename [backup.cfg]?"]
    assert out[at + 12:] == [
        "%Error opening tftp://10.1.1.10/backup.cfg (Timed out)",
        "primary# copy /noconfirm flash:admin.cfg tftp://10.1.1.10/admin.cfg",
        "%Error opening tftp://10.1.1.10/admin.cfg (Timed out)"]
    assert sorted(lab.units["primary"].flash.listing("")) == before


def test_show_bootvar_in_the_system_space(lab: Lab) -> None:
    assert [line.rstrip() for line in privileged(lab, "primary", None, "show bootvar")] == [
        "", "BOOT variable =", "Current BOOT variable =", "CONFIG_FILE variable =",
        "Current CONFIG_FILE variable ="]
    assert privileged(lab, "primary", "admin", "show bootvar")[-1] == (
        "ERROR: % Invalid input detected at '^' marker.")        # a context has none
