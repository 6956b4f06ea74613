"""Verifying bearer tokens: asymmetric JWTs signed by the configured OIDC issuer.

Only the algorithms on the allow-list are accepted (never ``none``, never a symmetric one), the
key is chosen by the token's ``kid`` from the issuer's published keys, and ``iss``, ``aud`` (this
service's audience), ``exp`` and ``iat`` are required, with a small leeway for clock skew. The
reason a token was refused is logged, never returned: a 401 says only that the token is not valid.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import jwt
import structlog

from shared.errors import Unauthenticated
from shared.identity.keys import KeySource
from shared.identity.principals import Principal, PrincipalKind, Role, division_code

log = structlog.get_logger(__name__)
ASYMMETRIC = frozenset({"RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA"})
CACHE_SECONDS = 60.0
"""How long a verified token is believed without checking it again by default (never beyond its
expiry); the ``AUTH_TOKEN_CACHE`` setting chooses it per service."""
CACHE_ENTRIES = 10_000
"""Verified tokens kept (by SHA-256 of the token); the cache starts afresh when full."""


@dataclass(frozen=True, slots=True)
class ClaimNames:
    """Where the principal's facts are in the token (dotted paths, e.g. ``realm_access.roles``)."""

    roles: str = "roles"
    office: str = "office_code"
    kind: str = "principal_kind"
    partner: str = "partner_code"
    name: str = "name"


class InvalidToken(Unauthenticated):
    code = "invalid_token"
    title = "The bearer token is not valid"
    title_zh = "身份令牌无效"


class TokenVerifier:
    def __init__(
        self,
        *,
        issuer: str,
        audience: str,
        keys: KeySource,
        algorithms: Sequence[str] = ("RS256", "ES256", "EdDSA"),
        leeway: dt.timedelta = dt.timedelta(seconds=30),
        claims: ClaimNames | None = None,
        cache_seconds: float = CACHE_SECONDS,
    ) -> None:
        unsafe = set(algorithms) - ASYMMETRIC
        if unsafe:
            raise ValueError(f"only asymmetric algorithms may verify tokens, not {sorted(unsafe)}")
        self._issuer, self._audience, self._keys = issuer.rstrip("/"), audience, keys
        self._algorithms = list(algorithms)
        self._leeway = leeway
        self._claims = claims or ClaimNames()
        self._cache_seconds = cache_seconds
        self._verified: dict[bytes, tuple[Principal, float]] = {}

    async def verify(self, token: str) -> Principal:
        """The principal of ``token``; a token verified before is taken from a small cache until it
        expires (its ``exp`` plus the leeway) or for ``cache_seconds``, whichever is first, so a
        caller's stream of requests pays for one signature check a minute, not one per request."""
        digest = hashlib.sha256(token.encode()).digest()
        cached = self._verified.get(digest)
        if cached is not None:
            if time.time() < cached[1]:
                return cached[0]
            del self._verified[digest]
        principal, expires = await self._verify(token)
        if self._cache_seconds <= 0:
            return principal
        if len(self._verified) >= CACHE_ENTRIES:
            self._verified.clear()
        self._verified[digest] = (principal, min(expires, time.time() + self._cache_seconds))
        return principal

    async def _verify(self, token: str) -> tuple[Principal, float]:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise self._refused("malformed token", exc) from exc
        algorithm, kid = header.get("alg"), header.get("kid")
        if algorithm not in self._algorithms or not isinstance(kid, str):
            raise self._refused(f"algorithm {algorithm!r} or key id {kid!r} not acceptable")
        key = (await self._keys.keys()).get(kid) or (await self._keys.keys(refresh=True)).get(kid)
        if key is None:
            raise self._refused(f"unknown signing key {kid!r}")
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=[algorithm],
                audience=self._audience,
                issuer=[self._issuer, self._issuer + "/"],
                leeway=self._leeway,
                options={"require": ["sub", "exp", "iat", "iss", "aud"]},
            )
            expires = float(claims["exp"]) + self._leeway.total_seconds()
            return principal_from_claims(claims, self._claims), expires
        except (jwt.PyJWTError, ValueError) as exc:
            raise self._refused("claims rejected", exc) from exc

    def _refused(self, reason: str, error: Exception | None = None) -> InvalidToken:
        log.info("bearer token refused", reason=reason, error=None if error is None else repr(error)[:200])
        return InvalidToken()


def principal_from_claims(claims: Mapping[str, Any], names: ClaimNames | None = None) -> Principal:
    """The principal a verified token describes; unknown roles are ignored, a bad office refused."""
    names = names or ClaimNames()
    known = {role.value for role in Role}
    raw_roles = _claim(claims, names.roles) or []
    roles = frozenset(Role(r) for r in raw_roles if isinstance(r, str) and r in known)
    office = _claim(claims, names.office)
    if office is not None:
        division_code(str(office))  # ValueError for anything that is not a division code
    kind = PrincipalKind(str(_claim(claims, names.kind) or PrincipalKind.PERSON))
    partner = _claim(claims, names.partner)
    if kind is not PrincipalKind.PERSON and not partner:
        raise ValueError(f"a {kind} principal needs its {names.partner} claim")
    name = _claim(claims, names.name)
    return Principal(
        subject=str(claims["sub"]),
        roles=roles,
        kind=kind,
        office_code=None if office is None else str(office),
        partner_code=None if partner is None else str(partner),
        name=None if name is None else str(name),
    )


def _claim(claims: Mapping[str, Any], path: str) -> Any:
    value: Any = claims
    for part in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value
