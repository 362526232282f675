"""`show failover descriptor` and `show failover statistics`: what the failover link carries,
in the system execution space and in single mode (grammar/failover.lark, `show_failover_link`).

No public capture of either command was found.  The layouts are modelled on memory of 9.x
units (`show failover statistics`: `tx:N` / `rx:N` under each other; `show failover
descriptor`: one line per interface, `NAME send: D receive: D`, D sixteen hexadecimal
digits)  # unverified.  The values are the lab's: the descriptor of each interface is made of
its port's place on the unit and its VLAN, the one received is the mate's for the same
interface while its hellos are heard; the counters are the hellos each unit sent and heard
(hello.listen, Pair._skip_one), the commands replicated over the link and the lines
of a configuration sync (sync.sync).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..device.commands import Command, handler

if TYPE_CHECKING:
    from ..device.unit import Unit
    from .state import PairState

NO_DESCRIPTOR = "0" * 16        # nothing received (the mate not heard)  # unverified


def _pair_state(cmd: Command) -> PairState:
    from .pair import Pair
    pair = cmd.pair
    assert isinstance(pair, Pair), "every unit of a lab has its pair"
    return pair.ps


def descriptor(u: Unit, phys: str) -> str:
    """An interface's descriptor: its port's place among the unit's ports (from 1), then its
    VLAN (ffff: none), each in four hexadecimal digits, padded as the memory of a capture has
    it (`00020000ffff0000`)  # unverified."""
    ports = [name for name in u.sys.interfaces if "." not in name]
    base = phys.split(".")[0]
    index = ports.index(base) + 1 if base in ports else 0
    sysif = u.sys.interfaces.get(phys)
    vlan = sysif.vlan if sysif is not None and sysif.vlan is not None else 0xFFFF
    return f"{index:04x}0000{vlan:04x}0000"


def _rows(u: Unit) -> list[tuple[str, str]]:
    """(label, port) of the failover link, the state link when it has a port of its own, and
    every named data interface (a context's prefixed with its name in multiple mode)."""
    f = u.sys.failover
    rows: list[tuple[str, str]] = []
    for link in (f.lan_if, f.link):
        if link is not None and all(port != link[1] for _, port in rows):
            rows.append(link)
    for ctx, phys, itf in u.spaces.named_interfaces():
        rows.append((itf.nameif if u.single else f"{ctx} {itf.nameif}", phys))
    return rows


def show_descriptor(ps: PairState, u: Unit) -> list[str]:
    m = ps.mate(u)
    fo = ps.of(u)
    # the mate's descriptors come in on the failover link: none while it is not heard there
    heard = fo.paired and not fo.lan_failed and m.up
    theirs = {label: phys for label, phys in _rows(m)} if heard else {}
    out = []
    for label, phys in _rows(u):
        got = descriptor(m, theirs[label]) if label in theirs else NO_DESCRIPTOR
        out.append(f" {label} send: {descriptor(u, phys)} receive: {got}")
    return out


def show_statistics(ps: PairState, u: Unit) -> list[str]:
    fo = ps.of(u)
    # the replicated commands and the lines of a configuration sync are data messages on the
    # failover link: those this unit sent, and those it received from the mate
    tx = fo.hello_tx + fo.stats_sys_cmd + fo.data_tx
    rx = fo.hello_rx + fo.data_rx
    return [f"    tx:{tx}", f"    rx:{rx}"]


@handler("show_failover_descriptor")
def show_failover_descriptor(cmd: Command) -> None:
    cmd.print(*show_descriptor(_pair_state(cmd), cmd.unit))


@handler("show_failover_statistics")
def show_failover_statistics(cmd: Command) -> None:
    cmd.print(*show_statistics(_pair_state(cmd), cmd.unit))
