"""The transcripts real parsers judge (ntc-templates here, Genie in tests/fidelity/): the
commands typed on each unit before and after a failover, and their outputs."""

from __future__ import annotations

import re

from asa_emulator.transcript.runner import run_lines

PROMPT = re.compile(r"^primary(/\w+)?(\([\w-]+\))?[>#] ")
# the stock `show interface` template does not know the system space's real `Available for
# allocation to a context` line (its `detail` twin does): it reads the failover link alone
SYSTEM_CMDS = ["show version", "show inventory", "show module", "show interface GigabitEthernet0/1",
               "show interface detail", "show interface ip brief", "show resource usage",
               "show failover"]
CONTEXT_CMDS = ["show version", "show interface", "show interface ip brief", "show route",
                "show arp", "show name", "show xlate", "ping 192.168.1.2", "ping 192.168.1.1"]
SERIALS = {"primary": "JMX1234A0P1", "secondary": "JMX1234A0S2"}


def outputs(script: list[str]) -> list[tuple[str, list[str]]]:
    """(command, output lines) for each typed command of the transcript."""
    lines, _ = run_lines(script)
    out: list[tuple[str, list[str]]] = []
    for ln in lines:
        m = PROMPT.match(ln)
        if m:
            out.append((ln[m.end():], []))
        elif ln.startswith("@"):
            out.append(("@", []))
        elif out:
            out[-1][1].append(ln)
    return out


def script(unit: str, failed_over: bool) -> list[str]:
    """The judged script: the system commands, then the admin context's, typed on `unit`
    (after `no failover active group 1` when `failed_over`)."""
    lines = ["configure terminal", "changeto context admin",
             "name 192.168.1.254 isp-a-gw", "route outsideISP-A 0.0.0.0 0.0.0.0 192.168.1.254",
             "end", "changeto system"]
    if failed_over:
        lines += ["no failover active group 1", "@wait 3s"]
    if unit == "secondary":
        lines += ["@wait 1s", "@console secondary", "enable", ""]
    return ["enable", ""] + lines + SYSTEM_CMDS + ["changeto context admin"] + CONTEXT_CMDS
