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


@handler("log_enable")
def log_enable(cmd: Command) -> None:
    _cfg(cmd).enabled = not cmd.no


@handler("log_timestamp")
def log_timestamp(cmd: Command) -> None:
    _cfg(cmd).timestamp = not cmd.no


@handler("log_standby")
def log_standby(cmd: Command) -> None:
    _cfg(cmd).standby = not cmd.no


@handler("log_console")
def log_console(cmd: Command) -> None:
    _cfg(cmd).console = None if cmd.no else _level(cmd)


@handler("log_buffered")
def log_buffered(cmd: Command) -> None:
    _cfg(cmd).buffered = None if cmd.no else _level(cmd)


@handler("log_trap")
def log_trap(cmd: Command) -> None:
    _cfg(cmd).trap = None if cmd.no else _level(cmd)


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
