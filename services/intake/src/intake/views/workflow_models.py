"""Representations of the centre's workflow records: centre case, trade-fair complaint, e-commerce notice."""

from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel

from intake.domain.centre_case import CentreCaseStatus, Classification, Conclusion
from intake.domain.ecommerce_notice import NoticeStatus
from intake.domain.trade_fair import Measure, TradeFairStatus
from shared.local_time import LocalDateTime


class OpinionOut(BaseModel):
    conclusion: Conclusion
    reasons: str
    signed_by: str
    issued_at: LocalDateTime


class CentreCaseRead(BaseModel):
    id: uuid.UUID
    complaint_id: uuid.UUID
    status: CentreCaseStatus
    classification: Classification | None
    examiner_id: str | None
    opinion: OpinionOut | None
    opened_at: LocalDateTime


class TradeFairCaseRead(BaseModel):
    id: uuid.UUID
    complaint_id: uuid.UUID
    fair_name: str
    session: str
    booth: str | None
    exhibitor_name: str
    status: TradeFairStatus
    filed_at: LocalDateTime
    forwarded_at: LocalDateTime | None
    notified_at: LocalDateTime | None
    statement_at: LocalDateTime | None
    decided_at: LocalDateTime | None
    measures: list[Measure]
    decision_note: str | None
    repeat_exhibitor: bool


class NoticeRead(BaseModel):
    id: uuid.UUID
    complaint_id: uuid.UUID
    platform: str
    listing_ids: list[str]
    seller: str
    status: NoticeStatus
    notice_at: LocalDateTime
    measures_at: LocalDateTime | None
    forwarded_to_seller_at: LocalDateTime | None
    counter_notice_at: LocalDateTime | None
    forwarded_to_holder_at: LocalDateTime | None
    holder_arrival_at: LocalDateTime | None
    extension_wd_claimed: int
    extension_reason: str | None
    complaint_or_suit_ref: str | None
    published_at: LocalDateTime | None
    termination_due: dt.date | None
