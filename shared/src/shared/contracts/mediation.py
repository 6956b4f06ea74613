"""Events the mediation service publishes.

Hand-offs other ipcase services consume: ``mediation.case.concluded`` (adjudication, for in-case
mediation) and ``mediation.agreement.performance_defaulted`` (credit). Events for the courts
(§H.1: agreement signed, confirmation requested, result of an assigned case, enforcement
application) are published here too.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from uuid import UUID

from pydantic import Field

from shared.contracts.base import EventData
from shared.contracts.common import MoneyAmount, SubjectRef

CASE_TOPIC = "mediation.case"


class MediationCaseOpenedV1(EventData, event_type="mediation.case.opened", version=1, topic=CASE_TOPIC):
    """A mediation case was opened (state REQUESTED) from a complaint or a referral."""

    case_id: UUID
    case_no: str = Field(description="The mediation service's case number")
    complaint_id: UUID | None = None
    state: str
    opened_at: dt.datetime


class Origin(StrEnum):
    COMPLAINT = "complaint"
    ADJUDICATION_CASE = "adjudication_case"
    COURT_ASSIGNMENT = "court_assignment"


class MediationResult(StrEnum):
    AGREEMENT = "agreement"
    FAILED = "failed"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"
    DECLINED = "declined"


class MediationConcludedV1(EventData, event_type="mediation.case.concluded", version=1, topic=CASE_TOPIC):
    """A mediation case ended; ``origin``/``origin_id`` say where it came from (e.g. an adjudication case)."""

    case_id: UUID
    case_no: str
    origin: Origin
    origin_id: str
    result: MediationResult
    agreement_id: UUID | None = None
    agreed_amount: MoneyAmount | None = None
    summary: str | None = None
    concluded_at: dt.datetime


class PerformanceDefaultedV1(
    EventData, event_type="mediation.agreement.performance_defaulted", version=1, topic=CASE_TOPIC
):
    """A party missed an obligation of a mediation agreement (a credit input when court-confirmed)."""

    case_id: UUID
    case_no: str
    agreement_id: UUID
    subject: SubjectRef
    obligation: str = Field(description="What was not performed, e.g. instalment 2 of 3")
    amount: MoneyAmount | None = None
    due_on: dt.date
    confirmed_by_court: bool
    court_ruling_no: str | None = None
    found_on: dt.date
