"""Annotated dependency aliases for intake's routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from intake.bootstrap import IntakeContainer
from shared.web.auth import Principal, Role, require_roles


async def _container(request: Request) -> IntakeContainer:
    container: IntakeContainer = request.app.state.container
    return container


Container = Annotated[IntakeContainer, Depends(_container)]
StaffPrincipal = Annotated[Principal, Depends(require_roles(Role.STAFF))]
