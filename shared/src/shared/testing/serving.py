"""Serving a small ASGI app (a partner's webhook endpoint, a receiver) on loopback for a test or bench."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import uvicorn

from shared.devstack.ports import free_port
from shared.testing.waiting import until


@contextlib.asynccontextmanager
async def serving(
    app: Any, *, what: str = "the test server", tls: tuple[Path, Path] | None = None
) -> AsyncIterator[str]:
    """Serve ``app`` on a free 127.0.0.1 port until the block ends; yields its base URL.

    ``tls`` is a (certificate, key) pair of PEM files: the server then speaks HTTPS."""
    port = free_port()
    certificate, key = tls if tls is not None else (None, None)
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_config=None,
        lifespan="off",
        ssl_certfile=certificate,
        ssl_keyfile=key,
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(), name=what)
    try:
        await until(lambda: server.started or task.done(), what=f"{what} to listen")
        if task.done():
            task.result()  # it could not listen: its error, not a timeout
        yield f"{'https' if tls else 'http'}://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task
