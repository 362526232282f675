"""Security contexts, context mode, system-space interfaces and reload. (See the package's docstring for what `# verified` means.)"""

from __future__ import annotations

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


def vlan_licence_exceeded(most: int) -> str:
    # unverified: a VLAN past the licence's `Maximum VLANs`
    return f"ERROR: The license allows at most {most} VLANs; no VLAN was assigned"


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
