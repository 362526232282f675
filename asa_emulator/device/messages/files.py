"""copy, the flash file system and its errors. (See the package's docstring for what `# verified` means.)"""

from __future__ import annotations

import errno as _errno

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


# `show startup-config` with no startup configuration (after `write erase`): a real unit prints
# this line (Cisco Networking Academy ASA lab, public copy: `ciscoasa# show start` after
# `write erase` / `[OK]`)
NO_CONFIGURATION = "No Configuration"
# `write erase` confirmation and `[OK]`: the same Networking Academy capture
WRITE_ERASE_CONFIRM = "Erase configuration in flash memory? [confirm]"
# verified: reference 5b (`[OK]` closes write memory) and the capture above (write erase)
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
