"""The ASA's error, warning, prompt and file-system strings, in one place.

Every string carries its provenance in a comment.  `# verified:` means the exact text was seen in
a real-device transcript or in Cisco's own documentation/tooling; `# unverified` means it is the
best reconstruction available (usually the IOS form, or an ASA-styled sentence built from the
rule in the configuration guide) and should be replaced when a real dump turns up.

Prompts that the ASA prints after an empty line (copy, delete) are returned without that empty
line: the caller prints `""` first, as in the real transcripts quoted below.
"""

from __future__ import annotations

import errno as _errno

# ============================================================================ CLI parser
# The parser's own three strings live in syntax/errors.py (the syntax layer may import nothing
# from device/); they are re-exported here so that handlers have one place to look.
#   INVALID_INPUT  verified: reference/asa-output.md 4a (several transcripts; FWSM perl fixture)
#   INCOMPLETE     verified: reference 4b (`sh cry ipsec` transcript); no trailing period
#   ambiguous()    unverified: IOS wording with the ASA's "ERROR: " prefix (reference note 3)
from ..syntax.errors import INCOMPLETE, INVALID_INPUT, ambiguous  # noqa: E402, F401
from ..syntax.errors import invalid_marker as caret_line  # noqa: E402, F401

# verified (weak): listed as a Cisco ASA error in annetutil/gnetcli pkg/device/ciscoasa.
# Printed by `?` after a partial word that nothing matches (`show xyz?`, as IOS does).
UNRECOGNIZED = "ERROR: % Unrecognized command"


# ============================================================================ login / enable
# verified: reference 4c (`ciscoasa> en` / `Password: ********`); unicon ASA pattern `^.*Password:\s?$`
PASSWORD_PROMPT = "Password: "
# verified (weak): netmiko cisco_asa `asa_login` docstring (`twb-dc-fw1> login` / `Username: admin`)
USERNAME_PROMPT = "Username: "
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


def flash_mode(mode: str) -> str:
    # unverified (from memory of the command reference): `show mode` adds this line when the
    # mode saved in flash differs from the running one, after `mode single` until the reload
    return f"The flash mode is {mode.upper()}"


# `mode multiple` typed in multiple context mode; unverified
MODE_ALREADY_MULTIPLE = "WARNING: The running mode is already multiple"


def context_created(name: str, context_id: int) -> str:
    # unverified in a source here; from memory of real 8.x/9.x consoles (`context ctx1` prints
    # `Creating context 'ctx1'... Done. (2)`, the number being the context ID)
    return f"Creating context '{name}'... Done. ({context_id})"


def context_url_not_fetched(url: str) -> tuple[str, str]:
    # partly verified: Cisco's NSO cisco-asa NED (ASANedCli.java, find_string id 14857982726)
    # recognises the device's reply to `config-url` by "Creating context with default config";
    # the WARNING line and the INFO: prefix are from memory of real consoles (unverified)
    return (f"WARNING: Could not fetch the URL {url}", "INFO: Creating context with default config")


def context_checksum_changed(groups: str) -> str:
    # verified: real ASA reply quoted in a public trustpoint-import tool's log (find_string id
    # 15152483121: `Cryptochecksum (changed): 84db7dfe c06c042c cf974b51 ef74a419 `; the device
    # ends the line with a space, as it does after `Cryptochecksum:`, not reproduced here)
    return f"Cryptochecksum (changed): {groups}"


# unverified in a source here; from memory of real consoles (`config-url` of the admin context)
ADMIN_CONTEXT_COMING_UP = "INFO: Admin context will take some time to come up .... please wait."


def context_name_reserved(name: str) -> str:
    # unverified: `context system` / `context null` (names the ASA uses for itself)
    return f"ERROR: The name '{name}' is reserved"


def context_not_found(name: str) -> str:
    # unverified: `no context X` for a context that does not exist
    return f"ERROR: Context '{name}' not found"


# unverified: more contexts than the licence allows
MAX_CONTEXTS = "ERROR: Maximum number of contexts reached"
# unverified: `no context` naming the admin context ("you cannot remove the current admin context")
CANNOT_REMOVE_ADMIN_CONTEXT = "ERROR: Cannot delete the admin context"
# unverified: the guide's rule "the admin context is always a member of failover group 1"
ADMIN_CONTEXT_GROUP_1 = "ERROR: The admin context must be in failover group 1"


def failover_group_missing(gid: int) -> str:
    # unverified (no capture found): a group that is not configured named by
    # `join-failover-group N`, `failover active|reset group N`, `show failover group N`
    return f"ERROR: Failover group {gid} does not exist"


def class_missing(name: str) -> str:
    # unverified: `member X` naming a resource class that does not exist
    return f"ERROR: Class {name} does not exist"


def unsupported_url(url: str) -> str:
    # unverified: a config-url on a scheme the lab does not serve (tftp:, ftp:, http:)
    return f"ERROR: Unsupported URL {url}"


# ============================================================================ system interfaces
# unverified: `vlan` typed under a physical interface
VLAN_ONLY_SUBINTERFACE = "ERROR: VLAN can only be configured on a subinterface"


def cannot_remove_physical(name: str) -> str:
    # unverified: `no interface GigabitEthernet0/1` (a physical interface cannot be removed)
    return f"ERROR: Cannot remove physical interface {name}"


def interface_allocated(name: str, context: str) -> str:
    # unverified: removing a subinterface that a context still uses
    return f"ERROR: Interface {name} is allocated to context {context}"


def mapped_name_in_use(name: str) -> str:
    # unverified: `allocate-interface` with a mapped name another allocation of the context uses
    return f"ERROR: Mapped name {name} is already in use"


def interface_is_failover_link(name: str) -> str:
    # unverified: `allocate-interface` of the LAN failover or state link interface
    return f"ERROR: Interface {name} is used as a failover link"


# Mode change (`mode multiple` / `mode single` in global configuration mode).
# The two confirmation prompts are verified by suffix: Cisco's "kick" ASA library (asa.py,
# change_context_mode) expects `change mode\? \[confirm\]` and then `system configuration\? \[confirm\]`.
MODE_WARNING_BEHAVIOR = "WARNING: This command will change the behavior of the device"   # unverified
MODE_WARNING_REBOOT = "WARNING: This command will initiate a Reboot"                      # unverified
MODE_CONFIRM = "Proceed with change mode? [confirm]"              # verified (suffix), see above
MODE_CONVERT = "Convert the system configuration? [confirm]"      # verified (suffix), see above
# `mode multiple` converting a single-mode configuration; from memory of real consoles and the
# configuration guide ("the original running configuration is saved as old_running.cfg";
# "the admin context configuration is saved as admin.cfg"): unverified wording
MODE_OLD_RUNNING_WRITTEN = "The old running configuration file will be written to flash"
MODE_CONVERTING = "Converting the configuration - this may take several minutes for a large configuration"
MODE_ADMIN_WRITTEN = "The admin context configuration will be written to flash"
MODE_NEW_RUNNING_WRITTEN = "The new running configuration file was written to flash"
# `mode single` typed in single context mode; unverified (mirrors MODE_ALREADY_MULTIPLE)
MODE_ALREADY_SINGLE = "WARNING: The running mode is already single"

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
# The guide's prose prints a final period; real 9.2(2)4 and 9.6(4)36 consoles (wrmem.net "Zero
# Downtime ASA Upgrade"; reference 8a) and the unicon mock show none: the device wins.
REPLICATION_END = "End Configuration Replication to mate"
# unverified: the receiving side (reference 5a, from memory)
REPLICATION_FROM_MATE_BEGIN = "Beginning configuration replication from mate."
REPLICATION_FROM_MATE_END = "End configuration replication from mate."

# Configuration typed on a standby unit/context.  Wording: the Cisco configuration guide
# (manualsdump.com p.1309 copy: "... from Standby unit to Active unit. Configurations are no
# longer synchronized.") and the unicon ASA mock; the TAB indentation is from experience.
STANDBY_CONFIG_WARNING = (
    "**** WARNING ****",
    "\tConfiguration Replication is NOT performed from Standby unit to Active unit.",
    "\tConfigurations are no longer synchronized.",
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
FOGROUP_REMOVE_GROUP1_LAST = "ERROR: Failover group 1 must be removed last"                    # unverified


def fogroup_has_contexts(group: int) -> str:
    # unverified: "You cannot remove a failover group that has contexts explicitly assigned to it"
    return f"ERROR: Cannot remove failover group {group}, it has contexts assigned to it"


# `failover ...` settings of the system execution space; wording unverified (ASA-styled sentences
# stating the ranges and rules of the command reference)
FAILOVER_LAN_IF_IN_USE = "ERROR: Cannot remove the LAN failover interface while failover is enabled"  # unverified
FAILOVER_STANDBY_NOT_IN_SUBNET = ("ERROR: Standby IP address and active IP address are not in the same "
                                  "subnet")                                                  # unverified
FAILOVER_HEX_KEY_LENGTH = "ERROR: Failover hex key must be 32 hexadecimal characters"        # unverified
FAILOVER_KEY_LENGTH = "ERROR: Failover key must be 1-63 characters"                           # unverified
UNIT_POLL_MSEC_RANGE = "ERROR: Unit poll time must be in the range 200-999 msec"              # unverified
UNIT_POLL_SEC_RANGE = "ERROR: Unit poll time must be in the range 1-15 seconds"               # unverified
UNIT_HOLD_RANGE = "ERROR: Unit hold time must be in the range 800-999 msec or 1-45 seconds"   # unverified
UNIT_HOLD_3X_POLL = "ERROR: Failover holdtime must be at least 3 times the polltime"           # unverified
IF_POLL_MSEC_RANGE = "ERROR: Failover poll time must be in the range 500-999 msec"            # unverified
IF_POLL_SEC_RANGE = "ERROR: Failover poll time must be in the range 1-15 seconds"             # unverified
IF_HOLD_RANGE = "ERROR: Failover hold time must be in the range 5-75 seconds"                 # unverified
IF_HOLD_5X_POLL = "ERROR: Failover holdtime must be at least 5 times the polltime"            # unverified


# unverified: `failover lan interface` naming another interface or name while failover runs
FAILOVER_LAN_IF_CHANGE = "ERROR: Cannot change the LAN failover interface while failover is enabled"
# unverified: `no failover interface ip` of the LAN failover interface while failover runs
FAILOVER_LAN_IP_IN_USE = ("ERROR: Cannot remove the LAN failover interface IP address while "
                          "failover is enabled")


def failover_name_in_use(name: str, phys: str) -> str:
    # unverified: one failover interface name on a second port
    return f"ERROR: Name {name} is already used by interface {phys}"


def failover_phys_missing(name: str) -> str:
    # unverified: `failover lan interface NAME` / `failover link NAME` without the interface
    return f"ERROR: Physical interface for {name} must be specified"


def already_lan_failover_interface(phys: str) -> str:
    # unverified: `failover link` naming the LAN failover interface under another name
    return f"ERROR: Interface {phys} is already the LAN failover interface"


def not_failover_interface(name: str) -> str:
    # unverified: `failover interface ip NAME` before NAME is the LAN or state link
    return f"ERROR: Interface {name} is not a failover interface"


def standby_not_in_subnet(standby: str) -> str:
    # unverified: "The standby IP address must be in the same subnet as the active address"
    return f"ERROR: Standby address {standby} is not on the same subnet as the active address"


def asr_group_duplicate(interface: str, group: int) -> str:
    # unverified: two interfaces of one context in the same ASR group (the guide: "only one
    # per interface"; the emulator also keeps a group to one interface per context)
    return f"ERROR: Interface {interface} is already a member of ASR group {group}"


# ============================================================================ context interfaces
def nameif_in_use(name: str) -> str:
    # unverified: `nameif X` when another interface of the context already carries X
    return f'ERROR: Name "{name}" is used by another interface'


def security_level_default(name: str, level: int) -> str:
    # verified: several public lab transcripts (find_string ids 48200239823, 36410610435,
    # 14785946922), e.g. `nameif DMZ` -> `INFO: Security level for "DMZ" set to 0 by default.`
    return f'INFO: Security level for "{name}" set to {level} by default.'


def invalid_ip_address(address: str, mask: str) -> str:
    # unverified: an address/mask pair that is not a host on its network
    return f"ERROR: Invalid IP address {address} {mask}"


def not_host_address(address: str) -> str:
    # unverified: the network or broadcast address of the subnet
    return f"ERROR: {address} is not a valid host address"


def not_link_local(address: str) -> str:
    # unverified: `ipv6 address X link-local` with an address outside fe80::/10
    return f"ERROR: {address} is not a valid link-local address"


# unverified: the same address as the active one for `standby`
STANDBY_SAME_AS_ACTIVE = "ERROR: Standby address is the same as the active address"


def address_overlaps(interface: str) -> str:
    # unverified: a subnet that overlaps another interface's subnet in the same context
    return f"ERROR: This address conflicts with another interface's subnet ({interface})"


def max_monitored(limit: int) -> str:
    # unverified: more monitored interfaces than the platform allows
    return f"ERROR: Maximum of {limit} monitored interfaces reached"



# ============================================================================ routing (context)
def max_ospf_processes(limit: int) -> str:
    # unverified: a third `router ospf N` in a context
    return f"ERROR: Maximum number of OSPF processes ({limit}) already configured"


def network_in_other_area(address: str, mask: str, area: str) -> str:
    # unverified: the same OSPF `network` statement again with another area
    return f"ERROR: network {address} {mask} is already configured in area {area}"


# failover exec refusals (spec "Limitations of Remote Command Execution"); wording unverified
FAILOVER_EXEC_CHANGETO = "ERROR: changeto command is not supported by failover exec"               # unverified
FAILOVER_EXEC_DEBUG = "ERROR: debug command is not supported by failover exec"                     # unverified
FAILOVER_EXEC_UNDEBUG = "ERROR: undebug command is not supported by failover exec"                 # unverified
FAILOVER_EXEC_RECURSIVE = "ERROR: Recursive failover exec command is not allowed"                  # unverified
FAILOVER_EXEC_NO_MATE = "ERROR: Failover exec failed, mate is not available"                       # unverified
FAILOVER_EXEC_NOT_ENABLED = "ERROR: Failover is not enabled"                                       # unverified
FAILOVER_EXEC_CONFIRM = ("ERROR: Command requires user input or confirmation; "
                         "use the /noconfirm option with failover exec")                       # unverified
FAILOVER_EXEC_NOT_CONFIG = ("ERROR: Configuration commands can be sent with failover exec "
                            "only from configuration mode")                                     # unverified
FAILOVER_EXEC_NO_CONTEXT = "ERROR: Failover exec failed, context is not available on the peer unit"  # unverified


# ============================================================================ failover prerequisites
def failover_same_role(role: str) -> str:
    # unverified (no capture found): both units configured with the same `failover lan unit`;
    # printed on each console when the mate's hellos are first heard.  The units do not pair:
    # each runs alone, active, as with the failover link down at start-up
    return (f"Failover: the mate is also the {role} unit; the units cannot pair "
            "(failover lan unit)")


# unverified: `failover` on a unit whose licence has no failover (`Failover : Disabled` in
# `show version`: the Base licence of an ASA 5505, 5510 or 5512-X; the licensing chapter: "the
# Base license does not support failover, so you cannot enable failover")
FAILOVER_NOT_LICENSED = "ERROR: Failover is disabled by the license of this unit (Failover : Disabled)"


# ============================================================================ forcing a failover
# `[no] failover active [group N]` that cannot happen (chapter 34: "the unit cannot fail over
# to the standby unit while the failover link is down"); all wording unverified (no capture)
FORCE_LINK_DOWN = "ERROR: Failover link is down: no failover is possible until it is restored"  # unverified
FORCE_NO_MATE = "ERROR: Mate not detected: there is no unit to fail over to"                   # unverified
FORCE_MATE_LOST = "ERROR: Mate has failed (no hello heard): it cannot become active"            # unverified
FORCE_SYNCING = "ERROR: Configuration synchronization in progress: try again when it completes"  # unverified


def force_mate_failed(what: str) -> str:
    # unverified: the mate's unit (Active/Standby) or group is Failed
    return f"ERROR: Mate {what} is in Failed state: it cannot become active"


def force_self_failed(what: str) -> str:
    # unverified: `failover active` on a unit whose unit (or group) is Failed
    return f"ERROR: This {what} is in Failed state: use failover reset first"


def failover_exec_failed_unit(unit: str) -> str:
    # unverified: a failed peer refuses remote commands unless the failure is a service card's
    return f"ERROR: Failover exec failed, {unit.lower()} unit is in Failed state"


def failover_exec_no_unit(unit: str) -> str:
    # unverified: `failover exec active|standby` when no unit holds that role for the group
    return f"ERROR: Failover exec failed, no {unit.lower()} unit"

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


# verified: 9.x `write memory` (wrmem.net), reference 5b
BUILDING_CONFIGURATION = "Building configuration..."


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


def error_changing_dir(path: str, reason: str = "No such file or directory") -> str:
    # unverified: the IOS form (`%Error changing directory to flash:/x (No such file or directory)`)
    return f"%Error changing directory to {path} ({reason})"


def working_directory(fs: str, path: str) -> str:
    """`pwd`: `disk0:/` at the root (ASA); `disk0:/dir/` below it (unverified: IOS's form)."""
    return f"{fs}/{path}/" if path else f"{fs}/"


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


# unverified: `write erase` (IOS wording; the ASA asks the same confirmation)
WRITE_ERASE_CONFIRM = "Erase configuration in flash memory? [confirm]"
# verified: reference 5b (`[OK]` closes write memory); used for write erase as on IOS
OK = "[OK]"
# A save that cannot be written: a public capture of `write memory` / `copy run start` on an
# ASA whose flash went read-only shows "%Error opening disk0:/.private/startup-config
# (Read-only file system) Error executing command [FAILED]" (flattened in the page: the line
# breaks are unverified, taken as [OK]'s own line).
STARTUP_ON_FLASH = "disk0:/.private/startup-config"
WRITE_FAILED = ("Error executing command", "[FAILED]")
# unverified: `write net` (no TFTP server in the lab)
NO_NETWORK = "%Error: network write is not available in the lab"


def erase_confirm(filesystem: str) -> str:
    # unverified: `erase disk0:` / `format disk0:`
    return f"Erase {filesystem} ? [confirm]"


def erase_done(filesystem: str) -> str:
    # unverified
    return f"Erase of {filesystem} complete"


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


# ============================================================================ flash file system
# The reasons the ASA prints in parentheses after a file error (`%Error opening disk0:/x (No
# such file or directory)`).  The ASA runs on Linux: these are the C library's strerror texts.
# `No such file or directory` is verified in the IOS-XE form quoted at error_opening; the others
# are unverified on the ASA (same source, other errno values).
NO_SUCH_FILE = "No such file or directory"
FILE_EXISTS = "File exists"
IS_A_DIRECTORY = "Is a directory"
NOT_A_DIRECTORY = "Not a directory"
DIR_NOT_EMPTY = "Directory not empty"
INVALID_ARGUMENT = "Invalid argument"
NAME_TOO_LONG = "File name too long"
PERMISSION_DENIED = "Permission denied"
NO_SPACE = "No space left on device"
IO_ERROR = "Input/output error"
# unverified: a file command naming a scheme the lab does not serve (tftp:, ftp:, http:)
UNSUPPORTED_URL_REASON = "Unsupported URL"
OS_REASONS = {
    _errno.ENOENT: NO_SUCH_FILE, _errno.EEXIST: FILE_EXISTS, _errno.EISDIR: IS_A_DIRECTORY,
    _errno.ENOTDIR: NOT_A_DIRECTORY, _errno.ENOTEMPTY: DIR_NOT_EMPTY,
    _errno.EINVAL: INVALID_ARGUMENT, _errno.ENAMETOOLONG: NAME_TOO_LONG,
    _errno.EACCES: PERMISSION_DENIED, _errno.EPERM: PERMISSION_DENIED, _errno.ENOSPC: NO_SPACE,
    _errno.EROFS: "Read-only file system",
    # a link met where a folder was expected (O_NOFOLLOW): the flash shows no such folder
    _errno.ELOOP: NO_SUCH_FILE,
}

# How an error line of the ASA begins: `run --strict` counts them, an SSH exec channel whose
# output holds one exits with status 1.
ERROR_PREFIXES = ("ERROR:", "%Error", "% ")


def has_error(lines: list[str]) -> bool:
    """The output holds an ASA error line."""
    return any(line.startswith(ERROR_PREFIXES) for line in lines)


# ---------------------------------------------------------------- access control
def acl_mask_mismatch(address: str, mask: str) -> str:
    # unverified: from memory of ASA 9.x, an address with host bits outside its mask
    return f"ERROR: IP address,mask <{address},{mask}> doesn't pair"


def object_missing(name: str) -> str:
    # unverified wording
    return f"ERROR: object ({name}) does not exist."


def object_group_missing(name: str) -> str:
    # unverified wording
    return f"ERROR: object-group ({name}) does not exist."


def object_in_use(name: str) -> str:
    # partly verified: Cisco's NSO cisco-asa NED (ASANedCli.java, find_string id 14857982726)
    # retries a command whose reply contains "object is being used"; the rest of the sentence
    # is unverified
    return f"ERROR: unable to delete object ({name}). Object is being used."


def name_in_use(name: str) -> str:
    # unverified wording: objects, object groups and access lists share one name space
    return f"ERROR: {name} already exists as a different type"


def acl_missing(name: str) -> str:
    # unverified wording
    return f"ERROR: access-list <{name}> does not exist"


def acl_duplicate(name: str) -> str:
    # unverified wording: the same entry typed twice is not added again
    return f"WARNING: <{name}> found duplicate element"


def group_duplicate(text: str, group: str) -> str:
    """Real capture (reference: object-group duplicate); `text` as `host 5.5.50.10`."""
    return f"WARNING: Adding obj (network-object {text}) to grp ({group}) failed; object already exists"
