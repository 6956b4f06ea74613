"""Credit commitments (信用承诺, §C.4): a promise made in place of proofs, verified later.

PENDING → FULFILLED or BREACHED. A breached commitment is itself dishonest behaviour (§C.1
item 5), so the handler that records a breach also registers a candidate credit record.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Final

from credit.domain.day_rules import day_of, not_after, not_before
from credit.domain.errors import CommitmentStepRefused, invalid
from credit.domain.vocabulary import Actor, DocumentRef


class CommitmentStatus(StrEnum):
    PENDING = "pending"
    FULFILLED = "fulfilled"
    BREACHED = "breached"


COMMITMENT_TRANSITIONS: Final[Mapping[CommitmentStatus, frozenset[CommitmentStatus]]] = {
    CommitmentStatus.PENDING: frozenset({CommitmentStatus.FULFILLED, CommitmentStatus.BREACHED}),
    CommitmentStatus.FULFILLED: frozenset(),
    CommitmentStatus.BREACHED: frozenset(),
}


class CommitmentEvent(StrEnum):
    MADE = "CommitmentMade"
    VERIFICATION_DUE_SOON = "VerificationDueSoon"
    VERIFICATION_OVERDUE = "VerificationOverdue"
    FULFILLED = "CommitmentFulfilled"
    BREACHED = "CommitmentBreached"


@dataclass(frozen=True, slots=True)
class CommitmentEntry:
    event: CommitmentEvent
    actor: Actor
    at: dt.datetime
    details: Mapping[str, Any] = field(default_factory=dict)
    documents: tuple[DocumentRef, ...] = ()


@dataclass(slots=True, kw_only=True)
class Commitment:
    id: uuid.UUID
    subject_id: uuid.UUID
    scope: str
    text: str
    made_on: dt.date
    verification_due: dt.date
    status: CommitmentStatus = CommitmentStatus.PENDING
    verified_on: dt.date | None = None
    findings: str | None = None
    breach_record_id: uuid.UUID | None = None
    overdue: bool = False
    history: list[CommitmentEntry] = field(default_factory=list)

    @classmethod
    def make(
        cls,
        *,
        subject_id: uuid.UUID,
        scope: str,
        text: str,
        made_on: dt.date,
        verification_due: dt.date,
        actor: Actor,
        at: dt.datetime,
        documents: tuple[DocumentRef, ...] = (),
    ) -> Commitment:
        not_after(made_on, day_of(at), "made_on")
        if verification_due <= made_on:
            raise invalid(
                "verification_due",
                "date_too_early",
                "Verification must fall after the day the commitment is made",
                "核查日期须晚于承诺作出之日",
            )
        commitment = cls(
            id=uuid.uuid4(),
            subject_id=subject_id,
            scope=scope,
            text=text,
            made_on=made_on,
            verification_due=verification_due,
        )
        commitment.history.append(
            CommitmentEntry(
                CommitmentEvent.MADE,
                actor,
                at,
                {"made_on": made_on.isoformat(), "verification_due": verification_due.isoformat()},
                documents,
            )
        )
        return commitment

    def _move(self, to: CommitmentStatus, entry: CommitmentEntry) -> None:
        allowed = COMMITMENT_TRANSITIONS[self.status]
        if to not in allowed:
            raise CommitmentStepRefused(self.status, to, allowed)
        self.status = to
        self.history.append(entry)

    def verify(
        self,
        *,
        fulfilled: bool,
        verified_on: dt.date,
        findings: str,
        actor: Actor,
        at: dt.datetime,
        documents: tuple[DocumentRef, ...] = (),
    ) -> None:
        not_after(verified_on, day_of(at), "verified_on")
        not_before(verified_on, self.made_on, "verified_on", ("the commitment", "承诺作出之日"))
        status, event = (
            (CommitmentStatus.FULFILLED, CommitmentEvent.FULFILLED)
            if fulfilled
            else (CommitmentStatus.BREACHED, CommitmentEvent.BREACHED)
        )
        details = {"verified_on": verified_on.isoformat(), "findings": findings}
        self._move(status, CommitmentEntry(event, actor, at, details, documents))
        self.verified_on, self.findings, self.overdue = verified_on, findings, False

    def note_verification_due(self, *, missed: bool, actor: Actor, at: dt.datetime) -> bool:
        """Timer: a due-soon warning, or the verification date passed while still pending."""
        if self.status is not CommitmentStatus.PENDING:
            return False
        event = CommitmentEvent.VERIFICATION_OVERDUE if missed else CommitmentEvent.VERIFICATION_DUE_SOON
        self.overdue = self.overdue or missed
        self.history.append(
            CommitmentEntry(event, actor, at, {"verification_due": self.verification_due.isoformat()})
        )
        return True
