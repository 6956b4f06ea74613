"""Annotated dependency aliases for the partners routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from partners.bootstrap import PartnersContainer


async def _container(request: Request) -> PartnersContainer:
    container: PartnersContainer = request.app.state.container
    return container


Container = Annotated[PartnersContainer, Depends(_container)]
