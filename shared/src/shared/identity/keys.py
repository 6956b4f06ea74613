"""Signing keys of the identity provider: from its OIDC discovery document and JWKS, cached.

The issuer publishes ``/.well-known/openid-configuration`` naming its ``jwks_uri``; the keys
there are cached and fetched again every ``refresh`` interval, and at once (at most every
``min_refresh``) when a token names a ``kid`` the cache does not know — which is how a key rotation
at the issuer reaches every service without a restart. Nothing is fetched from the internet: the
issuer is the office's own IdP on its intranet (or the development issuer).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import httpx
import jwt

from shared.errors import ServiceUnavailable


class IdentityProviderUnavailable(ServiceUnavailable):
    code = "identity_provider_unavailable"
    title = "The identity provider cannot be reached"
    title_zh = "身份认证服务暂时无法访问"


@dataclass(frozen=True, slots=True)
class KeySet:
    keys: Mapping[str, jwt.PyJWK]

    @classmethod
    def from_jwks(cls, document: Mapping[str, Any]) -> KeySet:
        keys: dict[str, jwt.PyJWK] = {}
        for entry in document.get("keys", ()):
            if entry.get("use", "sig") != "sig" or "kid" not in entry:
                continue
            try:
                keys[str(entry["kid"])] = jwt.PyJWK.from_dict(dict(entry))
            except jwt.PyJWKError:
                continue  # a key type we do not verify with (e.g. an encryption key)
        return cls(keys)

    def get(self, kid: str) -> jwt.PyJWK | None:
        return self.keys.get(kid)


class KeySource(Protocol):
    async def keys(self, *, refresh: bool = False) -> KeySet: ...


class StaticKeys:
    """A fixed key set (a pinned JWKS document, or the development issuer's own key)."""

    def __init__(self, key_set: KeySet) -> None:
        self._key_set = key_set

    async def keys(self, *, refresh: bool = False) -> KeySet:
        return self._key_set


class OidcKeys:
    """The issuer's keys by discovery; ``client`` is made in the lifespan and closed there."""

    def __init__(
        self,
        issuer: str,
        client: httpx.AsyncClient,
        *,
        refresh: float = 300.0,
        min_refresh: float = 10.0,
        clock: Any = time.monotonic,
    ) -> None:
        self._issuer = issuer.rstrip("/")
        self._client = client
        self._refresh, self._min_refresh, self._clock = refresh, min_refresh, clock
        self._cached: KeySet | None = None
        self._fetched_at = float("-inf")
        self._lock = asyncio.Lock()

    async def keys(self, *, refresh: bool = False) -> KeySet:
        age = self._clock() - self._fetched_at
        if self._cached is not None and age < self._refresh and not (refresh and age >= self._min_refresh):
            return self._cached
        async with self._lock:
            age = self._clock() - self._fetched_at
            if self._cached is None or age >= self._refresh or (refresh and age >= self._min_refresh):
                await self._fetch()
        if self._cached is None:  # _fetch either stores keys or raises; kept explicit for the type
            raise IdentityProviderUnavailable("No signing keys are known", "没有可用的签名密钥")
        return self._cached

    async def _fetch(self) -> None:
        try:
            discovery = await self._get_json(f"{self._issuer}/.well-known/openid-configuration")
            if str(discovery.get("issuer", "")).rstrip("/") != self._issuer:
                raise IdentityProviderUnavailable(
                    "The identity provider's discovery document names another issuer",
                    "身份认证服务的发现文档与配置的签发者不一致",
                )
            jwks = await self._get_json(str(discovery["jwks_uri"]))
        except (httpx.HTTPError, KeyError, ValueError) as exc:
            if self._cached is not None:
                self._fetched_at = self._clock()  # keep the known keys; try again next interval
                return
            raise IdentityProviderUnavailable(
                f"Cannot fetch the signing keys of {self._issuer}: {type(exc).__name__}",
                "无法获取身份认证服务的签名密钥",
            ) from exc
        self._cached, self._fetched_at = KeySet.from_jwks(jwks), self._clock()

    async def _get_json(self, url: str) -> dict[str, Any]:
        response = await self._client.get(url)
        response.raise_for_status()
        document: dict[str, Any] = response.json()
        return document
