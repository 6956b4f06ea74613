"""API models of the centre workflows, evidence, the rights registry and the work queue."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from intake.domain.centre_case import CentreCaseStatus, Classification, Conclusion
from intake.domain.ecommerce_notice import NoticeStatus
from intake.domain.rights import LicenceKind, RightStatus
from intake.domain.trade_fair import Measure, TradeFairStatus
from shared.vocabulary import IpType
from shared.web.types import CreditCode

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- centre case ------------------------------------------------------------------------------------


class ExaminerIn(_In):
    name: ShortText
    centre: ShortText
    interests: list[ShortText] = Field(
        default=[], description="Companies or people (name or credit code) the examiner has an interest in"
    )


class ExaminerOut(BaseModel):
    id: str
    name: str
    centre: str
    interests: list[str]


class AssignIn(_In):
    examiner_id: ShortText


class OpinionIn(_In):
    conclusion: Conclusion
    reasons: Text


class ReferIn(_In):
    target: Literal["REFERRED_ENFORCEMENT", "REFERRED_ADJUDICATION", "REFERRED_MEDIATION", "REFERRED_COURT"]
    reason: Text


class CloseIn(_In):
    note: Text


class OpinionOut(BaseModel):
    conclusion: Conclusion
    reasons: str
    signed_by: str
    issued_at: dt.datetime


class CentreCaseRead(BaseModel):
    id: uuid.UUID
    complaint_id: uuid.UUID
    status: CentreCaseStatus
    classification: Classification | None
    examiner_id: str | None
    opinion: OpinionOut | None
    opened_at: dt.datetime


# -- trade fair ------------------------------------------------------------------------------------


class TradeFairStepIn(_In):
    step: Literal["forward", "notify_respondent", "statement", "order_measures", "not_established", "refer"]
    at: dt.datetime | None = Field(default=None, description="When it happened; now if omitted")
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = ""
    measures: list[Measure] = []


class TradeFairCaseRead(BaseModel):
    id: uuid.UUID
    complaint_id: uuid.UUID
    fair_name: str
    session: str
    booth: str | None
    exhibitor_name: str
    status: TradeFairStatus
    filed_at: dt.datetime
    forwarded_at: dt.datetime | None
    notified_at: dt.datetime | None
    statement_at: dt.datetime | None
    decided_at: dt.datetime | None
    measures: list[Measure]
    decision_note: str | None
    repeat_exhibitor: bool


# -- e-commerce notice -----------------------------------------------------------------------------


class NoticeCreate(_In):
    platform: ShortText
    listing_ids: list[ShortText] = Field(min_length=1, max_length=200)
    seller: ShortText
    notice_at: dt.datetime = Field(description="When the platform received the holder's notice")


class NoticeStepIn(_In):
    step: Literal[
        "reject",
        "take_measures",
        "forward_to_seller",
        "no_counter_notice",
        "counter_notice",
        "forward_to_holder",
        "notarisation_delay",
        "holder_filed",
        "terminate",
        "publish",
    ]
    at: dt.datetime | None = None
    arrival_at: dt.datetime | None = Field(default=None, description="forward_to_holder: reached the holder")
    working_days: int | None = Field(default=None, ge=1, description="notarisation_delay: documented delay")
    reference: ShortText | None = Field(default=None, description="holder_filed: complaint or court case no.")
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = ""


class NoticeRead(BaseModel):
    id: uuid.UUID
    complaint_id: uuid.UUID
    platform: str
    listing_ids: list[str]
    seller: str
    status: NoticeStatus
    notice_at: dt.datetime
    measures_at: dt.datetime | None
    forwarded_to_seller_at: dt.datetime | None
    counter_notice_at: dt.datetime | None
    forwarded_to_holder_at: dt.datetime | None
    holder_arrival_at: dt.datetime | None
    extension_wd_claimed: int
    extension_reason: str | None
    complaint_or_suit_ref: str | None
    published_at: dt.datetime | None
    termination_due: dt.date | None


# -- evidence ---------------------------------------------------------------------------------------


class EvidenceRead(BaseModel):
    id: uuid.UUID
    complaint_id: uuid.UUID
    file_name: str
    media_type: str
    size_bytes: int
    sha256: str
    source: str | None
    notarisation_ref: str | None
    description: str | None
    uploaded_by: str
    uploaded_at: dt.datetime


class EvidenceList(BaseModel):
    items: list[EvidenceRead]


# -- rights registry --------------------------------------------------------------------------------


class LicenseeIn(_In):
    name: ShortText
    credit_code: CreditCode | None = None
    kind: LicenceKind = LicenceKind.ORDINARY


class RightIn(_In):
    holder_name: ShortText
    holder_credit_code: CreditCode | None = None
    status: RightStatus = RightStatus.VALID
    valid_until: dt.date | None = None
    title: ShortText | None = None
    licensees: list[LicenseeIn] = []


class LicenseeOut(BaseModel):
    name: str
    credit_code: str | None
    kind: LicenceKind


class RightRead(BaseModel):
    ip_type: IpType
    number: str
    holder_name: str
    holder_credit_code: str | None
    status: RightStatus
    valid_until: dt.date | None
    title: str | None
    licensees: list[LicenseeOut]
    source: str = Field(description="staff:<who> or import:<job id>")
    updated_at: dt.datetime


class StatusChangeIn(_In):
    status: RightStatus
    effective_date: dt.date
    reason: Text | None = None


class ImportJobRead(BaseModel):
    id: uuid.UUID
    file_name: str
    format: str
    status: Literal["pending", "running", "completed", "failed"]
    total_rows: int | None
    processed_rows: int
    inserted: int
    updated: int
    failed_rows: int
    status_changes: int
    progress: float = Field(description="processed_rows / total_rows, 0..1")
    error: str | None
    created_by: str
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None


class ImportErrorRead(BaseModel):
    row_number: int
    field: str
    message: str


class ImportErrorPage(BaseModel):
    items: list[ImportErrorRead]
    total: int
    limit: int
    offset: int


# -- queue ------------------------------------------------------------------------------------------


class QueueItem(BaseModel):
    complaint_id: uuid.UUID
    reference: str
    complaint_status: str
    track: str | None
    centre: str
    examiner_id: str | None
    subject: str
    subject_id: uuid.UUID
    step: str
    period: str
    due_at: dt.datetime | None
    overdue: bool
    due_soon: bool
    provisional: bool
    note: str | None = Field(description="e.g. 'period ... not configured': no timer runs")


class Queue(BaseModel):
    items: list[QueueItem]
    as_of: dt.datetime
