"""`logging` settings of a context, `show logging`, `clear logging buffer` (device/syslog.py
routes the messages)."""

from __future__ import annotations

from ...config.defaults import LOGGING_BUFFER_SIZE, LOGGING_FACILITY
from ...config.model import LoggingConfig, LogHost
from .. import messages as msg
from ..commands import Command, handler
from ..syslog import LEVELS, clear_buffer, level_of, show_logging


def _cfg(cmd: Command) -> LoggingConfig:
    return cmd.unit.ctx[cmd.session.context or ""].logging


def _level(cmd: Command) -> int | None:
    """The level typed (number or name), None when the line has none."""
    number = cmd.value("N_0_7")
    if number is not None:
        return int(number)
    named = [w for w in cmd.words if w in LEVELS]
    return level_of(named[0]) if named else None


@handler("log_flag")
def log_flag(cmd: Command) -> None:
    cfg, on = _cfg(cmd), not cmd.no
    what = next(w for w in ("enable", "timestamp", "standby") if cmd.has(w))
    if what == "enable":
        cfg.enabled = on
    elif what == "timestamp":
        cfg.timestamp = on
    else:
        cfg.standby = on


@handler("log_level")
def log_level(cmd: Command) -> None:
    cfg = _cfg(cmd)
    level = None if cmd.no else _level(cmd)
    if cmd.has("console"):
        cfg.console = level
    elif cmd.has("buffered"):
        cfg.buffered = level
    else:
        cfg.trap = level


@handler("log_facility")
def log_facility(cmd: Command) -> None:
    value = cmd.value("N_16_23")
    _cfg(cmd).facility = LOGGING_FACILITY if cmd.no or value is None else int(value)


@handler("log_buffer_size")
def log_buffer_size(cmd: Command) -> None:
    value = cmd.value("N_4096_1048576")
    _cfg(cmd).buffer_size = LOGGING_BUFFER_SIZE if cmd.no or value is None else int(value)


@handler("log_host")
def log_host(cmd: Command) -> None:
    cfg = _cfg(cmd)
    nameif = cmd.value("NAME") or ""
    address = cmd.value("IPV4") or ""
    port = cmd.value("LOG_PORT")
    num = int(port.split("/")[1]) if port else None
    if num is not None and not 1 <= num <= 65535:
        cmd.invalid_token("LOG_PORT")
    if cmd.no:
        cfg.hosts = [h for h in cfg.hosts if (h.nameif, h.address) != (nameif, address)]
        return
    if cmd.unit.ctx[cmd.session.context or ""].by_nameif(nameif) is None:
        cmd.error(msg.ssh_no_interface(nameif))
    # one server per address and interface: a second line replaces the first
    host = LogHost(nameif, address, "udp", num)
    cfg.hosts = [h for h in cfg.hosts if (h.nameif, h.address) != (nameif, address)] + [host]


@handler("show_logging")
def show_logging_cmd(cmd: Command) -> None:
    ctx = cmd.session.context or ""
    cmd.print(*show_logging(cmd.unit, ctx, cmd.unit.ctx[ctx].logging))


@handler("clear_logging")
def clear_logging(cmd: Command) -> None:
    clear_buffer(cmd.unit, cmd.session.context or "")
