"""The ASA's messages for lines that are not commands (reference/asa-output.md 4a, 4b)."""

from __future__ import annotations

INVALID_INPUT = "ERROR: % Invalid input detected at '^' marker."
INCOMPLETE = "ERROR: % Incomplete command"


def invalid_marker(column: int) -> str:
    """The caret line: `column` counts from the start of the prompt."""
    return " " * column + "^"


def ambiguous(text: str) -> str:
    # ASA wording not found verbatim; IOS form with the ASA's ERROR prefix (reference note 3)
    return f'ERROR: % Ambiguous command:  "{text}"'
