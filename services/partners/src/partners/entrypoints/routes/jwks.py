"""The issuing office's public keys (JWKS): open, so any partner can verify feed signatures."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from partners.entrypoints.dependencies import Container

router = APIRouter(tags=["keys"])


@router.get("/.well-known/jwks.json")
async def jwks(container: Container) -> dict[str, Any]:
    """Public keys that sign partner events (``ipcasesig``) and the gateway's forwarded messages."""
    return container.keys.jwks()


@router.get("/v1/jwks")
async def jwks_v1(container: Container) -> dict[str, Any]:
    """The same JWKS as ``/.well-known/jwks.json``."""
    return container.keys.jwks()
