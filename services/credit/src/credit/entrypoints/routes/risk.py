"""The risk profile for a port office's declaration check: up to 1,000 credit codes per request."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, ConfigDict, Field

from credit.access import ACCESS
from credit.entrypoints.dependencies import Container, today
from shared.identity.principals import Principal
from shared.web.problems import problem_responses

router = APIRouter(prefix="/v1", tags=["subjects"])
MAX_CODES = 1000


class RiskProfileIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    codes: list[Annotated[str, Field(max_length=64)]] = Field(
        min_length=1, max_length=MAX_CODES, description="Consignee or consignor credit codes"
    )


class Basis(BaseModel):
    instrument: str
    article: str


class Finding(BaseModel):
    ip_type: str
    right_number: str
    decision_no: str
    effective_on: dt.date
    legal_basis: list[Basis]


class Penalty(BaseModel):
    behaviour: str
    decision_nos: list[str]
    decided_on: dt.date | None
    legal_basis: list[dict[str, Any]]


class Listing(BaseModel):
    list_type: str
    behaviour: str
    period_end: dt.date | None
    legal_basis: list[dict[str, Any]]


class RepeatFlag(BaseModel):
    ip_type: str
    right_number: str
    decision_no: str
    effective_on: dt.date
    prior_decisions: int
    legal_basis: list[Basis]


class RiskProfile(BaseModel):
    code: str
    valid: bool
    error: str | None
    known: bool
    name: str | None
    findings: list[Finding]
    penalties: list[Penalty]
    listings: list[Listing]
    repeat_flags: list[RepeatFlag]


class RiskProfilesOut(BaseModel):
    as_of: dt.date
    results: list[RiskProfile]


@router.post(
    "/risk-profiles",
    response_model=RiskProfilesOut,
    responses=problem_responses(401, 403, 422),
    summary="Risk profile of up to 1,000 consignees or consignors (customs declaration check)",
)
async def risk_profiles(
    body: RiskProfileIn,
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("credit.risk_profile"))],
) -> Response:
    """Effective infringement findings, penalty decisions, listings in force and repeat-infringer flags
    concerning each code, with their legal basis; in input order, unknown codes answered in place."""
    answer = await container.views.risk_profile.profiles(body.codes, today=today(container))
    return Response(content=answer, media_type="application/json")
