"""Mediation's API contract."""

from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel

from shared.vocabulary import IpType, PartyKind


class PartyOut(BaseModel):
    kind: PartyKind
    name: str
    credit_code: str | None = None


class MediationCaseRead(BaseModel):
    id: uuid.UUID
    case_no: str
    complaint_id: uuid.UUID | None
    state: str
    ip_type: IpType
    right_number: str
    applicant: PartyOut
    other_parties: list[PartyOut]
    opened_at: dt.datetime
    correlation_id: str | None


class MediationCaseList(BaseModel):
    items: list[MediationCaseRead]
    limit: int
    offset: int
