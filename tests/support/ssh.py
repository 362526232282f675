"""Shared by the in-process SSH tests: a lab's server on free loopback ports for one use."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from asa_emulator.console import LabHandle
from asa_emulator.frontends.server import LabServer, start_server

T = TypeVar("T")
BANNER = "Type help or '?' for a list of available commands.\r\n"


def with_server(lab: LabHandle, use: Callable[[LabServer], Awaitable[T]], **options: object) -> T:
    """Start the lab's SSH server (start_server `options`), run `use` on it, close it."""
    async def main() -> T:
        server = await start_server(lab, "127.0.0.1", 0, **options)  # type: ignore[arg-type]
        try:
            return await use(server)
        finally:
            await server.close()

    return asyncio.run(main())


def with_consoles(lab: LabHandle, use: Callable[[LabServer], Awaitable[T]], **options: object) -> T:
    """As with_server, with the lab-control port and the units' telnet consoles served too."""
    async def main() -> T:
        server = await start_server(lab, "127.0.0.1", 0, control=True, console_port=0,
                                    **options)  # type: ignore[arg-type]
        try:
            return await use(server)
        finally:
            await server.close()

    return asyncio.run(main())
