"""A newcomer's first session with `asa-emulator lab`, through a real pseudo-terminal read by a
terminal emulator (tests/support/pty_screen.py): the screen as a person sees it."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.probes import cli
from tests.support.pty_screen import PtyScreen

F2, F3 = "\x1bOQ", "\x1bOR"
CTRL_D, CTRL_U = "\x04", "\x15"
TOOLBAR_PRIMARY = "example | console: primary | primary Active/Standby  secondary Standby/Active"


@pytest.fixture
def term() -> Iterator[PtyScreen]:
    screen = PtyScreen("lab")
    try:
        screen.wait_prompt("primary>")
        yield screen
    finally:
        screen.close()


def after(screen: PtyScreen, line: str) -> list[str]:
    """The screen's lines from the last one that is `line` on (empty lines dropped)."""
    lines = [ln for ln in screen.lines() if ln]
    at = len(lines) - 1 - lines[::-1].index(line)
    return lines[at:]


def test_first_session_commands_help_tab_and_paging(term: PtyScreen) -> None:
    term.wait_text(TOOLBAR_PRIMARY)
    bar = [ln for ln in term.lines()[term.screen.cursor.y + 1:] if ln]
    assert bar[0] == TOOLBAR_PRIMARY
    assert bar[1].startswith("failover link folink up | 12:00:")
    assert bar[1].endswith(" | F2 other  F3 split  ^Q quit  @help")
    term.send("enable\r")
    term.wait_prompt("Password:")
    term.send("\r")
    term.wait_prompt("primary#")
    term.send("show failover\r")
    term.wait_prompt("<--- More --->")
    term.send("q")
    term.wait_prompt("primary#")
    term.send("?")
    term.wait_text("  write      Write the running configuration")
    term.wait_prompt("primary#")
    term.send("show fail\t")
    term.wait_prompt("primary# show failover")
    term.send("state\r")            # Tab left a space after the word, as on an ASA
    term.wait_text("====Communication State===")
    term.wait_prompt("primary#")
    assert after(term, "primary# show failover state")[1] == "               State          Last Failure Reason      Date/Time"


def test_consoles_split_view_and_directives(term: PtyScreen) -> None:
    term.send(F2)
    term.wait_text("example | console: secondary |")
    assert after(term, "@console secondary")[1:3] == ["Beginning configuration replication from mate.",
                                                      "End configuration replication from mate."]
    term.send(F3)                               # side by side: both consoles, a bar between
    term.wait_text(" primary ")
    term.wait_for(lambda s: all(" primary " in ln and "| secondary (typing here)" in ln
                                for ln in s.lines()[:1]), "the two panes' titles")
    term.send(F3)                               # one above the other
    term.wait_for(lambda s: "-" * 100 in s.lines(), "the bar between the panes")
    term.send(F3)                               # the single view again, as it was
    term.wait_for(lambda s: "-" * 100 not in s.lines(), "the single view")
    term.wait_prompt("primary>")
    term.send("@help\r")
    term.wait_text("@reset                          power-cycle both units from saved flash, settle")
    term.wait_prompt("primary>")
    term.send("@status\r")
    term.wait_text("state link:    primary folink, secondary folink")
    term.wait_prompt("primary>")
    assert after(term, "primary> @status")[2:4] == [
        "unit       power  role       failover  group 1        group 2",
        "primary    on     primary    on        Active         Standby Ready"]


def test_ctrl_d_keeps_the_lab_and_quit_asks_about_unsaved_work(term: PtyScreen) -> None:
    term.send(CTRL_D)                           # an empty line: nothing happens
    term.send("enable\r\rconfigure terminal\rhostname trainee\r")
    term.wait_prompt("trainee(config)#")
    term.send("@quit\r")
    term.wait_prompt("Leave the lab anyway? [y/N]:")
    assert after(term, "trainee(config)# @quit")[1:5] == [
        "Configuration not saved (write memory saves it):", "  primary: system", "  secondary: system",
        "Leave the lab anyway? [y/N]:"]
    term.send("n\r")
    term.wait_prompt("trainee(config)#")
    term.send("@quit\r")
    term.wait_prompt("Leave the lab anyway? [y/N]:")
    term.send("y\r")
    assert term.wait_exit() == 0


def test_saved_work_is_kept_and_fresh_starts_over() -> None:
    first = PtyScreen("lab")
    try:
        first.wait_prompt("primary>")
        first.send("enable\r\rconfigure terminal\rhostname kept\rwrite memory\r")
        first.wait_prompt("kept(config)#")
        first.send("\x11")                      # Ctrl-Q: nothing unsaved, no question
        assert first.wait_exit() == 0
    finally:
        first.close()
    listed = cli("labs").stdout.decode().splitlines()
    assert listed[2].split()[:2] == ["example", "saved"]
    again = PtyScreen("lab")
    try:
        again.wait_prompt("kept>")
        again.send("\x11")
        assert again.wait_exit() == 0
    finally:
        again.close()
    fresh = PtyScreen("lab", "--fresh")
    try:
        fresh.wait_prompt("primary>")
        fresh.send("\x11")
        assert fresh.wait_exit() == 0
    finally:
        fresh.close()


def test_quiet_cpr_turns_cpr_off_without_a_word() -> None:
    from prompt_toolkit.application import Application
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.vt100 import Vt100_Output

    from asa_emulator.frontends.tui.cpr import quiet_cpr

    written = io.StringIO()
    output = Vt100_Output(written, lambda: Size(24, 80), enable_cpr=True)
    with create_pipe_input() as inp:
        app: Application[None] = quiet_cpr(Application(input=inp, output=output))
        app.renderer.cpr_not_supported_callback()     # type: ignore[misc]
    assert output.enable_cpr is False
    assert "WARNING" not in written.getvalue()


def test_keys_typed_while_the_unit_reboots_are_neither_shown_nor_run(tmp_path: Path) -> None:
    # a boot of ten virtual minutes: the real-time clock cannot end it during the test; @wait does
    lab = tmp_path / "lab"
    assert cli("init", str(lab)).returncode == 0
    toml = lab / "lab.toml"
    toml.write_text(toml.read_text().replace('boot_time = "30s"', 'boot_time = "10m"'))
    term = PtyScreen("lab", str(lab))
    try:
        term.wait_prompt("primary>")
        term.send("enable\r\rreload\r")
        term.wait_prompt("Proceed with reload? [confirm]")
        term.send("\r")
        term.wait_text("Rebooting... (status 0x9)")
        # words, Enter, history (Up, Ctrl-P), Tab, `?`, a search key, yank, a paste: nothing shows
        term.send("show clock\r\x1b[Aconf\tt\r?\x10/\x12\x19\x1b.")
        term.send("\x1b[200~show version\rshow clock\r\x1b[201~")
        term.send("@status\r")          # a line started with `@` is the lab's: typed, and run
        term.wait_text("state link:")
        term.send("@wait 10m\r")
        term.wait_prompt("primary>")
        lines = after(term, "Rebooting... (status 0x9)")
        assert lines[:3] == ["Rebooting... (status 0x9)", "..", "@status"]
        assert lines[4:9] == ["unit       power  role       failover  group 1        group 2",
                              "primary    on     -          -         -              -",
                              "secondary  on     secondary  on        Standby Ready  Active",
                              "failover link: primary -, secondary folink up",
                              "state link:    primary -, secondary folink"]
        assert lines[9:] == ["@wait 10m", "Launching BootLoader...",
                             "Boot configuration file contains 1 entry.",
                             "Loading disk0:/asa917-smp-k8.bin... Booting...", "Total NICs found: 7",
                             "Cisco Adaptive Security Appliance Software Version 9.1(7)",
                             "Reading from flash...", "!", lines[17],
                             "Type help or '?' for a list of available commands.", "primary>",
                             lines[-2], lines[-1]]       # the toolbar
        assert lines[-2].startswith("example | console: primary | primary ")
        # the loaded configuration's checksum in four groups (a real 9.8(4)22 console)
        assert re.fullmatch(r"Cryptochecksum \(unchanged\):( [0-9a-f]{8}){4}", lines[17])
    finally:
        term.close()


@pytest.mark.parametrize("bracketed", [True, False])
def test_a_pasted_200_line_configuration_runs_every_line_in_order(term: PtyScreen, bracketed: bool) -> None:
    lines = [x for i in range(100) for x in (f"object network o{i}", f" host 10.9.0.{i + 1}")]
    term.send("enable\r\rterminal pager 0\rchangeto context ctx1\rconfigure terminal\r")
    term.wait_prompt("primary/ctx1(config)#")
    text = "\r".join(lines) + "\r"
    term.send("\x1b[200~" + text + "\x1b[201~" if bracketed else text)
    term.wait_for(lambda s: b"host 10.9.0.100" in s.output
                  and s.cursor_line() == "primary/ctx1(config-network-object)#", "the last line run")
    term.send("end\rshow running-config object\r")
    term.wait_for(lambda s: s.cursor_line() == "primary/ctx1#"
                  and b"o99\r\n host 10.9.0.100" in s.output.split(b"show running-config object")[-1],
                  "the objects")
    shown = term.output.split(b"show running-config object")[-1].decode()
    assert shown.replace("\r", "").split("\n")[1:201] == lines
