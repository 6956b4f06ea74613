"""Intake's HTTP routes: schema in, command to the bus, representation out."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Header, Response, status

from intake.entrypoints.dependencies import Container, StaffPrincipal
from intake.entrypoints.schemas import ComplaintCreate, ComplaintRead
from intake.handlers import Registration
from shared.idempotency import HEADER, IdempotencyKey
from shared.web.problems import problem_responses

router = APIRouter(prefix="/v1", tags=["complaints"])


@router.post(
    "/complaints",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(401, 403, 422),
    summary="Register a complaint",
)
async def register_complaint(
    body: ComplaintCreate,
    container: Container,
    principal: StaffPrincipal,
    response: Response,
    idempotency_key: Annotated[str | None, Header(alias=HEADER)] = None,
) -> ComplaintRead:
    """Store the complaint and publish ``intake.complaint.accepted``.

    With an ``Idempotency-Key`` header a retried request returns the first request's complaint
    (and ``Idempotent-Replayed: true``) instead of registering it twice.
    """
    key = (
        IdempotencyKey.build(
            key=idempotency_key,
            scope=f"{principal.subject}:POST /v1/complaints",
            request_body=body.model_dump(mode="json"),
        )
        if idempotency_key
        else None
    )
    registration: Registration = await container.bus.handle(body.to_command(key))
    response.headers["Location"] = f"/v1/complaints/{registration.complaint.id}"
    if registration.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return ComplaintRead.from_complaint(registration.complaint)


@router.get(
    "/complaints/{complaint_id}", responses=problem_responses(401, 403, 404), summary="Get a complaint"
)
async def get_complaint(complaint_id: uuid.UUID, container: Container, _: StaffPrincipal) -> ComplaintRead:
    return await container.views.complaint(complaint_id)
