"""`show failover descriptor` and `show failover statistics` (issue 20): in the system space
and single mode, values from the lab's failover link and interfaces; the counters move with the
hellos of the virtual clock (ticks run or skipped alike) and with replicated commands."""

from __future__ import annotations

from asa_emulator import api
from tests.support.paths import LABS

REFUSED = "ERROR: % Invalid input detected at '^' marker."


def _lab(name: str = "example") -> api.Lab:
    lab = api.Lab.load(name if name == "example" else str(LABS / name), in_memory=True)
    lab.settle()
    return lab


def _after(lines: list[str], command: str) -> list[str]:
    """The output of the last `command` in a transcript."""
    at = max(i for i, line in enumerate(lines) if line.endswith("# " + command))
    rest = lines[at + 1:]
    end = next((i for i, line in enumerate(rest) if "# " in line or line.startswith("@")), len(rest))
    return rest[:end]


def _counts(lab: api.Lab, unit: str) -> tuple[int, int]:
    out = _after(lab.run([f"@console {unit}", "show failover statistics"]), "show failover statistics")
    tx, rx = out
    assert tx.startswith("    tx:") and rx.startswith("    rx:")
    return int(tx.split(":")[1]), int(rx.split(":")[1])


def test_the_descriptor_table_lists_the_failover_link_then_each_named_interface() -> None:
    lab = _lab()
    lines = lab.run(["enable", "", "show failover descriptor"])
    assert _after(lines, "show failover descriptor") == [
        " folink send: 00020000ffff0000 receive: 00020000ffff0000",
        " admin outsideISP-A send: 00030000ffff0000 receive: 00030000ffff0000",
        " admin inside send: 00040000ffff0000 receive: 00040000ffff0000",
        " ctx1 outsideISP-B send: 00050000ffff0000 receive: 00050000ffff0000",
        " ctx1 inside send: 00060000ffff0000 receive: 00060000ffff0000"]
    # a context has no failover link of its own: the line is refused there
    assert lab.run(["changeto context admin", "show failover descriptor"])[-1] == REFUSED


def test_a_silent_mate_sends_no_descriptor() -> None:
    lab = _lab()
    lab.run(["enable", "", "@failover-link down", "@wait 20s"])
    out = _after(lab.run(["show failover descriptor"]), "show failover descriptor")
    assert out[0] == " folink send: 00020000ffff0000 receive: 0000000000000000"
    assert all(line.endswith("receive: 0000000000000000") for line in out)


def test_hellos_count_one_per_poll_each_way_however_long_the_wait() -> None:
    lab = _lab()
    lab.run(["enable", "", "@console secondary", "enable", ""])
    tx, rx = _counts(lab, "primary")
    s_tx, s_rx = _counts(lab, "secondary")
    # the boot's configuration sync went from the primary to the secondary, a message a line
    assert tx - rx > 100 and s_rx - s_tx > 100
    lab.run(["@wait 10s"])
    assert _counts(lab, "primary") == (tx + 10, rx + 10)
    lab.run(["@wait 1h"])           # quiet ticks are skipped: they are counted all the same
    assert _counts(lab, "primary") == (tx + 3610, rx + 3610)
    # the link cut: hellos still go out, none comes in
    lab.run(["@failover-link down", "@wait 30s"])
    after = _counts(lab, "primary")
    assert after[0] == tx + 3640 and after[1] < rx + 3640


def test_a_replicated_command_is_one_data_message_more_each_way() -> None:
    lab = _lab()
    lab.run(["enable", "", "@console secondary", "enable", ""])
    p_tx, p_rx = _counts(lab, "primary")
    s_tx, s_rx = _counts(lab, "secondary")
    lab.run(["@console primary", "configure terminal", "hostname fw", "end"])
    assert _counts(lab, "primary") == (p_tx + 1, p_rx)
    assert _counts(lab, "secondary") == (s_tx, s_rx + 1)


def test_single_mode_has_both_lines() -> None:
    lab = _lab("single-mode")
    lines = lab.run(["enable", "", "show failover statistics", "show failover descriptor"])
    assert _after(lines, "show failover statistics")[0].startswith("    tx:")
    desc = _after(lines, "show failover descriptor")
    assert desc and all(" send: " in line and " receive: " in line for line in desc)
