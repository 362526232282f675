"""`copy` to or from a TFTP or FTP server: the questions a real unit asks, then the failure
(the lab serves no file server; nothing is sent or written).

Question order and wording from a real ASA 9.2 transcript (wrmem.net, quoted in
device/messages/files.py): `copy running-config tftp:` asks `Source filename
[running-config]?`, `Address or name of remote host [...]?`, `Destination filename [...]?`;
a copy from tftp prints `Accessing tftp://HOST/FILE...` before it reads (the blank line the
transcript shows before each question is printed once, before the first, as the flash copy
does).  A copy from a server
asks the remote host first, then the source and destination names (the IOS order; unverified
on an ASA).  # unverified: the failure line, `%Error opening URL (Timed out)`, is the IOS
form of a server that does not answer.
"""

from __future__ import annotations

from collections.abc import Callable

from .. import messages as msg
from ..commands import Command
from ..filenames import RUNNING, STARTUP_CFG, canonical_file

SCHEMES = ("tftp", "ftp")
TIMED_OUT = "Timed out"


def remote(raw: str) -> tuple[str, str, str] | None:
    """`tftp://10.1.1.1/dir/x` -> ("tftp", "10.1.1.1", "dir/x"); `tftp:` -> ("tftp", "", "");
    None for a name that is not a server's."""
    scheme, colon, rest = raw.partition(":")
    if not colon or scheme.lower() not in SCHEMES:
        return None
    rest = rest.lstrip("/")
    host, _, path = rest.partition("/")
    return scheme.lower(), host, path


def _url(scheme: str, host: str, path: str) -> str:
    return f"{scheme}://{host}/{path}"


def copy_remote(cmd: Command, src_raw: str, dst_raw: str) -> bool:
    """Run `copy` if either end is a server's (True), else leave it to the flash copy."""
    src, dst = remote(src_raw), remote(dst_raw)
    if src is None and dst is None:
        return False
    s = cmd.session
    answers: list[str] = []
    if src is not None:
        scheme, host, path = src
        local = canonical_file(dst_raw)
        steps: list[tuple[str, Callable[[], str]]] = [
            ("host", lambda: host), ("source", lambda: path),
            ("dest", lambda: local if local in (RUNNING, STARTUP_CFG) else _leaf(answers[1]))]
        prompts = {"host": msg.remote_host_prompt, "source": msg.source_filename_prompt,
                   "dest": msg.destination_filename_prompt}

        def fail(out: list[str]) -> None:
            url = _url(scheme, answers[0], answers[1])
            out.extend([msg.accessing(url), msg.error_opening(url, TIMED_OUT)])
    else:
        assert dst is not None
        scheme, host, path = dst
        source = canonical_file(src_raw)
        steps = [("source", lambda: _leaf(source)), ("host", lambda: host),
                 ("dest", lambda: path or _leaf(answers[0]))]
        prompts = {"host": msg.remote_host_prompt, "source": msg.source_filename_prompt,
                   "dest": msg.destination_filename_prompt}

        def fail(out: list[str]) -> None:
            out.append(msg.error_opening(_url(scheme, answers[1], answers[2]), TIMED_OUT))

    def step(i: int, out: list[str]) -> None:
        if i == len(steps):
            fail(out)
            cmd.failed = True
            return
        key, default = steps[i]
        value = default()

        def answer(typed: str, out2: list[str]) -> None:
            answers.append(typed.strip() or value)
            step(i + 1, out2)
        if quiet:
            answer("", out)
        else:
            s.ask(prompts[key](value), answer, default=value)

    quiet = bool(cmd.values("COPY_OPT")) or s.batch     # /noconfirm: the defaults, unasked
    if not quiet:
        cmd.print("")
    step(0, cmd.out)
    return True


def _leaf(name: str) -> str:
    return name.rsplit("/", 1)[-1].split(":")[-1]
