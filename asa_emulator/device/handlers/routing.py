"""Dynamic routing in a security context: `router ospf N`, `router rip` and their sub-commands.

A minimal model, enough for the configuration guide's `failover exec` examples: the process
blocks, their `network` statements, `router-id`, `version` and `log-adj-changes`.  The router
sub-mode (`(config-router)#`) is shared by both protocols; a sub-command of the other protocol is
refused with the `^` marker, as the ASA's per-protocol parser would.
"""

from __future__ import annotations

from ...config.model import ContextConfig, OspfNetwork, OspfProcess, RipProcess
from ...config.netmask import is_netmask
from .. import messages as msg
from ..commands import Command, handler

MAX_OSPF_PROCESSES = 2     # per context (ASA 9.x multiple context mode)


def _ctx(cmd: Command) -> ContextConfig:
    return cmd.unit.ctx[cmd.session.context or ""]


def _target(cmd: Command) -> tuple[str, int | None]:
    """("ospf", pid) or ("rip", None): the process the router sub-mode configures."""
    proto, _, pid = str(cmd.session.state.target or "").partition(" ")
    return proto, int(pid) if pid else None


def _wrong_protocol(cmd: Command) -> None:
    """A sub-command of the other routing protocol: the `^` under its keyword."""
    keyword = cmd.tokens[1 if cmd.no else 0]
    cmd.invalid_at(int(keyword.start_pos or 0))


def _ospf(cmd: Command) -> OspfProcess:
    proto, pid = _target(cmd)
    if proto != "ospf" or pid is None:
        _wrong_protocol(cmd)
    proc = _ctx(cmd).ospf.get(pid or 0)
    if proc is None:        # removed meanwhile (e.g. by `no router ospf` on the active unit)
        cmd.error(msg.INCOMPLETE)
    assert proc is not None
    return proc


def _rip(cmd: Command) -> RipProcess:
    proto, _ = _target(cmd)
    if proto != "rip":
        _wrong_protocol(cmd)
    proc = _ctx(cmd).rip
    if proc is None:
        cmd.error(msg.INCOMPLETE)
    assert proc is not None
    return proc


# ---------------------------------------------------------------- processes

@handler("router_ospf")
def router_ospf(cmd: Command) -> None:
    ctx = _ctx(cmd)
    pid = int(cmd.value("N_1_65535") or 1)
    if pid not in ctx.ospf:
        if len(ctx.ospf) >= MAX_OSPF_PROCESSES:
            cmd.error(msg.max_ospf_processes(MAX_OSPF_PROCESSES))
        ctx.ospf[pid] = OspfProcess(pid)
    cmd.session.enter("ctx_router", target=f"ospf {pid}")


@handler("router_rip")
def router_rip(cmd: Command) -> None:
    ctx = _ctx(cmd)
    if ctx.rip is None:
        ctx.rip = RipProcess()
    cmd.session.enter("ctx_router", target="rip")


@handler("no_router")
def no_router(cmd: Command) -> None:
    ctx = _ctx(cmd)
    if cmd.has("rip"):
        ctx.rip = None
        return
    ctx.ospf.pop(int(cmd.value("N_1_65535") or 0), None)


# ---------------------------------------------------------------- sub-commands

def classful(address: str) -> str:
    """RIP `network` takes a classful network number: 10.1.2.0 -> 10.0.0.0."""
    first = int(address.split(".")[0])
    octets = address.split(".")
    keep = 1 if first < 128 else 2 if first < 192 else 3
    return ".".join(octets[:keep] + ["0"] * (4 - keep))


@handler("router_network")
def router_network(cmd: Command) -> None:
    proto, _ = _target(cmd)
    addrs = cmd.values("IPV4")
    if proto == "rip":
        rip = _rip(cmd)
        if len(addrs) > 1:
            cmd.invalid_token("IPV4", 1)
        net = classful(addrs[0])
        if cmd.no:
            rip.networks = [n for n in rip.networks if n != net]
        elif net not in rip.networks:
            rip.networks.append(net)
        return
    ospf = _ospf(cmd)
    if len(addrs) < 2:
        if cmd.no:
            ospf.networks = [n for n in ospf.networks if n.address != addrs[0]]
            return
        cmd.error(msg.INCOMPLETE)
    address, mask = addrs[0], addrs[1]
    if not is_netmask(mask):
        cmd.invalid_token("IPV4", 1)
    if not cmd.has("area") and not cmd.no:
        cmd.error(msg.INCOMPLETE)
    area = cmd.value("N_0_4294967295") or (addrs[2] if len(addrs) > 2 else "0")
    same = [n for n in ospf.networks if (n.address, n.mask) == (address, mask)]
    if cmd.no:
        ospf.networks = [n for n in ospf.networks if n not in same]
        return
    if same and same[0].area != area:
        cmd.error(msg.network_in_other_area(address, mask, same[0].area))
    if not same:
        ospf.networks.append(OspfNetwork(address, mask, area))


@handler("router_id")
def router_id(cmd: Command) -> None:
    ospf = _ospf(cmd)
    ospf.router_id = None if cmd.no else cmd.value("IPV4")


@handler("router_version")
def router_version(cmd: Command) -> None:
    rip = _rip(cmd)
    if cmd.no:
        rip.version = None
        return
    rip.version = int(cmd.value("N_1_2") or 2)


@handler("router_log_adj")
def router_log_adj(cmd: Command) -> None:
    ospf = _ospf(cmd)
    ospf.log_adj = "off" if cmd.no else ("detail" if cmd.has("detail") else "on")
