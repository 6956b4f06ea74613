"""Credit commitments (信用承诺, §C.4): a promise made in place of proofs, verified later.

PENDING → FULFILLED or BREACHED. A breached commitment is itself dishonest behaviour (§C.1
item 5), so the handler that records a breach also registers a candidate credit record. The
verification date is set by the authority, not by statute: the commitment tracks it as a duty
falling due on that very day.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

from credit.domain.day_rules import day_of, not_after, not_before
from credit.domain.deadlines import Clocks, TimerKind, TimerName
from credit.domain.errors import CommitmentStepRefused, invalid
from credit.domain.events import CommitmentEvent
from credit.domain.vocabulary import DocumentRef
from shared.calendar import compute, parse_period
from shared.domain.actors import Actor
from shared.domain.deadlines import ArmTimer, DeadlineKind, DeadlineStatus, TimerChange, TrackedDeadline
from shared.domain.events import DomainEvent
from shared.domain.lifecycle import Lifecycle, TracksDeadlines, Transition, TransitionTable, transition

ON_THE_DAY = "+0cd"  # the verification date is set by the authority, not by statute
SET_BY_THE_AUTHORITY = "verification date set by the authority (§C.4)"


class CommitmentStatus(StrEnum):
    PENDING = "pending"
    FULFILLED = "fulfilled"
    BREACHED = "breached"


class CommitmentMove(StrEnum):
    FULFIL = "fulfil"
    BREACH = "breach"


COMMITMENT_TRANSITIONS: Final = TransitionTable(
    CommitmentStatus,
    [
        transition(
            CommitmentMove.FULFIL,
            [CommitmentStatus.PENDING],
            CommitmentStatus.FULFILLED,
            event=CommitmentEvent.FULFILLED,
        ),
        transition(
            CommitmentMove.BREACH,
            [CommitmentStatus.PENDING],
            CommitmentStatus.BREACHED,
            event=CommitmentEvent.BREACHED,
        ),
    ],
)


@dataclass(slots=True, kw_only=True)
class Commitment(Lifecycle[CommitmentStatus], TracksDeadlines):
    TRANSITIONS = COMMITMENT_TRANSITIONS
    refusal = CommitmentStepRefused

    id: uuid.UUID
    subject_id: uuid.UUID
    office_code: str  # the office that took the commitment (office scope)
    scope: str
    text: str
    made_on: dt.date
    verification_due: dt.date
    state: CommitmentStatus = CommitmentStatus.PENDING
    verified_on: dt.date | None = None
    findings: str | None = None
    breach_record_id: uuid.UUID | None = None
    deadlines: dict[str, TrackedDeadline] = field(default_factory=dict)
    events: list[DomainEvent] = field(default_factory=list)
    timer_changes: list[TimerChange] = field(default_factory=list)

    @classmethod
    def make(
        cls,
        *,
        subject_id: uuid.UUID,
        office_code: str,
        scope: str,
        text: str,
        made_on: dt.date,
        verification_due: dt.date,
        actor: Actor,
        at: dt.datetime,
        clocks: Clocks,
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
            office_code=office_code,
            scope=scope,
            text=text,
            made_on=made_on,
            verification_due=verification_due,
        )
        commitment.record(
            CommitmentEvent.MADE,
            by=actor,
            at=at,
            details={"made_on": made_on, "verification_due": verification_due},
            documents=[d.as_dict() for d in documents],
        )
        commitment._track_verification(clocks)
        return commitment

    @property
    def status(self) -> CommitmentStatus:
        return self.state

    @property
    def overdue(self) -> bool:
        tracked = self.deadlines.get(TimerName.VERIFICATION)
        return tracked is not None and tracked.status is DeadlineStatus.MISSED

    def require_state(self, name: str) -> Transition[CommitmentStatus]:
        """The guard; credit's refusals name the statuses allowed now (none, once verified)."""
        row: Transition[CommitmentStatus] = COMMITMENT_TRANSITIONS[name]
        if self.state not in row.sources:
            allowed = {t.target for t in COMMITMENT_TRANSITIONS.allowed(self.state)}
            raise CommitmentStepRefused(self.state, row.target, allowed)
        return row

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
        self.move(
            CommitmentMove.FULFIL if fulfilled else CommitmentMove.BREACH,
            by=actor,
            at=at,
            details={"verified_on": verified_on, "findings": findings},
            documents=[d.as_dict() for d in documents],
        )
        self.verified_on, self.findings = verified_on, findings
        self.meet_deadline(TimerName.VERIFICATION, verified_on)

    def note_verification_due(self, *, missed: bool, actor: Actor, at: dt.datetime) -> bool:
        """Timer: a due-soon warning, or the verification date passed while still pending."""
        if self.state is not CommitmentStatus.PENDING:
            return False
        tracked = self.deadlines.get(TimerName.VERIFICATION)
        if missed and tracked is not None:
            tracked.status = DeadlineStatus.MISSED
        event = CommitmentEvent.VERIFICATION_OVERDUE if missed else CommitmentEvent.VERIFICATION_DUE_SOON
        self.record(event, by=actor, at=at, details={"verification_due": self.verification_due})
        return True

    def _track_verification(self, clocks: Clocks) -> None:
        """A duty due on the verification day itself, watched like a statutory one (warning first)."""
        key, warn = TimerName.VERIFICATION, clocks.warn_working_days
        deadline = compute(self.verification_due, parse_period(ON_THE_DAY))
        self.deadlines[key] = TrackedDeadline(
            key=key,
            period=ON_THE_DAY,
            kind=DeadlineKind.OFFICE_DUTY,
            start=self.verification_due,
            due=deadline.due,
            basis=SET_BY_THE_AUTHORITY,
            explanation=deadline.render(),
            provisional=deadline.provisional,
        )
        # The rule is kept with the timer like any period's, so `ipcase timers recompute` can redo it.
        rule = {
            "period": ON_THE_DAY,
            "start": self.verification_due.isoformat(),
            "province": clocks.province,
            "warn_working_days": warn,
        }
        self.timer_changes.append(
            ArmTimer(key, deadline, warn, rule, {"deadline": key}, TimerKind.COMMITMENT_VERIFICATION)
        )
