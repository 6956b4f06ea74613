"""The credit record (§C.5): from candidate through due process to listing, publication and its end.

The record tracks its statutory deadlines (the notice window, publication, the listing period,
the withdrawal of a revoked publication) from the period catalogue and checks the order of things:
nothing is listed before the notice window has passed and a requested hearing was held, nothing
is published before it is listed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from typing import Any

from credit.domain.day_rules import day_of, not_after, not_before
from credit.domain.deadlines import WITHDRAWAL_PERIOD, Clocks, TimerName
from credit.domain.errors import ApprovalPending, RecordStepRefused, present
from credit.domain.events import RecordEvent
from credit.domain.policy import PenaltyClass
from credit.domain.record.base import Origin, Proposal
from credit.domain.record.due_process import DueProcess
from credit.domain.record.table import IN_FORCE, RecordMove, RecordState
from credit.domain.vocabulary import BehaviourCode, DecisionRef, ListType, Step
from shared.domain.deadlines import DeadlineKind, DeadlineStatus
from shared.domain.legal import Citation

S, M, E = RecordState, RecordMove, RecordEvent


class CreditRecord(DueProcess):
    """A record of a subject on one list, for one behaviour and decision."""

    @classmethod
    def register_candidate(
        cls,
        *,
        subject_id: uuid.UUID,
        office_code: str,
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
            office_code=office_code,
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

    # ------------------------------------------------------------------ decisions needing approval

    def propose(
        self, decision: str, move: RecordMove, terms: dict[str, Any], *, proposed_by: str, step: Step
    ) -> None:
        """A decision that needs the office head's approval waits on the record (§C.2); one at a time."""
        self.require_state(move)
        if self.proposal is not None:
            waiting = self.proposal
            raise ApprovalPending(
                f"A {waiting.decision} decision proposed by {waiting.proposed_by} awaits approval",
                f"已有待审批的决定（{waiting.proposed_by} 提出），请先审批",
            )
        self.proposal = Proposal(decision, proposed_by, step.at, terms)
        self._note(E.DECISION_PROPOSED, step, decision=decision, proposed_by=proposed_by, terms=terms)

    def pending_proposal(self) -> Proposal:
        if self.proposal is None:
            raise ApprovalPending("No decision on this record awaits approval", "该信用记录没有待审批的决定")
        return self.proposal

    def answer_proposal(self, *, approved: bool, reasons: str, step: Step) -> Proposal:
        """The head's answer: approved (the caller then applies the decision), or refused."""
        proposal = self.pending_proposal()
        event = E.DECISION_APPROVED if approved else E.DECISION_REFUSED
        self._note(event, step, decision=proposal.decision, proposed_by=proposal.proposed_by, reasons=reasons)
        self.proposal = None
        return proposal

    def publish(
        self, *, published_on: dt.date, channel: str, listing_period: str | None, clocks: Clocks, step: Step
    ) -> None:
        """On public display from ``published_on``; ``listing_period`` if the listing runs from then."""
        self.require_state(M.PUBLISH)
        terms = present(self.terms, "a listed record's terms")
        not_after(published_on, day_of(step.at), "published_on")
        not_before(published_on, terms.decided_on, "published_on", ("the listing decision", "列入决定"))
        if listing_period is not None:
            period_end = self._start_expiry(listing_period, published_on, clocks)
            terms = dataclasses.replace(terms, period_end=period_end)
            self.terms = terms
        self._move(
            M.PUBLISH,
            step,
            published_on=published_on,
            channel=channel,
            period_end=terms.period_end,
            late=published_on > terms.publication_due,
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
        requested_on = present(self.repair_requested_on, "the repair application date")
        not_before(decided_on, requested_on, "decided_on", ("the repair application", "信用修复申请"))
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
        revoked_on = present(self.revoked_on, "the revocation date")
        not_after(withdrawn_on, day_of(step.at), "withdrawn_on")
        not_before(withdrawn_on, revoked_on, "withdrawn_on", ("the revocation", "撤销日期"))
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


_WARNINGS: dict[str, RecordEvent] = {
    TimerName.PUBLICATION: E.PUBLICATION_DUE_SOON,
    TimerName.WITHDRAWAL: E.WITHDRAWAL_DUE_SOON,
}
_MISSED: dict[str, RecordEvent] = {
    TimerName.PUBLICATION: E.PUBLICATION_DEADLINE_MISSED,
    TimerName.WITHDRAWAL: E.WITHDRAWAL_DEADLINE_MISSED,
}
