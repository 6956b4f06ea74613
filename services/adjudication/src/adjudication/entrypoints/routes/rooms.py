"""Hearing rooms, physical or remote, that hearings book: a registry admins operate and staff keep."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, status

from adjudication.domain.case.parts.hearings import RoomRef
from adjudication.entrypoints.dependencies import Container, Principal, allow
from adjudication.entrypoints.schemas.proceedings import RoomIn
from adjudication.views.models import RoomRead
from shared.web.problems import problem_responses

router = APIRouter(prefix="/v1/hearing-rooms", tags=["hearing rooms"])


@router.get("", responses=problem_responses(401, 403), summary="List the hearing rooms")
async def list_rooms(
    container: Container, _: Annotated[Principal, Depends(allow("room.list"))]
) -> list[RoomRead]:
    return await container.views.rooms()


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(401, 403, 409, 422),
    summary="Add a hearing room (physical, or a remote meeting room)",
)
async def add_room(
    body: RoomIn, container: Container, _: Annotated[Principal, Depends(allow("room.add"))]
) -> RoomRead:
    """A name already taken is a 409 naming ``name``."""
    room: RoomRef = await container.bus.handle(body.to_command())
    return RoomRead(id=uuid.UUID(room.id), name=room.name, mode=room.mode.value, location=body.location)
