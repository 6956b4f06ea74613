"""Annotated dependency aliases for credit's routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from credit.bootstrap import CreditContainer
from shared.web.auth import Principal, Role, require_roles


async def _container(request: Request) -> CreditContainer:
    container: CreditContainer = request.app.state.container
    return container


Container = Annotated[CreditContainer, Depends(_container)]
SubjectReader = Annotated[
    Principal, Depends(require_roles(Role.CREDIT_OFFICER, Role.COURT, Role.CUSTOMS, Role.STAFF))
]
