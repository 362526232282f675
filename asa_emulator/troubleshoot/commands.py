"""The handlers of `packet-tracer`, `capture`, `no capture`, `clear capture` and `show capture`
(in a context, and in single mode's one space).  Registered when the lab imports this module."""

from __future__ import annotations

from ..config.acl import port_value
from ..config.icmp_types import icmp_type_value
from ..config.netmask import pairs
from ..device import messages as msg
from ..device.choices import objects
from ..device.commands import Command, SessionView, handler
from ..traffic.engine import Traffic
from . import capture as cap
from . import packet_tracer as pt
from . import traceroute  # noqa: F401  (registers `traceroute`)


def _engine(cmd: Command) -> Traffic:
    eng = cmd.unit.traffic
    if not isinstance(eng, Traffic):
        raise RuntimeError(f"unit {cmd.unit.name} is not part of a lab")
    return eng


def _ctx(cmd: Command) -> str:
    return cmd.session.context or ""


def _nameif(cmd: Command, nth: int = 0) -> str:
    """The nth NAME argument, which must be a nameif of the context (else the `^` error)."""
    name = cmd.values("NAME")[nth]
    if cmd.unit.ctx[_ctx(cmd)].by_nameif(name) is None:
        cmd.invalid_token("NAME", nth)
    return name


def _port(cmd: Command, nth: int, proto: str) -> int:
    """A port typed by number or by its ASA name (the access-list names, config/acl.py)."""
    text = cmd.values("ACL_PORT")[nth]
    port = port_value(text, proto)
    if port is None or port == 0:
        cmd.invalid_token("ACL_PORT", nth)
    assert port is not None
    return port


# ---------------------------------------------------------------- packet-tracer

@handler("packet_tracer")
def packet_tracer(cmd: Command) -> None:
    src_if = _nameif(cmd)
    src, dst = cmd.values("IPV4")[:2]
    if cmd.has("icmp"):
        # type by number or name, the code optional (0), as the 9.x command reference has it
        kind = icmp_type_value(str(cmd.value("ICMP_TYPE")))
        if kind is None:
            cmd.invalid_token("ICMP_TYPE")
        assert kind is not None
        code = cmd.value("N_0_255")
        probe = pt.Probe("icmp", src_if, src, kind, dst, int(code) if code is not None else 0)
    else:
        proto = "tcp" if cmd.has("tcp") else "udp"
        probe = pt.Probe(proto, src_if, src, _port(cmd, 0, proto), dst, _port(cmd, 1, proto))
    result = pt.trace(_engine(cmd), cmd.unit, _ctx(cmd), probe)
    detailed = cmd.has("detailed")
    cmd.print(*(pt.render_xml(result, detailed) if cmd.has("xml") else pt.render(result, detailed)))


# ---------------------------------------------------------------- capture

def _missing(name: str) -> str:
    # unverified wording
    return f"ERROR: Capture <{name}> does not exist"


def _address(tokens: list[tuple[str, str]], i: int) -> tuple[tuple[str, str], int]:
    """An end of `match`: any | any4 | host A | A MASK, from token i; (address, mask), next i."""
    word, value = tokens[i]
    if word in ("any", "any4"):
        return ("0.0.0.0", "0.0.0.0"), i + 1
    if word == "host":
        return (tokens[i + 1][1], "255.255.255.255"), i + 2
    return (value, tokens[i + 1][1]), i + 2


def _match(cmd: Command, tokens: list[tuple[str, str]], i: int) -> tuple[cap.Match, int]:
    proto = tokens[i][0]
    src, i = _address(tokens, i + 1)
    sport = dport = None
    nth = 0
    if i < len(tokens) and tokens[i][0] == "eq":
        sport, i, nth = _match_port(cmd, proto, tokens[i + 1][1], nth), i + 2, nth + 1
    dst, i = _address(tokens, i)
    if i < len(tokens) and tokens[i][0] == "eq":
        dport, i = _match_port(cmd, proto, tokens[i + 1][1], nth), i + 2
    for address, mask in (src, dst):
        if not pairs(address, mask):
            # unverified for capture: the access-list entry's message (device/messages)
            cmd.error(msg.acl_mask_mismatch(address, mask))
    return cap.Match(proto, src, sport, dst, dport), i


def _match_port(cmd: Command, proto: str, text: str, nth: int) -> int:
    port = port_value(text, proto if proto in ("tcp", "udp") else "tcp")
    if port is None or proto not in ("tcp", "udp"):
        cmd.invalid_token("ACL_PORT", nth)
    assert port is not None
    return port


@handler("capture")
def capture(cmd: Command) -> None:
    """Create the capture or add to it: each option given replaces (interface: adds to) what
    it had; validated whole before anything changes."""
    ctx = _ctx(cmd)
    tokens = [(w, str(t)) for w, t in zip(cmd.words, cmd.tokens, strict=True)]
    name = tokens[1][1]
    store = cap.captures(_engine(cmd))
    mine = store.of(cmd.unit, ctx)
    if cmd.has("stop"):
        # `capture NAME stop` (command reference): it records no more and keeps its packets
        if name not in mine:
            cmd.error(_missing(name))
        mine[name].stopped = True
        return
    new = cap.Capture(name) if name not in mine else cap.Capture(**vars(mine[name]))
    new.interfaces = list(new.interfaces)
    i, nth_if = 2, 1
    while i < len(tokens):
        word = tokens[i][0]
        if word == "type":
            new.kind = tokens[i + 1][0]
            i += 2
        elif word == "interface":
            nameif = _nameif(cmd, nth_if)
            nth_if += 1
            if nameif not in new.interfaces:
                new.interfaces.append(nameif)
            i += 2
        elif word == "buffer":
            new.buffer = int(tokens[i + 1][1])
            i += 2
        elif word == "circular-buffer":
            new.circular = True
            i += 1
        else:       # match
            new.match, i = _match(cmd, tokens, i + 1)
    if store.reserved(cmd.unit, (ctx, name)) + new.buffer > cap.TOTAL_MEMORY:
        cmd.error(cap.NO_MEMORY)
    new.stopped = False     # unverified: typing the capture again starts it again
    mine[name] = new


@handler("no_capture")
def no_capture(cmd: Command) -> None:
    """`no capture NAME` removes it; with options, takes each back and keeps the capture
    (an interface leaves it, `match` goes, buffer and type return to their defaults)."""
    name = cmd.values("NAME")[0]
    mine = cap.captures(_engine(cmd)).of(cmd.unit, _ctx(cmd))
    if name not in mine:
        cmd.error(_missing(name))
    tokens = [(w, str(t)) for w, t in zip(cmd.words, cmd.tokens, strict=True)]
    if len(tokens) == 3:
        del mine[name]
        return
    new = cap.Capture(**vars(mine[name]))
    new.interfaces = list(new.interfaces)
    i = 3
    while i < len(tokens):
        word = tokens[i][0]
        if word == "interface":
            # unverified: an interface the capture is not on is ignored
            new.interfaces = [n for n in new.interfaces if n != tokens[i + 1][1]]
            i += 2
        elif word in ("type", "buffer"):
            new.kind, new.buffer = ("raw-data", new.buffer) if word == "type" else (new.kind, cap.DEFAULT_BUFFER)
            i += 2
        elif word == "circular-buffer":
            new.circular = False
            i += 1
        else:       # match: its words are read (and checked) as `capture` reads them
            _, i = _match(cmd, tokens, i + 1)
            new.match = None
    mine[name] = new


@handler("clear_capture")
def clear_capture(cmd: Command) -> None:
    """`clear capture NAME` empties one capture, `clear capture /all` every one of the space."""
    mine = cap.captures(_engine(cmd)).of(cmd.unit, _ctx(cmd))
    if cmd.has("/all"):
        for c in mine.values():
            c.clear()
        return
    name = cmd.values("NAME")[0]
    if name not in mine:
        cmd.error(_missing(name))
    mine[name].clear()


@handler("show_capture")
def show_capture(cmd: Command) -> None:
    mine = cap.captures(_engine(cmd)).of(cmd.unit, _ctx(cmd))
    name = cmd.value("OBJECT_NAME")
    if name is None:
        for c in mine.values():
            cmd.print(*c.listing())
        return
    if name not in mine:
        cmd.error(_missing(name))
    count = cmd.value("N_1_65535")
    number = cmd.value("N_0_4294967295")
    if number is not None and int(number) == 0:
        cmd.invalid_token("N_0_4294967295")
    cmd.print(*cap.show_packets(mine[name], int(count) if count else None, cmd.has("detail"),
                                int(number) if number else 1, cmd.has("dump")))


@objects("capture")
def _capture_names(session: SessionView) -> list[str]:
    """`show capture ?`, `no capture ?`, `clear capture ?`: the space's captures (a look that
    hangs no tap on the engine)."""
    eng = session.unit.traffic
    store = cap.find_captures(eng) if isinstance(eng, Traffic) else None
    if store is None:
        return []
    return list(store.by_unit.get(session.unit.name, {}).get(session.context or "", {}))
