"""The ASA's rules for the names a configuration gives: host names, contexts, interfaces.

A name that breaks them is refused with the `^` marker under it.  unverified: the ASA's exact
reply to a badly formed name (the `^` marker is its reply to any argument its parser rejects).
"""

from __future__ import annotations

import re

# "up to 63 characters ... must start and end with a letter or digit, and have only letters,
# digits, or a hyphen" (ASA 9.x general configuration guide, "Set the Hostname")
_HOSTNAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
# "a string up to 32 characters long ... case sensitive ... letters, digits, or hyphens, but you
# cannot start or end the name with a hyphen" (ASA CLI configuration guide, "Configuring a
# Security Context"); "System" and "Null" are reserved (handlers/system_cfg.py says so)
_CONTEXT = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?")
# "a text string up to 48 characters, and is not case-sensitive" (the nameif command);
# the command line already admits only printable ASCII without blanks
NAMEIF_MAX = 48


def valid_hostname(name: str) -> bool:
    return _HOSTNAME.fullmatch(name) is not None


def valid_context(name: str) -> bool:
    return _CONTEXT.fullmatch(name) is not None


def valid_nameif(name: str) -> bool:
    return 0 < len(name) <= NAMEIF_MAX
