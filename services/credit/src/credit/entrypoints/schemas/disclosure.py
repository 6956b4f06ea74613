"""The public disclosure view: published listings only, personal data masked."""

from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel

from credit.domain.vocabulary import ListType
from credit.entrypoints.schemas.records import MeasureOut
from shared.vocabulary import PartyKind


class DisclosedListing(BaseModel):
    record_id: uuid.UUID
    record_no: str
    subject_kind: PartyKind
    subject_name: str
    credit_code: str | None
    id_number_masked: str | None
    list_type: ListType
    list_title: str
    list_title_zh: str
    behaviour: str
    behaviour_title_zh: str
    listing_authority: str
    decision_authority: str
    decision_no: str | None
    decided_on: dt.date | None
    published_on: dt.date
    period_end: dt.date | None
    measures: list[MeasureOut]
