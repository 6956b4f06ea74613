"""Annotated dependency aliases for mediation's routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from mediation.bootstrap import MediationContainer
from shared.web.auth import Principal, Role, require_roles


async def _container(request: Request) -> MediationContainer:
    container: MediationContainer = request.app.state.container
    return container


Container = Annotated[MediationContainer, Depends(_container)]
CaseReader = Annotated[Principal, Depends(require_roles(Role.STAFF, Role.MEDIATOR, Role.COURT))]
