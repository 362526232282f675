"""Privileged EXEC commands and management access (SSH, users). (See the package's docstring for what `# verified` means.)"""

from __future__ import annotations

from .cli import HELP_BANNER

# ============================================================================ privileged EXEC
# from memory of real consoles: `exit` from privileged EXEC on the serial console
LOGOFF_LINES = ("", "Logoff", "", HELP_BANNER)
# `console timeout N` ran out on the serial console: logged off as by `exit`  # unverified
CONSOLE_TIMEOUT_LINES = LOGOFF_LINES
# unverified: `configure factory-default` in multiple context mode
FACTORY_DEFAULT_MULTI = "ERROR: configure factory-default is not supported in multiple context mode"
# emulator-specific: the lab clock is virtual
CLOCK_VIRTUAL = "ERROR: the lab clock is virtual; use @wait to move it"
# `help` (IOS/ASA help text; from memory of real consoles)
HELP_TEXT = (
    "Help may be requested at any point in a command by entering",
    "a question mark '?'.  If nothing matches, the help list will",
    "be empty and you must backup until entering a '?' shows the",
    "available options.",
    "Two styles of help are provided:",
    "1. Full help is available when you are ready to enter a",
    "   command argument (e.g. 'show ?') and describes each possible",
    "   argument.",
    "2. Partial help is provided when an abbreviated argument is entered",
    "   and you want to know what arguments match the input",
    "   (e.g. 'show pr?'.)",
)


def ping_unreachable(target: str) -> tuple[str, ...]:
    # the ASA's ping output (Cisco command reference example); no traffic engine answers it
    return ("Type escape sequence to abort.",
            f"Sending 5, 100-byte ICMP Echos to {target}, timeout is 2 seconds:",
            "?????",
            "Success rate is 0 percent (0/5)")


# `write standby` refusals (unverified: no device output found; the rule is the chapter's)
WRITE_STANDBY_NO_MATE = "ERROR: Standby unit is not available"


# Active/Standby: no group to name  # unverified
WRITE_STANDBY_NOT_ACTIVE = "ERROR: write standby must be entered on the active unit"


def write_standby_wrong_unit(which: str) -> str:
    # unverified; chapter: "enter the command ... on the unit that has failover group 1 in the
    # active state" / "in the security context on the unit where the context appears active"
    return f"ERROR: write standby must be entered on the unit where {which} is active"


def converting_url(typed: str, converted: str) -> str:
    # from experience (ASA 5500 series, `config-url flash:/x.cfg`); not found in a capture
    return f"INFO: Converting {typed} to {converted}"


# Failover transitions on the console, whatever `logging` says: a real 9.6(4) Active/Standby
# console prints the state machine's line with 8 leading spaces (reference 8a; also a public
# 9.23(1) ASAv HA lab runbook, find_string id 59175612093, where `failover active` is followed by
# an empty line, then the line; `no failover active` by an empty line and the prompt first).  In
# Active/Active the same line is printed for each failover group that changes.
# unverified: the Active/Active form (no capture names a group on this line).
CONSOLE_SWITCHING_ACTIVE = "        Switching to Active"
CONSOLE_SWITCHING_STANDBY = "        Switching to Standby"

# Syslog messages 104001-104004 (severity 1): (message id, level, text after `%ASA-1-1040nn: `),
# for `Unit.log`; sent only where the logging configuration says (device/syslog.py).  Verified
# forms: Cisco syslog reference and logstash's CISCOFW104001/104002 patterns
# `(Primary) Switching to ACTIVE - <reason>`.  In Active/Active one message per failover group
# that changes; no capture shows a group field.
Syslog = tuple[int, int, str]


def switching_active(role: str, reason: str) -> Syslog:
    return 104001, 1, f"({role}) Switching to ACTIVE - {reason}."


def switching_standby(role: str, reason: str) -> Syslog:
    return 104002, 1, f"({role}) Switching to STANDBY - {reason}."


def switching_failed(role: str) -> Syslog:
    return 104003, 1, f"({role}) Switching to FAILED."


def switching_ok(role: str) -> Syslog:
    return 104004, 1, f"({role}) Switching to OK."


# ---------------------------------------------------------------- default settings (defaults.py)
# The wordings below are unverified reconstructions of the ASA's refusals.

def class_map_missing(name: str) -> str:
    return f"ERROR: class-map {name} does not exist"


def class_map_in_use(name: str) -> str:
    return f"ERROR: Class map {name} is being used"


def policy_map_missing(name: str) -> str:
    return f"ERROR: policy-map {name} does not exist"


def policy_map_in_use(name: str) -> str:
    return f"ERROR: Policy map {name} is being used"


def policy_map_type_mismatch(name: str) -> str:
    return f"ERROR: Policy map {name} already exists with a different type"


def global_policy_exists(name: str) -> str:
    return f"ERROR: Policy map {name} is already configured as a service policy"


CANNOT_DELETE_DEFAULT_CLASS = "ERROR: Cannot delete the default class"


# ============================================================================ management access
# `show ssh sessions`: one IN and one OUT row per SSH version 2 session.  verified: real capture
# `FWL1# show ssh sessions` (blog post "How to show and clear user sessions on a Cisco ASA", 2016;
# find_string id 44482097328): State column 17 wide, OUT row blank up to the Mode column
SSH_SESSIONS_HEADER = "SID Client IP       Version Mode Encryption Hmac     State            Username"


def ssh_session_row(sid: str, client: str, mode: str, encryption: str, hmac: str, user: str) -> str:
    version = "2.0" if sid else ""
    return (f"{sid:<4}{client:<16}{version:<8}{mode:<5}{encryption:<11}{hmac:<9}"
            f"{'SessionStarted':<17}{user}")


# `show aaa local user [locked]`: from memory of the command reference example; unverified
AAA_LOCAL_USER_HEADER = "Lock-time Failed-attempts Locked  User"


def aaa_local_user_row(failures: int, locked: bool, user: str) -> str:
    return f"{'-':>9}{failures:>16}{'Y' if locked else 'N':>7}  {user}"


def user_not_found(name: str) -> str:
    return f"ERROR: User '{name}' does not exist"      # unverified


def ssh_no_interface(name: str) -> str:
    return f"ERROR: Interface {name} not found"          # unverified


BAD_NETMASK = "ERROR: Invalid netmask"                   # unverified
# The SSH server's refusal of a sixth session in a context (the ASA's limit is 5); unverified wording
SSH_TOO_MANY = "ERROR: Maximum number of SSH sessions (5) reached"
