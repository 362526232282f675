"""The parser's errors and the login and enable prompts. (See the package's docstring for what `# verified` means.)"""

from __future__ import annotations

# ============================================================================ CLI parser
# The parser's own three strings live in syntax/errors.py (the syntax layer may import nothing
# from device/); they are re-exported here so that handlers have one place to look.
#   INVALID_INPUT  verified: reference/asa-output.md 4a (several transcripts; FWSM perl fixture)
#   INCOMPLETE     verified: reference 4b (`sh cry ipsec` transcript); no trailing period
#   ambiguous()    unverified: IOS wording with the ASA's "ERROR: " prefix (reference note 3)
from ...syntax.errors import INCOMPLETE, INVALID_INPUT, ambiguous  # noqa: E402, F401
from ...syntax.errors import invalid_marker as caret_line  # noqa: E402, F401

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
