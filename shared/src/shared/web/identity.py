"""Wiring identity into a service process: the verifier from settings, and the development issuer."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import httpx

from shared.identity.dev_issuer import DevIssuer
from shared.identity.keys import OidcKeys
from shared.identity.tokens import ClaimNames, TokenVerifier
from shared.service import discover_services
from shared.settings import ServiceSettings

IDP_TIMEOUT_SECONDS = 5.0


@contextlib.asynccontextmanager
async def identity_client(settings: ServiceSettings) -> AsyncIterator[httpx.AsyncClient]:
    """The HTTP client that fetches the issuer's discovery document and keys (intranet only)."""
    async with httpx.AsyncClient(timeout=IDP_TIMEOUT_SECONDS, follow_redirects=False) as client:
        yield client


def token_verifier(settings: ServiceSettings, client: httpx.AsyncClient) -> TokenVerifier:
    return TokenVerifier(
        issuer=settings.issuer,
        audience=settings.audience,
        keys=OidcKeys(settings.issuer, client, refresh=settings.auth_jwks_refresh.total_seconds()),
        algorithms=settings.auth_algorithms,
        leeway=settings.auth_leeway,
        cache_seconds=settings.auth_token_cache.total_seconds(),
        claims=ClaimNames(
            roles=settings.auth_roles_claim,
            office=settings.auth_office_claim,
            kind=settings.auth_kind_claim,
            partner=settings.auth_partner_claim,
        ),
    )


def all_audiences() -> list[str]:
    return [f"ipcase-{name}" for name in discover_services()]


def dev_issuer(settings: ServiceSettings) -> DevIssuer:
    """The development issuer, whose key every service of the dev stack shares (dev only)."""
    return DevIssuer(settings.auth_dev_key_file, settings.issuer, all_audiences())
