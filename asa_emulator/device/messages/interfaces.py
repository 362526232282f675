"""A context's interfaces and routes. (See the package's docstring for what `# verified` means.)"""

from __future__ import annotations


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
def failover_exec_unsupported(command: str) -> str:
    """A command `//@ NAME: failover-exec=refused` in the grammar (unverified)."""
    return f"ERROR: {command} command is not supported by failover exec"


FAILOVER_EXEC_CHANGETO = failover_exec_unsupported("changeto")
FAILOVER_EXEC_DEBUG = failover_exec_unsupported("debug")
FAILOVER_EXEC_UNDEBUG = failover_exec_unsupported("undebug")
FAILOVER_EXEC_RECURSIVE = "ERROR: Recursive failover exec command is not allowed"                  # unverified
FAILOVER_EXEC_NO_MATE = "ERROR: Failover exec failed, mate is not available"                       # unverified
FAILOVER_EXEC_NOT_ENABLED = "ERROR: Failover is not enabled"                                       # unverified
FAILOVER_EXEC_CONFIRM = ("ERROR: Command requires user input or confirmation; "
                         "use the /noconfirm option with failover exec")                       # unverified
FAILOVER_EXEC_NOT_CONFIG = ("ERROR: Configuration commands can be sent with failover exec "
                            "only from configuration mode")                                     # unverified
FAILOVER_EXEC_NO_CONTEXT = "ERROR: Failover exec failed, context is not available on the peer unit"  # unverified


# unverified: `no management-only` on a 5500-X's Management port (the guide says only that the
# port cannot carry through traffic on the 5512-X to 5555-X)
MANAGEMENT_ONLY_FIXED = "ERROR: Management-only mode cannot be disabled on this interface"


# ============================================================================ bridge groups
def bridge_group_full(group: int, most: int) -> str:
    # unverified: `bridge-group N` on one interface more than a group may hold (4 before
    # 9.6(2), 64 since: configuration guides and release notes)
    return f"ERROR: Bridge group {group} already has maximum number of interfaces ({most})"


def bridge_groups_full(most: int) -> str:
    # unverified: a bridge group beyond the space's maximum (8 before 9.3(1), 250 since)
    return f"ERROR: Maximum number of bridge groups ({most}) reached"
