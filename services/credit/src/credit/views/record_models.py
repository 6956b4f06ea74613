"""Credit records as the API shows them: a listing, the whole record with its history and deadlines,
the agenda, and the public disclosure of a listing."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field, computed_field

from credit.domain.policy import PenaltyClass
from credit.domain.record import RecordState
from credit.domain.vocabulary import BehaviourCode, ListType
from credit.views.shapes import DocumentIO, LegalProvisionIO, SubjectOut
from shared.local_time import LEGAL_DATE, LocalDateTime, LocalDetails, last_day
from shared.vocabulary import PartyKind


class MeasureOut(BaseModel):
    code: str
    description: str
    description_zh: str
    ends_on: dt.date | None


class HistoryEntryOut(BaseModel):
    event: str
    from_state: str | None
    to_state: str
    actor: str
    actor_roles: list[str]
    at: LocalDateTime
    legal_basis: list[LegalProvisionIO]
    documents: list[DocumentIO]
    note: str | None
    details: LocalDetails


class DeadlineOut(BaseModel):
    """A durable timer of the record, with how its date was computed (calendar and legal basis)."""

    name: str
    kind: str
    due_at: LocalDateTime
    status: str
    provisional: bool
    explanation: str | None

    @computed_field(description=LEGAL_DATE)  # type: ignore[prop-decorator]
    @property
    def due(self) -> dt.date:
        return last_day(self.due_at)


class ListingOut(BaseModel):
    """A listing as other agencies need it: list, basis, measures and periods."""

    record_id: uuid.UUID
    record_no: str
    list_type: ListType
    list_title: str
    list_title_zh: str
    state: RecordState
    behaviour: BehaviourCode
    underlying_decision: dict[str, str]
    legal_basis: list[LegalProvisionIO]
    decision_no: str | None
    decided_on: dt.date | None
    publication_due: dt.date | None
    published_on: dt.date | None
    period_end: dt.date | None
    repair_eligible_from: dt.date | None
    repaired_on: dt.date | None
    expired_on: dt.date | None
    revoked_on: dt.date | None
    measures: list[MeasureOut]


class RecordRead(ListingOut):
    """The whole record, for credit officers and staff: due process, the subject's side, deadlines."""

    subject: SubjectOut
    office_code: str = Field(description="The office the record belongs to (office scope)")
    proposal: dict[str, Any] | None = Field(
        description="A decision proposed by a credit officer, waiting for the office head's approval"
    )
    finding: str
    origin: dict[str, str]
    penalty_class: PenaltyClass | None
    requires_notice: bool
    repair_available: bool
    allowed_steps: list[RecordState]
    allowed_steps_zh: list[str] = Field(default=[], description="The same states by their Chinese names")
    notice: dict[str, str] | None
    hearing_requested_on: dt.date | None
    hearing_held_on: dt.date | None
    publication_channel: str | None
    repair_requested_on: dt.date | None
    revocation_reason: str | None
    withdrawal_due: dt.date | None
    withdrawn_on: dt.date | None
    overdue: list[str]
    created_at: LocalDateTime
    updated_at: LocalDateTime
    deadlines: list[DeadlineOut]
    history: list[HistoryEntryOut]
    warnings: list[str] = []


class RecordSummary(BaseModel):
    record_id: uuid.UUID
    record_no: str
    subject: SubjectOut
    list_type: ListType
    behaviour: BehaviourCode
    state: RecordState
    decided_on: dt.date | None
    period_end: dt.date | None
    overdue: list[str]
    created_at: LocalDateTime
    updated_at: LocalDateTime | None = None


class RecordSort(StrEnum):
    """``/v1/records``: ``-`` for descending; the record id breaks ties."""

    CREATED = "created_at"
    CREATED_DESC = "-created_at"
    UPDATED = "updated_at"
    UPDATED_DESC = "-updated_at"
    DECIDED = "decided_on"
    DECIDED_DESC = "-decided_on"
    PERIOD_END = "period_end"
    PERIOD_END_DESC = "-period_end"


class RecordPage(BaseModel):
    items: list[RecordSummary]
    total: int = Field(description="How many records match the filters, over all pages")
    sort: RecordSort
    as_of: LocalDateTime = Field(description="When the list was read: the next poll's `updated_since`")
    limit: int
    offset: int


class DeadlineItem(BaseModel):
    """A duty with a statutory deadline, for the officers' agenda."""

    aggregate_id: str
    record_no: str | None
    state: str | None
    name: str
    kind: str
    due_at: LocalDateTime
    provisional: bool
    explanation: str | None

    @computed_field(description=LEGAL_DATE)  # type: ignore[prop-decorator]
    @property
    def due(self) -> dt.date:
        return last_day(self.due_at)


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
