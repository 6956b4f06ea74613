"""The record's history: one past-tense entry per step, with actor, time, legal basis and documents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from credit.domain.vocabulary import Actor, DocumentRef, LegalProvision


class RecordEvent(StrEnum):
    CANDIDATE_REGISTERED = "CandidateRegistered"
    NOTICE_ISSUED = "NoticeIssued"
    STATEMENT_FILED = "StatementFiled"
    HEARING_REQUESTED = "HearingRequested"
    HEARING_HELD = "HearingHeld"
    NOTICE_WINDOW_CLOSED = "NoticeWindowClosed"
    LISTING_DECIDED = "ListingDecided"
    LISTING_DECLINED = "ListingDeclined"
    PUBLISHED = "Published"
    PUBLICATION_DUE_SOON = "PublicationDueSoon"
    PUBLICATION_DEADLINE_MISSED = "PublicationDeadlineMissed"
    REPAIR_REQUESTED = "RepairRequested"
    REPAIR_GRANTED = "RepairGranted"
    REPAIR_DENIED = "RepairDenied"
    EXPIRED = "Expired"
    REVOKED = "Revoked"
    PUBLICATION_WITHDRAWN = "PublicationWithdrawn"
    WITHDRAWAL_DUE_SOON = "WithdrawalDueSoon"
    WITHDRAWAL_DEADLINE_MISSED = "WithdrawalDeadlineMissed"
    ARCHIVED = "Archived"


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One step. ``from_state == to_state`` for steps that change no state (a statement, a warning)."""

    event: RecordEvent
    actor: Actor
    at: dt.datetime
    from_state: str | None
    to_state: str
    legal_basis: tuple[LegalProvision, ...] = ()
    documents: tuple[DocumentRef, ...] = ()
    note: str | None = None
    details: Mapping[str, Any] = field(default_factory=dict)

    @property
    def is_transition(self) -> bool:
        return self.from_state != self.to_state


def json_details(details: Mapping[str, Any]) -> dict[str, Any]:
    """A step's details as JSON values (days as ISO dates), so the history is stored as given."""
    return {key: _json(value) for key, value in details.items()}


def _json(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_json(v) for v in value]
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    return value
