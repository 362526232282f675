"""The ASA's messages for lines that are not commands (reference/asa-output.md 4a, 4b).

The single source of these three strings: device/messages/ re-exports them for handlers (the
syntax layer imports nothing from device/).
"""

from __future__ import annotations

# verified: reference 4a (several real transcripts; FWSM perl fixture)
INVALID_INPUT = "ERROR: % Invalid input detected at '^' marker."
# verified: reference 4b (`sh cry ipsec` transcript); no trailing period, unlike IOS
INCOMPLETE = "ERROR: % Incomplete command"


def invalid_marker(column: int) -> str:
    """The caret line: `column` counts from the start of the prompt (reference 4a)."""
    return " " * column + "^"


def ambiguous(text: str) -> str:
    # unverified: ASA wording not found verbatim; the IOS form (`% Ambiguous command:  "sh fa"`,
    # two spaces) with the ASA's "ERROR: " prefix (reference note 3)
    return f'ERROR: % Ambiguous command:  "{text}"'
