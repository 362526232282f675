"""A plain TCP client for the telnet consoles: raw bytes in and out, nothing negotiated for it."""

from __future__ import annotations

import asyncio

WAIT_S = 20.0        # functional timeout: how long a reply may take before the test fails


class RawClient:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.raw = b""      # everything received
        self._seen = 0      # how far expect() has consumed

    @classmethod
    async def connect(cls, port: int) -> RawClient:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        return cls(reader, writer)

    def send(self, data: bytes) -> None:
        self.writer.write(data)

    async def expect(self, marker: bytes) -> bytes:
        """What arrived since the last expect, up to and including `marker`."""
        async def read() -> None:
            while marker not in self.raw[self._seen:]:
                chunk = await self.reader.read(65536)
                if not chunk:
                    raise AssertionError(f"closed before {marker!r}; got {self.raw[self._seen:]!r}")
                self.raw += chunk
        await asyncio.wait_for(read(), WAIT_S)
        end = self.raw.index(marker, self._seen) + len(marker)
        got, self._seen = self.raw[self._seen:end], end
        return got

    async def rest(self) -> bytes:
        """Everything up to the server's close."""
        self.raw += await asyncio.wait_for(self.reader.read(), WAIT_S)
        got, self._seen = self.raw[self._seen:], len(self.raw)
        return got

    async def close(self) -> None:
        self.writer.close()
        await self.writer.wait_closed()
