"""Events the credit service publishes (domain-rules §C.5 transitions, §H.1 and §H.2).

Courts and customs consume these: a listing decision (``credit.dishonest_listed`` for the CNIPA
dishonesty list and penalty publication, ``credit.serious_list_entered`` for the SAMR serious
list), its publication, and its end (``credit.repaired``, ``credit.expired``, ``credit.revoked``),
all on ``credit.record`` keyed by the record id so one record's events stay in order; and
``credit.repeat_infringer.flagged`` on ``credit.subject`` keyed by the subject id.
Subjects are identified as everywhere else (``SubjectRef``: USCC, or a masked personal id).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from shared.contracts.base import EventData
from shared.contracts.common import RightRef, SubjectRef
from shared.local_time import LocalDateTime

RECORD_TOPIC = "credit.record"
SUBJECT_TOPIC = "credit.subject"


class _Value(BaseModel):
    model_config = ConfigDict(frozen=True)


class ListType(StrEnum):
    """Which list a credit record belongs to (§C.5 ``list_type``)."""

    CNIPA_DISHONEST = "cnipa_dishonest"
    SAMR_SERIOUS = "samr_serious"
    PENALTY_PUBLICATION = "penalty_publication"


class DecisionRef(_Value):
    """The decision a record rests on (§C.5 ``underlying_decision``)."""

    authority: str = Field(description="Issuing authority or office")
    doc_no: str = Field(description="Decision document number")
    date: dt.date
    type: str = Field(description="e.g. adjudication_decision, penalty_decision, false_materials_finding")


class MeasureOut(_Value):
    """A management measure applied with a listing (§C.1 measures, §C.2 joint punishment)."""

    code: str
    description: str
    description_zh: str
    ends_on: dt.date | None = Field(default=None, description="Last day, if shorter than the listing")


class _ListingEvent(EventData):
    record_id: UUID
    record_no: str = Field(description="The credit service's record number")
    subject: SubjectRef
    list_type: ListType
    behaviour_code: str = Field(description="§C.1 item or SAMR category, e.g. refusal_to_perform")
    underlying_decision: DecisionRef
    decision_no: str | None = Field(default=None, description="The listing decision's document number")
    decided_on: dt.date
    period_end: dt.date | None = Field(
        default=None, description="Last day of the listing; unknown until publication for penalty publication"
    )
    repair_eligible_from: dt.date | None = None
    publication_due: dt.date | None = None
    measures: tuple[MeasureOut, ...] = ()


class DishonestListedV1(_ListingEvent, event_type="credit.dishonest_listed", version=1, topic=RECORD_TOPIC):
    """A subject was listed: CNIPA dishonesty finding, or penalty information to be published."""


class SeriousListEnteredV1(
    _ListingEvent, event_type="credit.serious_list_entered", version=1, topic=RECORD_TOPIC
):
    """A subject was entered on the SAMR list of serious illegal and dishonest entities (§C.2)."""


class ListingPublishedV1(EventData, event_type="credit.published", version=1, topic=RECORD_TOPIC):
    """A listing was published (National Enterprise Credit Information Publicity System or equivalent)."""

    record_id: UUID
    record_no: str
    subject: SubjectRef
    list_type: ListType
    published_on: dt.date
    channel: str
    period_end: dt.date | None = None


class RepairedV1(EventData, event_type="credit.repaired", version=1, topic=RECORD_TOPIC):
    """Credit repair was granted: the listing ended early and publication stopped."""

    record_id: UUID
    record_no: str
    subject: SubjectRef
    list_type: ListType
    repaired_on: dt.date
    repair_decision_no: str | None = None
    original_period_end: dt.date | None = None


class ExpiredV1(EventData, event_type="credit.expired", version=1, topic=RECORD_TOPIC):
    """A listing reached the end of its period and was removed."""

    record_id: UUID
    record_no: str
    subject: SubjectRef
    list_type: ListType
    period_end: dt.date


class RevokedV1(EventData, event_type="credit.revoked", version=1, topic=RECORD_TOPIC):
    """A listing fell away because the decision it rests on was revoked; publication is withdrawn.

    Published only for records that had been listed: a candidate never announced is not announced.
    """

    record_id: UUID
    record_no: str
    subject: SubjectRef
    list_type: ListType
    revoked_on: dt.date
    reason: str
    revoked_decision_no: str | None = None
    revoked_by: str | None = Field(default=None, description="Court or authority that revoked the decision")
    was_published: bool = Field(description="The listing was on public display when revoked")
    withdrawal_due: dt.date | None = Field(
        default=None, description="Publication must be withdrawn by this day (Order 45 art. 11)"
    )


class PriorDecision(_Value):
    case_id: UUID | None = None
    decision_no: str
    effective_on: dt.date


class RepeatInfringerFlaggedV1(
    EventData, event_type="credit.repeat_infringer.flagged", version=1, topic=SUBJECT_TOPIC
):
    """A second effective finding against the same subject and right within the look-back window (§H.2)."""

    subject_id: UUID = Field(description="The credit service's subject id")
    subject: SubjectRef
    right: RightRef
    decision_no: str
    case_id: UUID | None = None
    effective_on: dt.date
    prior_decisions: tuple[PriorDecision, ...] = Field(min_length=1)
    lookback_period: str = Field(
        description="Catalogue period used, e.g. credit.repeat_infringement_lookback"
    )
    flagged_at: LocalDateTime
