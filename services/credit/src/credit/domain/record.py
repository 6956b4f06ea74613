"""The credit record (§C.5): from candidate through due process to listing, publication and its end.

CANDIDATE → NOTICE_OF_PROPOSED_LISTING (statement, defence and hearing window) → LISTED or
NOT_LISTED → PUBLISHED → REPAIR_REQUESTED → REPAIRED_EARLY or REPAIR_DENIED, or EXPIRED at the
end of the period → ARCHIVED. REVOKED whenever the decision the record rests on is revoked.
Lists without a notice step (penalty publication: the party was told when the penalty was
served, Order 45 art. 8) go from CANDIDATE straight to LISTED.

Every statutory date arrives computed (the caller asks the period catalogue); the record checks
the order of things: nothing is listed before the notice window has passed and a requested
hearing was held, nothing is published before it is listed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Final

from credit.domain.day_rules import day_of, not_after, not_before
from credit.domain.errors import DueProcessIncomplete, RecordStepRefused
from credit.domain.history import HistoryEntry, RecordEvent, json_details
from credit.domain.policy import PenaltyClass
from credit.domain.vocabulary import BehaviourCode, DecisionRef, LegalProvision, ListType, Step


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


S = RecordState
TRANSITIONS: Final[Mapping[RecordState, frozenset[RecordState]]] = {
    S.CANDIDATE: frozenset({S.NOTICE_OF_PROPOSED_LISTING, S.LISTED, S.NOT_LISTED, S.REVOKED}),
    S.NOTICE_OF_PROPOSED_LISTING: frozenset({S.LISTED, S.NOT_LISTED, S.REVOKED}),
    S.NOT_LISTED: frozenset({S.ARCHIVED}),
    S.LISTED: frozenset({S.PUBLISHED, S.EXPIRED, S.REVOKED}),
    S.PUBLISHED: frozenset({S.REPAIR_REQUESTED, S.EXPIRED, S.REVOKED}),
    S.REPAIR_REQUESTED: frozenset({S.REPAIRED_EARLY, S.REPAIR_DENIED, S.EXPIRED, S.REVOKED}),
    S.REPAIR_DENIED: frozenset({S.REPAIR_REQUESTED, S.EXPIRED, S.REVOKED}),
    S.REPAIRED_EARLY: frozenset({S.ARCHIVED, S.REVOKED}),
    S.EXPIRED: frozenset({S.ARCHIVED, S.REVOKED}),
    S.REVOKED: frozenset({S.ARCHIVED}),
    S.ARCHIVED: frozenset(),
}
IN_FORCE: Final = frozenset({S.LISTED, S.PUBLISHED, S.REPAIR_REQUESTED, S.REPAIR_DENIED})
"""States in which the listing and its measures apply."""
PUBLICLY_SHOWN: Final = frozenset({S.PUBLISHED, S.REPAIR_REQUESTED, S.REPAIR_DENIED})
"""States in which the listing is on public display."""


@dataclass(frozen=True, slots=True)
class AppliedMeasure:
    code: str
    description: str
    description_zh: str
    ends_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Notice:
    served_on: dt.date
    window_ends_on: dt.date
    reasons: str


@dataclass(frozen=True, slots=True)
class ListingTerms:
    """What a listing decision fixes; the dates come from the period catalogue."""

    decided_on: dt.date
    publication_due: dt.date
    decision_no: str | None = None
    period_end: dt.date | None = None
    repair_eligible_from: dt.date | None = None
    measures: tuple[AppliedMeasure, ...] = ()


@dataclass(frozen=True, slots=True)
class Origin:
    """Where the input came from: an event type and its key, a staff entry, an import, a commitment."""

    source: str
    reference: str


@dataclass(slots=True, kw_only=True)
class CreditRecord:
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
    legal_basis: tuple[LegalProvision, ...] = ()
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
    overdue: set[str] = field(default_factory=set)
    history: list[HistoryEntry] = field(default_factory=list)

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
        legal_basis: tuple[LegalProvision, ...],
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
        record.history.append(
            HistoryEntry(
                RecordEvent.CANDIDATE_REGISTERED,
                step.actor,
                step.at,
                None,
                S.CANDIDATE,
                step.legal_basis or legal_basis,
                step.documents,
                step.note,
                {"source": origin.source, "reference": origin.reference},
            )
        )
        return record

    # ------------------------------------------------------------------ the guard

    def allowed_steps(self) -> frozenset[RecordState]:
        """The transition table narrowed by this record's procedure."""
        allowed = TRANSITIONS[self.state]
        if self.state is S.CANDIDATE:
            allowed -= {S.LISTED} if self.requires_notice else {S.NOTICE_OF_PROPOSED_LISTING}
        if not self.repair_available:
            allowed -= {S.REPAIR_REQUESTED}
        if self.withdrawal_due is not None and self.withdrawn_on is None:
            allowed -= {S.ARCHIVED}  # a revoked publication is taken down before the file closes
        return allowed

    def _move(self, to: RecordState, event: RecordEvent, step: Step, **details: Any) -> None:
        self.ensure_can_move_to(to)
        self._record(event, step, to, details)
        self.state = to

    def _note(self, event: RecordEvent, step: Step, **details: Any) -> None:
        self._record(event, step, self.state, details)

    def _record(self, event: RecordEvent, step: Step, to: RecordState, details: Mapping[str, Any]) -> None:
        self.history.append(
            HistoryEntry(
                event,
                step.actor,
                step.at,
                self.state,
                to,
                step.legal_basis,
                step.documents,
                step.note,
                json_details(details),
            )
        )

    def _require(self, *states: RecordState, action: str) -> None:
        if self.state not in states:
            raise RecordStepRefused(self.state, action, self.allowed_steps())

    # ------------------------------------------------------------------ due process

    def issue_notice(self, *, served_on: dt.date, window_ends_on: dt.date, reasons: str, step: Step) -> None:
        not_after(served_on, day_of(step.at), "served_on")
        self._move(
            S.NOTICE_OF_PROPOSED_LISTING,
            RecordEvent.NOTICE_ISSUED,
            step,
            served_on=served_on,
            window_ends_on=window_ends_on,
            reasons=reasons,
        )
        self.notice = Notice(served_on, window_ends_on, reasons)

    def file_statement(self, *, kind: str, submitted_on: dt.date, summary: str, step: Step) -> None:
        """The subject's statement or defence (陈述、申辩); a late one is kept and marked late."""
        notice = self._notice_for(RecordEvent.STATEMENT_FILED)
        not_after(submitted_on, day_of(step.at), "submitted_on")
        self._note(
            RecordEvent.STATEMENT_FILED,
            step,
            kind=kind,
            submitted_on=submitted_on,
            summary=summary,
            late=submitted_on > notice.window_ends_on,
        )

    def request_hearing(self, *, requested_on: dt.date, step: Step) -> None:
        notice = self._notice_for(RecordEvent.HEARING_REQUESTED)
        not_after(requested_on, day_of(step.at), "requested_on")
        if self.hearing_requested_on is not None:
            raise RecordStepRefused(self.state, RecordEvent.HEARING_REQUESTED, self.allowed_steps())
        self.hearing_requested_on = requested_on
        self._note(
            RecordEvent.HEARING_REQUESTED,
            step,
            requested_on=requested_on,
            late=requested_on > notice.window_ends_on,
        )

    def record_hearing(self, *, held_on: dt.date, summary: str, step: Step) -> None:
        self._notice_for(RecordEvent.HEARING_HELD)
        if self.hearing_requested_on is None or self.hearing_held_on is not None:
            raise RecordStepRefused(self.state, RecordEvent.HEARING_HELD, self.allowed_steps())
        not_after(held_on, day_of(step.at), "held_on")
        not_before(held_on, self.hearing_requested_on, "held_on", ("the hearing request", "听证申请"))
        self.hearing_held_on = held_on
        self._note(RecordEvent.HEARING_HELD, step, held_on=held_on, summary=summary)

    def close_notice_window(self, step: Step) -> bool:
        """The window ran out (timer); nothing changes state, the record is now ready for decision."""
        if self.state is not S.NOTICE_OF_PROPOSED_LISTING:
            return False
        pending = self.hearing_requested_on is not None and self.hearing_held_on is None
        self._note(RecordEvent.NOTICE_WINDOW_CLOSED, step, hearing_pending=pending)
        return True

    def _notice_for(self, action: str) -> Notice:
        self._require(S.NOTICE_OF_PROPOSED_LISTING, action=action)
        assert self.notice is not None  # set together with the state
        return self.notice

    # ------------------------------------------------------------------ decision and publication

    def decide_listing(self, terms: ListingTerms, *, reasons: str, step: Step) -> None:
        """List the subject; with a notice step only once the window passed and any hearing was held."""
        self.ensure_can_move_to(S.LISTED)
        not_after(terms.decided_on, day_of(step.at), "decided_on")
        not_before(
            terms.decided_on,
            self.underlying_decision.date,
            "decided_on",
            ("the underlying decision", "所依据的决定"),
        )
        if self.notice is not None:
            self._require_due_process(terms.decided_on)
        self._move(
            S.LISTED,
            RecordEvent.LISTING_DECIDED,
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

    def decline_listing(self, *, reasons: str, step: Step) -> None:
        """Not listed (e.g. the statement convinced, or the §C.1 carve-out for prompt correction)."""
        self._move(S.NOT_LISTED, RecordEvent.LISTING_DECLINED, step, reasons=reasons)
        self.overdue.clear()

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

    def publish(self, *, published_on: dt.date, channel: str, period_end: dt.date | None, step: Step) -> None:
        """On public display from ``published_on``; ``period_end`` when the period runs from publication."""
        self.ensure_can_move_to(S.PUBLISHED)
        assert self.terms is not None
        not_after(published_on, day_of(step.at), "published_on")
        not_before(published_on, self.terms.decided_on, "published_on", ("the listing decision", "列入决定"))
        if period_end is not None:
            self.terms = dataclasses.replace(self.terms, period_end=period_end)
        self._move(
            S.PUBLISHED,
            RecordEvent.PUBLISHED,
            step,
            published_on=published_on,
            channel=channel,
            period_end=self.terms.period_end,
            late=published_on > self.terms.publication_due,
        )
        self.published_on, self.publication_channel = published_on, channel
        self.overdue.discard("publication")

    # ------------------------------------------------------------------ repair, expiry, revocation

    def request_repair(self, *, applied_on: dt.date, grounds: str, step: Step) -> bool:
        """The subject applies for credit repair; True if earlier than the configured earliest date.

        The earliest dates are [P]/[U] figures, so an early application is recorded with a
        warning rather than refused.
        """
        self.ensure_can_move_to(S.REPAIR_REQUESTED)
        not_after(applied_on, day_of(step.at), "applied_on")
        eligible_from = self.terms.repair_eligible_from if self.terms else None
        premature = eligible_from is not None and applied_on < eligible_from
        self._move(
            S.REPAIR_REQUESTED,
            RecordEvent.REPAIR_REQUESTED,
            step,
            applied_on=applied_on,
            grounds=grounds,
            eligible_from=eligible_from,
            premature=premature,
        )
        self.repair_requested_on = applied_on
        return premature

    def grant_repair(
        self, *, decided_on: dt.date, decision_no: str | None, conditions: Mapping[str, bool], step: Step
    ) -> None:
        self.ensure_can_move_to(S.REPAIRED_EARLY)
        not_after(decided_on, day_of(step.at), "decided_on")
        assert self.repair_requested_on is not None
        not_before(
            decided_on, self.repair_requested_on, "decided_on", ("the repair application", "信用修复申请")
        )
        self._move(
            S.REPAIRED_EARLY,
            RecordEvent.REPAIR_GRANTED,
            step,
            decided_on=decided_on,
            decision_no=decision_no,
            conditions=dict(conditions),
        )
        self.repaired_on = decided_on
        self.overdue.clear()

    def deny_repair(self, *, reasons: str, step: Step) -> None:
        self._move(S.REPAIR_DENIED, RecordEvent.REPAIR_DENIED, step, reasons=reasons)

    def expire(self, *, on: dt.date, step: Step) -> bool:
        """The period ran out (timer); False if the record no longer stands (nothing to expire)."""
        if self.state not in IN_FORCE:
            return False
        self._move(S.EXPIRED, RecordEvent.EXPIRED, step, period_end=on)
        self.expired_on = on
        self.overdue.clear()
        return True

    @property
    def is_publicly_shown(self) -> bool:
        return self.state in PUBLICLY_SHOWN

    def revoke(
        self, *, revoked_on: dt.date, reason: str, withdrawal_due: dt.date | None, step: Step, **basis: Any
    ) -> None:
        """The underlying decision fell away; a shown publication must be withdrawn by ``withdrawal_due``."""
        shown = self.is_publicly_shown
        if shown and withdrawal_due is None:
            raise ValueError("a published record needs a withdrawal deadline when revoked")
        self._move(
            S.REVOKED,
            RecordEvent.REVOKED,
            step,
            revoked_on=revoked_on,
            reason=reason,
            was_published=shown,
            withdrawal_due=withdrawal_due if shown else None,
            **basis,
        )
        self.revoked_on, self.revocation_reason = revoked_on, reason
        self.withdrawal_due = withdrawal_due if shown else None
        self.overdue.clear()

    def record_withdrawal(self, *, withdrawn_on: dt.date, reference: str | None, step: Step) -> None:
        """The publication was taken down on the external channel (Order 45 art. 11)."""
        self._require(S.REVOKED, action=RecordEvent.PUBLICATION_WITHDRAWN)
        if self.withdrawal_due is None or self.withdrawn_on is not None:
            raise RecordStepRefused(self.state, RecordEvent.PUBLICATION_WITHDRAWN, self.allowed_steps())
        assert self.revoked_on is not None
        not_after(withdrawn_on, day_of(step.at), "withdrawn_on")
        not_before(withdrawn_on, self.revoked_on, "withdrawn_on", ("the revocation", "撤销日期"))
        self.withdrawn_on = withdrawn_on
        self.overdue.discard("withdrawal")
        self._note(
            RecordEvent.PUBLICATION_WITHDRAWN,
            step,
            withdrawn_on=withdrawn_on,
            reference=reference,
            late=withdrawn_on > self.withdrawal_due,
        )

    def archive(self, step: Step) -> None:
        self._move(S.ARCHIVED, RecordEvent.ARCHIVED, step)

    # ------------------------------------------------------------------ deadlines

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
        self.overdue.add(deadline)
        self._note(_MISSED[deadline], step, due_on=self._duty_due(deadline))
        return True

    def _duty_open(self, deadline: str) -> bool:
        if deadline == "publication":
            return self.state is S.LISTED
        if deadline == "withdrawal":
            return self.withdrawal_due is not None and self.withdrawn_on is None
        raise ValueError(f"unknown deadline {deadline!r}")

    def _duty_due(self, deadline: str) -> dt.date | None:
        if deadline == "publication":
            return self.terms.publication_due if self.terms else None
        return self.withdrawal_due

    def ensure_can_move_to(self, to: RecordState) -> None:
        allowed = self.allowed_steps()
        if to not in allowed:
            raise RecordStepRefused(self.state, to, allowed)


_WARNINGS = {"publication": RecordEvent.PUBLICATION_DUE_SOON, "withdrawal": RecordEvent.WITHDRAWAL_DUE_SOON}
_MISSED = {
    "publication": RecordEvent.PUBLICATION_DEADLINE_MISSED,
    "withdrawal": RecordEvent.WITHDRAWAL_DEADLINE_MISSED,
}
