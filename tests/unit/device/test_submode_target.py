"""A sub-mode whose object is gone: another session, a sync or a replicated command removed it
(or the mate never had it).  The next line runs in the configuration mode the object was
created in, as a fresh line there, never against the missing object."""

from __future__ import annotations

from asa_emulator.device import messages as msg
from asa_emulator.device.session import Session
from asa_emulator.lab.lab import Lab


def _lab() -> Lab:
    lab = Lab.load("example", in_memory=True)
    lab.settle()
    return lab


def _run(s: Session, *lines: str) -> list[str]:
    out: list[str] = []
    for line in lines:
        out = s.execute(line)
    return out


def test_a_replicated_interface_command_the_mate_cannot_enter_is_not_applied_there() -> None:
    """The standby unit took Gi0/3 from the admin context (a standby change, not replicated);
    `description` typed under it on the active unit replicates to a mate without it."""
    lab = _lab()
    sec = lab.open_session("secondary")
    _run(sec, "enable", "", "configure terminal", "context admin",
         "no allocate-interface GigabitEthernet0/3", "end")
    assert "GigabitEthernet0/3" not in lab.units["secondary"].ctx["admin"].interfaces
    pri = lab.open_session("primary")
    _run(pri, "enable", "", "changeto context admin", "configure terminal",
         "interface GigabitEthernet0/3")
    assert _run(pri, " description d0") == []
    assert _run(pri, " shutdown") == []
    assert lab.units["primary"].ctx["admin"].interfaces["GigabitEthernet0/3"].description == "d0"
    assert "GigabitEthernet0/3" not in lab.units["secondary"].ctx["admin"].interfaces


def test_a_session_under_an_interface_another_session_removed_is_back_in_config_mode() -> None:
    lab = _lab()
    a, b = lab.open_session("primary"), lab.open_session("primary")
    _run(a, "enable", "", "changeto context ctx1", "configure terminal",
         "interface GigabitEthernet0/5")
    _run(b, "enable", "", "configure terminal", "context ctx1",
         "no allocate-interface GigabitEthernet0/5", "end")
    # the caret counted from the prompt the line was typed at (`primary/ctx1(config-if)# `, 25
    # characters), under the first character no configuration-mode keyword matches (`des`)
    assert _run(a, " description gone") == [" " * (25 + 3) + "^", msg.INVALID_INPUT]
    assert a.prompt() == "primary/ctx1(config)# "


def test_each_kind_of_sub_mode_falls_back_when_its_object_is_removed() -> None:
    """Context, resource class, object, object-group, class-map, policy-map, router: removed
    by a second session."""
    lab = _lab()
    cases = [
        ("configure terminal", "context ctx9", "no context ctx9 noconfirm"),
        ("configure terminal", "class gold", "no class gold"),
    ]
    for enter_cfg, enter, remove in cases:
        a, b = lab.open_session("primary"), lab.open_session("primary")
        _run(a, "enable", "", enter_cfg, enter)
        assert a.state.target is not None, enter
        _run(b, "enable", "", "configure terminal", remove)
        a.execute("show clock")                  # the next line: back in configuration mode
        assert a.state.mode == "sys_config" and a.state.target is None, enter
    ctx_cases = [
        ("object network web", "no object network web"),
        ("object-group network grp", "no object-group network grp"),
        ("class-map cm", "no class-map cm"),
        ("policy-map pm", "no policy-map pm"),
        ("router ospf 7", "no router ospf 7"),
        ("router rip", "no router rip"),
    ]
    for enter, remove in ctx_cases:
        a, b = lab.open_session("primary"), lab.open_session("primary")
        _run(a, "enable", "", "changeto context admin", "configure terminal", enter)
        assert a.state.target is not None, enter
        _run(b, "enable", "", "changeto context admin", "configure terminal", remove)
        a.execute("show clock")
        assert (a.state.mode, a.state.target) == ("ctx_config", None), (enter, a.state)
