"""Annotated dependency aliases for adjudication's routes: the container and who may do what."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from adjudication.bootstrap import AdjudicationContainer
from shared.web.auth import Principal, Role, require_roles


async def _container(request: Request) -> AdjudicationContainer:
    container: AdjudicationContainer = request.app.state.container
    return container


Container = Annotated[AdjudicationContainer, Depends(_container)]
CaseReader = Annotated[Principal, Depends(require_roles(Role.STAFF, Role.ADJUDICATOR, Role.COURT))]
CaseHandler = Annotated[Principal, Depends(require_roles(Role.STAFF, Role.ADJUDICATOR))]
Panel = Annotated[Principal, Depends(require_roles(Role.ADJUDICATOR))]
CourtOrStaff = Annotated[Principal, Depends(require_roles(Role.COURT, Role.STAFF))]
RoomManager = Annotated[Principal, Depends(require_roles(Role.STAFF))]
