"""The lab: clock, settling, directives, consoles and the @status table."""

from __future__ import annotations

from asa_emulator.lab.clock import Clock
from asa_emulator.lab.lab import Lab
from asa_emulator.lab.spec import parse_duration
from asa_emulator.transcript.runner import run_lines


def test_clock_runs_events_in_time_order_and_stops_at_the_target() -> None:
    c = Clock(1000)
    seen: list[tuple[str, int]] = []
    c.call_later(500, lambda: seen.append(("b", c.now)))
    c.call_later(100, lambda: seen.append(("a", c.now)))
    t = c.call_later(300, lambda: seen.append(("cancelled", c.now)))
    t.cancel()
    c.advance(400)
    assert seen == [("a", 1100)] and c.now == 1400
    c.advance(1000)
    assert seen == [("a", 1100), ("b", 1500)] and c.now == 2400


def test_durations() -> None:
    assert [parse_duration(x) for x in ("500ms", "30s", "2m", "1h", "7")] == [500, 30_000, 120_000, 3_600_000, 7000]


def test_settle_boots_negotiates_and_syncs() -> None:
    lab = Lab.load("example")
    assert not any(u.up for u in lab.units.values())
    lab.settle()
    assert all(u.up for u in lab.units.values())
    assert lab.failover_state("primary").states() == ("Active", "Standby Ready")
    assert lab.failover_state("secondary").group(2).state == "Active"
    assert set(lab.units["secondary"].ctx) == {"admin", "ctx1"}


def test_runs_are_byte_identical() -> None:
    script = ["@console secondary", "@crash primary", "@wait 40s", "enable", "", "show failover history"]
    assert run_lines(script)[0] == run_lines(script)[0]


def test_no_settle_starts_before_boot() -> None:
    lines, _ = run_lines(["show version", "@wait 31s", "show mode"], settle=False)
    # typing at a unit that is still booting does nothing; after the boot it answers
    assert lines == ["@wait 31s", "Beginning configuration replication: Sending to mate.",
                     "primary> show mode", "Security context mode: multiple"]


def test_messages_of_the_other_console_wait_for_it() -> None:
    lines, _ = run_lines(["@console secondary", "@console primary"])
    assert lines == [
        "@console secondary",
        "Beginning configuration replication from mate.",
        "End configuration replication from mate.",
        "@console primary",
        "Beginning configuration replication: Sending to mate.",
        "End Configuration Replication to mate",
    ]


def test_status_table() -> None:
    lab = Lab.load("example")
    lab.settle()
    lab.directive("@power off secondary")
    out = lab.directive("@status")
    assert out == [
        "lab example  12:00:34 UTC Jun 12 2024",
        "unit       power  role     failover  group 1  group 2",
        "primary    on     primary  on        Active   Standby Ready",
        "secondary  off    -        -         -        -",
        "failover link: primary folink up, secondary -",
        "state link:    primary folink, secondary -",
    ]
    assert max(map(len, out)) <= 80


def test_question_mark_in_a_script_shows_help_and_keeps_the_line() -> None:
    lines, _ = run_lines(["enable", "", "show fail?", "show failover gr?oup 1 | include This host"])
    assert lines[4:] == [
        "primary# show fail?",
        "failover",
        "primary# show failover gr?",
        "group",
        "primary# show failover group 1 | include This host",
        "  This host:    Primary",
    ]


def test_output_filters_in_user_exec_and_grep_abbreviation() -> None:
    lines, _ = run_lines(["show version | include ^Cisco", "enable", "",
                          "show mode | grep - multiple", "show mode | grep -v single"])
    assert lines[2:4] == ["primary> show version | include ^Cisco",
                          "Cisco Adaptive Security Appliance Software Version 9.1(7) <system>"]
    assert lines[6:] == ["primary# show mode | grep - multiple",
                         "primary# show mode | grep -v single", "Security context mode: multiple"]


def test_a_flash_write_moves_the_clock_by_the_time_it_reports() -> None:
    from asa_emulator.lab.lab import Lab
    from asa_emulator.transcript.runner import Runner
    lab = Lab.load("example")
    lab.settle()
    out: list[str] = []
    runner = Runner(lab, out.append)
    for line in ("enable", ""):
        runner.feed(line)
    before = lab.clock.now
    runner.feed("write memory")
    copied = next(ln for ln in out if " bytes copied in " in ln)
    secs = float(copied.split(" bytes copied in ")[1].split()[0])
    assert lab.clock.now - before == round(secs * 1000)


def test_help_lists_file_systems_and_options() -> None:
    from asa_emulator.lab.lab import Lab
    lab = Lab.load("blank")
    lab.settle()
    s = lab.console("primary")
    s.execute("enable")
    s.execute("")
    assert s.help("copy ")[:3] == ["  /noconfirm      Do not prompt for confirmation",
                                   "  disk0:          Copy from disk0: file system",
                                   "  flash:          Copy from flash: file system"]
    assert "  startup-config  Copy to startup configuration" in s.help("copy running-config ")
    assert s.help("delete ")[:2] == ["  /noconfirm  Do not prompt for confirmation",
                                     "  /recursive  Delete recursively"]
    assert s.complete("copy run") == ["running-config"]


def test_running_config_sections_of_the_defaults() -> None:
    lines, _ = run_lines(["enable", "", "show running-config console", "changeto context admin",
                          "show running-config mtu", "show running-config class-map"])
    assert lines[4:] == [
        "primary# show running-config console", "console timeout 0",
        "primary# changeto context admin",
        "primary/admin# show running-config mtu", "mtu outsideISP-A 1500", "mtu inside 1500",
        "primary/admin# show running-config class-map", "class-map inspection_default",
        " match default-inspection-traffic",
    ]
