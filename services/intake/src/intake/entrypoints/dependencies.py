"""Annotated dependency aliases for intake's routes, and the actor a principal is recorded as.

Each route takes ``who: Annotated[Principal, Depends(allow("<action>"))]``: the principal, once the
permission table (:data:`intake.access.ACCESS`) admits one of its roles to the action (each route
names exactly one). The object rules are the handler's and the view's (``intake.domain.access``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import Depends, Header, Request
from pydantic import BaseModel

from intake.access import ACCESS
from intake.bootstrap import IntakeContainer
from intake.domain.events import platform, staff
from shared.domain.actors import Actor
from shared.idempotency import HEADER, IdempotencyKey
from shared.identity.principals import Principal, PrincipalKind


async def _container(request: Request) -> IntakeContainer:
    container: IntakeContainer = request.app.state.container
    return container


Container = Annotated[IntakeContainer, Depends(_container)]
IdempotencyHeader = Annotated[str | None, Header(alias=HEADER)]

allow = ACCESS.allow
"""The route dependency of one action of the permission table."""


def idempotency_key(
    header: str | None, principal: Principal, route: str, body: BaseModel | Mapping[str, Any]
) -> IdempotencyKey | None:
    """The key of a POST that creates something, scoped to the caller and the route.

    The body is fingerprinted only when a key was sent (most requests send none).
    """
    if not header:
        return None
    fingerprinted = body.model_dump(mode="json") if isinstance(body, BaseModel) else body
    return IdempotencyKey.build(key=header, scope=f"{principal.subject}:{route}", request_body=fingerprinted)


def acting(principal: Principal) -> Actor:
    """The signed-in person (or platform) as the actor of a step (never taken from a request body)."""
    if principal.kind is PrincipalKind.PLATFORM:
        return platform(principal.partner_code or principal.subject)
    return staff(principal.subject, sorted(principal.roles))
