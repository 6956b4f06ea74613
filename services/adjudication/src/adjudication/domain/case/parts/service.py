"""Service of documents (送达): what was served on whom, how and when the party received it.

A party's receipt (``served_on``) starts the periods that run from it (answer, litigation window);
the date the office dispatched a document shows whether the office kept its own service duty.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from enum import StrEnum

from adjudication.domain.errors import not_before


class DocumentKind(StrEnum):
    REQUEST_COPY = "request_copy"  # 请求书副本
    ANSWER_COPY = "answer_copy"  # 答辩书副本
    EVIDENCE_COPY = "evidence_copy"
    HEARING_NOTICE = "hearing_notice"  # 口头审理通知书
    PARTICIPANT_NOTICE = "participant_notice"  # 告知合议组成员、技术调查官
    DECISION = "decision"  # 裁决书
    ENFORCEMENT_DEMAND = "enforcement_demand"  # 催告书
    OTHER = "other"


class ServiceMethod(StrEnum):
    IN_PERSON = "in_person"  # 直接送达
    POST = "post"  # 邮寄送达
    ELECTRONIC = "electronic"  # 电子送达
    LEFT_AT_ADDRESS = "left_at_address"  # 留置送达
    ANNOUNCEMENT = "announcement"  # 公告送达


@dataclass(frozen=True, slots=True, kw_only=True)
class ServiceRecord:
    id: str
    document: DocumentKind
    party_id: str
    method: ServiceMethod
    served_on: dt.date
    dispatched_on: dt.date | None = None
    reference: str | None = None
    related_id: str | None = None
    recorded_at: dt.datetime


def new_id() -> str:
    return uuid.uuid4().hex[:12]


def service_record(
    document: DocumentKind,
    party_id: str,
    method: ServiceMethod,
    served_on: dt.date,
    dispatched_on: dt.date | None,
    reference: str | None,
    related_id: str | None,
    at: dt.datetime,
) -> ServiceRecord:
    """A document reached a party on ``served_on``: never before it was sent (``dispatched_on``)."""
    if dispatched_on is not None:
        not_before("served_on", served_on, dispatched_on, "the dispatch", "寄出日期")
    return ServiceRecord(
        id=new_id(),
        document=document,
        party_id=party_id,
        method=method,
        served_on=served_on,
        dispatched_on=dispatched_on,
        reference=reference,
        related_id=related_id,
        recorded_at=at,
    )
