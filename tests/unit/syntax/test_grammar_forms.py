"""Each form of a command that runs differently is its own alias with its own handler (issue
18): the handler is chosen by the grammar, not by a word switch inside one shared handler."""

from __future__ import annotations

import pytest

from asa_emulator.device.commands import HANDLERS
from asa_emulator.lab.lab import Lab
from asa_emulator.syntax.parser import parse_line

FORMS = [
    ("sys_exec", "show resource allocation", "show_resource_allocation"),
    ("sys_exec", "show resource usage", "show_resource_usage"),
    ("ctx_exec", "show interface", "show_interface"),
    ("ctx_exec", "show interface ip brief", "show_interface_ip_brief"),
    ("ctx_exec", "show conn", "show_conn"),
    ("ctx_exec", "show conn count", "show_conn_count"),
    ("ctx_exec", "show conn detail", "show_conn_detail"),
    ("sys_exec", "changeto context admin", "changeto_context"),
    ("sys_exec", "changeto system", "changeto_system"),
    ("ctx_config", "logging enable", "log_enable"),
    ("ctx_config", "no logging timestamp", "log_timestamp"),
    ("ctx_config", "logging standby", "log_standby"),
    ("ctx_config", "logging console 3", "log_console"),
    ("ctx_config", "no logging buffered", "log_buffered"),
    ("ctx_config", "logging trap warnings", "log_trap"),
    ("ctx_exec", "clear aaa local user lockout all", "clear_aaa_lockout"),
    ("ctx_exec", "clear aaa local user fail-attempts username bob", "clear_aaa_fail_attempts"),
    ("sys_config", "mac-address auto", "mac_address_auto"),
    ("sys_config", "no mac-address auto", "no_mac_address_auto"),
    ("sys_config", "pager lines 30", "pager_lines"),
    ("sys_config", "no pager", "no_pager"),
    ("sys_config", "hostname fw", "hostname"),
    ("sys_config", "no hostname", "no_hostname"),
]


@pytest.mark.parametrize(("mode", "line", "alias"), FORMS)
def test_each_form_is_its_own_alias_with_one_handler(mode: str, line: str, alias: str) -> None:
    Lab.load("example")                  # a lab registers every handler
    assert parse_line(mode, line).rule == alias
    assert alias in HANDLERS
    others = {a for _m, _l, a in FORMS if a != alias}
    assert all(HANDLERS[a] is not HANDLERS[alias] for a in others)


def test_the_split_forms_still_do_what_they_did() -> None:
    lab = Lab.load("example")
    lab.settle()
    s = lab.open_session("primary")
    for line in ("enable", "", "configure terminal", "hostname fw1", "pager lines 30",
                 "mac-address auto prefix 7", "no hostname", "no pager", "no mac-address auto",
                 "changeto context admin", "logging console 3", "no logging timestamp",
                 "logging trap warnings", "no logging console"):
        assert s.execute(line) == [], line
    u = lab.units["primary"]
    assert (u.sys.hostname, u.sys.pager_lines, u.sys.mac_auto) == ("ciscoasa", 0, False)
    log = u.ctx["admin"].logging
    assert (log.console, log.trap, log.timestamp) == (None, 4, False)
    assert s.execute("changeto system") == []
    assert s.state.context is None and s.state.mode == "sys_config"
