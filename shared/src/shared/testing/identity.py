"""The development issuer for tests: served on a real port, so services verify tokens as in production."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from shared.devstack.ports import free_port
from shared.identity.dev_issuer import DevIssuer, dev_issuer_app
from shared.identity.principals import NATIONAL_OFFICE
from shared.web.identity import all_audiences


@dataclass(frozen=True, slots=True)
class LocalIssuer:
    url: str
    key_file: Path
    issuer: DevIssuer

    def settings(self) -> dict[str, object]:
        """Service settings that trust this issuer (and sign development tokens with its key)."""
        return {"auth_issuer": self.url, "auth_dev_key_file": self.key_file}


class _Server(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


@contextlib.asynccontextmanager
async def serving_dev_issuer(key_file: Path) -> AsyncIterator[LocalIssuer]:
    """Serve a development issuer with ``key_file`` on a free port until the block ends."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    issuer = DevIssuer(key_file, url, all_audiences())
    app = dev_issuer_app(issuer, dt.timedelta(hours=1), NATIONAL_OFFICE)
    server = _Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, access_log=False))
    task = asyncio.create_task(server.serve(), name="dev-issuer")
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    try:
        yield LocalIssuer(url, key_file, issuer)
    finally:
        server.should_exit = True
        await asyncio.wait({task})
