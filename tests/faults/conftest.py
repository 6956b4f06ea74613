"""Fault-injection suite: a fresh stack of real processes per test, counted in SQL afterwards."""

from __future__ import annotations

import signal
from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio

from shared.testing.stack import ProcessStack


@pytest_asyncio.fixture
async def stack(tmp_path: Path) -> AsyncIterator[ProcessStack]:
    """intake and adjudication, each as an API process and a worker process, on their own servers."""
    running = ProcessStack(tmp_path)
    try:
        await running.start()
        yield running
    finally:
        codes = running.stop()
    # uvicorn re-raises the SIGTERM it handled after its graceful shutdown: -15 is a clean stop.
    unclean = {name: code for name, code in codes.items() if code not in (0, -signal.SIGTERM, None)}
    assert not unclean, f"processes did not stop cleanly: {unclean}\n{running.logs()}"
