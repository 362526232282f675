"""Command handlers, registered by grammar rule name.  Importing this package registers them."""

from . import (  # noqa: F401
    acl_cmds,
    bridge_cmds,
    context_cfg,
    defaults,
    everyday_cmds,
    exec_cmds,
    files,
    logging_cmds,
    login,
    mgmt_cmds,
    platform_cmds,
    routing,
    show_cmds,
    system_cfg,
    users_cmds,
)
