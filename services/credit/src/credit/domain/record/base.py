"""The credit record's data, its guard and how it records its steps and deadlines.

The steps themselves are in :mod:`~credit.domain.record.due_process` (notice, the subject's side,
the decision) and :mod:`~credit.domain.record.aggregate` (publication, repair, expiry, revocation).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from credit.domain.deadlines import Clocks, TimerKind, TimerName
from credit.domain.errors import RecordStepRefused, present
from credit.domain.events import RecordEvent
from credit.domain.listing import ListingTerms
from credit.domain.policy import PenaltyClass
from credit.domain.record.table import PUBLICLY_SHOWN, TRANSITIONS, RecordMove, RecordState
from credit.domain.vocabulary import BehaviourCode, DecisionRef, ListType, Step
from shared.domain.deadlines import DeadlineKind, DeadlineStatus, TimerChange, TrackedDeadline
from shared.domain.events import DomainEvent
from shared.domain.jsonable import jsonable
from shared.domain.legal import Citation
from shared.domain.lifecycle import Lifecycle, TracksDeadlines, Transition

S = RecordState


@dataclass(frozen=True, slots=True)
class Notice:
    served_on: dt.date
    window_ends_on: dt.date
    reasons: str


@dataclass(frozen=True, slots=True)
class Proposal:
    """A decision proposed by a credit officer that waits for the office head's approval (§C.2).

    ``terms`` are the decision's own fields as JSON (dates, document number, reasons, conditions,
    basis and documents), applied as proposed once a second person approves them.
    """

    decision: str  # credit.domain.access.Decision
    proposed_by: str  # the proposing principal's subject
    proposed_at: dt.datetime
    terms: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return {
            "decision": self.decision,
            "proposed_by": self.proposed_by,
            "proposed_at": self.proposed_at.isoformat(),
            "terms": self.terms,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Proposal:
        return cls(
            str(data["decision"]),
            str(data["proposed_by"]),
            dt.datetime.fromisoformat(str(data["proposed_at"])),
            dict(data["terms"]),
        )


@dataclass(frozen=True, slots=True)
class Origin:
    """Where the input came from: an event type and its key, a staff entry, an import, a commitment."""

    source: str
    reference: str


@dataclass(slots=True, kw_only=True)
class RecordBase(Lifecycle[RecordState], TracksDeadlines):
    """What a credit record holds, and the guard every step passes."""

    TRANSITIONS = TRANSITIONS
    refusal = RecordStepRefused

    id: uuid.UUID
    subject_id: uuid.UUID
    office_code: str
    list_type: ListType
    behaviour: BehaviourCode
    underlying_decision: DecisionRef
    basis_doc_nos: tuple[str, ...]
    finding: str
    origin: Origin
    requires_notice: bool
    repair_available: bool
    legal_basis: tuple[Citation, ...] = ()
    penalty_class: PenaltyClass | None = None
    state: RecordState = RecordState.CANDIDATE
    record_no: str | None = None
    notice: Notice | None = None
    hearing_requested_on: dt.date | None = None
    hearing_held_on: dt.date | None = None
    terms: ListingTerms | None = None
    published_on: dt.date | None = None
    publication_channel: str | None = None
    repair_requested_on: dt.date | None = None
    repaired_on: dt.date | None = None
    expired_on: dt.date | None = None
    revoked_on: dt.date | None = None
    revocation_reason: str | None = None
    withdrawal_due: dt.date | None = None
    withdrawn_on: dt.date | None = None
    proposal: Proposal | None = None
    deadlines: dict[str, TrackedDeadline] = field(default_factory=dict)
    events: list[DomainEvent] = field(default_factory=list)
    timer_changes: list[TimerChange] = field(default_factory=list)

    @property
    def overdue(self) -> frozenset[str]:
        """The duties whose deadline passed with the duty still open (publication, withdrawal)."""
        return frozenset(key for key, d in self.deadlines.items() if d.status is DeadlineStatus.MISSED)

    # ------------------------------------------------------------------ the guard

    def allowed_steps(self, today: dt.date | None = None) -> frozenset[RecordState]:
        """The transition table narrowed by this record's procedure.

        With ``today`` (what a reader is offered), also by the guards that depend on the day: no
        LISTED while the statement/defence/hearing window is open or a requested hearing is not
        held (the decision would be refused with ``due_process_incomplete``).
        """
        allowed = frozenset(row.target for row in TRANSITIONS.allowed(self.state))
        if self.state is S.CANDIDATE:
            allowed -= {S.LISTED} if self.requires_notice else {S.NOTICE_OF_PROPOSED_LISTING}
        if not self.repair_available:
            allowed -= {S.REPAIR_REQUESTED}
        if self.withdrawal_due is not None and self.withdrawn_on is None:
            allowed -= {S.ARCHIVED}  # a revoked publication is taken down before the file closes
        if today is not None and S.LISTED in allowed and not self.due_process_complete(today):
            allowed -= {S.LISTED}
        return allowed

    def due_process_complete(self, on: dt.date) -> bool:
        """A listing decided ``on`` this day passes the due-process guard (``_require_due_process``)."""
        if self.notice is None:
            return True
        if on <= self.notice.window_ends_on:
            return False
        return self.hearing_requested_on is None or self.hearing_held_on is not None

    def require_state(self, name: str) -> Transition[RecordState]:
        """The one guard for every move: credit's refusals name the states allowed now."""
        row: Transition[RecordState] = TRANSITIONS[name]
        allowed = self.allowed_steps()
        if self.state not in row.sources or row.target not in allowed:
            raise RecordStepRefused(self.state, row.target, allowed)
        return row

    def _move(self, name: RecordMove, step: Step, **details: Any) -> None:
        self.proposal = None  # a move ends any decision still waiting for approval
        self.move(
            name,
            by=step.actor,
            at=step.at,
            details=step.recorded(details),
            documents=step.documents_json(),
            basis=step.legal_basis,
        )

    def _note(self, event: RecordEvent, step: Step, **details: Any) -> None:
        self._record(event, step, self.state, details, step.legal_basis)

    def _record(
        self,
        event: RecordEvent,
        step: Step,
        since: RecordState | None,
        details: dict[str, Any],
        basis: tuple[Citation, ...],
    ) -> None:
        """A fact that changes no state: the record's history has always shown the state it was
        noted in (``from_state == to_state``), or only the first state for the registration."""
        self.events.append(
            DomainEvent(
                name=event,
                at=step.at,
                actor=step.actor,
                from_state=since.value if since else None,
                to_state=self.state.value,
                basis=basis,
                details=jsonable(step.recorded(details)),
                documents=tuple(step.documents_json()),
            )
        )

    def _require(self, *states: RecordState, action: str) -> None:
        if self.state not in states:
            raise RecordStepRefused(self.state, action, self.allowed_steps())

    def _start(
        self,
        key: TimerName,
        period: str,
        start: dt.date,
        kind: DeadlineKind,
        warn: int | None,
        clocks: Clocks,
    ) -> dt.date:
        tracked = self.start_deadline(
            key,
            period=period,
            start=start,
            kind=kind,
            province=clocks.province,
            warn_working_days=warn,
            timer_kind=_TIMER_KINDS[key],
        )
        return present(tracked.due, "a day period's due day")

    def _start_expiry(self, period: str | None, start: dt.date, clocks: Clocks) -> dt.date | None:
        if period is None:
            return None
        return self._start(TimerName.EXPIRY, period, start, DeadlineKind.TIME_LIMIT, None, clocks)

    @property
    def is_publicly_shown(self) -> bool:
        return self.state in PUBLICLY_SHOWN


_TIMER_KINDS = {
    TimerName.NOTICE_WINDOW: TimerKind.NOTICE_WINDOW,
    TimerName.PUBLICATION: TimerKind.PUBLICATION_DUE,
    TimerName.EXPIRY: TimerKind.LISTING_EXPIRY,
    TimerName.WITHDRAWAL: TimerKind.WITHDRAWAL_DUE,
}
