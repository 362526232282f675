"""asyncssh, imported once for the package, without the warnings its import raises.

Our stdout and stderr are ours: `serve` must print its ready line and nothing a dependency says
at import.  cryptography 51 deprecates DSA, and asyncssh names `dsa.*` types in its annotations
at import, which raises `CryptographyDeprecationWarning` once per name (ten lines on stderr).
Exactly that category, raised from asyncssh's own modules during this import, is ignored; any
other warning, or the same one raised later or elsewhere, is shown as Python would show it.
A new warning at import is caught by tests/contracts/test_quiet_start.py (run `make test-latest`).
"""

from __future__ import annotations

import warnings

with warnings.catch_warnings():
    try:
        from cryptography.utils import CryptographyDeprecationWarning
    except ImportError:  # an older cryptography without the class has nothing to filter
        pass
    else:
        warnings.filterwarnings("ignore", category=CryptographyDeprecationWarning,
                                module=r"asyncssh(\.|$)")
    import asyncssh

__all__ = ["asyncssh"]
