"""The roster: mediation organisations and mediators.

A public registry (read whole by everyone the table lets read it); kept by staff and admins of the
office that covers the organisation's seat. A name or login already on it is a 409 naming the field.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from mediation.domain.roster import OrganisationKind
from mediation.entrypoints.dependencies import Container, Principal, allow
from mediation.entrypoints.schemas.roster import MediatorIn, MediatorPatch, OrganisationIn
from mediation.views.roster_models import (
    MediatorList,
    MediatorOut,
    OrganisationList,
    OrganisationOut,
    RosterSort,
)
from shared.web.lists import UpdatedSince
from shared.web.problems import problem_responses
from shared.web.types import Offset

router = APIRouter(prefix="/v1", tags=["roster"])


@router.post(
    "/organisations",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(401, 403, 409, 422),
    summary="Register a mediation organisation",
)
async def register_organisation(
    body: OrganisationIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("roster.register_organisation"))],
) -> OrganisationOut:
    return await container.views.organisation(await container.bus.handle(body.to_command(who)))


@router.get("/organisations", responses=problem_responses(401, 403), summary="List mediation organisations")
async def list_organisations(
    container: Container,
    _: Annotated[Principal, Depends(allow("roster.read"))],
    kind: Annotated[OrganisationKind | None, Query(description="Only organisations of this kind")] = None,
    active: Annotated[bool | None, Query(description="Only active (or only inactive) ones")] = None,
    updated_since: UpdatedSince = None,
    sort: Annotated[RosterSort, Query(description="`-` for descending")] = RosterSort.NAME,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Offset = 0,
) -> OrganisationList:
    """By name unless ``sort`` says otherwise (the id breaks ties); ``total`` counts every page;
    ``updated_since`` returns what changed since the previous poll (its ``as_of``)."""
    return await container.views.organisations(
        kind=kind.value if kind else None,
        active=active,
        updated_since=updated_since,
        sort=sort,
        limit=limit,
        offset=offset,
    )


@router.post(
    "/mediators",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(401, 403, 404, 409, 422),
    summary="Register a mediator",
)
async def register_mediator(
    body: MediatorIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("roster.register_mediator"))],
    response: Response,
) -> MediatorOut:
    mediator_id = await container.bus.handle(body.to_command(who))
    response.headers["Location"] = f"/v1/mediators/{mediator_id}"
    return await container.views.mediator(mediator_id)


@router.get(
    "/mediators", responses=problem_responses(401, 403), summary="List mediators with their current load"
)
async def list_mediators(
    container: Container,
    _: Annotated[Principal, Depends(allow("roster.read"))],
    organisation_id: Annotated[
        uuid.UUID | None, Query(description="Only the mediators of this organisation")
    ] = None,
    active: Annotated[bool | None, Query(description="Only active (or only inactive) ones")] = None,
    updated_since: UpdatedSince = None,
    sort: Annotated[RosterSort, Query(description="`-` for descending")] = RosterSort.NAME,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Offset = 0,
) -> MediatorList:
    """By name unless ``sort`` says otherwise (the id breaks ties); ``total`` counts every page;
    ``updated_since`` returns what changed since the previous poll (its ``as_of``)."""
    return await container.views.mediators(
        organisation_id=organisation_id,
        active=active,
        updated_since=updated_since,
        sort=sort,
        limit=limit,
        offset=offset,
    )


@router.get("/mediators/{mediator_id}", responses=problem_responses(401, 403, 404), summary="Get a mediator")
async def get_mediator(
    mediator_id: uuid.UUID, container: Container, _: Annotated[Principal, Depends(allow("roster.read"))]
) -> MediatorOut:
    return await container.views.mediator(mediator_id)


@router.patch(
    "/mediators/{mediator_id}",
    responses=problem_responses(401, 403, 404, 422),
    summary="Change a mediator's record",
)
async def update_mediator(
    mediator_id: uuid.UUID,
    body: MediatorPatch,
    container: Container,
    who: Annotated[Principal, Depends(allow("roster.update_mediator"))],
) -> MediatorOut:
    return await container.views.mediator(await container.bus.handle(body.to_command(mediator_id, who)))
