"""The public disclosure view: published listings only, personal data masked (any authenticated caller)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from credit.domain.vocabulary import ListType
from credit.entrypoints.dependencies import Anyone, Container
from credit.views.record_models import DisclosedListing
from credit.views.shapes import Page
from shared.identifiers import normalise_uscc
from shared.web.problems import problem_responses
from shared.web.types import Offset

router = APIRouter(prefix="/v1", tags=["public disclosure"])


@router.get("/disclosure", responses=problem_responses(401, 422), summary="Published listings")
async def published_listings(
    container: Container,
    _: Anyone,
    list_type: ListType | None = None,
    name: Annotated[str | None, Query(max_length=200, description="Part of an organisation's name")] = None,
    credit_code: Annotated[str | None, Query(max_length=40)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Offset = 0,
) -> Page[DisclosedListing]:
    return await container.views.disclosure.listings(
        list_type=list_type,
        name=name,
        credit_code=normalise_uscc(credit_code) if credit_code else None,
        limit=limit,
        offset=offset,
    )


@router.get("/disclosure/{record_id}", responses=problem_responses(401, 404), summary="One published listing")
async def published_listing(record_id: uuid.UUID, container: Container, _: Anyone) -> DisclosedListing:
    return await container.views.disclosure.listing(record_id)
