"""`show local-host [all]` (issue 20): the hosts of the context's connections, per interface,
with the most each interface had at once; the standby shows the replicated copies."""

from __future__ import annotations

from asa_emulator import api

REFUSED = "ERROR: % Invalid input detected at '^' marker."
LIMITS = ["    TCP embryonic count to host = 0", "    TCP intercept watermark = unlimited"]
WEB = "TCP outsideISP-A  203.0.113.10:80 inside  10.1.0.50:40000, idle 0:00:00, bytes 1200, flags UI"
DNS = "UDP outsideISP-A  203.0.113.10:53 inside  10.1.0.51:5353, idle 0:00:00, bytes 0, flags -"


def _host(ip: str, tcp: int, udp: int, *conns: str) -> list[str]:
    return [f"local host: <{ip}>,", f"    TCP flow count/limit = {tcp}/unlimited", *LIMITS,
            f"    UDP flow count/limit = {udp}/unlimited", "  Conn:", *(f"    {c}" for c in conns)]


def _shown(lines: list[str], command: str = "show local-host") -> list[str]:
    at = max(i for i, line in enumerate(lines) if line.endswith("# " + command))
    rest = lines[at + 1:]
    end = next((i for i, line in enumerate(rest) if "# " in line or line.startswith("@")), len(rest))
    return rest[:end]


def _lab() -> api.Lab:
    lab = api.Lab.load("example", in_memory=True)
    lab.settle()
    lab.run(["enable", "", "changeto context admin", "configure terminal",
             "route outsideISP-A 0.0.0.0 0.0.0.0 192.168.1.254", "end"])
    return lab


def test_hosts_come_and_go_with_the_connections() -> None:
    lab = _lab()
    assert _shown(lab.run(["show local-host"])) == [
        "Interface outsideISP-A: 0 active, 0 maximum active, 0 denied",
        "Interface inside: 0 active, 0 maximum active, 0 denied"]
    lab.run(["@traffic primary admin tcp inside 10.1.0.50:40000 203.0.113.10:80",
             "@traffic primary admin tcp outsideISP-A 203.0.113.10:80 10.1.0.50:40000 bytes 1200",
             "@traffic primary admin udp inside 10.1.0.51:5353 203.0.113.10:53"])
    assert _shown(lab.run(["show local-host"])) == [
        "Interface outsideISP-A: 1 active, 1 maximum active, 0 denied",
        *_host("203.0.113.10", 1, 1, WEB, DNS),
        "Interface inside: 2 active, 2 maximum active, 0 denied",
        *_host("10.1.0.50", 1, 0, WEB),
        *_host("10.1.0.51", 0, 1, DNS)]
    lab.run(["@traffic close primary admin tcp inside 10.1.0.50:40000 203.0.113.10:80"])
    # the host without a connection is gone; the maximum stays
    assert _shown(lab.run(["show local-host all"]), "show local-host all") == [
        "Interface outsideISP-A: 1 active, 1 maximum active, 0 denied",
        *_host("203.0.113.10", 0, 1, DNS),
        "Interface inside: 1 active, 2 maximum active, 0 denied",
        *_host("10.1.0.51", 0, 1, DNS)]
    lab.run(["clear conn"])
    assert _shown(lab.run(["show local-host"]))[-1] == "Interface inside: 0 active, 2 maximum active, 0 denied"


def test_the_standby_lists_its_replicated_copies_and_the_system_refuses() -> None:
    lab = _lab()
    lab.run(["@traffic primary admin udp inside 10.1.0.51:5353 203.0.113.10:53"])
    out = lab.run(["@console secondary", "enable", "", "changeto context admin", "show local-host"])
    assert _shown(out)[0] == "Interface outsideISP-A: 1 active, 1 maximum active, 0 denied"
    assert _shown(out)[-1] == "    " + DNS
    assert lab.run(["changeto system", "show local-host"])[-1] == REFUSED
