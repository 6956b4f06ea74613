"""Due process on a credit record: the notice, the subject's statement, defence and hearing, and the
decision, which waits for the window and any requested hearing."""

from __future__ import annotations

import datetime as dt

from credit.domain.day_rules import day_of, not_after, not_before
from credit.domain.deadlines import Clocks, TimerName
from credit.domain.errors import DueProcessIncomplete, RecordStepRefused, present
from credit.domain.events import RecordEvent
from credit.domain.listing import ListingPlan, ListingTerms
from credit.domain.record.base import Notice, RecordBase
from credit.domain.record.table import RecordMove, RecordState
from credit.domain.vocabulary import Step
from shared.domain.deadlines import DeadlineKind, DeadlineStatus

S, M, E = RecordState, RecordMove, RecordEvent


class DueProcess(RecordBase):
    def issue_notice(
        self, *, served_on: dt.date, reasons: str, period: str, clocks: Clocks, step: Step
    ) -> None:
        """Serve the notice; the statement, defence and hearing window (``period``) runs from receipt."""
        self.require_state(M.NOTIFY)
        not_after(served_on, day_of(step.at), "served_on")
        not_before(
            served_on, self.underlying_decision.date, "served_on", ("the underlying decision", "所依据的决定")
        )
        window_ends_on = self._start(
            TimerName.NOTICE_WINDOW, period, served_on, DeadlineKind.PARTY_PERIOD, None, clocks
        )
        self._move(M.NOTIFY, step, served_on=served_on, window_ends_on=window_ends_on, reasons=reasons)
        self.notice = Notice(served_on, window_ends_on, reasons)

    def file_statement(self, *, kind: str, submitted_on: dt.date, summary: str, step: Step) -> None:
        """The subject's statement or defence (陈述、申辩); a late one is kept and marked late."""
        notice = self._notice_for(E.STATEMENT_FILED)
        not_after(submitted_on, day_of(step.at), "submitted_on")
        not_before(submitted_on, notice.served_on, "submitted_on", ("the notice's service", "告知书送达"))
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
        not_before(requested_on, notice.served_on, "requested_on", ("the notice's service", "告知书送达"))
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
        return present(self.notice, "the notice (set together with the state)")

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

    def decline_listing(self, *, reasons: str, step: Step) -> None:
        """Not listed (e.g. the statement convinced, or the §C.1 carve-out for prompt correction)."""
        self._move(M.DECLINE, step, reasons=reasons)
        self.cancel_open_deadlines()

    def _require_due_process(self, decided_on: dt.date) -> None:
        notice = present(self.notice, "the notice")
        if decided_on <= notice.window_ends_on:
            end = notice.window_ends_on.isoformat()
            raise DueProcessIncomplete(
                f"The statement and hearing window runs until {end}; decide after it",
                f"陈述申辩及听证申请期限至 {end} 届满，届满后方可作出列入决定",
            )
        if self.hearing_requested_on is not None and self.hearing_held_on is None:
            raise DueProcessIncomplete(
                "The subject requested a hearing that has not been held", "当事人已申请听证，尚未举行听证"
            )
