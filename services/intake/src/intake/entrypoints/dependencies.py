"""Annotated dependency aliases for intake's routes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import Depends, Header, Request
from pydantic import BaseModel

from intake.bootstrap import IntakeContainer
from intake.domain.events import staff
from shared.domain.actors import Actor
from shared.idempotency import HEADER, IdempotencyKey
from shared.web.auth import Principal, Role, require_roles


async def _container(request: Request) -> IntakeContainer:
    container: IntakeContainer = request.app.state.container
    return container


Container = Annotated[IntakeContainer, Depends(_container)]
StaffPrincipal = Annotated[Principal, Depends(require_roles(Role.STAFF))]
IdempotencyHeader = Annotated[str | None, Header(alias=HEADER)]


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
    """The signed-in staff member as the actor of a step (never taken from a request body)."""
    return staff(principal.subject, sorted(principal.roles))
