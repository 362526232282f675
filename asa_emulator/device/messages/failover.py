"""Failover: replication, the `failover` settings and groups, prerequisites, forcing a failover. (See the package's docstring for what `# verified` means.)"""

from __future__ import annotations

# ============================================================================ failover / replication
# verified: configuration guide (spec line 79) and unicon mock
REPLICATION_BEGIN = "Beginning configuration replication: Sending to mate."
# The guide's prose prints a final period; real 9.2(2)4 and 9.6(4)36 consoles (wrmem.net "Zero
# Downtime ASA Upgrade"; reference 8a) and the unicon mock show none: the device wins.
REPLICATION_END = "End Configuration Replication to mate"
# unverified: the receiving side (reference 5a, from memory)
REPLICATION_FROM_MATE_BEGIN = "Beginning configuration replication from mate."
REPLICATION_FROM_MATE_END = "End configuration replication from mate."

# The replication syslogs (Cisco ASA syslog messages guide, 709003-709006), each beside its
# console banner: (msg_id, level, text) for Unit.log
def replication_syslog(msg_id: int, role: str) -> tuple[int, int, str]:
    text = {709003: "Beginning configuration replication: Send to mate.",
            709004: "End Configuration Replication (ACT)",
            709005: "Beginning configuration replication: Receiving from mate.",
            709006: "End Configuration Replication (STB)"}[msg_id]
    return msg_id, 1, f"({role}) {text}"


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


def lan_interface_cleared(phys: str) -> str:
    # verified: real 9.2(2)4 on an ASA5525 (blog "Configuring Stateful Failover on a Cisco ASA
    # HA Pair", 2016): `failover lan interface failover GigabitEthernet0/7` prints it
    return f"INFO: Non-failover interface config is cleared on {phys} and its sub-interfaces"


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


# `failover link NAME` naming a data interface in single context routed mode: the warning the
# configuration guide quotes ("Stateful Failover Link", ASA 8.x/9.x CLI guides)
STATE_LINK_DATA_WARNING = (
    "******* WARNING ***** WARNING ******* WARNING ****** WARNING *********",
    "Sharing Stateful failover interface with regular data interface is not",
    "a recommended configuration due to performance and security concerns.",
    "******* WARNING ***** WARNING ******* WARNING ****** WARNING *********",
)


def state_link_data_multiple(name: str) -> str:
    # unverified: a context's data interface named as the state link in the system space
    return (f"ERROR: {name} is a context's data interface: in multiple context mode the "
            "Stateful Failover link must be a dedicated interface of the system")


def state_link_data_transparent(name: str) -> str:
    # unverified: a data interface as the state link is supported in routed mode only
    return (f"ERROR: {name} is a data interface: a data interface can be the Stateful "
            "Failover link in routed mode only")


def state_link_allocated(phys: str, context: str) -> str:
    # unverified: a port allocated to a context named as the state link
    return (f"ERROR: Interface {phys} is allocated to context {context}: in multiple context "
            "mode the Stateful Failover link must be a dedicated interface of the system")


# `failover reload-standby` refused  # unverified: both texts
RELOAD_STANDBY_NOT_ACTIVE = "ERROR: failover reload-standby must be entered on the active unit"
RELOAD_STANDBY_NO_MATE = "ERROR: The standby unit is not present"
