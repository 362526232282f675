"""`traceroute DEST` in a context and single mode (issue 20): the hops from the context's
routes; what answers is what answers `ping` (the units' own addresses and the mate's), every
other hop times out up to the 30 the ASA tries."""

from __future__ import annotations

from asa_emulator import api
from tests.support.paths import LABS

HEAD = ["", "Type escape sequence to abort."]
SILENT = [f"{n:>2}  * * *" for n in range(1, 31)]


def _traced(lines: list[str], target: str) -> list[str]:
    at = max(i for i, line in enumerate(lines) if line.endswith("# traceroute " + target))
    rest = lines[at + 1:]
    end = next((i for i, line in enumerate(rest) if "# " in line or line.startswith("@")), len(rest))
    return rest[:end]


def test_the_mate_answers_at_the_first_hop_until_it_goes() -> None:
    lab = api.Lab.load("example", in_memory=True)
    lab.settle()
    lab.run(["enable", "", "changeto context admin"])
    assert _traced(lab.run(["traceroute 10.1.0.11"]), "10.1.0.11") == [
        *HEAD, "Tracing the route to 10.1.0.11", "", " 1  10.1.0.11 0 msec 0 msec 0 msec"]
    # no route: nothing answers
    assert _traced(lab.run(["traceroute 203.0.113.10"]), "203.0.113.10") == [
        *HEAD, "Tracing the route to 203.0.113.10", "", *SILENT]
    # routed through a gateway the lab does not model: every hop times out as well
    lab.run(["configure terminal", "route outsideISP-A 0.0.0.0 0.0.0.0 192.168.1.254", "end"])
    assert _traced(lab.run(["traceroute 203.0.113.10"]), "203.0.113.10")[4:] == SILENT
    lab.run(["@power off secondary", "@wait 20s"])
    assert _traced(lab.run(["traceroute 10.1.0.11"]), "10.1.0.11")[4:] == SILENT
    assert lab.run(["changeto system", "traceroute 10.1.0.11"])[-1] == (
        "ERROR: % Invalid input detected at '^' marker.")


def test_single_mode_traces_from_its_one_space() -> None:
    lab = api.Lab.load(str(LABS / "single-mode"), in_memory=True)
    lab.settle()
    lines = lab.run(["enable", "", "show running-config interface | include ip address 192.168.1"])
    own = lines[-1].split()[2]
    assert _traced(lab.run([f"traceroute {own}"]), own) == [
        *HEAD, f"Tracing the route to {own}", "", f" 1  {own} 0 msec 0 msec 0 msec"]


def test_the_options_set_the_ttls_and_probes_and_check_the_source() -> None:
    lab = api.Lab.load("example", in_memory=True)
    lab.settle()
    lab.run(["enable", "", "changeto context admin"])
    assert _traced(lab.run(["traceroute 10.1.0.11 probe 2 ttl 3 5"]), "10.1.0.11 probe 2 ttl 3 5") == [
        *HEAD, "Tracing the route to 10.1.0.11", "", " 3  10.1.0.11 0 msec 0 msec"]
    line = "traceroute 10.9.9.9 source inside numeric timeout 1 probe 1 ttl 2 4 port 33500 use-icmp"
    assert _traced(lab.run([line]), line[len("traceroute "):])[4:] == [" 2  *", " 3  *", " 4  *"]
    for wrong in ("traceroute 10.9.9.9 source nowhere", "traceroute 10.9.9.9 ttl 5 2"):
        assert lab.run([wrong])[-1] == "ERROR: % Invalid input detected at '^' marker."
