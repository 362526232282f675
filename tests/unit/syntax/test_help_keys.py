"""One `//:` help key, one text: two grammar files giving the same key two texts made `?` print
the later file's text everywhere (`show ?` said `route  Configure a static or default route`,
`failover ?` said `timeout  Configure maximum idle times`, a capture's `host ?` named the
syslog server).  The grammar build refuses such a pair; each word reads its own text."""

from __future__ import annotations

import pytest

from asa_emulator.syntax.help import help_items
from asa_emulator.syntax.source import parse_help
from tests.support.grammar import SOURCE


def test_the_build_refuses_one_key_with_two_texts() -> None:
    with pytest.raises(ValueError, match=r"`//: route` has two help texts"):
        parse_help("//: route  Show route information\n//: route  Configure a static route\n")
    # the same text twice is one fact, and the shipped grammar has no conflicting pair
    assert parse_help("//: arp  Show ARP table\n//: arp  Show ARP table\n")[0] == {"arp": "Show ARP table"}
    parse_help(SOURCE.decode("utf-8"))


@pytest.mark.parametrize(("mode", "line", "word", "text"), [
    ("ctx_exec", "show ", "route", "Show route information"),
    ("ctx_exec", "show ", "arp", "Show ARP table"),
    ("ctx_config", "", "route", "Configure a static or default route"),
    ("ctx_config", "", "arp", "Change or view arp table, set arp timeout value, view statistics"),
    ("ctx_exec", "show conn ", "all", "Display all connections, including to and from the ASA"),
    ("ctx_exec", "clear conn ", "all", "Clear all connections, including to and from the ASA"),
    ("sys_config", "failover ", "timeout",
     "Specify the failover reconnect timeout value for asymmetrically routed sessions"),
    ("ctx_config", "", "timeout", "Configure maximum idle times"),
    ("sys_exec", "show cpu usage ", "detailed", "Display CPU usage of each core, data path and control point"),
    ("sys_exec", "show cpu ", "detailed", "Display CPU usage of each core, data path and control point"),
    ("ctx_exec", "packet-tracer input inside tcp 1.1.1.1 1 2.2.2.2 2 ", "detailed", "Dump more detailed information"),
    ("ctx_config", "access-list x extended permit tcp host ", "<A.B.C.D>", "Host address"),
    ("ctx_exec", "capture c match tcp host ", "<A.B.C.D>", "Host address"),
    ("ctx_config", "logging host inside ", "<A.B.C.D>", "IP address of the syslog server"),
    ("ctx_config", "access-list x extended permit tcp ", "any", "Abbreviation for any IPv4 or IPv6 address"),
    ("ctx_cmap", "match ", "any", "Match any packet"),
    ("ctx_router", "", "network", "Enable routing on an IP network"),
    ("ctx_config", "object ", "network", "Specify a network object"),
])
def test_each_word_reads_its_own_help_text(mode: str, line: str, word: str, text: str) -> None:
    items = {i.word: i.text for i in help_items(mode, line)[0]}
    assert items[word] == text


@pytest.mark.parametrize("before", ["", "numeric ", "probe 3 ", "source inside numeric "])
def test_an_option_reads_its_command_text_after_any_other_option(before: str) -> None:
    """`traceroute X numeric ?` listed `port  Clear connections by port` and `timeout
    Configure maximum idle times` (the help was keyed on the word just before only): an
    option's text is its command's (`traceroute/port`) whichever option came before it."""
    items = {i.word: i.text for i in help_items("ctx_exec", f"traceroute 10.0.0.1 {before}")[0]}
    assert items["port"] == "Destination port of the UDP probes"
    assert items["timeout"] == "Time to wait for a response to a probe, in seconds"
