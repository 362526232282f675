"""The ASA's error, warning, prompt and file-system strings, in one place.

Every string carries its provenance in a comment.  `# verified:` means the exact text was seen in
a real-device transcript or in Cisco's own documentation/tooling; `# unverified` means it is the
best reconstruction available (usually the IOS form, or an ASA-styled sentence built from the
rule in the configuration guide) and should be replaced when a real dump turns up.

Prompts that the ASA prints after an empty line (copy, delete) are returned without that empty
line: the caller prints `""` first, as in the real transcripts quoted below.
"""

from __future__ import annotations

# one module per feature, as the grammar files are; every name is read from here
from .cli import *  # noqa: F403
from .contexts import *  # noqa: F403
from .exec import *  # noqa: F403
from .failover import *  # noqa: F403
from .files import *  # noqa: F403
from .interfaces import *  # noqa: F403
