"""Default lines of the running-configurations (system execution space and a 9.1 routed
context), their commands and sub-modes, and replication of a changed value to the mate."""

from __future__ import annotations

from asa_emulator.device.session import Session
from asa_emulator.lab.lab import Lab
from asa_emulator.syntax.errors import INVALID_INPUT

CLASS_DEFAULT = ["class default", "  limit-resource All 0", "  limit-resource ASDM 5",
                 "  limit-resource SSH 5", "  limit-resource Telnet 5", "!", ""]

CONTEXT_TAIL = [
    "icmp unreachable rate-limit 1 burst-size 1",
    "no asdm history enable",
    "arp timeout 14400",
    "timeout xlate 3:00:00",
    "timeout pat-xlate 0:00:30",
    "timeout conn 1:00:00 half-closed 0:10:00 udp 0:02:00 icmp 0:00:02",
    "timeout sunrpc 0:10:00 h323 0:05:00 h225 1:00:00 mgcp 0:05:00 mgcp-pat 0:05:00",
    "timeout sip 0:30:00 sip_media 0:02:00 sip-invite 0:03:00 sip-disconnect 0:02:00",
    "timeout sip-provisional-media 0:02:00 uauth 0:05:00 absolute",
    "timeout tcp-proxy-reassembly 0:01:00",
    "timeout floating-conn 0:00:00",
    "user-identity default-domain LOCAL",
    "aaa authentication ssh console LOCAL",          # the example lab's SSH login
    "telnet timeout 5",
    "ssh 0.0.0.0 0.0.0.0 inside",
    "ssh timeout 5",
    "username admin password f3UhLvUj1QsXsuK7 encrypted privilege 15",
    "!",
    "class-map inspection_default",
    " match default-inspection-traffic",
    "!",
    "!",
    "policy-map type inspect dns preset_dns_map",
    " parameters",
    "  message-length maximum client auto",
    "  message-length maximum 512",
    "policy-map global_policy",
    " class inspection_default",
    "  inspect dns preset_dns_map",
    "  inspect ftp",
    "  inspect h323 h225",
    "  inspect h323 ras",
    "  inspect ip-options",
    "  inspect netbios",
    "  inspect rsh",
    "  inspect rtsp",
    "  inspect skinny",
    "  inspect esmtp",
    "  inspect sqlnet",
    "  inspect sunrpc",
    "  inspect tftp",
    "  inspect sip",
    "  inspect xdmcp",
    "!",
    "service-policy global_policy global",
]


def login(lab: Lab, unit: str, *lines: str) -> Session:
    s = lab.console(unit)
    s.execute("enable")
    s.execute("")
    for line in lines:
        assert s.execute(line) == [], line
    lab.units[unit].take_messages()
    return s


def body(lab: Lab, unit: str, context: str | None = None) -> list[str]:
    return lab.units[unit].spaces.config_body(context)


def test_system_defaults_in_order(lab: Lab) -> None:
    lines = body(lab, "primary")
    start = lines.index("class default")
    assert lines[start:start + len(CLASS_DEFAULT) + 2] == CLASS_DEFAULT + ["ftp mode passive",
                                                                           "pager lines 24"]
    assert lines[start - 1] == "!"                      # right after the last interface
    end = lines.index("admin-context admin")
    assert lines[end - 4:end] == ["no asdm history enable", "arp timeout 14400",
                                  "console timeout 0", ""]
    assert lines[end - 5].startswith("failover group") or lines[end - 5].startswith("  ")


def test_context_defaults_in_order(lab: Lab) -> None:
    lines = body(lab, "primary", "admin")
    start = lines.index("icmp unreachable rate-limit 1 burst-size 1")
    assert lines[start:] == CONTEXT_TAIL
    assert lines[start - 1].startswith("mtu ")


def test_monitor_and_router_lines_keep_their_place(lab: Lab) -> None:
    login(lab, "primary", "changeto context admin", "configure terminal",
          "no monitor-interface inside", "router ospf 1", "network 10.1.0.0 255.255.255.0 area 0")
    lines = body(lab, "primary", "admin")
    i = lines.index("icmp unreachable rate-limit 1 burst-size 1")
    assert lines[i - 1] == "no monitor-interface inside"
    r = lines.index("router ospf 1")
    assert lines[r - 1] == "arp timeout 14400"
    assert lines[r + 3:r + 5] == ["!", "timeout xlate 3:00:00"]


def test_changed_arp_timeout_replicates_to_the_mate(lab: Lab) -> None:
    login(lab, "primary", "changeto context admin", "configure terminal", "arp timeout 600")
    for unit in ("primary", "secondary"):
        assert "arp timeout 600" in body(lab, unit, "admin")
    login(lab, "primary", "changeto system", "configure terminal", "arp timeout 1200")
    for unit in ("primary", "secondary"):
        assert "arp timeout 1200" in body(lab, unit)


def test_changed_values_render_and_replicate(lab: Lab) -> None:
    login(lab, "primary", "changeto context admin", "configure terminal",
          "icmp unreachable rate-limit 10 burst-size 5", "asdm history enable",
          "timeout xlate 1:0:0 uauth 0:10:00 inactivity", "telnet timeout 30", "ssh timeout 20",
          "policy-map global_policy", "class inspection_default", "no inspect ftp",
          "inspect http", "exit", "exit", "changeto system", "configure terminal",
          "console timeout 10", "class default", "limit-resource SSH 3",
          "limit-resource rate conns 10%")
    ctx = body(lab, "primary", "admin")
    for line in ("icmp unreachable rate-limit 10 burst-size 5", "asdm history enable",
                 "timeout xlate 1:00:00", "timeout sip-provisional-media 0:02:00 uauth 0:10:00 inactivity",
                 "telnet timeout 30", "ssh timeout 20", "  inspect http"):
        assert line in ctx, line
    assert "  inspect ftp" not in ctx
    sysl = body(lab, "primary")
    assert "console timeout 10" in sysl
    assert sysl[sysl.index("class default"):sysl.index("class default") + 6] == [
        "class default", "  limit-resource All 0", "  limit-resource ASDM 5",
        "  limit-resource SSH 3", "  limit-resource Telnet 5", "  limit-resource rate Conns 10%"]
    assert body(lab, "secondary", "admin") == ctx
    mate = body(lab, "secondary")
    assert [ln for ln in mate if not ln.startswith("failover lan unit")] == [
        ln for ln in sysl if not ln.startswith("failover lan unit")]


def test_sub_mode_prompts(lab: Lab) -> None:
    s = login(lab, "primary", "configure terminal", "class default")
    assert s.prompt() == "primary(config-class)# "
    s = login(lab, "primary", "changeto context admin", "configure terminal",
              "class-map inspection_default")
    assert s.prompt() == "primary/admin(config-cmap)# "
    for line, suffix in (("policy-map global_policy", "(config-pmap)# "),
                         ("class inspection_default", "(config-pmap-c)# "),
                         ("policy-map type inspect dns preset_dns_map", "(config-pmap)# "),
                         ("parameters", "(config-pmap-p)# ")):
        assert s.execute(line) == []
        assert s.prompt() == "primary/admin" + suffix


def test_rendered_defaults_replay_unchanged(lab: Lab) -> None:
    u = lab.units["primary"]
    for ctx in (None, "admin"):
        before = u.spaces.config_body(ctx)
        if ctx is None:
            assert u.spaces.apply_system(before) == []
        else:
            assert u.spaces.apply_context(ctx, before) == []
        assert u.spaces.config_body(ctx) == before


def test_refusals_leave_the_configuration_alone(lab: Lab) -> None:
    s = login(lab, "primary", "changeto context admin", "configure terminal")
    before = body(lab, "primary", "admin")
    width = len("primary/admin(config)# ")
    assert s.execute("timeout xlate 1:75:00") == [" " * (width + 14) + "^", INVALID_INPUT]
    assert s.execute("no class-map inspection_default")[0].startswith("ERROR:")
    assert s.execute("service-policy nosuch global")[0].startswith("ERROR:")
    assert body(lab, "primary", "admin") == before


def test_a_removed_default_survives_sync_and_reload(lab: Lab) -> None:
    login(lab, "primary", "changeto context admin", "configure terminal", "policy-map global_policy",
          "class inspection_default", "no inspect ftp", "end")
    assert "  inspect ftp" not in body(lab, "secondary", "admin")       # replicated
    s = lab.console("primary")
    s.execute("changeto system")
    s.execute("write standby")                                          # full sync to the mate
    lab.advance(10_000)
    assert "  inspect ftp" not in body(lab, "secondary", "admin")
    s.execute("write memory all")
    lab.units["primary"].reload()
    lab.advance(120_000)
    assert "  inspect dns preset_dns_map" in body(lab, "primary", "admin")
    assert "  inspect ftp" not in body(lab, "primary", "admin")


def test_a_new_context_gets_the_default_inspection_policy(lab: Lab) -> None:
    s = login(lab, "primary", "configure terminal")
    assert s.execute("context ctx9") == ["Creating context 'ctx9'... Done. (3)"]
    assert "service-policy global_policy global" in body(lab, "primary", "ctx9")
    assert "service-policy global_policy global" in body(lab, "secondary", "ctx9")
