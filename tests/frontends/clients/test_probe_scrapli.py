"""scrapli (`cisco_asa` from scrapli-community) against `asa-emulator serve`, with its system
transport (the real OpenSSH client) and its asyncssh transport."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from scrapli import AsyncScrapli, Scrapli

from tests.support.probes import Served, served


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with served("example", tmp_path_factory.mktemp("data")) as s:
        yield s


def device(port: int, transport: str) -> dict[str, Any]:
    return dict(host="127.0.0.1", port=port, auth_username="admin", auth_password="cisco",
                auth_secondary="cisco", auth_strict_key=False, platform="cisco_asa",
                transport=transport, timeout_socket=15, timeout_transport=15, timeout_ops=15,
                ssh_config_file=False)


def test_scrapli_over_openssh_configures_the_system_space(server: Served) -> None:
    with Scrapli(**device(server.ports["primary"], "system")) as conn:
        assert conn.send_command("show curpriv").result.splitlines()[1] == "Current privilege level : 15"
        conn.send_command("changeto system")
        assert conn.get_prompt() == "primary#"
        configs = conn.send_configs(["failover group 1", "preempt 7"])
        assert not configs.failed
        shown = conn.send_command("show running-config failover group 1").result
    assert shown.splitlines() == ["failover group 1", "  preempt 7"]


def test_scrapli_asyncssh_sees_an_asa_error_as_failed(server: Served) -> None:
    async def main() -> tuple[bool, bool]:
        async with AsyncScrapli(**device(server.ports["secondary"], "asyncssh")) as conn:
            good = await conn.send_command("show curpriv")
            bad = await conn.send_command("show nonsense")
            return good.failed, bad.failed

    assert asyncio.run(main()) == (False, True)
