"""Every default the failover chapter and the CLI name, in one table.

Chapter 34 ("Failover Health Monitoring", "Configuring Optional Failover Settings") and the
command reference give these; the configuration model, the command handlers, the failover
engine and `show failover` all read them from here.
"""

from __future__ import annotations

# `failover polltime [unit]`: hellos every second, the mate declared failed after 15 s.
UNIT_POLL_MS = 1000
UNIT_HOLD_MS = 15_000

# `failover polltime interface` / the group's `polltime interface`: 5 s, hold time 25 s.
IF_POLL_MS = 5000
IF_HOLD_MS = 25_000

# `failover interface-policy` / the group's `interface-policy`: one failed interface.
INTERFACE_POLICY: tuple[int, bool] = (1, False)      # (number, is percent)

# `monitor-interface`: at most 250 monitored interfaces on a unit.
MAX_MONITORED = 250

# `terminal pager` / `pager lines`: 24 lines a page.
PAGER_LINES = 24

# A failover group prefers the primary unit unless told `secondary`.
GROUP_PREFERENCE = "primary"

# `logging facility`: 20 (local4); `logging buffer-size`: 4096 bytes (command reference).
LOGGING_FACILITY = 20
LOGGING_BUFFER_SIZE = 4096

# Syslog severity levels by number (0-7), as `logging console ?` names them.
LOGGING_LEVELS = ("emergencies", "alerts", "critical", "errors", "warnings", "notifications",
                  "informational", "debugging")

# Where the front ends send `logging host` messages: the lab's addresses are not real, so
# every syslog server is reached on the loopback, at the line's UDP port or 514.
SYSLOG_LOOPBACK = "127.0.0.1"
SYSLOG_PORT = 514
