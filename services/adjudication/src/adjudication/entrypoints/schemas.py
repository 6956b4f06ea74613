"""Adjudication's API contract."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Self

from pydantic import BaseModel
from sqlalchemy import RowMapping

from shared.vocabulary import IpType, PartyKind


class PartyOut(BaseModel):
    kind: PartyKind
    name: str
    credit_code: str | None = None


class CaseRead(BaseModel):
    id: uuid.UUID
    case_no: str
    complaint_id: uuid.UUID
    complaint_reference: str
    state: str
    ip_type: IpType
    patent_number: str
    requester: PartyOut
    respondents: list[PartyOut]
    opened_at: dt.datetime
    correlation_id: str | None

    @classmethod
    def from_row(cls, row: RowMapping) -> Self:
        return cls.model_validate(dict(row))


class CaseList(BaseModel):
    items: list[CaseRead]
    limit: int
    offset: int
