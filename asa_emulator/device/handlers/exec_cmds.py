"""EXEC-level commands: privilege, modes, changeto, terminal settings."""

from __future__ import annotations

from ...config import defaults
from ...config.render import EMPTY_PASSWORD_HASH, password_hash
from ...syntax import modes
from .. import messages as msg
from ..commands import Command, handler


@handler("enable")
def enable(cmd: Command) -> None:
    s = cmd.session
    if s.level == 15:
        return
    stored = _enable_secret(cmd)

    def answer(typed: str, out: list[str]) -> None:
        if password_hash(typed) == (stored or EMPTY_PASSWORD_HASH):
            s.enter(modes.exec_mode(s.mode))
        else:
            out.append(msg.BAD_PASSWORD)
    s.ask(msg.PASSWORD_PROMPT, answer, secret=True)


def _enable_secret(cmd: Command) -> str:
    u, ctx = cmd.unit, cmd.session.context
    if ctx and ctx in u.ctx:
        return u.ctx[ctx].enable_password
    return u.sys.enable_password


@handler("disable")
def disable(cmd: Command) -> None:
    s = cmd.session
    s.enter("ctx_user" if modes.in_context(s.mode) else "sys_user")


@handler("exit", "quit", "logout")
def exit_(cmd: Command) -> None:
    s = cmd.session
    mode = s.mode
    if mode in modes.CONFIG_MODES:
        s.enter(modes.parent(mode) or modes.exec_mode(mode))
        return
    # from EXEC the session logs off; the serial console comes back at the user prompt
    if s.kind == "console":
        cmd.print(*msg.LOGOFF_LINES)
        s.enter("sys_user", context=None, keep_context=False)
    else:
        s.is_closed = True


@handler("end")
def end(cmd: Command) -> None:
    s = cmd.session
    s.enter(modes.exec_mode(s.mode))


@handler("help")
def help_(cmd: Command) -> None:
    cmd.print(*msg.HELP_TEXT)


@handler("changeto_system")
def changeto_system(cmd: Command) -> None:
    s = cmd.session
    s.enter("sys_config" if s.mode in modes.CONFIG_MODES else "sys_exec", context=None,
            keep_context=False)


@handler("changeto_context")
def changeto_context(cmd: Command) -> None:
    s, u = cmd.session, cmd.unit
    in_config = s.mode in modes.CONFIG_MODES
    name = cmd.value("NAME") or ""
    if name not in u.sys.contexts or name not in u.ctx:
        cmd.error(msg.changeto_invalid(name))
    s.enter("ctx_config" if in_config else "ctx_exec", context=name)
    if in_config and u.pair is not None:
        cmd.print(*u.pair.config_warning(u, name))


@handler("configure_terminal")
def configure_terminal(cmd: Command) -> None:
    s, u = cmd.session, cmd.unit
    s.enter(modes.config_mode(s.mode))
    if u.pair is not None:
        cmd.print(*u.pair.config_warning(u, s.context))


@handler("configure_memory")
def configure_memory(cmd: Command) -> None:
    from ..flash import STARTUP, FlashError
    s, u = cmd.session, cmd.unit
    if s.context is None:
        try:
            data = u.flash.read(STARTUP)
        except FlashError:
            return
        cmd.print(*u.spaces.run_file(None, data))
    else:
        cmd.print(*(u.spaces.load_context_url(s.context) or []))


@handler("configure_factory_default")
def configure_factory_default(cmd: Command) -> None:
    cmd.error(msg.FACTORY_DEFAULT_MULTI)


@handler("terminal_pager")
def terminal_pager(cmd: Command) -> None:
    s = cmd.session
    if cmd.no:
        s.pager = 0
    else:
        n = cmd.value("N_0_2147483647")
        s.pager = int(n) if n is not None else defaults.PAGER_LINES


# width, monitor and interactive are accepted and have no visible effect here
@handler("terminal_width", "terminal_monitor", "terminal_interactive")
def terminal_setting(cmd: Command) -> None:
    pass


@handler("debug", "undebug")
def debug(cmd: Command) -> None:
    pass


@handler("clock_set")
def clock_set(cmd: Command) -> None:
    cmd.error(msg.CLOCK_VIRTUAL)
