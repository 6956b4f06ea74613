"""Authentication at the HTTP edge: one dependency turns a bearer token into a :class:`Principal`.

Every route except health and docs depends on :func:`authenticate`. Tokens are asymmetric JWTs
of the configured OIDC issuer (a Keycloak realm or any standard IdP in production, the development
issuer in dev), verified by :class:`~shared.identity.tokens.TokenVerifier` against the issuer's
JWKS. Who acts is always the verified principal — never a field of the request.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from shared.audit.trail import current_context
from shared.errors import PermissionDenied, Unauthenticated
from shared.identity.principals import Principal, PrincipalKind, Role
from shared.identity.tokens import TokenVerifier

__all__ = ["CurrentPrincipal", "Principal", "PrincipalKind", "Role", "authenticate", "require_roles"]

_bearer = HTTPBearer(auto_error=False, description="Bearer token of the office's OIDC issuer")


async def authenticate(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Principal:
    """The single authentication dependency of every protected route.

    Dependencies are ``async def`` on purpose: FastAPI runs plain ``def`` dependencies in a thread
    pool, which costs more than the work they do.
    """
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthenticated("A bearer token is required", "需要提供 Bearer 身份令牌")
    verifier: TokenVerifier = request.app.state.verifier
    principal = await verifier.verify(credentials.credentials)
    request.state.principal = principal
    current_context().identify(principal)
    return principal


CurrentPrincipal = Annotated[Principal, Depends(authenticate)]


def require_roles(*roles: Role) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency that admits principals holding one of ``roles``: no super-role (admin passes only
    where it is named), so an administrator neither reads the audit trail nor decides a case."""
    allowed = frozenset(roles)

    async def check(principal: CurrentPrincipal) -> Principal:
        if not principal.has_any(allowed):
            names = ", ".join(sorted(allowed))
            raise PermissionDenied(f"Requires one of the roles: {names}", f"需要以下角色之一：{names}")
        return principal

    return check
