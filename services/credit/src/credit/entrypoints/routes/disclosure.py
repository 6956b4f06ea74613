"""The public disclosure view: published listings only, personal data masked.

Every role but the auditor's reads it; each read is an export of listings and goes on the audit
trail (``record_read``)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from credit.access import ACCESS
from credit.domain.vocabulary import ListType
from credit.entrypoints.dependencies import Container
from credit.views.record_models import DisclosedListing
from credit.views.shapes import Page
from shared.identifiers import normalise_uscc
from shared.identity.principals import Principal
from shared.web.audit import record_read
from shared.web.problems import problem_responses
from shared.web.types import Offset

router = APIRouter(prefix="/v1", tags=["public disclosure"])


@router.get("/disclosure", responses=problem_responses(401, 403, 422), summary="Published listings")
async def published_listings(
    request: Request,
    container: Container,
    _: Annotated[Principal, Depends(ACCESS.allow("disclosure.list"))],
    list_type: ListType | None = None,
    name: Annotated[str | None, Query(max_length=200, description="Part of an organisation's name")] = None,
    credit_code: Annotated[str | None, Query(max_length=40)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Offset = 0,
) -> Page[DisclosedListing]:
    page = await container.views.disclosure.listings(
        list_type=list_type,
        name=name,
        credit_code=normalise_uscc(credit_code) if credit_code else None,
        limit=limit,
        offset=offset,
    )
    await record_read(
        request,
        "credit.disclosure.list",
        object_type="credit_disclosure",
        object_id="listings",
        details={
            "list_type": list_type.value if list_type else None,
            "name": name,
            "credit_code": credit_code,
            "offset": offset,
            "returned": len(page.items),
        },
    )
    return page


@router.get(
    "/disclosure/{record_id}", responses=problem_responses(401, 403, 404), summary="One published listing"
)
async def published_listing(
    record_id: uuid.UUID,
    request: Request,
    container: Container,
    _: Annotated[Principal, Depends(ACCESS.allow("disclosure.read"))],
) -> DisclosedListing:
    listing = await container.views.disclosure.listing(record_id)
    await record_read(
        request, "credit.disclosure.read", object_type="credit_record", object_id=str(record_id)
    )
    return listing
