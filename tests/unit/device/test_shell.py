"""The shell of one unit: modes and prompts, enable/disable, changeto, abbreviations, the ASA's
error messages with the exact `^` column, `?` help and Tab completion (all from the grammar)."""

from __future__ import annotations

import pytest

import asa_emulator.device.handlers  # noqa: F401  (registers the command handlers)
import asa_emulator.failover.commands  # noqa: F401  (and the failover commands')
from asa_emulator.device.flash import Flash
from asa_emulator.device.hardware import Hardware
from asa_emulator.device.session import Session
from asa_emulator.device.unit import Unit
from asa_emulator.lab.clock import Clock
from asa_emulator.syntax.parser import CommandError, parse

START_MS = 1_718_193_600_000     # 2024-06-12 12:00:00 UTC
INVALID = "ERROR: % Invalid input detected at '^' marker."
INCOMPLETE = "ERROR: % Incomplete command"


def new_unit() -> Unit:
    u = Unit("primary", Hardware(), Flash(), Clock(START_MS), sessions=Session)
    u.powered = True
    u.boot()
    return u


def run(s: Session, *lines: str) -> list[str]:
    out: list[str] = []
    for line in lines:
        out += s.execute(line)
    return out


@pytest.fixture
def unit() -> Unit:
    """A unit with the seed's contexts: admin (Gi0/2, Gi0/3) and ctx1 (Gi0/4 as `outside`, Gi0/5)."""
    u = new_unit()
    assert u.spaces.apply_system([
        "failover group 1", "failover group 2", " secondary", "admin-context admin", "context admin",
        " allocate-interface GigabitEthernet0/2", " allocate-interface GigabitEthernet0/3",
        " config-url disk0:/admin.cfg", "context ctx1", " allocate-interface GigabitEthernet0/4 outside",
        " allocate-interface GigabitEthernet0/5", " config-url disk0:/ctx1.cfg", " join-failover-group 2",
    ]) == []
    assert u.spaces.apply_context("admin", ["interface GigabitEthernet0/2", " nameif outsideISP-A",
                                     "interface GigabitEthernet0/3", " nameif inside"]) == []
    return u


@pytest.fixture
def s(unit: Unit) -> Session:
    """The console, in privileged EXEC of the system space."""
    con = unit.console
    run(con, "enable", "")
    assert con.prompt() == "ciscoasa# "
    return con


# ============================================================================ modes and prompts
def test_prompts_of_every_mode(s: Session) -> None:
    seen = []
    for line in ["configure terminal", "interface GigabitEthernet0/1", "exit", "context admin",
                 "failover group 1", "changeto context admin", "interface GigabitEthernet0/2", "end",
                 "disable"]:
        assert s.execute(line) == []
        seen.append(s.prompt())
    assert seen == [
        "ciscoasa(config)# ", "ciscoasa(config-if)# ", "ciscoasa(config)# ", "ciscoasa(config-ctx)# ",
        "ciscoasa(config-fover-group)# ", "ciscoasa/admin(config)# ", "ciscoasa/admin(config-if)# ",
        "ciscoasa/admin# ", "ciscoasa/admin> ",
    ]


def test_user_mode_enable_with_the_default_empty_password() -> None:
    con = new_unit().console
    assert con.prompt() == "ciscoasa> "
    assert con.execute("enable") == []
    assert con.prompt() == "Password: " and con.expects_secret()
    assert con.execute("") == []
    assert con.prompt() == "ciscoasa# "


def test_enable_password_is_honoured(s: Session) -> None:
    run(s, "configure terminal", "enable password cisco123", "end", "disable")
    assert s.prompt() == "ciscoasa> "
    assert run(s, "enable", "wrong") == ["Invalid password"]
    assert s.prompt() == "ciscoasa> "
    assert run(s, "enable", "cisco123") == []
    assert s.prompt() == "ciscoasa# "
    assert [ln for ln in s.unit.spaces.running_config() if ln.startswith("enable")] == [
        "enable password 9jNfZuG3TC5tCVH0 encrypted"]  # the ASA's form of cisco123


def test_hostname_changes_the_prompt_at_once(s: Session) -> None:
    assert run(s, "conf t", "hostname fw1") == []
    assert s.prompt() == "fw1(config)# "
    assert run(s, "no hostname") == []
    assert s.prompt() == "ciscoasa(config)# "


def test_exit_end_quit(s: Session) -> None:
    run(s, "configure terminal", "interface GigabitEthernet0/1")
    assert s.execute("exit") == [] and s.prompt() == "ciscoasa(config)# "
    run(s, "context admin")
    assert s.execute("end") == [] and s.prompt() == "ciscoasa# "
    run(s, "configure terminal", "failover group 2")
    assert s.execute("quit") == [] and s.prompt() == "ciscoasa(config)# "
    assert s.execute("exit") == [] and s.prompt() == "ciscoasa# "
    assert s.execute("exit") == ["", "Logoff", "", "Type help or '?' for a list of available commands."]
    assert s.prompt() == "ciscoasa> "


def test_a_parent_mode_command_typed_in_a_sub_mode_runs_in_the_parent(s: Session) -> None:
    run(s, "configure terminal", "interface GigabitEthernet0/1")
    assert s.execute("context ctx1") == []
    assert s.prompt() == "ciscoasa(config-ctx)# "
    assert s.execute("interface GigabitEthernet0/0") == []
    assert s.prompt() == "ciscoasa(config-if)# "


def test_ssh_session_closes_on_exit(unit: Unit) -> None:
    ssh = Session(unit, "ssh")
    assert ssh.execute("exit") == [] and ssh.closed()


# ============================================================================ changeto
def test_changeto_from_privileged_and_configuration_modes(s: Session) -> None:
    assert s.execute("changeto context ctx1") == []
    assert s.prompt() == "ciscoasa/ctx1# "
    assert s.execute("changeto system") == [] and s.prompt() == "ciscoasa# "
    run(s, "configure terminal", "context admin")
    assert s.execute("changeto context admin") == []
    assert s.prompt() == "ciscoasa/admin(config)# "
    assert s.execute("interface GigabitEthernet0/3") == []
    assert s.execute("changeto context ctx1") == [] and s.prompt() == "ciscoasa/ctx1(config)# "
    assert s.execute("changeto system") == [] and s.prompt() == "ciscoasa(config)# "


def test_changeto_an_unknown_context(s: Session) -> None:
    assert s.execute("changeto context GLOBAL") == ["ERROR: 'GLOBAL' is not valid"]
    assert s.prompt() == "ciscoasa# "


def test_changeto_is_not_a_user_mode_command(unit: Unit) -> None:
    con = unit.console
    assert con.execute("changeto system") == [" " * 10 + "^", INVALID]


def test_a_session_in_a_removed_context_is_back_in_the_system(unit: Unit, s: Session) -> None:
    other = Session(unit, "ssh")
    run(other, "enable", "", "changeto context ctx1")
    assert other.prompt() == "ciscoasa/ctx1# "
    assert run(s, "configure terminal", "no context ctx1") == []
    assert other.execute("show running-config") == unit.spaces.running_config(None)
    assert other.prompt() == "ciscoasa# "


# ============================================================================ abbreviations
@pytest.mark.parametrize(("mode", "typed", "full"), [
    ("sys_exec", "sh run", "show running-config"),
    ("sys_exec", "conf t", "configure terminal"),
    ("sys_exec", "wr mem", "write memory"),
    ("sys_exec", "sh ver", "show version"),
    ("sys_exec", "SH RUN", "show running-config"),
    ("sys_config", "int g0/1", "interface GigabitEthernet0/1"),
    ("sys_config", "int gig0/1", "interface GigabitEthernet0/1"),
    ("sys_config", "interface GigabitEthernet 0/1", "interface GigabitEthernet0/1"),
    ("sys_config", "interface gigabitethernet0/1.100", "interface GigabitEthernet0/1.100"),
    ("sys_ctx", "alloc gig 0/2 outside vis", "allocate-interface GigabitEthernet0/2 outside visible"),
    ("sys_ctx", "join 2", "join-failover-group 2"),
    ("ctx_if", "ip add 10.0.0.1 255.255.255.0 stand 10.0.0.2",
     "ip address 10.0.0.1 255.255.255.0 standby 10.0.0.2"),
    ("ctx_if", "sec 100", "security-level 100"),
    ("ctx_config", "mon outside", "monitor-interface outside"),
])
def test_unique_prefixes_parse_like_the_full_command(mode: str, typed: str, full: str) -> None:
    def shape(tree):  # type: ignore[no-untyped-def]
        sub = tree.children[0]
        return sub.data, [t.type for t in sub.scan_values(lambda v: True)]
    assert shape(parse(mode, typed)) == shape(parse(mode, full))


def test_abbreviated_interface_names_reach_the_same_interface(s: Session) -> None:
    for typed in ("int g0/1", "int gig0/1", "interface GigabitEthernet 0/1", "in GIGABITETHERNET0/1"):
        run(s, "configure terminal", typed)
        assert s.state.target == "GigabitEthernet0/1", typed
        run(s, "end")


# ============================================================================ errors and `^`
@pytest.mark.parametrize(("lines", "line", "caret"), [
    ([], "show cdp neighbors", 16),                 # `show c` matches, `cd` does not
    ([], "show running-config cdp", 31),
    ([], "shw version", 12),
    ([], "show versoin", 19),
    ([], "configure terminl", 26),
    ([], "changeto context", None),
    (["configure terminal"], "interface GigabitEthernet0/9", 28),
    (["configure terminal"], "hostnme x", 23),
    (["configure terminal"], "interface bogus0/1", 28),
    (["configure terminal", "context admin"], "allocate-interface GigabitEthernet0/7", 41),
    (["configure terminal", "context admin"], "join-failover-group 3", 42),
    (["changeto context admin"], "show interfce", 27),
    (["changeto context admin", "configure terminal"], "interface GigabitEthernet0/4", 34),
    (["changeto context admin", "configure terminal"], "monitor-interface outside", 42),
    (["changeto context admin", "configure terminal", "interface GigabitEthernet0/2"],
     "ip address 10.0.0.256 255.255.255.0", 38),
    (["changeto context admin", "configure terminal", "interface GigabitEthernet0/2"],
     "security-level 101", 42),
    (["changeto context admin", "configure terminal", "interface GigabitEthernet0/2"], "asr-group 33", 37),
])
def test_invalid_input_marks_the_first_bad_character(s: Session, lines: list[str], line: str,
                                                      caret: int | None) -> None:
    run(s, *lines)
    prompt = s.prompt()
    out = s.execute(line)
    if caret is None:
        assert out == [INCOMPLETE]
    else:
        assert out == [" " * caret + "^", INVALID], prompt + line
        assert caret >= len(prompt)


def test_the_caret_column_counts_the_prompt(s: Session) -> None:
    # reference 4a: `HQ-FW1# show cdp neighbors` puts the caret 14 characters in
    run(s, "configure terminal", "hostname HQ-FW1", "end")
    assert s.execute("show cdp neighbors") == [" " * 14 + "^", INVALID]


@pytest.mark.parametrize("line", ["show", "sh", "write", "changeto", "copy running-config",
                                  "show failover group"])
def test_incomplete_commands(s: Session, line: str) -> None:
    assert s.execute(line) == [INCOMPLETE]


@pytest.mark.parametrize(("line", "message"), [
    ("c", 'ERROR: % Ambiguous command:  "c"'),
    ("sh f", 'ERROR: % Ambiguous command:  "sh f"'),
    ("d", 'ERROR: % Ambiguous command:  "d"'),
])
def test_ambiguous_commands(s: Session, line: str, message: str) -> None:
    assert s.execute(line) == [message]


def test_terminal_length_is_not_an_asa_command(s: Session) -> None:
    # scripts detect an ASA this way (reference 4a)
    assert s.execute("terminal length 0") == [" " * 19 + "^", INVALID]
    assert s.execute("terminal pager 0") == []
    assert s.pager_lines() == 0


def test_semantic_errors(s: Session) -> None:
    run(s, "changeto context admin", "configure terminal", "interface GigabitEthernet0/2")
    assert s.execute("ip address 192.168.1.1 255.255.255.0 standby 192.168.2.2") == [
        "ERROR: Standby address 192.168.2.2 is not on the same subnet as the active address"]
    assert s.execute("asr-group 1") == []
    run(s, "interface GigabitEthernet0/3")
    assert s.execute("asr-group 1") == [
        "ERROR: Interface outsideISP-A is already a member of ASR group 1"]
    assert s.execute("asr-group 2") == []


def test_rejected_lines_do_not_parse() -> None:
    with pytest.raises(CommandError) as exc:
        parse("sys_exec", "show cdp")
    assert (exc.value.kind, exc.value.col) == ("invalid", 6)


# ============================================================================ `?` help
def test_help_after_a_word(s: Session) -> None:
    assert s.help("changeto ") == [
        "  context  Change to a user context",
        "  system   Change to the system execution space",
    ]
    assert s.help("changeto context ") == ["  admin  Context name", "  ctx1   Context name"]
    assert s.help("show failover ") == [
        "  descriptions  Show failover interface descriptions",
        "  descriptor    Show failover interface descriptors",
        "  exec          Show failover exec mode",
        "  group         Show failover group information",
        "  history       Show failover switching history",
        "  interface     Show failover command interface information",
        "  state         Show failover internal state information",
        "  statistics    Show failover link statistics",
        "  |             Output modifiers",
        "  <cr>",
    ]
    assert s.help("show failover group ") == ["  <1-2>  Failover group ID"]
    assert s.help("write ") == [
        "  erase     Erase startup-config",
        "  memory    Write configuration to file system",
        "  net       Write to network TFTP server",
        "  standby   Write configuration to standby unit",
        "  terminal  Write to terminal",
    ]
    assert s.help("write memory ") == ["  all  Save system and all contexts", "  <cr>"]


def test_help_of_interfaces_and_names(s: Session) -> None:
    run(s, "configure terminal")
    assert s.help("interface ") == ["  GigabitEthernet  GigabitEthernet IEEE 802.3z",
                                    "  Management       Management interface"]
    assert s.help("interface GigabitEthernet ") == [
        "  <slot/port>  Interface number, such as 0/1, or 0/1.100 for a subinterface"]
    run(s, "changeto context ctx1")
    assert s.help("interface ") == ["  outside             Name of interface GigabitEthernet0/4",
                                    "  GigabitEthernet0/5  Name of interface GigabitEthernet0/5"]
    run(s, "changeto context admin")
    assert s.help("monitor-interface ") == ["  outsideISP-A  Name of interface GigabitEthernet0/2",
                                            "  inside        Name of interface GigabitEthernet0/3"]


def test_help_after_a_partial_word(s: Session) -> None:
    assert s.help("c") == ["cd  changeto  clear  clock  configure  copy"]
    assert s.help("show ru") == ["running-config"]
    assert s.help("changeto context c") == ["ctx1"]
    assert s.help("show xyz") == ["ERROR: % Unrecognized command"]
    run(s, "configure terminal")
    assert s.help("interface g") == ["GigabitEthernet"]


def test_help_in_a_context_interface(s: Session) -> None:
    run(s, "changeto context admin", "configure terminal", "interface GigabitEthernet0/2")
    assert s.help("ip address 10.0.0.1 255.255.255.0 ") == ["  standby  Standby IP address", "  <cr>"]
    assert s.help("asr-group ") == ["  <1-32>  ASR group ID"]
    assert s.help("security-level ") == ["  <0-100>  Security level"]


def test_help_of_a_bad_line_is_the_error(s: Session) -> None:
    assert s.help("show cdp ") == [" " * 16 + "^", INVALID]


# ============================================================================ Tab completion
@pytest.mark.parametrize(("mode_lines", "line", "words"), [
    ([], "sh", ["show"]),
    ([], "show run", ["running-config"]),
    ([], "co", ["configure", "copy"]),
    ([], "changeto context ", ["admin", "ctx1"]),
    ([], "changeto s", ["system"]),
    ([], "show cdp", []),
    (["configure terminal"], "int", ["interface"]),
    (["configure terminal"], "interface m", ["Management"]),
    (["configure terminal"], "mac-address auto ", ["prefix"]),
    (["changeto context ctx1", "configure terminal"], "interface o", ["outside"]),
])
def test_tab_completion(s: Session, mode_lines: list[str], line: str, words: list[str]) -> None:
    run(s, *mode_lines)
    assert s.complete(line) == words


def test_no_help_or_completion_while_a_question_is_pending(unit: Unit) -> None:
    con = unit.console
    con.execute("enable")
    assert con.help("") == [] and con.complete("sh") == []
