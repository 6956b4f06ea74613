"""The partner conformance suite: an independent client (Node.js + KafkaJS) plays a court and a
customs office against the running services. ``npm ci`` installs its pinned packages
(``kafkajs/package-lock.json``) the first time, so a fresh clone and CI get them."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

NODE_DIR = Path(__file__).parent / "kafkajs"
Partner = Callable[..., Awaitable[dict[str, Any]]]


@pytest.fixture(scope="session")
def node_packages() -> Path:
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.fail("Node.js and npm are needed for the partner conformance suite (Debian: nodejs npm)")
    lock = NODE_DIR / "package-lock.json"
    installed = NODE_DIR / "node_modules" / ".package-lock.json"
    if not installed.exists() or installed.stat().st_mtime < lock.stat().st_mtime:
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"],
            cwd=NODE_DIR,
            check=True,
            capture_output=True,
            timeout=600,
        )
    return NODE_DIR


@pytest.fixture
def partner(node_packages: Path) -> Partner:
    """Run one operation of the partner's own system (``kafkajs/partner.mjs``) and return its answer."""

    async def run(op: str, **request: Any) -> dict[str, Any]:
        process = await asyncio.create_subprocess_exec(
            "node",
            str(node_packages / "partner.mjs"),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        async with asyncio.timeout(90):
            out, err = await process.communicate(json.dumps({"op": op, **request}).encode())
        assert process.returncode == 0, f"partner.mjs {op} failed: {err.decode()[-2000:]}"
        answer: dict[str, Any] = json.loads(out)
        return answer

    return run
