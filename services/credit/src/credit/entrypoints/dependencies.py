"""Annotated dependency aliases for credit's routes: the container and who may do what."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Depends, Request

from credit.bootstrap import CreditContainer
from credit.domain.actors import person
from credit.domain.vocabulary import CHINA
from shared.domain.actors import Actor
from shared.web.auth import CurrentPrincipal, Principal, Role, require_roles

INTERNAL = frozenset({Role.CREDIT_OFFICER, Role.STAFF})


async def _container(request: Request) -> CreditContainer:
    container: CreditContainer = request.app.state.container
    return container


Container = Annotated[CreditContainer, Depends(_container)]
Officer = Annotated[Principal, Depends(require_roles(Role.CREDIT_OFFICER))]
"""Decides: notices, listing, publication, repair, revocation, grades, parked inputs."""
Clerk = Annotated[Principal, Depends(require_roles(Role.CREDIT_OFFICER, Role.STAFF))]
"""Enters: staff entries and imports, the subject's submissions, commitments."""
Checker = Annotated[
    Principal, Depends(require_roles(Role.CREDIT_OFFICER, Role.STAFF, Role.COURT, Role.CUSTOMS))
]
"""Checks many subjects at once (customs, courts; platforms through a customs-like account)."""
Reader = Annotated[
    Principal,
    Depends(
        require_roles(
            Role.CREDIT_OFFICER, Role.STAFF, Role.COURT, Role.CUSTOMS, Role.ADJUDICATOR, Role.MEDIATOR
        )
    ),
]
"""Reads one subject's credit; outside the credit office only decided listings are shown."""
Anyone = CurrentPrincipal
"""The public disclosure view: any authenticated principal."""


def actor(principal: Principal) -> Actor:
    return person(principal.subject, sorted(role.value for role in principal.roles))


def is_internal(principal: Principal) -> bool:
    return principal.has_any(INTERNAL)


def today(container: CreditContainer) -> dt.date:
    return container.clock().astimezone(CHINA).date()
