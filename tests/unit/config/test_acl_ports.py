"""An access-list port prints as the ASA's name for it (`eq www`), found by one lookup
(config/acl.py PORT_TEXT): every port and protocol reads as the table's first name for it."""

from __future__ import annotations

import pytest

from asa_emulator.config.acl import PORT_NAMES, port_text, port_value


def _first_name(port: int, proto: str) -> str:
    """The table's definition: its first name for the port and protocol, else the number."""
    return next((name for name, (n, protos) in PORT_NAMES.items()
                 if n == port and proto in protos.split()), str(port))


@pytest.mark.parametrize("proto", ["tcp", "udp"])
def test_every_port_prints_as_the_first_name_the_table_gives_it(proto: str) -> None:
    named = {n for n, _ in PORT_NAMES.values()}
    for port in sorted(named | set(range(0, 65536, 97))):
        assert port_text(port, proto) == _first_name(port, proto), (port, proto)


def test_a_name_reads_back_as_its_port() -> None:
    for name, (port, protos) in PORT_NAMES.items():
        for proto in protos.split():
            assert port_value(port_text(port, proto), proto) == port, name
    assert port_text(443, "udp") == "443" and port_text(443, "tcp") == "https"
    assert port_text(514, "udp") == "syslog" and port_text(514, "tcp") == "rsh"
