"""Subjects as the API shows them: who they are, their credit standing, and the bulk check's answers."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum

from pydantic import BaseModel, Field

from credit.domain.grades import Grade
from credit.domain.vocabulary import ListType
from credit.views.record_models import ListingOut
from shared.local_time import LocalDateTime
from shared.vocabulary import PartyKind


class NameSeenOut(BaseModel):
    name: str
    first_seen_at: LocalDateTime


class SightingOut(BaseModel):
    source_type: str
    source_id: str
    name_seen: str
    seen_at: LocalDateTime


class SubjectRead(BaseModel):
    id: uuid.UUID
    kind: PartyKind
    credit_code: str | None
    id_number_masked: str | None
    name: str
    legal_representative: str | None
    name_history: list[NameSeenOut]
    first_seen_at: LocalDateTime
    last_seen_at: LocalDateTime
    sightings: list[SightingOut]


class CreditStatus(StrEnum):
    """The headline answer to "may we trust this entity?", worst list first."""

    SERIOUS_LIST = "serious_list"
    DISHONEST = "dishonest"
    PENALTY_PUBLISHED = "penalty_published"
    CLEAR = "clear"
    UNKNOWN = "unknown"  # no such subject here: nothing known against it, nothing known for it


STATUS_BY_LIST = {
    ListType.SAMR_SERIOUS: CreditStatus.SERIOUS_LIST,
    ListType.CNIPA_DISHONEST: CreditStatus.DISHONEST,
    ListType.PENALTY_PUBLICATION: CreditStatus.PENALTY_PUBLISHED,
}


def headline(list_types: set[ListType]) -> CreditStatus:
    for list_type, status in STATUS_BY_LIST.items():
        if list_type in list_types:
            return status
    return CreditStatus.CLEAR


class GradeOut(BaseModel):
    grade: Grade
    source: str
    as_of: dt.date
    valid_until: dt.date | None
    reference: str | None
    rule_id: str | None


class CommitmentBrief(BaseModel):
    commitment_id: uuid.UUID
    scope: str
    status: str
    made_on: dt.date
    verification_due: dt.date
    overdue: bool


class RepeatFlagOut(BaseModel):
    ip_type: str
    right_number: str
    decision_no: str
    effective_on: dt.date
    prior_decisions: list[dict[str, str | None]]
    flagged_at: LocalDateTime


class SubjectCredit(BaseModel):
    """Status, listings in force with measures and periods, grade, and the history of listings."""

    subject: SubjectRead
    as_of: dt.date
    status: CreditStatus
    listings_in_force: list[ListingOut]
    grade: GradeOut | None = Field(description="The current grade from the highest-priority source")
    grades: list[GradeOut] = Field(description="Every current grade, one per source")
    commitments: list[CommitmentBrief]
    repeat_flags: list[RepeatFlagOut]
    history: list[ListingOut] = Field(description="Every record visible to the caller, newest first")


class SubjectMatchOut(BaseModel):
    id: uuid.UUID
    kind: PartyKind
    name: str
    credit_code: str | None
    id_number_masked: str | None
    matched_name: str


class BulkListing(BaseModel):
    """A listing in force; courts and customs get its list type and period end only (§H)."""

    list_type: ListType
    period_end: dt.date | None
    state: str | None = None
    decided_on: dt.date | None = None
    measures: list[str] | None = None


class BulkCheckItem(BaseModel):
    code: str
    valid: bool
    error: str | None = None
    status: CreditStatus
    name: str | None = None
    grade: Grade | None = Field(default=None, description="Not given to courts and customs (§H)")
    listings: list[BulkListing] = []


class BulkCheckOut(BaseModel):
    as_of: dt.date
    results: list[BulkCheckItem]
