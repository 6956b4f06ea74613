"""Fixtures of intake's integration tests: the service on the session's database and broker."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from shared.testing.services import RunningService

StartIntake = Callable[..., Awaitable[RunningService]]


@pytest.fixture
def start_intake(start_service: Any, tmp_path: Path) -> StartIntake:
    """Start intake with evidence and import files under this test's temporary directory."""

    async def start(**overrides: Any) -> RunningService:
        settings = {"evidence_dir": tmp_path / "evidence", "import_dir": tmp_path / "imports", **overrides}
        service: RunningService = await start_service("intake", **settings)
        return service

    return start
