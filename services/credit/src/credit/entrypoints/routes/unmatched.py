"""Inputs whose subject could not be identified: list, resolve (replay) or dismiss."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from credit.access import ACCESS
from credit.domain.unmatched import UnmatchedStatus
from credit.entrypoints.dependencies import Container, actor
from credit.entrypoints.schemas.unmatched import DismissalIn, ResolutionIn
from credit.views.unmatched_models import UnmatchedPage, UnmatchedRead, UnmatchedSort
from shared.identity.principals import Principal
from shared.web.lists import UpdatedSince
from shared.web.problems import problem_responses
from shared.web.types import Offset

router = APIRouter(prefix="/v1", tags=["unmatched inputs"])


@router.get(
    "/unmatched-inputs", responses=problem_responses(401, 403, 422), summary="Inputs waiting for a match"
)
async def list_unmatched(
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("unmatched.list"))],
    status: UnmatchedStatus = UnmatchedStatus.OPEN,
    updated_since: UpdatedSince = None,
    sort: Annotated[UnmatchedSort, Query(description="`-` for descending")] = UnmatchedSort.RECEIVED,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Offset = 0,
) -> UnmatchedPage:
    """Oldest first unless ``sort`` says otherwise (the input id breaks ties); ``total`` counts every
    page; ``updated_since`` returns what changed since the previous poll (its ``as_of``)."""
    visible = principal.covers(container.options.office_code)
    return await container.views.unmatched.inputs(
        status=status,
        visible=visible,
        updated_since=updated_since,
        sort=sort,
        limit=limit,
        offset=offset,
    )


@router.post(
    "/unmatched-inputs/{input_id}/resolution",
    responses=problem_responses(401, 403, 404, 409, 422),
    summary="Say who the subject is; the input is then processed",
)
async def resolve(
    input_id: uuid.UUID,
    body: ResolutionIn,
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("unmatched.resolve"))],
) -> UnmatchedRead:
    command = dataclasses.replace(body.to_command(input_id, actor(principal)), principal=principal)
    await container.bus.handle(command)
    return await container.views.unmatched.input(input_id)


@router.post(
    "/unmatched-inputs/{input_id}/dismissal",
    responses=problem_responses(401, 403, 404, 409, 422),
    summary="Dismiss an input that concerns no subject of ours",
)
async def dismiss(
    input_id: uuid.UUID,
    body: DismissalIn,
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("unmatched.dismiss"))],
) -> UnmatchedRead:
    command = dataclasses.replace(body.to_command(input_id, actor(principal)), principal=principal)
    await container.bus.handle(command)
    return await container.views.unmatched.input(input_id)
