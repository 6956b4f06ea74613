"""Authentication: one dependency turns a bearer token into a :class:`Principal` with roles.

Every route except health and docs depends on :func:`authenticate`, so replacing the development
issuer by real OIDC/JWT verification later changes this module, not the routes. Tokens are JWTs
(HS256 for now) with the principal in ``sub`` and its roles in ``roles``; every service verifies
them with the same secret. ``POST /auth/dev-token`` issues tokens in the dev environment only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Self

import jwt
from fastapi import APIRouter, Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field

from shared.errors import PermissionDenied, Unauthenticated
from shared.settings import ServiceSettings

AUDIENCE = "ipcase"
ALGORITHM = "HS256"


class Role(StrEnum):
    STAFF = "staff"
    ADJUDICATOR = "adjudicator"
    MEDIATOR = "mediator"
    CREDIT_OFFICER = "credit_officer"
    COURT = "court"
    CUSTOMS = "customs"
    ADMIN = "admin"


@dataclass(frozen=True, slots=True)
class Principal:
    subject: str
    roles: frozenset[Role]

    def has_any(self, roles: Iterable[Role]) -> bool:
        """Admins may do everything; anyone else needs one of ``roles``."""
        return Role.ADMIN in self.roles or not self.roles.isdisjoint(roles)


class TokenService:
    """Issues and verifies ipcase bearer tokens."""

    def __init__(self, *, secret: str, issuer: str, ttl: dt.timedelta) -> None:
        self._secret = secret
        self._issuer = issuer
        self._ttl = ttl

    @classmethod
    def from_settings(cls, settings: ServiceSettings) -> Self:
        return cls(
            secret=settings.auth_secret.get_secret_value(),
            issuer=settings.auth_issuer,
            ttl=settings.auth_token_ttl,
        )

    def issue(self, subject: str, roles: Iterable[Role]) -> str:
        now = dt.datetime.now(dt.UTC)
        claims = {
            "sub": subject,
            "roles": sorted(Role(r).value for r in roles),
            "iss": self._issuer,
            "aud": AUDIENCE,
            "iat": now,
            "exp": now + self._ttl,
        }
        return jwt.encode(claims, self._secret, algorithm=ALGORITHM)

    def verify(self, token: str) -> Principal:
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=[ALGORITHM],
                audience=AUDIENCE,
                issuer=self._issuer,
                options={"require": ["sub", "exp", "iss", "aud"]},
            )
            roles = frozenset(Role(r) for r in claims.get("roles", []))
        except (jwt.PyJWTError, ValueError) as exc:
            raise Unauthenticated(f"Invalid bearer token: {exc}", "身份令牌无效") from exc
        return Principal(subject=str(claims["sub"]), roles=roles)

    @property
    def ttl(self) -> dt.timedelta:
        return self._ttl


_bearer = HTTPBearer(auto_error=False, description="Bearer token (POST /auth/dev-token in dev)")


async def authenticate(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Principal:
    """The single authentication dependency of every protected route.

    Dependencies are ``async def`` on purpose: FastAPI runs plain ``def`` dependencies in a thread
    pool, which costs more than the work they do.
    """
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthenticated("A bearer token is required", "需要提供 Bearer 身份令牌")
    tokens: TokenService = request.app.state.tokens
    principal = tokens.verify(credentials.credentials)
    request.state.principal = principal
    return principal


CurrentPrincipal = Annotated[Principal, Depends(authenticate)]


def require_roles(*roles: Role) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency that admits principals holding one of ``roles`` (or admin)."""
    allowed = frozenset(roles)

    async def check(principal: CurrentPrincipal) -> Principal:
        if not principal.has_any(allowed):
            names = ", ".join(sorted(allowed))
            raise PermissionDenied(f"Requires one of the roles: {names}", f"需要以下角色之一：{names}")
        return principal

    return check


class DevTokenRequest(BaseModel):
    subject: str = Field(min_length=1, max_length=200, examples=["staff-001"])
    roles: list[Role] = Field(min_length=1, examples=[["staff"]])


class TokenResponse(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int


def dev_token_router() -> APIRouter:
    """``POST /auth/dev-token``: mounted only in the dev environment."""
    router = APIRouter(tags=["auth"])

    @router.post("/auth/dev-token", response_model=TokenResponse, summary="Issue a development token")
    async def issue_dev_token(body: DevTokenRequest, request: Request) -> TokenResponse:
        tokens: TokenService = request.app.state.tokens
        return TokenResponse(
            access_token=tokens.issue(body.subject, body.roles),
            expires_in=int(tokens.ttl.total_seconds()),
        )

    return router
