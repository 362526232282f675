"""Connection tables, `@traffic`, Stateful Failover replication and ASR groups (traffic/)."""

from __future__ import annotations

import pytest

from asa_emulator.lab.lab import Lab
from asa_emulator.lab.spec import LabError
from asa_emulator.traffic import show
from asa_emulator.traffic.table import TCP, UDP, Conn, ConnTable, Endpoint, conn_key, flags, orient, record

# ---------------------------------------------------------------------------- pure table

IN = Endpoint("inside", "10.1.0.50", 40000)
OUT = Endpoint("outside", "203.0.113.10", 443)
LEVELS = {"inside": 100, "outside": 0, "dmz": 50}


def _conn(proto: str = TCP, a: Endpoint = IN, b: Endpoint = OUT) -> Conn:
    return Conn(proto, a, b, created_ms=1000, last_ms=1000)


def test_a_connection_has_one_key_for_both_directions() -> None:
    assert conn_key(TCP, IN.addr, OUT.addr) == conn_key(TCP, OUT.addr, IN.addr) == _conn().key
    assert conn_key(UDP, IN.addr, OUT.addr) != conn_key(TCP, IN.addr, OUT.addr)


def test_a_packet_belongs_to_a_connection_only_on_its_senders_interface() -> None:
    t = ConnTable()
    c = _conn()
    t.add(c)
    assert t.find(TCP, OUT.addr, IN.addr, "outside") is c
    assert t.find(TCP, IN.addr, OUT.addr, "inside") is c
    assert t.find(TCP, OUT.addr, IN.addr, "inside") is None      # right endpoints, wrong interface
    assert t.find(UDP, OUT.addr, IN.addr, "outside") is None
    assert t.get(TCP, OUT.addr, IN.addr) is c


def test_record_counts_bytes_and_who_sent_data() -> None:
    c = _conn()
    record(c, IN.addr, 0, 2000)
    assert (c.bytes, c.last_ms, c.initiator_data, c.responder_data) == (0, 2000, False, False)
    record(c, IN.addr, 400, 3000)
    record(c, OUT.addr, 1500, 4000)
    assert (c.bytes, c.last_ms, c.initiator_data, c.responder_data) == (1900, 4000, True, True)


@pytest.mark.parametrize(("init", "resp", "sent", "expected"), [
    (IN, OUT, [], "U"),
    (IN, OUT, ["init"], "UO"),
    (IN, OUT, ["resp"], "UI"),
    (IN, OUT, ["init", "resp"], "UIO"),
    (OUT, IN, [], "UB"),
    (OUT, IN, ["init"], "UIB"),
    (OUT, IN, ["init", "resp"], "UIOB"),
])
def test_flags_follow_the_security_levels(init: Endpoint, resp: Endpoint, sent: list[str],
                                          expected: str) -> None:
    c = _conn(TCP, init, resp)
    c.initiator_data, c.responder_data = "init" in sent, "resp" in sent
    outside, inside, from_outside = orient(c, LEVELS.__getitem__)
    assert (outside, inside) == (OUT, IN)
    assert flags(c, from_outside) == expected


def test_udp_shows_a_dash_and_equal_levels_print_the_responder_first() -> None:
    c = _conn(UDP, Endpoint("dmz", "10.9.9.9", 5353), Endpoint("dmz", "10.9.9.10", 53))
    outside, inside, from_outside = orient(c, LEVELS.__getitem__)
    assert (outside.ip, inside.ip, from_outside) == ("10.9.9.10", "10.9.9.9", False)
    assert flags(c, from_outside) == "-"


def test_most_used_and_select() -> None:
    t = ConnTable()
    a, b = _conn(), _conn(UDP, IN, Endpoint("outside", "8.8.8.8", 53))
    t.add(a)
    t.add(b)
    t.remove(a)
    assert (len(t), t.most_used) == (1, 2)
    t.add(a)
    assert t.select(proto=UDP) == [b]
    assert t.select(address="8.8.8.8") == [b]
    assert t.select(port=443) == [a]
    assert t.select(address="10.1.0.50") == [b, a]
    t.replace_all([])
    assert (len(t), t.most_used) == (0, 2)


# ---------------------------------------------------------------------------- renderers

VIEW = show.ConnView("TCP", "outsideISP-A", "203.0.113.10", 80, "inside", "10.1.0.50", 40000,
                     idle_s=3, uptime_s=62, bytes=1900, flags="UIO", initiator_ip="10.1.0.50",
                     responder_ip="203.0.113.10", timeout="1h0m")


def test_show_conn_layout() -> None:
    assert show.show_conn([VIEW], 1, 2) == [
        "1 in use, 2 most used",
        "",
        "TCP outsideISP-A  203.0.113.10:80 inside  10.1.0.50:40000, idle 0:00:03, bytes 1900, flags UIO",
    ]
    assert show.show_conn([], 0, 2) == ["0 in use, 2 most used"]
    assert show.show_conn_count(3, 7) == ["3 in use, 7 most used"]
    assert show.clear_conn(2) == ["2 connection(s) deleted."]


def test_show_conn_detail_layout() -> None:
    udp = show.ConnView("UDP", "outside", "8.8.8.8", 53, "inside", "10.1.0.50", 5353, 0, 7205,
                        60, "-", "10.1.0.50", "8.8.8.8", "2m0s")
    out = show.show_conn_detail([VIEW, udp], 2, 2)
    assert out[0] == "2 in use, 2 most used"
    assert out[1].startswith("Flags: A - awaiting inside ACK to SYN")
    assert out[1:len(show.FLAG_LEGEND) + 1] == list(show.FLAG_LEGEND)
    assert out[len(show.FLAG_LEGEND) + 1:] == [
        "",
        "TCP outsideISP-A: 203.0.113.10/80 inside: 10.1.0.50/40000,",
        "    flags UIO , idle 3s, uptime 1m2s, timeout 1h0m, bytes 1900",
        "  Initiator: 10.1.0.50, Responder: 203.0.113.10",
        "",
        "UDP outside: 8.8.8.8/53 inside: 10.1.0.50/5353,",
        "    flags - , idle 0s, uptime 2h0m, timeout 2m0s, bytes 60",
    ]


@pytest.mark.parametrize(("seconds", "idle", "duration"), [
    (0, "0:00:00", "0s"), (59, "0:00:59", "59s"), (62, "0:01:02", "1m2s"),
    (3723, "1:02:03", "1h2m"), (90061, "25:01:01", "1D1h"),
])
def test_time_formats(seconds: int, idle: str, duration: str) -> None:
    assert (show.idle_text(seconds), show.duration_text(seconds)) == (idle, duration)


# ---------------------------------------------------------------------------- lab scenarios

HTTPS_OUT = "@traffic primary admin tcp inside 10.1.0.50:40000 outsideISP-A 203.0.113.10:443"
HTTPS_BACK = "@traffic primary admin tcp outsideISP-A 203.0.113.10:443 inside 10.1.0.50:40000"


def cli(lab: Lab, unit: str, *lines: str) -> list[str]:
    """Log in to a unit's privileged EXEC, run the lines, return the last line's output."""
    s = lab.open_session(unit)
    s.execute("enable")
    s.execute("")
    out: list[str] = []
    for line in lines:
        out = s.execute(line)
    return out


def stat(name: str, xmit: int, rcv: int) -> str:
    """A row of the Stateful Failover statistics table (rerr padded, as on a 9.x ASA)."""
    return f"        {name:<16}{xmit:<11}{0:<11}{rcv:<11}{0:<10}"


def conns(lab: Lab, unit: str, ctx: str) -> list[str]:
    return cli(lab, unit, f"changeto context {ctx}", "show conn")[2:]


def group_state(lab: Lab, unit: str, gid: int) -> str:
    return lab.failover_state(unit).group(gid).state


@pytest.mark.parametrize(("line", "message"), [
    ("@traffic primary admin tcp inside 10.1.0.50:40000",
     "usage: @traffic [close] UNIT [CTX] tcp|udp SRC_IF SRC_IP:PORT [DST_IF] DST_IP:PORT [bytes N]"),
    ("@traffic primary admin icmp inside 10.1.0.50:1 outsideISP-A 203.0.113.10:1",
     "usage: @traffic [close] UNIT [CTX] tcp|udp SRC_IF SRC_IP:PORT [DST_IF] DST_IP:PORT [bytes N]"),
    (HTTPS_OUT + " bytes", "usage: @traffic [close] UNIT [CTX] tcp|udp SRC_IF SRC_IP:PORT [DST_IF] DST_IP:PORT [bytes N]"),
    (HTTPS_OUT + " bytes lots", "bad byte count 'lots' (a number of bytes, at most 1000000000000)"),
    ("@traffic primary admin tcp inside 10.1.0.500:40000 outsideISP-A 203.0.113.10:443",
     "bad address '10.1.0.500:40000' (an IPv4 address and port: A.B.C.D:PORT)"),
    ("@traffic primary admin tcp inside 10.1.0.50 outsideISP-A 203.0.113.10:443",
     "bad address '10.1.0.50' (an IPv4 address and port: A.B.C.D:PORT)"),
    ("@traffic primary admin tcp inside 10.1.0.50:70000 outsideISP-A 203.0.113.10:443",
     "bad address '10.1.0.50:70000' (an IPv4 address and port: A.B.C.D:PORT)"),
    ("@traffic tertiary admin tcp inside 10.1.0.50:1 outsideISP-A 203.0.113.10:443",
     "no unit 'tertiary' in this lab (units: primary, secondary)"),
    ("@traffic primary ctx9 tcp inside 10.1.0.50:1 outsideISP-A 203.0.113.10:443",
     "unit primary has no context 'ctx9'"),
    ("@traffic primary admin tcp inside 10.1.0.50:1 outsideISP-B 203.0.113.10:443",
     "context admin on primary has no interface named 'outsideISP-B'"),
    ("@traffic close primary admin tcp inside 10.1.0.50:1 outsideISP-A 203.0.113.10:443 bytes 5",
     "usage: @traffic [close] UNIT [CTX] tcp|udp SRC_IF SRC_IP:PORT [DST_IF] DST_IP:PORT [bytes N]"),
])
def test_bad_traffic_directives_are_one_line(lab: Lab, line: str, message: str) -> None:
    with pytest.raises(LabError) as err:
        lab.directive(line)
    assert str(err.value) == message


def test_a_unit_that_is_off_hears_nothing(lab: Lab) -> None:
    lab.directive("@power off secondary")
    assert lab.directive("@traffic secondary ctx1 tcp inside 10.2.20.5:1 outsideISP-B 1.1.1.1:22") == []
    assert lab.traffic.of(lab.units["secondary"]).tables == {}


def test_a_connection_is_built_on_the_active_unit_and_replicated(lab: Lab) -> None:
    lab.directive(HTTPS_OUT + " bytes 400")
    lab.advance(2000)
    lab.directive(HTTPS_BACK + " bytes 1500")
    lab.directive("@traffic primary admin udp inside 10.1.0.50:5353 outsideISP-A 8.8.8.8:53 bytes 60")
    assert conns(lab, "primary", "admin") == [
        "TCP outsideISP-A  203.0.113.10:443 inside  10.1.0.50:40000, idle 0:00:00, bytes 1900, flags UIO",
        "UDP outsideISP-A  8.8.8.8:53 inside  10.1.0.50:5353, idle 0:00:00, bytes 60, flags -",
    ]
    # the standby copy is the connection as it was built; data updates are not replicated
    assert conns(lab, "secondary", "admin") == [
        "TCP outsideISP-A  203.0.113.10:443 inside  10.1.0.50:40000, idle 0:00:02, bytes 400, flags UO",
        "UDP outsideISP-A  8.8.8.8:53 inside  10.1.0.50:5353, idle 0:00:00, bytes 60, flags -",
    ]
    assert cli(lab, "primary", "show failover | include conn") == [
        stat("TCP conn", 1, 0),
        stat("UDP conn", 1, 0)]
    assert cli(lab, "secondary", "show failover | include conn") == [
        stat("TCP conn", 0, 1),
        stat("UDP conn", 0, 1)]
    assert cli(lab, "primary", "show failover group 1 | include conn") == [
        stat("TCP conn", 1, 0),
        stat("UDP conn", 1, 0)]
    assert cli(lab, "primary", "show failover group 2 | include conn") == [
        stat("TCP conn", 0, 0),
        stat("UDP conn", 0, 0)]
    assert cli(lab, "primary", "changeto context admin", "show conn count") == ["2 in use, 2 most used"]


def test_standby_unit_drops_and_the_counters_say_so(lab: Lab) -> None:
    lab.directive("@traffic secondary admin tcp inside 10.1.0.50:40000 outsideISP-A 203.0.113.10:443 bytes 99")
    assert conns(lab, "secondary", "admin") == []
    assert cli(lab, "secondary", "changeto context admin", "show interface inside | include packets") == [
        "\t1 packets input, 99 bytes", "\t0 packets output, 0 bytes", "\t1 packets dropped"]


def test_lower_to_higher_security_needs_an_access_list(lab: Lab) -> None:
    lab.directive("@traffic primary admin tcp outsideISP-A 198.51.100.7:5555 inside 10.1.0.50:22")
    assert conns(lab, "primary", "admin") == []
    assert cli(lab, "primary", "changeto context admin",
               "show interface outsideISP-A | include dropped") == ["\t1 packets dropped"]


def test_stateful_failover_keeps_a_tcp_connection(lab: Lab) -> None:
    lab.directive(HTTPS_OUT + " bytes 400")
    cli(lab, "primary", "no failover active group 1")
    lab.advance(2000)
    assert group_state(lab, "secondary", 1) == "Active"
    lab.directive("@traffic secondary admin tcp outsideISP-A 203.0.113.10:443 inside 10.1.0.50:40000 bytes 1000")
    assert conns(lab, "secondary", "admin") == [
        "TCP outsideISP-A  203.0.113.10:443 inside  10.1.0.50:40000, idle 0:00:00, bytes 1400, flags UIO"]
    # the primary, now standby for group 1, got the connection back by bulk sync
    assert conns(lab, "primary", "admin") == [
        "TCP outsideISP-A  203.0.113.10:443 inside  10.1.0.50:40000, idle 0:00:02, bytes 400, flags UO"]
    assert cli(lab, "secondary", "show failover group 1 | include TCP conn") == [
        stat("TCP conn", 1, 1)]


def test_http_is_replicated_only_with_replication_http(lab: Lab) -> None:
    lab.directive("@traffic primary admin tcp inside 10.1.0.50:40001 outsideISP-A 203.0.113.10:80 bytes 300")
    assert conns(lab, "secondary", "admin") == []
    cli(lab, "primary", "configure terminal", "failover group 1", "replication http", "end")
    assert lab.units["secondary"].sys.failover.groups[1].replication_http
    lab.directive("@traffic primary admin tcp inside 10.1.0.50:40002 outsideISP-A 203.0.113.10:80 bytes 300")
    assert conns(lab, "secondary", "admin") == [
        "TCP outsideISP-A  203.0.113.10:80 inside  10.1.0.50:40002, idle 0:00:00, bytes 300, flags UO"]
    cli(lab, "primary", "no failover active group 1")
    lab.advance(2000)
    # 40001 was never replicated: it is gone with the failover (sessions terminated)
    assert [ln.split(",")[0] for ln in conns(lab, "secondary", "admin")] == [
        "TCP outsideISP-A  203.0.113.10:80 inside  10.1.0.50:40002"]


def test_system_wide_replication_http_has_no_effect_in_active_active(lab: Lab) -> None:
    cli(lab, "primary", "configure terminal", "failover replication http", "end")
    lab.directive("@traffic primary admin tcp inside 10.1.0.50:40001 outsideISP-A 203.0.113.10:80")
    assert conns(lab, "secondary", "admin") == []


def test_state_link_down_stales_the_standby_and_failover_loses_connections(lab: Lab) -> None:
    cli(lab, "primary", "configure terminal", "interface GigabitEthernet0/0", "no shutdown", "exit",
        "failover link statelink GigabitEthernet0/0",
        "failover interface ip statelink 10.0.5.1 255.255.255.0 standby 10.0.5.11", "end")
    lab.directive("@traffic primary admin tcp inside 10.1.0.50:40010 outsideISP-A 203.0.113.20:22")
    lab.directive("@state-link down")
    lab.directive("@traffic primary admin tcp inside 10.1.0.50:40011 outsideISP-A 203.0.113.20:22")
    assert len(conns(lab, "primary", "admin")) == 2
    assert len(conns(lab, "secondary", "admin")) == 1
    cli(lab, "primary", "no failover active group 1")
    lab.advance(2000)
    assert [ln.split(",")[0] for ln in conns(lab, "secondary", "admin")] == [
        "TCP outsideISP-A  203.0.113.20:22 inside  10.1.0.50:40010"]
    assert conns(lab, "primary", "admin") == []          # no bulk sync over a cut link
    assert cli(lab, "primary", "show failover | include TCP conn") == [
        stat("TCP conn", 1, 0)]


def test_close_and_clear_replicate_teardowns(lab: Lab) -> None:
    lab.directive(HTTPS_OUT)
    lab.directive("@traffic primary admin udp inside 10.1.0.50:5353 outsideISP-A 8.8.8.8:53")
    lab.directive("@traffic close primary admin tcp outsideISP-A 203.0.113.10:443 inside 10.1.0.50:40000")
    assert [ln[:3] for ln in conns(lab, "secondary", "admin")] == ["UDP"]
    assert cli(lab, "primary", "changeto context admin", "clear conn protocol tcp") == [
        "0 connection(s) deleted."]
    assert cli(lab, "primary", "changeto context admin", "clear conn address 8.8.8.8") == [
        "1 connection(s) deleted."]
    assert conns(lab, "secondary", "admin") == []
    assert cli(lab, "primary", "show failover | include UDP conn") == [
        stat("UDP conn", 2, 0)]
    # a close for a connection nobody knows is dropped, not built
    lab.directive("@traffic close primary admin tcp inside 10.1.0.50:1 outsideISP-A 203.0.113.10:443")
    assert conns(lab, "primary", "admin") == []


def test_clear_conn_on_the_standby_clears_only_its_copies(lab: Lab) -> None:
    lab.directive(HTTPS_OUT)
    assert cli(lab, "secondary", "changeto context admin", "clear conn") == ["1 connection(s) deleted."]
    assert len(conns(lab, "primary", "admin")) == 1


def test_show_conn_is_a_context_command(lab: Lab) -> None:
    assert cli(lab, "primary", "show conn")[-1] == "ERROR: % Invalid input detected at '^' marker."
    assert cli(lab, "primary", "changeto context admin", "show conn detail | include ^TCP") == []


def _asr(lab: Lab, unit: str, ctx: str, nameif: str) -> list[str]:
    return cli(lab, unit, f"changeto context {ctx}",
               f"show interface {nameif} detail | begin Asymmetrical")


def test_figure_34_1_asr_redirects_return_traffic_to_the_peer(lab: Lab) -> None:
    cli(lab, "primary", "configure terminal", "failover group 1", "replication http", "exit",
        "failover group 2", "replication http", "end")
    # 1. outbound through SecAppA (primary, admin active) out of outsideISP-A
    lab.directive("@traffic primary admin tcp inside 10.1.0.50:40000 outsideISP-A 203.0.113.10:80 bytes 400")
    # 4 (precondition). Stateful Failover put the session on SecAppB's standby admin context
    assert len(conns(lab, "secondary", "admin")) == 1
    # 2-3. the return traffic arrives on outsideISP-B of ctx1, active on SecAppB, which has no session
    lab.directive("@traffic secondary ctx1 tcp outsideISP-B 203.0.113.10:80 inside 10.1.0.50:40000 bytes 1500")
    assert conns(lab, "secondary", "ctx1") == []
    # 5. redirected out of outsideISP-A (192.168.1.2) to SecAppA's outsideISP-A (192.168.1.1)
    assert _asr(lab, "secondary", "admin", "outsideISP-A") == [
        "  Asymmetrical Routing Statistics:", "\tReceived 0 packets", "\tTransmitted 1 packets",
        "\tDropped 0 packets"]
    assert _asr(lab, "primary", "admin", "outsideISP-A") == [
        "  Asymmetrical Routing Statistics:", "\tReceived 1 packets", "\tTransmitted 0 packets",
        "\tDropped 0 packets"]
    assert conns(lab, "primary", "admin") == [
        "TCP outsideISP-A  203.0.113.10:80 inside  10.1.0.50:40000, idle 0:00:00, bytes 1900, flags UIO"]
    assert cli(lab, "primary", "changeto context admin", "show interface inside | include output") == [
        "\t1 packets output, 1500 bytes"]
    # the interface's plain `show interface` has no ASR lines; one without asr-group neither
    assert not any("Asymmetrical" in ln for ln in cli(
        lab, "primary", "changeto context admin", "show interface outsideISP-A"))
    assert not any("Asymmetrical" in ln for ln in cli(
        lab, "primary", "changeto context admin", "show interface inside detail"))


def test_asr_without_a_session_anywhere_drops(lab: Lab) -> None:
    # ctx1 is standby on the primary; no member of ASR group 1 knows the connection
    lab.directive("@traffic primary ctx1 tcp outsideISP-B 198.51.100.7:80 inside 10.2.20.60:41000")
    assert cli(lab, "primary", "changeto context ctx1", "show interface outsideISP-B | include dropped") == [
        "\t1 packets dropped"]
    assert _asr(lab, "primary", "ctx1", "outsideISP-B")[1:] == [
        "\tReceived 0 packets", "\tTransmitted 0 packets", "\tDropped 0 packets"]


def test_asr_counts_a_redirection_that_cannot_leave(lab: Lab) -> None:
    lab.directive("@traffic primary admin tcp inside 10.1.0.50:40000 outsideISP-A 203.0.113.10:443")
    lab.directive("@link down secondary GigabitEthernet0/2")
    lab.directive("@traffic secondary ctx1 tcp outsideISP-B 203.0.113.10:443 inside 10.1.0.50:40000")
    assert _asr(lab, "secondary", "admin", "outsideISP-A")[1:] == [
        "\tReceived 0 packets", "\tTransmitted 0 packets", "\tDropped 1 packets"]


def test_asr_reinjects_when_the_session_is_active_on_the_same_unit(lab: Lab) -> None:
    cli(lab, "primary", "failover active group 2")
    lab.advance(2000)
    lab.directive(HTTPS_OUT + " bytes 10")
    lab.directive("@traffic primary ctx1 tcp outsideISP-B 203.0.113.10:443 inside 10.1.0.50:40000 bytes 20")
    assert conns(lab, "primary", "admin") == [
        "TCP outsideISP-A  203.0.113.10:443 inside  10.1.0.50:40000, idle 0:00:00, bytes 30, flags UIO"]
    assert conns(lab, "primary", "ctx1") == []


def test_asr_needs_stateful_failover(lab: Lab) -> None:
    lab.directive(HTTPS_OUT)
    cli(lab, "primary", "configure terminal", "no failover link folink", "end")
    assert lab.units["secondary"].sys.failover.link is None
    lab.directive("@traffic secondary admin tcp outsideISP-A 203.0.113.10:443 inside 10.1.0.50:40000")
    lab.directive("@traffic secondary ctx1 tcp outsideISP-B 203.0.113.10:443 inside 10.1.0.50:40000")
    assert _asr(lab, "secondary", "admin", "outsideISP-A")[1:] == [
        "\tReceived 0 packets", "\tTransmitted 0 packets", "\tDropped 0 packets"]
    lab.directive("@traffic primary admin tcp inside 10.1.0.50:40001 outsideISP-A 203.0.113.10:443")
    assert len(conns(lab, "secondary", "admin")) == 1     # the one replicated before


def test_a_reload_loses_connections_and_the_rejoining_unit_gets_a_bulk_sync(lab: Lab) -> None:
    lab.directive(HTTPS_OUT)
    lab.directive("@crash secondary")
    assert conns(lab, "primary", "admin") != []
    lab.advance(60_000)
    lab.settle()
    assert group_state(lab, "secondary", 1) == "Standby Ready"
    assert len(conns(lab, "secondary", "admin")) == 1
    assert cli(lab, "secondary", "show failover | include TCP conn") == [
        stat("TCP conn", 0, 1)]
