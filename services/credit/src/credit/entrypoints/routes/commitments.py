"""Credit commitments (信用承诺): made, listed, verified."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Response, status

from credit.access import ACCESS
from credit.domain.access import office_of_entry
from credit.domain.commitment import CommitmentStatus
from credit.entrypoints.dependencies import Container, actor
from credit.entrypoints.schemas.commitments import CommitmentCreate, VerificationIn
from credit.views.commitment_models import CommitmentPage, CommitmentRead, CommitmentSort
from shared.idempotency import HEADER, IdempotencyKey
from shared.identity.principals import Principal
from shared.web.lists import UpdatedSince
from shared.web.problems import problem_responses
from shared.web.types import Offset

router = APIRouter(prefix="/v1", tags=["commitments"])


@router.post(
    "/commitments",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(401, 403, 409, 422),
    summary="Record a credit commitment",
)
async def make_commitment(
    body: CommitmentCreate,
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("commitment.create"))],
    response: Response,
    idempotency_key: Annotated[str | None, Header(alias=HEADER)] = None,
) -> CommitmentRead:
    """Refused (409) while the subject is under a measure that takes commitments away (§C.1)."""
    key = (
        IdempotencyKey.build(
            key=idempotency_key,
            scope=f"{principal.subject}:POST /v1/commitments",
            request_body=body.model_dump(mode="json"),
        )
        if idempotency_key
        else None
    )
    command = body.to_command(actor(principal), key)
    office = office_of_entry(principal, container.options.office_code)
    commitment_id: uuid.UUID = await container.bus.handle(dataclasses.replace(command, office_code=office))
    response.headers["Location"] = f"/v1/commitments/{commitment_id}"
    return await container.views.commitments.commitment(commitment_id, principal)


@router.get("/commitments", responses=problem_responses(401, 403, 422), summary="List credit commitments")
async def list_commitments(
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("commitment.list"))],
    subject_id: uuid.UUID | None = None,
    status: CommitmentStatus | None = None,
    overdue: bool | None = None,
    updated_since: UpdatedSince = None,
    sort: Annotated[
        CommitmentSort, Query(description="`-` for descending")
    ] = CommitmentSort.VERIFICATION_DUE,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Offset = 0,
) -> CommitmentPage:
    """Soonest verification first unless ``sort`` says otherwise (the commitment id breaks ties);
    ``total`` counts every page; ``updated_since`` returns what changed since a partner's previous
    poll (its ``as_of``)."""
    return await container.views.commitments.commitments(
        subject_id=subject_id,
        status=status.value if status else None,
        overdue=overdue,
        principal=principal,
        updated_since=updated_since,
        sort=sort,
        limit=limit,
        offset=offset,
    )


@router.get(
    "/commitments/{commitment_id}", responses=problem_responses(401, 403, 404), summary="Get a commitment"
)
async def get_commitment(
    commitment_id: uuid.UUID,
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("commitment.read"))],
) -> CommitmentRead:
    return await container.views.commitments.commitment(commitment_id, principal)


@router.post(
    "/commitments/{commitment_id}/verification",
    responses=problem_responses(401, 403, 404, 409, 422),
    summary="Verify a commitment: fulfilled, or breached (a dishonesty input)",
)
async def verify_commitment(
    commitment_id: uuid.UUID,
    body: VerificationIn,
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("commitment.verify"))],
) -> CommitmentRead:
    command = dataclasses.replace(body.to_command(commitment_id, actor(principal)), principal=principal)
    await container.bus.handle(command)
    return await container.views.commitments.commitment(commitment_id, principal)
