"""Exact output of the failover `show` renderers, and a real parser (ntc-templates) reading it."""

from __future__ import annotations

from dataclasses import replace

from ntc_templates.parse import parse_output

from asa_emulator.failover.show.model import (
    DEFAULT_GROUP_STAT_NAMES,
    FailoverView,
    GroupView,
    HistoryEntry,
    HostView,
    IfaceView,
    LinkView,
    zero_stats,
)
from asa_emulator.failover.show.render import (
    format_poll,
    format_time,
    show_failover,
    show_failover_group,
    show_failover_history,
    show_failover_interface,
    show_failover_state,
    show_monitor_interface,
)

T1 = "13:40:18 UTC Dec 9 2004"
T2 = "13:40:06 UTC Dec 9 2004"
LAN = LinkView("folink", "GigabitEthernet0/1", "up", "10.0.4.1", "255.255.255.0", "10.0.4.11")


def _ifaces(last: str) -> tuple[IfaceView, ...]:
    return (
        IfaceView("admin", "outside", f"10.0.2.{last}", None, "Normal", "Monitored"),
        IfaceView("admin", "inside", f"10.0.3.{last}", None, "Normal", "Monitored"),
        IfaceView("ctx1", "outside", f"10.0.5.{last}", None, "Normal", "Waiting"),
        IfaceView("ctx1", "inside", None, "fe80::1", "No Link", "Not-Monitored"),
    )


def _aa_view(**changes: object) -> FailoverView:
    this = HostView(
        "Primary", (GroupView(1, "Active", 2896), GroupView(2, "Standby Ready", 0)),
        "ASA5520", "2.0", "9.1(7)", interfaces=_ifaces("1"), extra_slots=("slot 1: empty",),
    )
    other = HostView(
        "Secondary",
        (GroupView(1, "Standby Ready", 190),
         GroupView(2, "Active", 3322, "Ifc Failure", T2, ("ctx1 inside: No Link",))),
        "ASA5520", "2.0", "9.1(7)", interfaces=_ifaces("11"),
    )
    fields: dict[str, object] = {
        "enabled": True, "role": "Primary", "lan": LAN, "this": this, "other": other,
        "state_link": LAN, "monitored": 3, "version_ours": "9.1(7)", "version_mate": "9.1(7)",
        "group_last_failover": {1: T1, 2: T2}, "context_groups": {"admin": 1, "ctx1": 2},
        "stats": (("General", 1973, 0, 1895, 0), ("sys cmd", 380, 0, 380, 0),
                  ("TCP conn", 1435, 0, 1450, 0)),
        "queue": ((0, 1, 1895), (0, 0, 1940)),
        "group_stats": {1: zero_stats(DEFAULT_GROUP_STAT_NAMES[:2])},
    }
    fields.update(changes)
    return FailoverView(**fields)  # type: ignore[arg-type]


def _as_view() -> FailoverView:
    """Multi-context Active/Standby (no failover groups), 9.x-style optional lines."""
    this = HostView("Primary", (GroupView(1, "Active", 87),), "ASA5520", "2.0", "9.6(4)",
                    interfaces=_ifaces("1")[:2])
    other = HostView("Secondary", (GroupView(1, "Failed", 0, "Comm Failure", T1),),
                     "ASA5520", "2.0", "9.6(4)", present=False,
                     interfaces=(IfaceView("admin", "outside", "10.0.2.11", None,
                                           "Unknown", "Waiting"),))
    return FailoverView(
        enabled=True, role="Primary", lan=LAN, this=this, other=other, active_active=False,
        state_link=LAN,
        reconnect_timeout="0:00:00", unit_poll_ms=300, unit_hold_ms=999, if_poll_ms=800,
        if_hold_ms=5000, monitored=2, monitored_max=61, mac_move_notification="not set",
        replication_http=True, version_ours="9.6(4)", version_mate=None,
        serial_ours="JMX0000A000", serial_mate=None, last_failover=T1,
        stats=(("General", 0, 0, 0, 0),), config_state=("Sync Done",),
    )


AA_SHOW_FAILOVER = """\
Failover On $
Failover unit Primary
Failover LAN Interface: folink GigabitEthernet0/1 (up)
Unit Poll frequency 1 seconds, holdtime 15 seconds
Interface Poll frequency 5 seconds, holdtime 25 seconds
Interface Policy 1
Monitored Interfaces 3 of 250 maximum
Version: Ours 9.1(7), Mate 9.1(7)
Group 1 last failover at: 13:40:18 UTC Dec 9 2004
Group 2 last failover at: 13:40:06 UTC Dec 9 2004

  This host:    Primary
  Group 1       State:          Active
                Active time:    2896 (sec)
  Group 2       State:          Standby Ready
                Active time:    0 (sec)

                slot 0: ASA5520 hw/sw rev (2.0/9.1(7)) status (Up Sys)
                  admin Interface outside (10.0.2.1): Normal (Monitored)
                  admin Interface inside (10.0.3.1): Normal (Monitored)
                  ctx1 Interface outside (10.0.5.1): Normal (Waiting)
                  ctx1 Interface inside (0.0.0.0/fe80::1): No Link (Not-Monitored)
                slot 1: empty

  Other host:   Secondary
  Group 1       State:          Standby Ready
                Active time:    190 (sec)
  Group 2       State:          Active
                Active time:    3322 (sec)

                slot 0: ASA5520 hw/sw rev (2.0/9.1(7)) status (Up Sys)
                  admin Interface outside (10.0.2.11): Normal (Monitored)
                  admin Interface inside (10.0.3.11): Normal (Monitored)
                  ctx1 Interface outside (10.0.5.11): Normal (Waiting)
                  ctx1 Interface inside (0.0.0.0/fe80::1): No Link (Not-Monitored)

Stateful Failover Logical Update Statistics
        Link : folink GigabitEthernet0/1 (up)
        Stateful Obj    xmit       xerr       rcv        rerr      $
        General         1973       0          1895       0         $
        sys cmd         380        0          380        0         $
        TCP conn        1435       0          1450       0         $

        Logical Update Queue Information
                        Cur     Max     Total
        Recv Q:         0       1       1895
        Xmit Q:         0       0       1940"""

AS_SHOW_FAILOVER = """\
Failover On $
Failover unit Primary
Failover LAN Interface: folink GigabitEthernet0/1 (up)
Reconnect timeout 0:00:00
Unit Poll frequency 300 milliseconds, holdtime 999 milliseconds
Interface Poll frequency 800 milliseconds, holdtime 5 seconds
Interface Policy 1
Monitored Interfaces 2 of 61 maximum
MAC Address Move Notification Interval not set
failover replication http
Version: Ours 9.6(4), Mate Unknown
Serial Number: Ours JMX0000A000, Mate Unknown
Last Failover at: 13:40:18 UTC Dec 9 2004
        This host: Primary - Active $
                Active time: 87 (sec)
                slot 0: ASA5520 hw/sw rev (2.0/9.6(4)) status (Up Sys)
                  admin Interface outside (10.0.2.1): Normal (Monitored)
                  admin Interface inside (10.0.3.1): Normal (Monitored)
        Other host: Secondary - Failed $
                Active time: 0 (sec)
                  admin Interface outside (10.0.2.11): Unknown (Waiting)

Stateful Failover Logical Update Statistics
        Link : folink GigabitEthernet0/1 (up)
        Stateful Obj    xmit       xerr       rcv        rerr      $
        General         0          0          0          0         $

        Logical Update Queue Information
                        Cur     Max     Total
        Recv Q:         0       0       0
        Xmit Q:         0       0       0"""


def _text(lines: list[str]) -> str:
    return "\n".join(lines)


def _expect(block: str) -> str:
    """An expected block; a line's trailing blanks are written before a `$` end marker."""
    return "\n".join(line.removesuffix("$") for line in block.split("\n"))


# ----------------------------------------------------------------- formatting helpers

def test_format_time_is_utc_and_day_not_padded() -> None:
    assert format_time(1102599618000) == T1
    assert format_time(0) == "00:00:00 UTC Jan 1 1970"
    assert format_time(1102599618000, "MSK", 180) == "16:40:18 MSK Dec 9 2004"


def test_format_poll() -> None:
    assert format_poll(1000) == "1 seconds"
    assert format_poll(15000) == "15 seconds"
    assert format_poll(500) == "500 milliseconds"
    assert format_poll(999) == "999 milliseconds"


# ----------------------------------------------------------------- show failover

def test_show_failover_active_active_exact() -> None:
    assert _text(show_failover(_aa_view())) == _expect(AA_SHOW_FAILOVER)


def test_show_failover_active_standby_exact() -> None:
    assert _text(show_failover(_as_view())) == _expect(AS_SHOW_FAILOVER)


def test_show_failover_off_stops_after_header() -> None:
    v = _aa_view(enabled=False, role="Secondary", lan=None, reconnect_timeout="0:00:00",
                 mac_move_notification="not set", monitored=0)
    assert _text(show_failover(v)) == _expect("""\
Failover Off $
Failover unit Secondary
Failover LAN Interface: not Configured
Reconnect timeout 0:00:00
Unit Poll frequency 1 seconds, holdtime 15 seconds
Interface Poll frequency 5 seconds, holdtime 25 seconds
Interface Policy 1
Monitored Interfaces 0 of 250 maximum
MAC Address Move Notification Interval not set""")


def test_show_failover_no_state_link_and_no_failover_yet() -> None:
    lines = show_failover(_aa_view(state_link=None, group_last_failover={1: None, 2: None}))
    assert not any("last failover" in line for line in lines)
    assert lines[lines.index("Stateful Failover Logical Update Statistics") + 1] == (
        "        Link : Unconfigured.")


def test_ntc_template_parses_active_standby_output_as_is() -> None:
    parsed = parse_output(platform="cisco_asa", command="show failover",
                          data=_text(show_failover(_as_view())))
    assert len(parsed) == 1
    p = parsed[0]
    assert (p["state"], p["role"]) == ("On", "Primary")
    assert (p["lan_intf_name"], p["lan_intf"], p["lan_intf_state"]) == (
        "folink", "GigabitEthernet0/1", "up")
    assert (p["sw_version"], p["sw_version_mate"]) == ("9.6(4)", "Unknown")
    assert p["last_failover_time"] == ["13:40:18"]
    assert p["last_failover_month"] == ["Dec"]
    assert p["service_state"] == ["Active"]
    assert p["service_state_mate"] == ["Failed"]
    assert (p["ssp_slot"], p["ssp_model"], p["ssp_status"]) == (["0"], ["ASA5520"], ["Up"])
    assert p["interfaces_context"] == ["admin", "admin"]
    assert p["interfaces"] == ["outside", "inside"]
    assert p["interfaces_status"] == ["Normal", "Normal"]
    assert p["interfaces_state"] == ["Monitored", "Monitored"]
    assert p["interfaces_mate"] == ["outside"]
    assert (p["interfaces_status_mate"], p["interfaces_state_mate"]) == (["Unknown"], ["Waiting"])


def test_ntc_template_parses_active_active_output_with_indent_removed() -> None:
    # The template's own A/A fixture is the command-reference example with leading blanks
    # stripped; its ThisHost state anchors `^Group` at column 0 (see docs, section 3).
    text = "\n".join(line.lstrip() for line in show_failover(_aa_view()))
    p = parse_output(platform="cisco_asa", command="show failover", data=text)[0]
    assert (p["state"], p["role"], p["lan_intf_name"]) == ("On", "Primary", "folink")
    assert (p["sw_version"], p["sw_version_mate"]) == ("9.1(7)", "9.1(7)")
    assert p["failover_group"] == ["1", "2"]
    assert p["last_failover_time"] == ["13:40:18", "13:40:06"]
    assert p["service_state"] == ["Active", "Standby Ready"]
    assert p["service_state_mate"] == ["Standby Ready", "Active"]
    assert p["ssp_model"] == ["ASA5520"] and p["ssp_model_mate"] == ["ASA5520"]
    assert p["interfaces_context"] == ["admin", "admin", "ctx1", "ctx1"]
    assert p["interfaces"] == ["outside", "inside", "outside", "inside"]
    assert p["interfaces_status"] == ["Normal", "Normal", "Normal", "No Link"]
    assert p["interfaces_state"] == ["Monitored", "Monitored", "Waiting", "Not-Monitored"]
    assert p["interfaces_context_mate"] == ["admin", "admin", "ctx1", "ctx1"]


# ----------------------------------------------------------------- show failover group

def test_show_failover_group_exact() -> None:
    assert _text(show_failover_group(_aa_view(), 1)) == _expect("""\
Last Failover at: 13:40:18 UTC Dec 9 2004

  This host:    Primary
  State:        Active
                Active time: 2896 (sec)

                admin Interface outside (10.0.2.1): Normal (Monitored)
                admin Interface inside (10.0.3.1): Normal (Monitored)

  Other host:   Secondary
  State:        Standby Ready
                Active time: 190 (sec)

                admin Interface outside (10.0.2.11): Normal (Monitored)
                admin Interface inside (10.0.3.11): Normal (Monitored)

Stateful Failover Logical Update Statistics
        Status: Configured.
        Stateful Obj    xmit       xerr       rcv        rerr      $
        RPC services    0          0          0          0         $
        TCP conn        0          0          0          0         $""")


def test_show_failover_group_unknown_group_is_empty() -> None:
    assert show_failover_group(_aa_view(), 3) == []


# ----------------------------------------------------------------- show failover state

def test_show_failover_state_active_active_exact() -> None:
    assert _text(show_failover_state(_aa_view())) == """\

               State          Last Failure Reason      Date/Time
This host  -   Primary
   Group 1     Active         None
   Group 2     Standby Ready  None
Other host -   Secondary
   Group 1     Standby Ready  None
   Group 2     Active         Ifc Failure              13:40:06 UTC Dec 9 2004
                              ctx1 inside: No Link

====Configuration State===
        Sync Done
====Communication State===
        Mac set"""


def test_show_failover_state_active_standby_matches_real_layout() -> None:
    v = _as_view()
    this = HostView("Primary", (GroupView(1, "Active", 5, "Ifc Failure",
                                          "07:14:34 UTC Oct 10 2023",
                                          ("PROM inside: Failed", "PROM outside: Failed")),),
                    "ASA5520", "2.0", "9.6(4)")
    other = HostView("Secondary", (GroupView(1, "Standby Ready", 0),), "ASA5520", "2.0",
                     "9.6(4)")
    v = replace(v, this=this, other=other, config_state=("Sync Done", "Sync Done - STANDBY"))
    # Verbatim from a real 9.x device (tumanov-va/COD-Network-Design LAB-9), minus its indent.
    assert _text(show_failover_state(v)) == """\

               State          Last Failure Reason      Date/Time
This host  -   Primary
               Active         Ifc Failure              07:14:34 UTC Oct 10 2023
                              PROM inside: Failed
                              PROM outside: Failed
Other host -   Secondary
               Standby Ready  None

====Configuration State===
        Sync Done
        Sync Done - STANDBY
====Communication State===
        Mac set"""


# ----------------------------------------------------------------- show failover history

def test_show_failover_history_active_standby_matches_real_layout() -> None:
    entries = [
        HistoryEntry("12:34:21 UTC Jun 12 2015", None, "Standby Ready", "Just Active",
                     "Set by the config command"),
        HistoryEntry("12:34:21 UTC Jun 12 2015", None, "Active Config Applied", "Active",
                     "Set by the config command"),
    ]
    assert _text(show_failover_history(entries)) == """\
==========================================================================
From State                 To State                   Reason
==========================================================================
12:34:21 UTC Jun 12 2015
Standby Ready              Just Active                Set by the config command

12:34:21 UTC Jun 12 2015
Active Config Applied      Active                     Set by the config command
=========================================================================="""


def test_show_failover_history_active_active_has_group_column() -> None:
    entries = (
        HistoryEntry(T2, 1, "Not Detected", "Negotiation", "No Error"),
        HistoryEntry(T1, 2, "Negotiation", "Just Active", "No Active unit found"),
    )
    assert _text(show_failover_history(entries)) == """\
==========================================================================
Group From State                 To State                   Reason
==========================================================================
13:40:06 UTC Dec 9 2004
1     Not Detected               Negotiation                No Error

13:40:18 UTC Dec 9 2004
2     Negotiation                Just Active                No Active unit found
=========================================================================="""


def test_show_failover_history_empty() -> None:
    header = "From State                 To State                   Reason"
    assert show_failover_history([]) == ["=" * 74, header, "=" * 74, "=" * 74]


# ----------------------------------------------------------------- show failover interface

def test_show_failover_interface_primary_and_secondary() -> None:
    state = LinkView("statelink", "GigabitEthernet0/5", "up", "2001:db8::a", "127",
                     "2001:db8::b")
    expected_primary = """\
        interface folink GigabitEthernet0/1
                System IP Address: 10.0.4.1 255.255.255.0
                My IP Address    : 10.0.4.1
                Other IP Address : 10.0.4.11
        interface statelink GigabitEthernet0/5
                System IP Address: 2001:db8::a/127
                My IP Address    : 2001:db8::a
                Other IP Address : 2001:db8::b"""
    assert _text(show_failover_interface(_aa_view(state_link=state))) == expected_primary
    secondary = show_failover_interface(_aa_view(role="Secondary"))  # shared link: listed once
    assert _text(secondary) == """\
        interface folink GigabitEthernet0/1
                System IP Address: 10.0.4.1 255.255.255.0
                My IP Address    : 10.0.4.11
                Other IP Address : 10.0.4.1"""


def test_show_failover_interface_nothing_configured() -> None:
    assert show_failover_interface(_aa_view(lan=None, state_link=None)) == []


# ----------------------------------------------------------------- show monitor-interface

def test_show_monitor_interface_in_a_context_uses_its_group() -> None:
    v = _aa_view()
    assert _text(show_monitor_interface(v, "admin")) == """\
        This host: Primary - Active
                Interface outside (10.0.2.1): Normal (Monitored)
                Interface inside (10.0.3.1): Normal (Monitored)
        Other host: Secondary - Standby Ready
                Interface outside (10.0.2.11): Normal (Monitored)
                Interface inside (10.0.3.11): Normal (Monitored)"""
    assert _text(show_monitor_interface(v, "ctx1")) == """\
        This host: Primary - Standby Ready
                Interface outside (10.0.5.1): Normal (Waiting)
                Interface inside (0.0.0.0/fe80::1): No Link (Not-Monitored)
        Other host: Secondary - Active
                Interface outside (10.0.5.11): Normal (Waiting)
                Interface inside (0.0.0.0/fe80::1): No Link (Not-Monitored)"""


def test_show_monitor_interface_without_mate() -> None:
    v = _aa_view(other=None)
    assert show_monitor_interface(v, "admin")[0] == "        This host: Primary - Active"
    assert len(show_monitor_interface(v, "admin")) == 3
