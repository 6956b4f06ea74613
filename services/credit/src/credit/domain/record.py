"""The credit record (§C.5): from candidate through due process to listing, publication and its end.

CANDIDATE → NOTICE_OF_PROPOSED_LISTING (statement, defence and hearing window) → LISTED or
NOT_LISTED → PUBLISHED → REPAIR_REQUESTED → REPAIRED_EARLY or REPAIR_DENIED, or EXPIRED at the
end of the period → ARCHIVED. REVOKED whenever the decision the record rests on is revoked.
Lists without a notice step (penalty publication: the party was told when the penalty was
served, Order 45 art. 8) go from CANDIDATE straight to LISTED.

The record tracks its statutory deadlines (the notice window, publication, the listing period,
the withdrawal of a revoked publication) from the period catalogue and checks the order of things:
nothing is listed before the notice window has passed and a requested hearing was held, nothing
is published before it is listed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Final

from credit.domain.day_rules import day_of, not_after, not_before
from credit.domain.deadlines import WITHDRAWAL_PERIOD, Clocks, TimerKind, TimerName
from credit.domain.errors import DueProcessIncomplete, RecordStepRefused
from credit.domain.events import RecordEvent
from credit.domain.listing import ListingPlan, ListingTerms
from credit.domain.policy import PenaltyClass
from credit.domain.vocabulary import BehaviourCode, DecisionRef, ListType, Step
from shared.domain.deadlines import DeadlineKind, DeadlineStatus, TimerChange, TrackedDeadline
from shared.domain.events import DomainEvent
from shared.domain.jsonable import jsonable
from shared.domain.legal import Citation
from shared.domain.lifecycle import Lifecycle, TracksDeadlines, Transition, TransitionTable, transition


class RecordState(StrEnum):
    CANDIDATE = "CANDIDATE"
    NOTICE_OF_PROPOSED_LISTING = "NOTICE_OF_PROPOSED_LISTING"
    NOT_LISTED = "NOT_LISTED"
    LISTED = "LISTED"
    PUBLISHED = "PUBLISHED"
    REPAIR_REQUESTED = "REPAIR_REQUESTED"
    REPAIRED_EARLY = "REPAIRED_EARLY"
    REPAIR_DENIED = "REPAIR_DENIED"
    EXPIRED = "EXPIRED"
    REVOKED = "REVOKED"
    ARCHIVED = "ARCHIVED"


class RecordMove(StrEnum):
    """The transitions of the table, by name (one per target state)."""

    NOTIFY = "notify"
    LIST = "list"
    DECLINE = "decline"
    PUBLISH = "publish"
    REQUEST_REPAIR = "request_repair"
    GRANT_REPAIR = "grant_repair"
    DENY_REPAIR = "deny_repair"
    EXPIRE = "expire"
    REVOKE = "revoke"
    ARCHIVE = "archive"


S, M, E = RecordState, RecordMove, RecordEvent
IN_FORCE: Final = frozenset({S.LISTED, S.PUBLISHED, S.REPAIR_REQUESTED, S.REPAIR_DENIED})
"""States in which the listing and its measures apply."""
PUBLICLY_SHOWN: Final = frozenset({S.PUBLISHED, S.REPAIR_REQUESTED, S.REPAIR_DENIED})
"""States in which the listing is on public display."""
BEFORE_DECISION: Final = frozenset({S.CANDIDATE, S.NOTICE_OF_PROPOSED_LISTING})

TRANSITIONS: Final = TransitionTable(
    RecordState,
    [
        transition(
            M.NOTIFY,
            [S.CANDIDATE],
            S.NOTICE_OF_PROPOSED_LISTING,
            event=E.NOTICE_ISSUED,
            guard="only on a list with a notice step",
        ),
        transition(
            M.LIST,
            BEFORE_DECISION,
            S.LISTED,
            event=E.LISTING_DECIDED,
            guard="from CANDIDATE only without a notice step; after the window and any requested hearing",
        ),
        transition(M.DECLINE, BEFORE_DECISION, S.NOT_LISTED, event=E.LISTING_DECLINED),
        transition(M.PUBLISH, [S.LISTED], S.PUBLISHED, event=E.PUBLISHED),
        transition(
            M.REQUEST_REPAIR,
            [S.PUBLISHED, S.REPAIR_DENIED],
            S.REPAIR_REQUESTED,
            event=E.REPAIR_REQUESTED,
            guard="only where early repair is available (Order 45 art. 14)",
        ),
        transition(M.GRANT_REPAIR, [S.REPAIR_REQUESTED], S.REPAIRED_EARLY, event=E.REPAIR_GRANTED),
        transition(M.DENY_REPAIR, [S.REPAIR_REQUESTED], S.REPAIR_DENIED, event=E.REPAIR_DENIED),
        transition(M.EXPIRE, IN_FORCE, S.EXPIRED, event=E.EXPIRED),
        transition(
            M.REVOKE, BEFORE_DECISION | IN_FORCE | {S.REPAIRED_EARLY, S.EXPIRED}, S.REVOKED, event=E.REVOKED
        ),
        transition(
            M.ARCHIVE,
            [S.NOT_LISTED, S.REPAIRED_EARLY, S.EXPIRED, S.REVOKED],
            S.ARCHIVED,
            event=E.ARCHIVED,
            guard="a revoked publication is withdrawn first",
        ),
    ],
)


@dataclass(frozen=True, slots=True)
class Notice:
    served_on: dt.date
    window_ends_on: dt.date
    reasons: str


@dataclass(frozen=True, slots=True)
class Origin:
    """Where the input came from: an event type and its key, a staff entry, an import, a commitment."""

    source: str
    reference: str


@dataclass(slots=True, kw_only=True)
class CreditRecord(Lifecycle[RecordState], TracksDeadlines):
    TRANSITIONS = TRANSITIONS
    refusal = RecordStepRefused

    id: uuid.UUID
    subject_id: uuid.UUID
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
    deadlines: dict[str, TrackedDeadline] = field(default_factory=dict)
    events: list[DomainEvent] = field(default_factory=list)
    timer_changes: list[TimerChange] = field(default_factory=list)

    @classmethod
    def register_candidate(
        cls,
        *,
        subject_id: uuid.UUID,
        list_type: ListType,
        behaviour: BehaviourCode,
        underlying_decision: DecisionRef,
        basis_doc_nos: tuple[str, ...],
        finding: str,
        origin: Origin,
        requires_notice: bool,
        repair_available: bool,
        legal_basis: tuple[Citation, ...],
        penalty_class: PenaltyClass | None,
        step: Step,
    ) -> CreditRecord:
        record = cls(
            id=uuid.uuid4(),
            subject_id=subject_id,
            list_type=list_type,
            behaviour=behaviour,
            underlying_decision=underlying_decision,
            basis_doc_nos=basis_doc_nos,
            finding=finding,
            origin=origin,
            requires_notice=requires_notice,
            repair_available=repair_available,
            legal_basis=legal_basis,
            penalty_class=penalty_class,
        )
        opened = {"source": origin.source, "reference": origin.reference}
        record._record(E.CANDIDATE_REGISTERED, step, None, opened, step.legal_basis or legal_basis)
        return record

    @property
    def overdue(self) -> frozenset[str]:
        """The duties whose deadline passed with the duty still open (publication, withdrawal)."""
        return frozenset(key for key, d in self.deadlines.items() if d.status is DeadlineStatus.MISSED)

    # ------------------------------------------------------------------ the guard

    def allowed_steps(self) -> frozenset[RecordState]:
        """The transition table narrowed by this record's procedure."""
        allowed = frozenset(row.target for row in TRANSITIONS.allowed(self.state))
        if self.state is S.CANDIDATE:
            allowed -= {S.LISTED} if self.requires_notice else {S.NOTICE_OF_PROPOSED_LISTING}
        if not self.repair_available:
            allowed -= {S.REPAIR_REQUESTED}
        if self.withdrawal_due is not None and self.withdrawn_on is None:
            allowed -= {S.ARCHIVED}  # a revoked publication is taken down before the file closes
        return allowed

    def require_state(self, name: str) -> Transition[RecordState]:
        """The one guard for every move: credit's refusals name the states allowed now."""
        row: Transition[RecordState] = TRANSITIONS[name]
        allowed = self.allowed_steps()
        if row.target not in allowed:
            raise RecordStepRefused(self.state, row.target, allowed)
        return row

    def _move(self, name: RecordMove, step: Step, **details: Any) -> None:
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
        assert tracked.due is not None  # day periods always have a due day
        return tracked.due

    # ------------------------------------------------------------------ due process

    def issue_notice(
        self, *, served_on: dt.date, reasons: str, period: str, clocks: Clocks, step: Step
    ) -> None:
        """Serve the notice; the statement, defence and hearing window (``period``) runs from receipt."""
        self.require_state(M.NOTIFY)
        not_after(served_on, day_of(step.at), "served_on")
        window_ends_on = self._start(
            TimerName.NOTICE_WINDOW, period, served_on, DeadlineKind.PARTY_PERIOD, None, clocks
        )
        self._move(M.NOTIFY, step, served_on=served_on, window_ends_on=window_ends_on, reasons=reasons)
        self.notice = Notice(served_on, window_ends_on, reasons)

    def file_statement(self, *, kind: str, submitted_on: dt.date, summary: str, step: Step) -> None:
        """The subject's statement or defence (陈述、申辩); a late one is kept and marked late."""
        notice = self._notice_for(E.STATEMENT_FILED)
        not_after(submitted_on, day_of(step.at), "submitted_on")
        self._note(
            E.STATEMENT_FILED,
            step,
            kind=kind,
            submitted_on=submitted_on,
            summary=summary,
            late=submitted_on > notice.window_ends_on,
        )

    def request_hearing(self, *, requested_on: dt.date, step: Step) -> None:
        notice = self._notice_for(E.HEARING_REQUESTED)
        not_after(requested_on, day_of(step.at), "requested_on")
        if self.hearing_requested_on is not None:
            raise RecordStepRefused(self.state, E.HEARING_REQUESTED, self.allowed_steps())
        self.hearing_requested_on = requested_on
        self._note(
            E.HEARING_REQUESTED, step, requested_on=requested_on, late=requested_on > notice.window_ends_on
        )

    def record_hearing(self, *, held_on: dt.date, summary: str, step: Step) -> None:
        self._notice_for(E.HEARING_HELD)
        if self.hearing_requested_on is None or self.hearing_held_on is not None:
            raise RecordStepRefused(self.state, E.HEARING_HELD, self.allowed_steps())
        not_after(held_on, day_of(step.at), "held_on")
        not_before(held_on, self.hearing_requested_on, "held_on", ("the hearing request", "听证申请"))
        self.hearing_held_on = held_on
        self._note(E.HEARING_HELD, step, held_on=held_on, summary=summary)

    def close_notice_window(self, step: Step) -> bool:
        """The window ran out (timer); nothing changes state, the record is now ready for decision."""
        if self.state is not S.NOTICE_OF_PROPOSED_LISTING:
            return False
        pending = self.hearing_requested_on is not None and self.hearing_held_on is None
        self.end_deadline(TimerName.NOTICE_WINDOW, DeadlineStatus.LAPSED)
        self._note(E.NOTICE_WINDOW_CLOSED, step, hearing_pending=pending)
        return True

    def _notice_for(self, action: str) -> Notice:
        self._require(S.NOTICE_OF_PROPOSED_LISTING, action=action)
        assert self.notice is not None  # set together with the state
        return self.notice

    # ------------------------------------------------------------------ decision and publication

    def decide_listing(self, plan: ListingPlan, *, reasons: str, clocks: Clocks, step: Step) -> None:
        """List the subject; with a notice step only once the window passed and any hearing was held.

        The publication deadline (a duty, warned) and, where the listing runs from the decision, its
        expiry start now; the window, if its timer has not fired yet, stops.
        """
        self.require_state(M.LIST)
        decided_on = plan.decided_on
        not_after(decided_on, day_of(step.at), "decided_on")
        not_before(
            decided_on,
            self.underlying_decision.date,
            "decided_on",
            ("the underlying decision", "所依据的决定"),
        )
        if self.notice is not None:
            self._require_due_process(decided_on)
        self.end_deadline(TimerName.NOTICE_WINDOW, DeadlineStatus.LAPSED)
        terms = ListingTerms(
            decided_on=decided_on,
            decision_no=plan.decision_no,
            publication_due=self._start(
                TimerName.PUBLICATION,
                plan.publication_period,
                decided_on,
                DeadlineKind.OFFICE_DUTY,
                clocks.warn_working_days,
                clocks,
            ),
            period_end=self._start_expiry(plan.listing_period, decided_on, clocks),
            repair_eligible_from=plan.repair_eligible_from,
            measures=plan.measures,
        )
        self._move(
            M.LIST,
            step,
            reasons=reasons,
            decided_on=terms.decided_on,
            decision_no=terms.decision_no,
            period_end=terms.period_end,
            publication_due=terms.publication_due,
            repair_eligible_from=terms.repair_eligible_from,
            measures=[m.code for m in terms.measures],
        )
        self.terms = terms

    def _start_expiry(self, period: str | None, start: dt.date, clocks: Clocks) -> dt.date | None:
        if period is None:
            return None
        return self._start(TimerName.EXPIRY, period, start, DeadlineKind.TIME_LIMIT, None, clocks)

    def decline_listing(self, *, reasons: str, step: Step) -> None:
        """Not listed (e.g. the statement convinced, or the §C.1 carve-out for prompt correction)."""
        self._move(M.DECLINE, step, reasons=reasons)
        self.cancel_open_deadlines()

    def _require_due_process(self, decided_on: dt.date) -> None:
        assert self.notice is not None
        if decided_on <= self.notice.window_ends_on:
            end = self.notice.window_ends_on.isoformat()
            raise DueProcessIncomplete(
                f"The statement and hearing window runs until {end}; decide after it",
                f"陈述申辩及听证申请期限至 {end} 届满，届满后方可作出列入决定",
            )
        if self.hearing_requested_on is not None and self.hearing_held_on is None:
            raise DueProcessIncomplete(
                "The subject requested a hearing that has not been held", "当事人已申请听证，尚未举行听证"
            )

    def publish(
        self, *, published_on: dt.date, channel: str, listing_period: str | None, clocks: Clocks, step: Step
    ) -> None:
        """On public display from ``published_on``; ``listing_period`` if the listing runs from then."""
        self.require_state(M.PUBLISH)
        assert self.terms is not None
        not_after(published_on, day_of(step.at), "published_on")
        not_before(published_on, self.terms.decided_on, "published_on", ("the listing decision", "列入决定"))
        if listing_period is not None:
            period_end = self._start_expiry(listing_period, published_on, clocks)
            self.terms = dataclasses.replace(self.terms, period_end=period_end)
        self._move(
            M.PUBLISH,
            step,
            published_on=published_on,
            channel=channel,
            period_end=self.terms.period_end,
            late=published_on > self.terms.publication_due,
        )
        self.published_on, self.publication_channel = published_on, channel
        self.meet_deadline(TimerName.PUBLICATION, published_on)

    # ------------------------------------------------------------------ repair, expiry, revocation

    def request_repair(self, *, applied_on: dt.date, grounds: str, step: Step) -> bool:
        """The subject applies for credit repair; True if earlier than the configured earliest date.

        The earliest dates are [P]/[U] figures, so an early application is recorded with a
        warning rather than refused.
        """
        self.require_state(M.REQUEST_REPAIR)
        not_after(applied_on, day_of(step.at), "applied_on")
        eligible_from = self.terms.repair_eligible_from if self.terms else None
        premature = eligible_from is not None and applied_on < eligible_from
        self._move(
            M.REQUEST_REPAIR,
            step,
            applied_on=applied_on,
            grounds=grounds,
            eligible_from=eligible_from,
            premature=premature,
        )
        self.repair_requested_on = applied_on
        return premature

    def grant_repair(
        self, *, decided_on: dt.date, decision_no: str | None, conditions: dict[str, bool], step: Step
    ) -> None:
        """Repaired early: the listing ends and every clock stops."""
        self.require_state(M.GRANT_REPAIR)
        not_after(decided_on, day_of(step.at), "decided_on")
        assert self.repair_requested_on is not None
        not_before(
            decided_on, self.repair_requested_on, "decided_on", ("the repair application", "信用修复申请")
        )
        self._move(
            M.GRANT_REPAIR, step, decided_on=decided_on, decision_no=decision_no, conditions=dict(conditions)
        )
        self.repaired_on = decided_on
        self.cancel_open_deadlines()

    def deny_repair(self, *, reasons: str, step: Step) -> None:
        self._move(M.DENY_REPAIR, step, reasons=reasons)

    def expire(self, *, on: dt.date, step: Step) -> bool:
        """The period ran out (timer); False if the record no longer stands (nothing to expire)."""
        if self.state not in IN_FORCE:
            return False
        self._move(M.EXPIRE, step, period_end=on)
        self.expired_on = on
        self.cancel_open_deadlines()
        return True

    @property
    def is_publicly_shown(self) -> bool:
        return self.state in PUBLICLY_SHOWN

    def revoke(self, *, revoked_on: dt.date, reason: str, clocks: Clocks, step: Step, **basis: Any) -> None:
        """The underlying decision fell away: every clock stops, and a publication on display must be
        withdrawn within ``credit.revocation_withdrawal`` (Order 45 art. 11)."""
        self.require_state(M.REVOKE)
        shown = self.is_publicly_shown
        self.cancel_open_deadlines()
        withdrawal_due = (
            self._start(
                TimerName.WITHDRAWAL,
                WITHDRAWAL_PERIOD,
                revoked_on,
                DeadlineKind.OFFICE_DUTY,
                clocks.withdrawal_warning,
                clocks,
            )
            if shown
            else None
        )
        self._move(
            M.REVOKE,
            step,
            revoked_on=revoked_on,
            reason=reason,
            was_published=shown,
            withdrawal_due=withdrawal_due,
            **basis,
        )
        self.revoked_on, self.revocation_reason = revoked_on, reason
        self.withdrawal_due = withdrawal_due

    def record_withdrawal(self, *, withdrawn_on: dt.date, reference: str | None, step: Step) -> None:
        """The publication was taken down on the external channel (Order 45 art. 11)."""
        self._require(S.REVOKED, action=E.PUBLICATION_WITHDRAWN)
        if self.withdrawal_due is None or self.withdrawn_on is not None:
            raise RecordStepRefused(self.state, E.PUBLICATION_WITHDRAWN, self.allowed_steps())
        assert self.revoked_on is not None
        not_after(withdrawn_on, day_of(step.at), "withdrawn_on")
        not_before(withdrawn_on, self.revoked_on, "withdrawn_on", ("the revocation", "撤销日期"))
        self.withdrawn_on = withdrawn_on
        self.meet_deadline(TimerName.WITHDRAWAL, withdrawn_on)
        self._note(
            E.PUBLICATION_WITHDRAWN,
            step,
            withdrawn_on=withdrawn_on,
            reference=reference,
            late=withdrawn_on > self.withdrawal_due,
        )

    def archive(self, step: Step) -> None:
        self._move(M.ARCHIVE, step)

    # ------------------------------------------------------------------ deadlines reached

    def note_due_soon(self, deadline: str, step: Step) -> bool:
        """A due-soon warning for a duty still open; False if the duty was met meanwhile."""
        if not self._duty_open(deadline):
            return False
        self._note(_WARNINGS[deadline], step, due_on=self._duty_due(deadline))
        return True

    def note_missed(self, deadline: str, step: Step) -> bool:
        """The deadline passed with the duty still open: the record is flagged overdue."""
        if not self._duty_open(deadline):
            return False
        if (tracked := self.deadlines.get(deadline)) is not None:
            tracked.status = DeadlineStatus.MISSED
        self._note(_MISSED[deadline], step, due_on=self._duty_due(deadline))
        return True

    def _duty_open(self, deadline: str) -> bool:
        if deadline == TimerName.PUBLICATION:
            return self.state is S.LISTED
        if deadline == TimerName.WITHDRAWAL:
            return self.withdrawal_due is not None and self.withdrawn_on is None
        raise ValueError(f"unknown deadline {deadline!r}")

    def _duty_due(self, deadline: str) -> dt.date | None:
        if deadline == TimerName.PUBLICATION:
            return self.terms.publication_due if self.terms else None
        return self.withdrawal_due


_TIMER_KINDS = {
    TimerName.NOTICE_WINDOW: TimerKind.NOTICE_WINDOW,
    TimerName.PUBLICATION: TimerKind.PUBLICATION_DUE,
    TimerName.EXPIRY: TimerKind.LISTING_EXPIRY,
    TimerName.WITHDRAWAL: TimerKind.WITHDRAWAL_DUE,
}
_WARNINGS: dict[str, RecordEvent] = {
    TimerName.PUBLICATION: E.PUBLICATION_DUE_SOON,
    TimerName.WITHDRAWAL: E.WITHDRAWAL_DUE_SOON,
}
_MISSED: dict[str, RecordEvent] = {
    TimerName.PUBLICATION: E.PUBLICATION_DEADLINE_MISSED,
    TimerName.WITHDRAWAL: E.WITHDRAWAL_DEADLINE_MISSED,
}
