"""The ASA's error, warning, prompt and file-system strings, in one place.

Every string carries its provenance in a comment.  `# verified:` means the exact text was seen in
a real-device transcript or in Cisco's own documentation/tooling; `# unverified` means it is the
best reconstruction available (usually the IOS form, or an ASA-styled sentence built from the
rule in the configuration guide) and should be replaced when a real dump turns up.

Prompts that the ASA prints after an empty line (copy, delete) are returned without that empty
line: the caller prints `""` first, as in the real transcripts quoted below.
"""

from __future__ import annotations

# ============================================================================ CLI parser
# verified: reference/asa-output.md 4a (several transcripts; FWSM perl fixture)
INVALID_INPUT = "ERROR: % Invalid input detected at '^' marker."
# verified: reference 4b (`sh cry ipsec` transcript); no trailing period, unlike IOS
INCOMPLETE = "ERROR: % Incomplete command"
# verified (weak): listed as a Cisco ASA error in annetutil/gnetcli pkg/device/ciscoasa
UNRECOGNIZED = "ERROR: % Unrecognized command"


def caret_line(column: int) -> str:
    """The `^` line above INVALID_INPUT; `column` counts from the start of the prompt (reference 4a)."""
    return " " * column + "^"


def ambiguous(text: str) -> str:
    # unverified: IOS wording (`% Ambiguous command:  "sh fa"`, two spaces) with the ASA's
    # "ERROR: " prefix; no ASA dump found (reference note 3)
    return f'ERROR: % Ambiguous command:  "{text}"'


# ============================================================================ login / enable
# verified: reference 4c (`ciscoasa> en` / `Password: ********`); unicon ASA pattern `^.*Password:\s?$`
PASSWORD_PROMPT = "Password: "
# verified: reference 4c — the ASA echoes one `*` per typed character of the enable password
PASSWORD_ECHO_CHAR = "*"
# verified: reference 4c
HELP_BANNER = "Type help or '?' for a list of available commands."
# verified: unicon mock (ASA) and netmiko; the pager prompt
MORE_PROMPT = "<--- More --->"
# unverified: wording of a wrong enable password (IOS prints `% Access denied`; ASA form assumed)
BAD_PASSWORD = "Invalid password"

# ============================================================================ contexts / mode
# verified: reference 3 (netmiko collector mock) and Cisco "kick" ASA library regex
SHOW_MODE_MULTIPLE = "Security context mode: multiple"


def changeto_invalid(name: str) -> str:
    # verified (mock): unicon.plugins ASA mock data `changeto context GLOBAL` -> `ERROR: 'GLOBAL' is not valid`
    return f"ERROR: '{name}' is not valid"


def interface_not_allocated(name: str) -> str:
    # unverified: `interface X` typed in a user context for an interface the system did not allocate
    return f"ERROR: Interface {name} is not allocated to this context"


# Mode change (`mode multiple` / `mode single` in global configuration mode).
# The two confirmation prompts are verified by suffix: Cisco's "kick" ASA library (asa.py,
# change_context_mode) expects `change mode\? \[confirm\]` and then `system configuration\? \[confirm\]`.
MODE_WARNING_BEHAVIOR = "WARNING: This command will change the behavior of the device"   # unverified
MODE_WARNING_REBOOT = "WARNING: This command will initiate a Reboot"                      # unverified
MODE_CONFIRM = "Proceed with change mode? [confirm]"              # verified (suffix), see above
MODE_CONVERT = "Convert the system configuration? [confirm]"      # verified (suffix), see above
# unverified: the conversion narration (Cisco configuration guide example, from memory)
MODE_CONVERT_LINES = (
    "!",
    "The old running configuration file will be written to flash",
    "",
    "Converting the configuration - this may take several minutes for a large configuration",
    "",
    "The admin context configuration will be written to flash",
    "",
    "The new running configuration file was written to flash",
)

# ============================================================================ reload
# verified: unicon ASA patterns (`Proceed with reload\? \[confirm\]`) and mock data
RELOAD_CONFIRM = "Proceed with reload? [confirm]"


def reload_save_prompt(context: str) -> str:
    # verified: unicon ASA mock/pattern `admin config has been modified. Save? [Y]es/[N]o/[S]ave all/[C]ancel:`
    return f"{context} config has been modified. Save? [Y]es/[N]o/[S]ave all/[C]ancel:"


# verified: unicon ASA mock data (reload of an ASAv, multiple-context system space)
RELOAD_SHUTDOWN_LINES = (
    "***",
    "*** --- START GRACEFUL SHUTDOWN ---",
    "Shutting down isakmp",
    "Shutting down webvpn",
    "Shutting down License Controller",
    "Shutting down File system",
    "***",
    "*** --- SHUTDOWN NOW ---",
    "Process shutdown finished",
    "Rebooting... (status 0x9)",
    "..",
)

# ============================================================================ failover / replication
# verified: configuration guide (spec line 79) and unicon mock
REPLICATION_BEGIN = "Beginning configuration replication: Sending to mate."
# verified: real 9.2/9.5 transcript (wrmem.net "Zero Downtime ASA Upgrade") and unicon mock —
# no final period on the device, although the guide's prose writes one
REPLICATION_END = "End Configuration Replication to mate"
# unverified: the receiving side (reference 5a, from memory)
REPLICATION_FROM_MATE_BEGIN = "Beginning configuration replication from mate."
REPLICATION_FROM_MATE_END = "End configuration replication from mate."

# Configuration typed on a standby unit/context.  First two lines verified: unicon ASA mock
# ("display configuration replication warning"); the third line's wording is attested only
# lower-cased in Tail-f's Cisco NED warning list ("configurations are no longer synchronized").
STANDBY_CONFIG_WARNING = (
    "**** WARNING ****",
    "Configuration Replication is NOT performed from Standby unit to Active unit",
    "Configurations are no longer synchronized.",
)


def version_mismatch_warning(mate: str, ours: str) -> tuple[str, ...]:
    # verified: real 9.2(2)4 transcript (wrmem.net) after `failover reload-standby`
    bar = "************WARNING****WARNING****WARNING********************************"
    return (bar, f"   Mate version {mate} is not identical with ours {ours}", bar)


def failover_exec_mode(unit: str, mode: str) -> str:
    """`show failover exec`: unit is Active|Standby, mode e.g. `config`, `interface sub-command`.

    verified: configuration guide (spec "Changing Command Modes"):
    `Active unit Failover EXEC is at interface sub-command mode`, `Standby unit Failover EXEC is at config mode`.
    """
    return f"{unit} unit Failover EXEC is at {mode} mode"


# Failover-group rules (spec lines 243-248).  All wording unverified: ASA-styled sentences
# stating the rule the guide gives.
FOGROUP_NEEDS_FAILOVER_OFF = "ERROR: Failover groups can only be created or removed when failover is disabled"  # unverified
FOGROUP_MAX_TWO = "ERROR: Only two failover groups are supported"                              # unverified
FOGROUP_REMOVE_GROUP1_LAST = "ERROR: Failover group 1 must be removed last"                    # unverified
FOGROUP_ONLY_MULTI = "ERROR: Failover group can only be configured in multiple context mode"   # unverified


def fogroup_has_contexts(group: int) -> str:
    # unverified: "You cannot remove a failover group that has contexts explicitly assigned to it"
    return f"ERROR: Cannot remove failover group {group}, it has contexts assigned to it"


def standby_not_in_subnet(standby: str) -> str:
    # unverified: "The standby IP address must be in the same subnet as the active IP address"
    return f"ERROR: Standby address {standby} is not on the same subnet as the active address"


def asr_group_duplicate(interface: str) -> str:
    # unverified: "You can have more than one ASR group configured ... but only one per interface"
    return f"ERROR: Interface {interface} is already a member of an ASR group"


def monitor_interface_unknown(nameif: str) -> str:
    # unverified: `monitor-interface NAME` for a name no interface carries in this context
    return f"ERROR: interface name {nameif} is not configured"


# failover exec refusals (spec "Limitations of Remote Command Execution"); wording unverified
FAILOVER_EXEC_CHANGETO = "ERROR: changeto command is not supported by failover exec"               # unverified
FAILOVER_EXEC_DEBUG = "ERROR: debug command is not supported by failover exec"                     # unverified
FAILOVER_EXEC_RECURSIVE = "ERROR: Recursive failover exec command is not allowed"                  # unverified
FAILOVER_EXEC_NO_MATE = "ERROR: Failover exec failed, mate is not available"                       # unverified
FAILOVER_EXEC_NOT_ENABLED = "ERROR: Failover is not enabled"                                       # unverified

# ============================================================================ copy / file system
# copy running-config tftp: (verified, real 9.2 transcript, wrmem.net), each prompt after an
# empty line:
#   Source filename [running-config]?
#   (empty)
#   Address or name of remote host [10.1.1.10]?
#   (empty)
#   Destination filename [ciscoasa-config.txt]?
#   Cryptochecksum: 495070f8 a3de0875 adfc16d6 18c04464
#   !!
#   4996 bytes copied in 0.660 secs
# tftp -> disk0: adds `Accessing tftp://10.1.1.10/x...`, `!!!!!!!`, `Writing file disk0:/x...`,
# `!!!!!!!`, `82593792 bytes copied in 211.300 secs (391439 bytes/sec)`.


def source_filename_prompt(default: str) -> str:
    # verified: ASA 9.2 `copy running-config tftp:` (wrmem.net); PIX doc `copy running-config tftp:`
    return f"Source filename [{default}]?"


def destination_filename_prompt(default: str) -> str:
    # verified: ASA 9.2 `copy running-config tftp://...` (wrmem.net)
    return f"Destination filename [{default}]?"


def remote_host_prompt(default: str) -> str:
    # verified: ASA 9.2 (wrmem.net)
    return f"Address or name of remote host [{default}]?"


def bytes_copied(nbytes: int, elapsed_ms: int) -> str:
    # verified: 9.x `write memory`/`copy` (wrmem.net): `5030 bytes copied in 0.670 secs`
    return f"{nbytes} bytes copied in {elapsed_ms // 1000}.{elapsed_ms % 1000:03d} secs"


def cryptochecksum(groups: str) -> str:
    # verified: reference 5b, wrmem.net — four groups of 8 lowercase hex digits
    return f"Cryptochecksum: {groups}"


def accessing(url: str) -> str:
    # verified: ASA 9.2 copy from tftp (wrmem.net)
    return f"Accessing {url}..."


def writing_file(path: str) -> str:
    # verified: ASA 9.2 copy to disk0: (wrmem.net)
    return f"Writing file {path}..."


# `copy running-config startup-config`: unverified that the ASA asks nothing but the source;
# the sequence used is  "" / Source filename [running-config]? / Cryptochecksum: ... / "" /
# N bytes copied in X secs  (from memory of 9.x devices).


def delete_filename_prompt(name: str) -> str:
    # verified: ASA 9.2 `delete /replicate disk0:/asa922-4-smp-k8.bin` -> `Delete filename [asa922-4-smp-k8.bin]?`
    return f"Delete filename [{name}]?"


def delete_confirm(path: str) -> str:
    # verified: same transcript -> `Delete disk0:/asa922-4-smp-k8.bin? [confirm]`
    return f"Delete {path}? [confirm]"


def mkdir_prompt(name: str) -> str:
    # verified on IOS/IOS-XE (`Create directory filename [ipsdir]?`); unverified on ASA
    return f"Create directory filename [{name}]?"


def mkdir_done(path: str) -> str:
    # verified on IOS-XE (`Created dir flash:/te-apps`); unverified on ASA
    return f"Created dir {path}"


def rmdir_prompt(name: str) -> str:
    # unverified: IOS form
    return f"Remove directory filename [{name}]?"


def rmdir_done(path: str) -> str:
    # unverified: IOS form
    return f"Removed dir {path}"


def rename_source_prompt(name: str) -> str:
    # unverified on rename (same wording as copy's verified source prompt)
    return f"Source filename [{name}]?"


def rename_destination_prompt(name: str) -> str:
    # unverified on rename (same wording as copy's verified destination prompt)
    return f"Destination filename [{name}]?"


def error_opening(path: str, reason: str = "No such file or directory") -> str:
    # verified on IOS-XE (`%Error opening flash:/te-apps (No such file or directory)`); ASA: unverified
    return f"%Error opening {path} ({reason})"


def error_deleting(path: str, reason: str = "No such file or directory") -> str:
    # unverified: IOS form
    return f"%Error deleting {path} ({reason})"


def error_creating_dir(path: str, reason: str = "File exists") -> str:
    # unverified: IOS form (`%Error Creating Directory flash:x (Read-only file system)` seen on IOS)
    return f"%Error Creating dir {path} ({reason})"


def error_removing_dir(path: str, reason: str = "Directory not empty") -> str:
    # unverified: IOS-XR form `%Error Removing dir x (Directory doesnot exist)` (pyATS plugin)
    return f"%Error Removing dir {path} ({reason})"


def error_renaming(path: str, reason: str = "No such file or directory") -> str:
    # unverified: IOS form
    return f"%Error renaming {path} ({reason})"


# `more disk0:/x.cfg` prints the file's lines as they are, with no header (unverified detail).
