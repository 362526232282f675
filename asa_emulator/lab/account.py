"""The lab-control port's own account (`[control]` in lab.toml): a user name and a salted
scrypt hash of the password, independent of the units' configuration and power.

`python -m asa_emulator.lab.account` asks for a password (or reads one line from stdin) and
prints the `[control]` table to paste into lab.toml:

    [control]
    username = "lab"
    password_hash = "scrypt:16384:8:1$<salt>$<hash>"

The hash is checked in constant time; checking costs tens of milliseconds on purpose (a guess
is as dear to an attacker as a login to a user), so the SSH server runs it off the event loop.
"""

from __future__ import annotations

import base64
import binascii
import getpass
import hashlib
import hmac
import os
import re
import sys

from ..console import ControlAccount

SCHEME = "scrypt"
N, R, P = 2**14, 8, 1                 # RFC 7914's interactive-login parameters
SALT_BYTES, KEY_BYTES = 16, 32
USERNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
_HASH = re.compile(r"scrypt:(\d{1,7}):(\d{1,2}):(\d{1,2})\$([A-Za-z0-9+/=]{1,100})\$([A-Za-z0-9+/=]{1,200})")
# bounds a hash from a lab file may ask for: a lab.toml must not make each login cost seconds
# or gigabytes
N_RANGE, R_RANGE, P_RANGE = (2**10, 2**17), (1, 16), (1, 4)


def hash_password(password: str, salt: bytes | None = None) -> str:
    """A new `scrypt:N:r:p$salt$key` string for `password` (a fresh random salt)."""
    salt = salt if salt is not None else os.urandom(SALT_BYTES)
    key = _scrypt(password, salt, N, R, P, KEY_BYTES)
    return f"{SCHEME}:{N}:{R}:{P}${_b64(salt)}${_b64(key)}"


def hash_problem(stored: str) -> str | None:
    """Why `stored` is not a usable hash (one phrase), or None when it is."""
    m = _HASH.fullmatch(stored)
    if m is None:
        return "is not scrypt:N:r:p$SALT$HASH"
    n, r, p = (int(g) for g in m.groups()[:3])
    if not (N_RANGE[0] <= n <= N_RANGE[1] and n & (n - 1) == 0):
        return f"has N={n} (a power of 2 from {N_RANGE[0]} to {N_RANGE[1]})"
    if not (R_RANGE[0] <= r <= R_RANGE[1] and P_RANGE[0] <= p <= P_RANGE[1]):
        return f"has r={r}, p={p} (r 1 to {R_RANGE[1]}, p 1 to {P_RANGE[1]})"
    try:
        salt, key = base64.b64decode(m.group(4), validate=True), base64.b64decode(m.group(5), validate=True)
    except binascii.Error:
        return "has a salt or hash that is not base64"
    if len(salt) < 8 or not 16 <= len(key) <= 64:
        return "has a salt under 8 bytes or a hash outside 16 to 64 bytes"
    return None


def verify(password: str, stored: str) -> bool:
    """Is `password` the one `stored` was made from?  False for a malformed hash."""
    if hash_problem(stored) is not None:
        return False
    params, salt64, key64 = stored.split("$")
    n, r, p = (int(x) for x in params.split(":")[1:])
    key = base64.b64decode(key64)
    return hmac.compare_digest(_scrypt(password, base64.b64decode(salt64), n, r, p, len(key)), key)


def check_login(account: ControlAccount | None, username: str, password: str) -> bool:
    """The control port's login: the account's user name and password (no account: nobody)."""
    if account is None:
        return False
    right_user = hmac.compare_digest(username.encode("utf-8", "replace"), account.username.encode())
    return verify(password, account.password_hash) and right_user


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8", "replace"), salt=salt, n=n, r=r, p=p,
                          maxmem=256 * 1024 * 1024, dklen=length)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def main(argv: list[str] | None = None) -> int:
    """`python -m asa_emulator.lab.account [USERNAME]`: print a `[control]` table."""
    args = sys.argv[1:] if argv is None else argv
    username = args[0] if args else "lab"
    if not USERNAME.fullmatch(username):
        print(f"asa-emulator: {username!r} is not a valid user name (letters, digits, . _ @ -)",
              file=sys.stderr)
        return 2
    if sys.stdin.isatty():
        password = getpass.getpass("Password for the lab-control port: ")
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        print("asa-emulator: the password is empty", file=sys.stderr)
        return 2
    print(f'[control]\nusername = "{username}"\npassword_hash = "{hash_password(password)}"')
    return 0


if __name__ == "__main__":
    sys.exit(main())
