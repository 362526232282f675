"""Running-config round trip (hypothesis): a random configuration, typed on one unit, is
rendered; the rendering executed on a factory-fresh unit renders to exactly the same text.

The same holds for a saved configuration booted by `reload`: startup-config and context
config-url files rebuild what was saved.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import asa_emulator.device.handlers  # noqa: F401  (registers the command handlers)
import asa_emulator.failover.commands  # noqa: F401  (and the failover commands')
from asa_emulator.device.flash import Flash
from asa_emulator.device.hardware import Hardware
from asa_emulator.device.session import Session
from asa_emulator.device.unit import Unit
from asa_emulator.lab.clock import Clock

START_MS = 1_718_193_600_000     # 2024-06-12 12:00:00 UTC
PHYS = ("GigabitEthernet0/0", "GigabitEthernet0/2", "GigabitEthernet0/3", "GigabitEthernet0/4",
        "GigabitEthernet0/5", "Management0/0")
NAMES = ("inside", "outside", "dmz", "outsideISP-A", "mgmt", "link1")
CONTEXTS = ("admin", "ctx1", "ctx2")

octet = st.integers(1, 254)


def _words(*parts: str) -> str:
    return " ".join(p for p in parts if p)


# ------------------------------------------------------------------ system space
@st.composite
def sys_interface(draw: st.DrawFn) -> list[str]:
    phys = draw(st.sampled_from(PHYS))
    sub = draw(st.one_of(st.none(), st.integers(1, 300)))
    lines = [f"interface {phys}" + (f".{sub}" if sub else "")]
    if sub:
        lines.append(f" vlan {draw(st.integers(1, 4094))}")
    if draw(st.booleans()):
        lines.append(" description " + draw(st.sampled_from(["uplink", "LAN/STATE Failover Interface",
                                                              "to core  switch", "x"])))
    if draw(st.booleans()):
        a, b = draw(st.integers(0, 0xffff)), draw(st.integers(0, 0xffff))
        lines.append(f" mac-address 0000.{a:04x}.{b:04x}"
                     + (f" standby 0000.{b:04x}.{a:04x}" if draw(st.booleans()) else ""))
    lines.append(draw(st.sampled_from([" shutdown", " no shutdown", ""])))
    return [ln for ln in lines if ln]


@st.composite
def context_def(draw: st.DrawFn, name: str) -> list[str]:
    lines = [f"context {name}"]
    if draw(st.booleans()):
        lines.append(f" description {draw(st.sampled_from(['admin', 'context 1', 'customer A']))}")
    for phys in draw(st.lists(st.sampled_from(PHYS), max_size=3, unique=True)):
        mapped = draw(st.one_of(st.none(), st.sampled_from(["outside", "inside", "dmz"])))
        vis = draw(st.sampled_from(["", "visible", "invisible"]))
        lines.append(" " + _words("allocate-interface", phys, mapped or "", vis))
    if draw(st.booleans()):
        lines.append(f" config-url disk0:/{name}.cfg")
    if draw(st.booleans()):
        lines.append(f" join-failover-group {draw(st.integers(1, 2))}")
    return lines


@st.composite
def system_config(draw: st.DrawFn) -> list[str]:
    lines = [f"hostname {draw(st.sampled_from(['ciscoasa', 'primary', 'fw-1']))}"]
    if draw(st.booleans()):
        lines.append(f"enable password {draw(st.sampled_from(['cisco123', 'Secret!9']))}")
    lines.append(draw(st.sampled_from(["mac-address auto", "no mac-address auto", "mac-address auto prefix 7", ""])))
    if draw(st.booleans()):
        lines.append(f"pager lines {draw(st.integers(0, 100))}")
    lines += [ln for block in draw(st.lists(sys_interface(), max_size=6)) for ln in block]
    if draw(st.booleans()):
        lines += ["failover group 1", "failover group 2", " secondary"]
    ctxs = draw(st.lists(st.sampled_from(CONTEXTS), max_size=3, unique=True))
    if ctxs and draw(st.booleans()):
        lines.append(f"admin-context {ctxs[0]}")
    for name in ctxs:
        lines += draw(context_def(name))
    return [ln for ln in lines if ln]


# ------------------------------------------------------------------ a context
@st.composite
def ctx_config(draw: st.DrawFn, interfaces: list[str]) -> list[str]:
    lines: list[str] = []
    if draw(st.integers(0, 5)) == 0:
        lines.append("firewall transparent")
    if draw(st.booleans()):
        lines.append(f"hostname {draw(st.sampled_from(['SecAppA', 'SecAppB', 'c1']))}")
    if draw(st.booleans()):
        lines.append("enable password ctxpass")
    net = draw(st.integers(1, 200))
    for i, itf in enumerate(interfaces):
        lines.append(f"interface {itf}")
        if draw(st.booleans()):
            lines.append(f" nameif {draw(st.sampled_from(NAMES))}")
        if draw(st.booleans()):
            lines.append(f" security-level {draw(st.integers(0, 100))}")
        if draw(st.booleans()):
            stby = f" standby 10.{net}.{i}.{draw(octet)}" if draw(st.booleans()) else ""
            lines.append(f" ip address 10.{net}.{i}.{draw(octet)} 255.255.255.0{stby}")
        if draw(st.integers(0, 3)) == 0:
            lines.append(f" ipv6 address 2001:db8:{i}::1/64" + (f" standby 2001:db8:{i}::2" if draw(st.booleans()) else ""))
        if draw(st.booleans()):
            lines.append(f" asr-group {draw(st.integers(1, 32))}")
        if draw(st.integers(0, 3)) == 0:
            lines.append(draw(st.sampled_from([" shutdown", " description outside link", " no nameif"])))
    for _ in range(draw(st.integers(0, 2))):
        lines.append(draw(st.sampled_from(["", "no "])) + f"monitor-interface {draw(st.sampled_from(NAMES))}")
    if draw(st.booleans()):
        lines.append(f"pager lines {draw(st.integers(0, 60))}")
    return lines


# ------------------------------------------------------------------ helpers
def new_unit(flash: Flash | None = None, factory: bool = True) -> Unit:
    u = Unit("primary", Hardware(), flash or Flash(), Clock(START_MS), sessions=Session)
    u.powered = True
    u.boot()
    if not factory:
        u.spaces.reset_config(factory=False)      # as before loading a configuration
    return u


def everything(u: Unit) -> list[str]:
    out = u.spaces.running_config(None)
    for name in u.ctx:
        out += [f"== {name}"] + u.spaces.running_config(name)
    return out


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_render_execute_render_is_identical(data: st.DataObject) -> None:
    a = new_unit()
    a.spaces.apply_system(data.draw(system_config()))
    for name in a.ctx:
        a.spaces.apply_context(name, data.draw(ctx_config(list(a.ctx[name].interfaces))))
    text = everything(a)

    b = new_unit(factory=False)
    assert b.spaces.apply_system(a.spaces.config_body(None)) == []
    for name in a.ctx:
        assert b.spaces.apply_context(name, a.spaces.config_body(name)) == []
    assert everything(b) == text


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_write_memory_all_then_boot_restores_everything(data: st.DataObject) -> None:
    from asa_emulator.device.handlers.files import write_all
    u = new_unit()
    u.spaces.apply_system(data.draw(system_config()))
    for name in u.ctx:
        u.spaces.apply_context(name, data.draw(ctx_config(list(u.ctx[name].interfaces))))
    write_all(u)
    system = u.spaces.running_config(None)
    saved = {n: u.spaces.running_config(n) for n in u.ctx if u.spaces.startup_path(n)}
    empty = [n for n in u.ctx if not u.spaces.startup_path(n)]
    u.power_off()
    u.powered = True
    u.boot()                               # boots from the startup-config and the config-urls
    assert u.spaces.running_config(None) == system
    assert {n: u.spaces.running_config(n) for n in saved} == saved
    for name in empty:                     # nothing saved: a context with its default config
        assert all(not i.nameif for i in u.ctx[name].interfaces.values())
    assert u.spaces.saved(None) and all(u.spaces.saved(n) for n in saved)


def test_a_unit_booted_from_hand_written_files_is_saved_until_it_changes() -> None:
    """The example lab's files carry no Cryptochecksum: the primary's spaces are saved right
    after boot (running = what the files made), so `reload` asks only to confirm; a change
    makes the space unsaved, undoing it makes it saved again; the secondary's configuration,
    synced from its mate, is not saved (as on an ASA, until `write memory`)."""
    from asa_emulator.device import messages as msg
    from asa_emulator.lab.lab import Lab
    lab = Lab.load("example", in_memory=True)
    lab.settle()
    primary, secondary = lab.units["primary"], lab.units["secondary"]
    assert [primary.spaces.saved(space) for space in (None, "admin", "ctx1")] == [True, True, True]
    assert [secondary.spaces.saved(space) for space in (None, "admin", "ctx1")] == [False, False, False]
    s = lab.console("primary")
    for line in ("enable", "", "changeto context ctx1", "configure terminal", "hostname other"):
        s.execute(line)
    assert not primary.spaces.saved("ctx1") and primary.spaces.saved(None)
    s.execute("hostname SecAppB")           # back to what ctx1.cfg says
    assert primary.spaces.saved("ctx1")
    for line in ("end", "changeto system"):
        s.execute(line)
    assert s.execute("reload") == [] and s.prompt() == msg.RELOAD_CONFIRM
    s.execute("n")
    # the file changed under the running configuration: no longer what was loaded
    primary.flash.write("ctx1.cfg", primary.flash.read("ctx1.cfg") + b"hostname x\n")
    assert not primary.spaces.saved("ctx1")
