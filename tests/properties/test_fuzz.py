"""Random and malformed lines in every command mode (hypothesis).

Two properties, on one emulated unit with a system space and two contexts:
  * no exception escapes Session.execute, whatever is typed (answers to questions included);
  * a line that printed an error leaves the rendered running-configuration (system space and
    every context) exactly as it was.
"""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import asa_emulator.device.handlers  # noqa: F401  (registers the command handlers)
import asa_emulator.failover.commands  # noqa: F401  (and the failover commands')
from asa_emulator.device.session import ModeState, Session
from asa_emulator.device.unit import Unit
from asa_emulator.lab.lab import Lab
from asa_emulator.syntax.grammar import load

START_MS = 1_718_193_600_000     # 2024-06-12 12:00:00 UTC

SETUP = [
    "hostname fw", "interface GigabitEthernet0/2", " no shutdown", "interface GigabitEthernet0/3.10",
    " vlan 10", "failover group 1", "failover group 2", "admin-context admin", "context admin",
    " allocate-interface GigabitEthernet0/2", " allocate-interface GigabitEthernet0/3.10 inside",
    " config-url disk0:/admin.cfg", "context ctx1", " allocate-interface GigabitEthernet0/4 outside",
    " allocate-interface GigabitEthernet0/5", " config-url disk0:/ctx1.cfg", " join-failover-group 2",
]
ADMIN = ["interface GigabitEthernet0/2", " nameif outside", " ip address 10.0.0.1 255.255.255.0 standby 10.0.0.2",
         " asr-group 3", "interface inside", " nameif inside", " ip address 10.1.0.1 255.255.255.0"]

# (mode, context, sub-mode target)
MODES = [
    ("sys_user", None, None), ("sys_exec", None, None), ("sys_config", None, None),
    ("sys_if", None, "GigabitEthernet0/2"), ("sys_if", None, "GigabitEthernet0/3.10"),
    ("sys_ctx", None, "admin"), ("sys_ctx", None, "ctx1"), ("sys_fover_group", None, 2),
    ("ctx_user", "admin", None), ("ctx_exec", "admin", None), ("ctx_config", "admin", None),
    ("ctx_if", "admin", "GigabitEthernet0/2"), ("ctx_if", "admin", "inside"),
    ("ctx_config", "ctx1", None), ("ctx_if", "ctx1", "outside"),
]

KEYWORDS = sorted(set(load().keywords.values()))
VALUES = ["0", "1", "2", "32", "33", "100", "4094", "65536", "10.0.0.3", "10.0.0.0", "10.1.0.1",
          "255.255.255.0", "255.0.255.0", "300.1.1.1", "2001:db8::1/64", "2001:db8::2", "fe80::1",
          "0011.2233.4455", "g0/2", "gig0/4", "GigabitEthernet", "0/5", "Management0/0",
          "GigabitEthernet0/3.10", "inside", "outside", "admin", "ctx1", "nope", "disk0:/x.cfg",
          "flash:/admin.cfg", "tftp://1.2.3.4/x", "running-config", "startup-config", "/noconfirm",
          "system", "|", "include", "-", "?", "\t", "é", "x" * 70]
TYPED = [
    "show running-config", "show run all", "show startup-config", "write memory", "write memory all",
    "copy running-config startup-config", "copy /noconfirm running-config disk0:/r.cfg",
    "copy /noconfirm disk0:/r.cfg running-config", "mkdir /noconfirm d", "delete /noconfirm disk0:/r.cfg",
    "more disk0:/r.cfg", "dir", "changeto context admin", "changeto context ctx1", "changeto system",
    "configure terminal", "end", "exit", "disable", "enable", "no context ctx1", "context c3",
    "no allocate-interface GigabitEthernet0/2", "allocate-interface GigabitEthernet0/2 inside",
    "ip address 10.0.0.9 255.255.255.0 standby 10.0.1.9", "asr-group 3", "nameif inside",
    "no nameif", "monitor-interface outside", "no monitor-interface inside", "firewall transparent",
    "mac-address auto prefix 5", "interface GigabitEthernet0/3.20", "vlan 20", "mode single",
    "admin-context ctx1", "join-failover-group 1", "show interface", "show ip address", "show context",
    "terminal pager 0", "write terminal", "show version", "show mode", "write erase",
    "changeto context c3", "copy running-config startup-config", "copy startup-config running-config",
    "show startup-config", "reload", "y", "s", "c", "tftp://1.2.3.4/x", "",
]

word = st.one_of(st.sampled_from(KEYWORDS), st.sampled_from(VALUES),
                 st.text(alphabet=string.ascii_letters + string.digits + "-./:|?", min_size=1, max_size=8))
line = st.one_of(
    st.sampled_from(TYPED),
    st.lists(word, min_size=1, max_size=6).map(" ".join),
    st.tuples(st.sampled_from(TYPED), st.integers(0, 40), word).map(
        lambda t: t[0][:t[1]] + t[2] + t[0][t[1]:]),          # a typo somewhere in a real command
    st.text(max_size=30),
)


def make_unit() -> Unit:
    """The blank lab's primary: a unit as every front end has it, with the lab's traffic
    engine attached (a bare Unit left the connection and capture commands to whichever
    test had loaded a lab before: their handlers are registered process-wide)."""
    lab = Lab.load("blank", in_memory=True)
    lab.settle()
    u = lab.units["primary"]
    assert not u.spaces.apply_system(SETUP)
    assert not u.spaces.apply_context("admin", ADMIN)
    return u


def rendered(u: Unit) -> list[str]:
    out = u.spaces.running_config(None)
    for name in u.ctx:
        out += u.spaces.running_config(name)
    return out


def session_in(u: Unit, mode: tuple[str, str | None, object]) -> Session:
    s = Session(u, "console")
    s.state = ModeState(mode[0], mode[1], mode[2])       # type: ignore[arg-type]
    return s


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mode=st.sampled_from(MODES), lines=st.lists(line, min_size=1, max_size=8))
def test_no_exception_and_rejected_lines_change_nothing(mode: tuple[str, str | None, object],
                                                        lines: list[str]) -> None:
    u = make_unit()
    s = session_in(u, mode)
    for text in lines:
        if not u.up:
            break
        before = rendered(u)
        asked = s.question is not None
        out = s.execute(text)
        assert all(isinstance(x, str) for x in out)
        if any(x.startswith(("ERROR:", "%Error")) for x in out) and not asked:
            assert rendered(u) == before, (mode, text, out)
        assert isinstance(s.prompt(), str)
        assert all(isinstance(x, str) for x in s.help(text) + s.complete(text))
