"""Command handlers, registered by grammar rule name.  Importing this package registers them."""

from . import context_cfg, exec_cmds, failover_cmds, files, login, routing, show_cmds, system_cfg  # noqa: F401
