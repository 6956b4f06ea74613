"""Annotated dependency aliases for credit's routes: the container, and the actor a principal is.

Who may do what is the permission table (``credit.access.ACCESS``): every route depends on
``ACCESS.allow("<action>")``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Depends, Request

from credit.bootstrap import CreditContainer
from credit.domain.actors import person
from credit.domain.vocabulary import CHINA
from shared.domain.actors import Actor
from shared.identity.principals import Principal


async def _container(request: Request) -> CreditContainer:
    container: CreditContainer = request.app.state.container
    return container


Container = Annotated[CreditContainer, Depends(_container)]


def actor(principal: Principal) -> Actor:
    return person(principal.subject, sorted(role.value for role in principal.roles))


def today(container: CreditContainer) -> dt.date:
    return container.clock().astimezone(CHINA).date()
