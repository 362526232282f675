"""Settings every running-configuration carries with a default value.

System execution space: resource classes (`class NAME`, `(config-class)#`, `limit-resource`),
`ftp mode passive`, `asdm history enable`, `arp timeout`, `console timeout`.  Security context:
`icmp unreachable`, `asdm history enable`, `arp timeout`, `timeout ...`, `user-identity
default-domain`, `telnet timeout`, `ssh timeout`, and the default Modular Policy Framework
configuration: `class-map` (`(config-cmap)#`), `policy-map [type inspect dns]` (`(config-pmap)#`,
with `class` -> `(config-pmap-c)#` and `parameters` -> `(config-pmap-p)#`) and `service-policy`.
The policy framework is kept as the lines the ASA prints; it is not enforced on traffic.
"""

from __future__ import annotations

import re

from ...config.model import (
    DEFAULT_CLASS_LIMITS,
    ContextConfig,
    PolicyMap,
    ResourceClass,
    SystemConfig,
)
from ...kept import memo
from .. import messages as msg
from ..commands import Command, handler

MAX_NAME = 40                 # class-map and policy-map names
MAX_CLASS_NAME = 20           # resource class names
_RESOURCE = {"all": "All", "asdm": "ASDM", "conns": "Conns", "hosts": "Hosts",
             "mac-addresses": "Mac-addresses", "routes": "Routes", "ssh": "SSH",
             "telnet": "Telnet", "xlates": "Xlates", "inspects": "Inspects", "syslogs": "Syslogs"}
_SESSIONS = ("ASDM", "SSH", "Telnet")          # limited to a number of sessions, never a percent
_TIME = re.compile(r"^(\d{1,4}):(\d{1,2})(?::(\d{1,2}))?$")


def _ctx(cmd: Command) -> ContextConfig:
    return cmd.unit.ctx[cmd.session.context or ""]


def _space(cmd: Command) -> SystemConfig | ContextConfig:
    """The configuration the command applies to: the context's, or the system's."""
    return _ctx(cmd) if cmd.session.context else cmd.unit.sys


def _int(cmd: Command, terminal: str, default: int) -> int:
    return default if cmd.no else int(cmd.value(terminal) or default)


# ---------------------------------------------------------------- system execution space

@handler("res_class")
def res_class(cmd: Command) -> None:
    name = cmd.value("NAME") or ""
    if len(name) > MAX_CLASS_NAME:
        cmd.invalid_token("NAME")
    classes = cmd.unit.sys.classes
    if name not in classes:
        classes[name] = ResourceClass(name)
    cmd.session.enter("sys_class", target=name)


@handler("no_res_class")
def no_res_class(cmd: Command) -> None:
    name = cmd.value("NAME") or ""
    if name not in cmd.unit.sys.classes:
        cmd.error(msg.class_missing(name))
    if name == "default":
        cmd.error(msg.CANNOT_DELETE_DEFAULT_CLASS)
    del cmd.unit.sys.classes[name]


@handler("limit_resource")
def limit_resource(cmd: Command) -> None:
    cls = cmd.unit.sys.classes.get(str(cmd.session.state.target))
    if cls is None:                      # removed meanwhile
        cmd.error(msg.INCOMPLETE)
    assert cls is not None
    words = [w for w in cmd.words if w in _RESOURCE or w == "rate"]
    resource = " ".join(("rate" if w == "rate" else _RESOURCE[w]) for w in words)
    if cmd.no:
        cls.limits.pop(resource, None)
        if cls.name == "default" and resource in dict(DEFAULT_CLASS_LIMITS):
            cls.limits[resource] = dict(DEFAULT_CLASS_LIMITS)[resource]
        return
    limit = cmd.value("LIMIT") or "0"
    if limit.endswith("%"):
        if resource in _SESSIONS or not 1 <= int(limit[:-1]) <= 100:
            cmd.invalid_token("LIMIT")
    elif int(limit) > 4294967295 or (resource in _SESSIONS and not 1 <= int(limit) <= 5):
        cmd.invalid_token("LIMIT")
    cls.limits[resource] = limit


@handler("ftp_mode")
def ftp_mode(cmd: Command) -> None:
    cmd.unit.sys.ftp_passive = not cmd.no


@handler("console_timeout")
def console_timeout(cmd: Command) -> None:
    cmd.unit.sys.console_timeout = _int(cmd, "N_0_60", 0)


# ---------------------------------------------------------------- both spaces

@handler("asdm_history")
def asdm_history(cmd: Command) -> None:
    _space(cmd).asdm_history = not cmd.no


@handler("arp_timeout")
def arp_timeout(cmd: Command) -> None:
    _space(cmd).arp_timeout = _int(cmd, "N_60_4294967", 14400)


# ---------------------------------------------------------------- security context

@handler("icmp_unreachable")
def icmp_unreachable(cmd: Command) -> None:
    if cmd.no:
        _ctx(cmd).icmp_unreachable = (1, 1)
        return
    _ctx(cmd).icmp_unreachable = (int(cmd.value("N_0_100") or 1), int(cmd.value("N_1_10") or 1))


@memo("timeouts: h:mm:ss", 1024)
def _hms(text: str) -> str | None:
    """`3:0:0` -> `3:00:00`; None if minutes or seconds are out of range.  Cached: every
    context's configuration carries the same dozen timeouts (a sync of 250 contexts)."""
    m = _TIME.match(text)
    if m is None:
        return None
    h, mi, se = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
    if mi > 59 or se > 59 or h > 1193:
        return None
    return f"{h}:{mi:02d}:{se:02d}"


@handler("timeout")
def timeout(cmd: Command) -> None:
    found: dict[str, str] = {}
    key = ""
    nth = 0
    for tok, word in zip(cmd.tokens[1:], cmd.words[1:], strict=True):
        if tok.type == "TIME":
            value = _hms(str(tok))
            if value is None:
                cmd.invalid_token("TIME", nth)
            assert value is not None
            found[key] = value + (" absolute" if key == "uauth" else "")
            nth += 1
        elif word in ("absolute", "inactivity"):
            found["uauth"] = found["uauth"].rsplit(" ", 1)[0] + " " + word
        else:
            key = word
    _ctx(cmd).timeouts.update(found)


@handler("user_identity")
def user_identity(cmd: Command) -> None:
    _ctx(cmd).user_identity_domain = "LOCAL" if cmd.no else cmd.value("NAME")


@handler("telnet_timeout")
def telnet_timeout(cmd: Command) -> None:
    _ctx(cmd).telnet_timeout = _int(cmd, "N_1_1440", 5)


@handler("ssh_timeout")
def ssh_timeout(cmd: Command) -> None:
    _ctx(cmd).ssh_timeout = _int(cmd, "N_1_60", 5)


# ---------------------------------------------------------------- Modular Policy Framework

def _name(cmd: Command, nth: int = 0) -> str:
    name = cmd.values("NAME")[nth]
    if len(name) > MAX_NAME:
        cmd.invalid_token("NAME", nth)
    return name


@handler("class_map")
def class_map(cmd: Command) -> None:
    name = _name(cmd)
    _ctx(cmd).class_maps.setdefault(name, [])
    cmd.session.enter("ctx_cmap", target=name)


@handler("no_class_map")
def no_class_map(cmd: Command) -> None:
    ctx, name = _ctx(cmd), _name(cmd)
    if name not in ctx.class_maps:
        cmd.error(msg.class_map_missing(name))
    if any(name in pm.classes for pm in ctx.policy_maps.values()):
        cmd.error(msg.class_map_in_use(name))
    del ctx.class_maps[name]


@handler("cmap_match")
def cmap_match(cmd: Command) -> None:
    matches = _ctx(cmd).class_maps.get(str(cmd.session.state.target))
    if matches is None:
        cmd.error(msg.INCOMPLETE)
    assert matches is not None
    line = "match " + cmd.words[-1]
    if cmd.no:
        if line in matches:
            matches.remove(line)
        return
    matches[:] = [line]           # a Layer 3/4 class map holds one match criterion here


def _kind(cmd: Command) -> str:
    return "inspect dns" if cmd.has("type") else ""


@handler("policy_map")
def policy_map(cmd: Command) -> None:
    ctx, name, kind = _ctx(cmd), _name(cmd), _kind(cmd)
    pm = ctx.policy_maps.get(name)
    if pm is not None and pm.kind != kind:
        cmd.error(msg.policy_map_type_mismatch(name))
    if pm is None:
        ctx.policy_maps[name] = PolicyMap(name, kind)
    cmd.session.enter("ctx_pmap", target=name)


@handler("no_policy_map")
def no_policy_map(cmd: Command) -> None:
    ctx, name = _ctx(cmd), _name(cmd)
    pm = ctx.policy_maps.get(name)
    if pm is None or pm.kind != _kind(cmd):
        cmd.error(msg.policy_map_missing(name))
    in_use = name in ctx.service_policies.values() or any(
        f"inspect dns {name}" in actions
        for other in ctx.policy_maps.values() for actions in other.classes.values())
    if in_use:
        cmd.error(msg.policy_map_in_use(name))
    del ctx.policy_maps[name]


def _pmap(cmd: Command) -> PolicyMap:
    name = str(cmd.session.state.target).split(" ")[0]
    pm = _ctx(cmd).policy_maps.get(name)
    if pm is None:
        cmd.error(msg.INCOMPLETE)
    assert pm is not None
    return pm


@handler("pmap_class")
def pmap_class(cmd: Command) -> None:
    pm, name = _pmap(cmd), _name(cmd)
    if pm.kind:                          # inspection class maps are not emulated
        cmd.invalid_at(int(cmd.tokens[0].start_pos or 0))
    if name not in _ctx(cmd).class_maps:
        cmd.error(msg.class_map_missing(name))
    pm.classes.setdefault(name, [])
    cmd.session.enter("ctx_pmap_c", target=f"{pm.name} {name}")


@handler("no_pmap_class")
def no_pmap_class(cmd: Command) -> None:
    _pmap(cmd).classes.pop(_name(cmd), None)


@handler("pmap_parameters")
def pmap_parameters(cmd: Command) -> None:
    pm = _pmap(cmd)
    if not pm.kind:                      # only an inspection policy map has parameters
        cmd.invalid_at(int(cmd.tokens[0].start_pos or 0))
    if pm.parameters is None:
        pm.parameters = []
    cmd.session.enter("ctx_pmap_p", target=pm.name)


@handler("inspect")
def inspect(cmd: Command) -> None:
    pm = _pmap(cmd)
    cname = str(cmd.session.state.target).partition(" ")[2]
    actions = pm.classes.get(cname)
    if actions is None:
        cmd.error(msg.INCOMPLETE)
    assert actions is not None
    words = [w for w in cmd.words[1 if cmd.no else 0:] if w]
    dns_map = cmd.value("NAME")
    key = " ".join(words)                  # `inspect dns`, `inspect h323 ras`, ...
    same = [a for a in actions if a == key or a.startswith(key + " ")]
    if cmd.no:
        for a in same:
            actions.remove(a)
        return
    if dns_map is not None:
        target = _ctx(cmd).policy_maps.get(dns_map)
        if target is None or target.kind != "inspect dns":
            cmd.error(msg.policy_map_missing(dns_map))
    line = key + (f" {dns_map}" if dns_map else "")
    if same:
        actions[actions.index(same[0])] = line
    else:
        actions.append(line)


@handler("message_length")
def message_length(cmd: Command) -> None:
    params = _pmap(cmd).parameters
    if params is None:
        cmd.error(msg.INCOMPLETE)
    assert params is not None
    side = next((w for w in ("client", "server") if cmd.has(w)), "")
    key = "message-length maximum" + (f" {side}" if side else "")
    value = "auto" if cmd.has("auto") else cmd.value("N_512_65535") or "512"
    same = [p for p in params if p.rsplit(" ", 1)[0] == key]
    if cmd.no:
        for p in same:
            params.remove(p)
        return
    line = f"{key} {value}"
    if same:
        params[params.index(same[0])] = line
    else:
        params.append(line)


@handler("service_policy")
def service_policy(cmd: Command) -> None:
    ctx = _ctx(cmd)
    names = cmd.values("NAME")
    name, where = names[0], ("global" if cmd.has("global") else names[-1])
    if cmd.no:
        if ctx.service_policies.get(where) == name:
            del ctx.service_policies[where]
        return
    pm = ctx.policy_maps.get(name)
    if pm is None or pm.kind:
        cmd.error(msg.policy_map_missing(name))
    if where != "global" and ctx.by_nameif(where) is None:
        cmd.invalid_token("NAME", 1)
    current = ctx.service_policies.get(where)
    if current is not None and current != name:
        cmd.error(msg.global_policy_exists(current))
    ctx.service_policies[where] = name
