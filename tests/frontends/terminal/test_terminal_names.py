"""Tab in the lab terminal (a real pseudo-terminal) completes what exists on the unit: a
capture's name after `show capture`, a nameif after `packet-tracer input`; before, neither
completed (the provider knew only `<WORD>`)."""

from __future__ import annotations

from tests.support.pty_screen import PtyScreen

CTRL_U = "\x15"


def test_tab_completes_capture_names_and_nameifs() -> None:
    term = PtyScreen("lab", "--fresh")
    try:
        term.wait_prompt("primary>")
        for line, prompt in (("enable", "Password:"), ("", "primary#"),
                             ("changeto context admin", "primary/admin#"),
                             ("capture webcap interface inside", "primary/admin#")):
            term.send(line + "\r")
            term.wait_prompt(prompt)
        term.send("show capture we\t")
        term.wait_for(lambda s: s.cursor_line().startswith("primary/admin# show capture webcap"),
                      "the capture's name completed")
        term.send(CTRL_U + "packet-tracer input ins\t")
        term.wait_for(lambda s: s.cursor_line().startswith("primary/admin# packet-tracer input inside"),
                      "the nameif completed")
    finally:
        term.close()
