"""The ASA's "encrypted" password form (MD5-based, 16 characters), as `show running-config`
prints `enable password ... encrypted` and `username NAME password ... encrypted`.

The algorithm is the published Cisco PIX/ASA MD5 hash: the password (for a local user, followed
by the first four characters of the user name, repeated to four when shorter, when the password
is under 28 characters) is NUL-padded to 16 bytes (32 bytes for an ASA user password over 12
characters), hashed with MD5; every fourth byte of the digest is dropped and the remaining 12
bytes are written in the crypt alphabet, 3 bytes little-endian to 4 characters.  Checked against
the well-known vectors: the empty enable password is `8Ry2YjIyt7RRXU24`, `cisco` is
`2KFQnbNIdI.2KYOU` (tests/unit/device/test_ssh_login.py).
"""

from __future__ import annotations

_CRYPT64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _crypt64(data: bytes) -> str:
    out: list[str] = []
    for i in range(0, len(data), 3):
        v = int.from_bytes(data[i:i + 3], "little")
        out.extend(_CRYPT64[(v >> shift) & 63] for shift in (0, 6, 12, 18))
    return "".join(out)


def asa_hash(secret: str, user: str = "") -> str:
    """The 16-character encrypted form of `secret` (of local user `user`; "" for `enable`)."""
    raw = secret.encode()
    length = len(raw)
    if user and length < 28:
        salt = user.encode()
        raw += (salt * 4)[:4]
    size = 32 if user and length > 12 else 16
    from hashlib import md5  # hashlib (OpenSSL) loads in ms: only when a password is hashed
    digest = md5(raw[:size].ljust(size, b"\0")).digest()
    kept = bytes(b for i, b in enumerate(digest) if i % 4 != 3)
    return _crypt64(kept)
