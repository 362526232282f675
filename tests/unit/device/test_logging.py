"""Console messages and logging: the console lines of failover transitions, syslog messages only
where the admin context's `logging` sends them (console, buffer, UDP syslog servers)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from asa_emulator.cli import main
from asa_emulator.device.syslog import OUTBOX_LIMIT, level_of, timestamp
from asa_emulator.lab.lab import Lab
from asa_emulator.transcript.runner import run_lines

ADMIN = ["enable", "", "changeto context admin", "configure terminal"]
FORCE = ["changeto system", "no failover active group 1", "@wait 3s"]


def after(lines: list[str], marker: str) -> list[str]:
    return lines[lines.index(marker) + 1:]


@pytest.fixture
def receiver() -> Iterator[socket.socket]:
    """A syslog server on a free UDP port of the loopback."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(5)          # a guard against hanging, not a timing assertion
    yield sock
    sock.close()


def received(sock: socket.socket, n: int) -> list[bytes]:
    return [sock.recv(2048) for _ in range(n)]


def test_console_shows_the_transition_line_not_the_syslog_by_default() -> None:
    lines, _ = run_lines(["enable", "", "no failover active group 1", "@wait 3s",
                          "@console secondary"])
    assert after(lines, "primary# no failover active group 1") == [
        "        Switching to Standby", "@wait 3s", "@console secondary",
        "Beginning configuration replication from mate.",
        "End configuration replication from mate.",
        "        Switching to Active"]


def test_logging_console_level_filters_by_severity() -> None:
    # 104002 is severity 1: `alerts` (1) shows it, `critical` (2) too, `emergencies` (0) not
    for level, shown in (("alerts", True), ("2", True), ("emergencies", False), ("0", False)):
        lines, _ = run_lines(ADMIN + ["logging enable", f"logging console {level}"] + FORCE)
        tail = after(lines, "primary(config)# no failover active group 1")
        syslog = "%ASA-1-104002: (Primary) Switching to STANDBY - Set by the config command."
        assert tail[:2] == ["        Switching to Standby", syslog] if shown else \
            tail[:2] == ["        Switching to Standby", "@wait 3s"], level


def test_logging_console_needs_logging_enable() -> None:
    lines, _ = run_lines(ADMIN + ["logging console debugging"] + FORCE)
    assert after(lines, "primary(config)# no failover active group 1")[:2] == [
        "        Switching to Standby", "@wait 3s"]


def test_console_in_another_context_shows_only_that_context() -> None:
    # "messages you view in your session are only those related to the current context": the
    # system space's messages (the admin context's) are not shown while the console is in ctx1
    syslog = "%ASA-1-104002: (Primary) Switching to STANDBY - Other unit wants me Standby."
    for where, shown in (("changeto context ctx1", False), ("changeto system", True)):
        lines, _ = run_lines(ADMIN + ["logging enable", "logging console alerts", "end", where,
                                      "@console secondary", "enable", "", "failover active group 1",
                                      "@wait 3s", "@console primary"])
        tail = after(lines, "@console primary")
        assert tail[0] == "        Switching to Standby"
        assert (syslog in tail) is shown, where


def test_show_logging_layout_and_buffer() -> None:
    lines, _ = run_lines(ADMIN + ["logging enable", "logging buffered informational"] + FORCE
                         + ["changeto context admin", "show logging"])
    assert after(lines, "primary/admin(config)# show logging") == [
        "Syslog logging: enabled",
        "    Facility: 20",
        "    Timestamp logging: disabled",
        "    Hide Username logging: enabled",
        "    Standby logging: disabled",
        "    Debug-trace logging: disabled",
        "    Console logging: disabled",
        "    Monitor logging: disabled",
        "    Buffer logging: level informational, 1 messages logged",
        "    Trap logging: disabled",
        "    Global TCP syslog stats::",
        "        NOT_PUTABLE: 0, ALL_CHANNEL_DOWN: 0",
        "        CHANNEL_FLAP_CNT: 0, SYSLOG_PKT_LOSS: 0",
        "        PARTIAL_REWRITE_CNT: 0",
        "    Permit-hostdown logging: disabled",
        "    History logging: disabled",
        "    Device ID: disabled",
        "    Mail logging: disabled",
        "    ASDM logging: disabled",
        "%ASA-1-104002: (Primary) Switching to STANDBY - Set by the config command.",
    ]


def test_logging_timestamp_prefix() -> None:
    assert timestamp(1718193636000) == "Jun 12 2024 12:00:36: "
    assert timestamp(1717286400000) == "Jun 02 2024 00:00:00: "
    lines, _ = run_lines(ADMIN + ["logging enable", "logging timestamp", "logging console 1"] + FORCE)
    line = after(lines, "primary(config)# no failover active group 1")[1]
    assert line == ("Jun 12 2024 12:00:34: %ASA-1-104002: (Primary) Switching to STANDBY - "
                    "Set by the config command.")


def test_levels_by_number_and_name() -> None:
    names = ["emergencies", "alerts", "critical", "errors", "warnings", "notifications",
             "informational", "debugging"]
    for n, name in enumerate(names):
        assert level_of(str(n)) == level_of(name) == n


def test_running_config_renders_logging_by_name_and_replicates() -> None:
    lines, _ = run_lines(ADMIN + [
        "logging enable", "logging timestamp", "logging buffered 6", "logging console 1",
        "logging trap notifications", "logging facility 23", "logging buffer-size 8192",
        "logging host inside 10.0.0.5", "logging host inside 10.0.0.6 udp/5514",
        "show running-config logging", "@console secondary", "enable", "",
        "changeto context admin", "show running-config logging"])
    want = ["logging enable", "logging timestamp", "logging buffer-size 8192",
            "logging console alerts", "logging buffered informational",
            "logging trap notifications", "logging facility 23",
            "logging host inside 10.0.0.5", "logging host inside 10.0.0.6 udp/5514"]
    assert after(lines, "primary/admin(config)# show running-config logging")[:len(want)] == want
    # Table 34-1: configuration commands replicate to the mate
    assert after(lines, "primary/admin# show running-config logging") == want


def test_no_forms_remove_the_settings() -> None:
    lines, _ = run_lines(ADMIN + [
        "logging enable", "logging console 1", "logging host inside 10.0.0.5",
        "no logging console", "no logging host inside 10.0.0.5", "no logging enable",
        "show running-config logging"])
    assert after(lines, "primary/admin(config)# show running-config logging") == []


def test_logging_host_needs_a_named_interface() -> None:
    lines, _ = run_lines(ADMIN + ["logging host nosuch 10.0.0.5"])
    assert lines[-1] == "ERROR: Interface nosuch not found"


def test_system_space_has_no_logging() -> None:
    # "You cannot configure logging or view any logging information in the system execution space"
    lines, _ = run_lines(["enable", "", "configure terminal", "logging enable", "show logging"])
    assert "ERROR: % Invalid input detected at '^' marker." in lines
    assert lines.count("ERROR: % Invalid input detected at '^' marker.") == 2


def test_buffer_keeps_the_newest_lines_within_buffer_size() -> None:
    lab = Lab.load("example")
    lab.settle()
    u = lab.units["primary"]
    cfg = u.ctx["admin"].logging
    cfg.enabled, cfg.buffered = True, 7
    for i in range(200):
        u.log(111111, 5, f"message {i:03d} " + "x" * 40)
    buf = u.syslog.space("admin").buffer
    assert sum(len(ln) + 1 for ln in buf) <= 4096
    assert buf[-1].startswith("%ASA-5-111111: message 199")
    assert u.syslog.space("admin").buffered == 200


def test_outbox_is_bounded_when_nobody_sends() -> None:
    lab = Lab.load("example")
    lab.settle()
    u = lab.units["primary"]
    lab.console("primary").execute("enable")
    lab.console("primary").execute("")
    for line in ["changeto context admin", "configure terminal", "logging enable",
                 "logging trap debugging", "logging host inside 10.0.0.5"]:
        assert lab.console("primary").execute(line) == []
    for i in range(OUTBOX_LIMIT + 10):
        u.log(111111, 5, f"m{i}")
    out = lab.take_syslog()
    assert len(out) == OUTBOX_LIMIT
    assert out[-1].payload == f"<165>%ASA-5-111111: m{OUTBOX_LIMIT + 9}".encode()
    assert lab.take_syslog() == []


def test_run_sends_failover_syslogs_over_udp(receiver: socket.socket, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    port = receiver.getsockname()[1]
    script = tmp_path / "failover.txt"
    script.write_text("\n".join(ADMIN + [
        "logging enable", "logging trap alerts", f"logging host inside 10.0.0.5 udp/{port}",
        "end"] + FORCE) + "\n")
    assert main(["run", str(script)]) == 0
    capsys.readouterr()
    got = sorted(received(receiver, 2))
    # facility 20 (local4) * 8 + severity 1 = 161; both units send (the mate got the lines by
    # replication)
    assert got == sorted([
        b"<161>%ASA-1-104002: (Primary) Switching to STANDBY - Set by the config command.",
        b"<161>%ASA-1-104001: (Secondary) Switching to ACTIVE - Other unit wants me Active.",
    ])


def test_trap_level_and_timestamp_in_datagrams() -> None:
    sent: list[bytes] = []
    run_lines(ADMIN + ["logging enable", "logging timestamp", "logging trap 0",
                       "logging host inside 10.0.0.5"] + FORCE,
              syslog=lambda ds: sent.extend(d.payload for d in ds))
    assert sent == []       # severity 1 is above `emergencies`
    run_lines(ADMIN + ["logging enable", "logging timestamp", "logging trap 1", "logging facility 16",
                       "logging host inside 10.0.0.5"] + FORCE,
              syslog=lambda ds: sent.extend(d.payload for d in ds))
    assert b"<129>Jun 12 2024 12:00:34: %ASA-1-104002: (Primary) Switching to STANDBY - Set by the config command." in sent


def test_prompt_states_with_failover_off() -> None:
    # command reference: act / stby with failover on, actNoFailover / stbyNoFailover with it off;
    # the system space shows group 1's state, a context its own group's
    lines, _ = run_lines(["enable", "", "configure terminal", "prompt hostname context priority state",
                          "no failover active group 1", "@wait 3s", "no failover",
                          "changeto context ctx1", "changeto context admin"])
    assert lines[-3:] == ["primary/pri/stby(config)# no failover",
                          "primary/pri/stbyNoFailover(config)# changeto context ctx1",
                          "primary/ctx1/pri/stbyNoFailover(config)# changeto context admin"]
    lab = Lab.load("blank")
    lab.settle()
    con = lab.console("primary")
    for line in ["enable", "", "configure terminal", "prompt hostname state"]:
        con.execute(line)
    assert con.prompt() == "ciscoasa/actNoFailover(config)# "


def test_pseudo_standby_in_show_failover() -> None:
    lines, _ = run_lines(["enable", "", "no failover active group 1", "@wait 3s", "configure terminal",
                          "no failover", "show failover | include Failover Off"])
    assert lines[-1] == "Failover Off (pseudo-Standby)"
    lines, _ = run_lines(["enable", "", "configure terminal", "no failover",
                          "show failover | include Failover Off"])
    assert lines[-1] == "Failover Off"


def test_prompt_keywords_have_their_own_help() -> None:
    lab = Lab.load("example")
    lab.settle()
    con = lab.console("primary")
    for line in ["enable", "", "configure terminal"]:
        con.execute(line)
    assert con.help("prompt hostname ") == [
        "  context   Display the context in the session prompt (multimode only)",
        "  domain    Display the domain in the session prompt",
        "  hostname  Display the hostname in the session prompt",
        "  priority  Display the priority in the session prompt",
        "  slot      Display the slot in the session prompt",
        "  state     Display the traffic passing state in the session prompt",
        "  <cr>"]
