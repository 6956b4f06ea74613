"""Annotated dependency aliases for mediation's routes, and who may do what."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from mediation.bootstrap import MediationContainer
from mediation.domain.parties import ActorKind
from shared.domain.actors import Actor
from shared.web.auth import Principal, Role, require_roles


async def _container(request: Request) -> MediationContainer:
    container: MediationContainer = request.app.state.container
    return container


Container = Annotated[MediationContainer, Depends(_container)]
CaseReader = Annotated[
    Principal, Depends(require_roles(Role.STAFF, Role.MEDIATOR, Role.COURT, Role.ADJUDICATOR))
]
CaseWorker = Annotated[Principal, Depends(require_roles(Role.STAFF, Role.MEDIATOR))]
RosterKeeper = Annotated[Principal, Depends(require_roles(Role.STAFF))]
RosterReader = Annotated[Principal, Depends(require_roles(Role.STAFF, Role.MEDIATOR, Role.COURT))]
CourtClient = Annotated[Principal, Depends(require_roles(Role.COURT))]
ObjectionRecorder = Annotated[Principal, Depends(require_roles(Role.COURT, Role.STAFF))]


def actor(principal: Principal) -> Actor:
    """The recorded actor: a court or a mediator acting as such, otherwise staff (admins included)."""
    if Role.COURT in principal.roles:
        return Actor(ActorKind.COURT, principal.subject)
    if Role.MEDIATOR in principal.roles and not principal.roles & {Role.STAFF, Role.ADMIN}:
        return Actor(ActorKind.MEDIATOR, principal.subject)
    return Actor(ActorKind.STAFF, principal.subject)
