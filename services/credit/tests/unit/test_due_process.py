"""Due process: nothing listed before the window and a requested hearing; the subject's side is kept."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest

from credit.domain.deadlines import TimerKind, TimerName
from credit.domain.errors import DueProcessIncomplete, InvalidCreditInput, RecordStepRefused
from credit.domain.events import RecordEvent
from credit.domain.listing import ListingPlan
from credit.domain.record import CreditRecord, Notice, RecordState
from credit.domain.vocabulary import Step
from credit.testing import CLOCKS
from shared.domain.deadlines import ArmTimer, DeadlineStatus, DisarmTimer

S = RecordState
WINDOW_END = dt.date(2026, 9, 8)


@pytest.fixture
def noticed(record_in: Callable[..., CreditRecord]) -> CreditRecord:
    return record_in(
        S.NOTICE_OF_PROPOSED_LISTING, notice=Notice(dt.date(2026, 9, 1), WINDOW_END, "r"), terms=None
    )


def plan(decided_on: dt.date) -> ListingPlan:
    return ListingPlan(
        decided_on=decided_on,
        decision_no=None,
        publication_period="credit.listing_publication_cnipa",
        listing_period="credit.listing_period_cnipa",
    )


def decide(record: CreditRecord, decided_on: dt.date, step: Step) -> None:
    record.decide_listing(plan(decided_on), reasons="r", clocks=CLOCKS, step=step)


def publish(
    record: CreditRecord, published_on: dt.date, step: Step, listing_period: str | None = None
) -> None:
    record.publish(
        published_on=published_on, channel="necips", listing_period=listing_period, clocks=CLOCKS, step=step
    )


def test_the_follow_on_path_of_c5_is_in_the_table(record_in: Callable[..., CreditRecord], step: Step) -> None:
    record = record_in(S.CANDIDATE, notice=None, terms=None, published_on=None, repair_requested_on=None)
    record.issue_notice(
        served_on=dt.date(2026, 9, 1),
        reasons="r",
        period="credit.listing_notice_window",
        clocks=CLOCKS,
        step=step,
    )
    decide(record, dt.date(2026, 9, 9), step)
    publish(record, dt.date(2026, 9, 10), step)
    record.request_repair(applied_on=dt.date(2026, 9, 20), grounds="g", step=step)
    record.grant_repair(decided_on=dt.date(2026, 9, 25), decision_no=None, conditions={}, step=step)
    record.archive(step)

    assert [e.to_state for e in record.events] == [
        S.NOTICE_OF_PROPOSED_LISTING,
        S.LISTED,
        S.PUBLISHED,
        S.REPAIR_REQUESTED,
        S.REPAIRED_EARLY,
        S.ARCHIVED,
    ]


@pytest.mark.parametrize("decided_on", [dt.date(2026, 9, 2), WINDOW_END])
def test_no_listing_while_the_statement_window_is_open(
    noticed: CreditRecord, step: Step, decided_on: dt.date
) -> None:
    with pytest.raises(DueProcessIncomplete, match="2026-09-08"):
        decide(noticed, decided_on, step)
    assert noticed.state is S.NOTICE_OF_PROPOSED_LISTING


def test_the_day_after_the_window_listing_is_allowed(noticed: CreditRecord, step: Step) -> None:
    decide(noticed, dt.date(2026, 9, 9), step)
    assert noticed.state is S.LISTED


def test_a_requested_hearing_must_be_held_before_listing(noticed: CreditRecord, step: Step) -> None:
    noticed.request_hearing(requested_on=dt.date(2026, 9, 3), step=step)

    with pytest.raises(DueProcessIncomplete, match="hearing"):
        decide(noticed, dt.date(2026, 9, 20), step)
    noticed.record_hearing(held_on=dt.date(2026, 9, 15), summary="heard", step=step)
    decide(noticed, dt.date(2026, 9, 20), step)

    assert [e.name for e in noticed.events] == [
        RecordEvent.HEARING_REQUESTED,
        RecordEvent.HEARING_HELD,
        RecordEvent.LISTING_DECIDED,
    ]


def test_allowed_steps_offer_listed_only_when_a_listing_would_succeed_that_day(
    noticed: CreditRecord, step: Step
) -> None:
    """Issue 17: a record inside its notice window offered LISTED in ``allowed_steps`` and then refused
    it with 409. The guards are evaluated: no LISTED while the statement/defence/hearing window runs
    (§C.2 procedure, §C.5 NOTICE_OF_PROPOSED_LISTING) or a requested hearing is not held."""
    for inside in (dt.date(2026, 9, 2), WINDOW_END):
        offered = noticed.allowed_steps(today=inside)
        assert S.LISTED not in offered and S.NOT_LISTED in offered
        with pytest.raises(DueProcessIncomplete):  # what is not offered is indeed refused
            decide(dataclasses.replace(noticed, events=[], timer_changes=[]), inside, step)
    after = dt.date(2026, 9, 9)
    assert S.LISTED in noticed.allowed_steps(today=after)
    noticed.request_hearing(requested_on=dt.date(2026, 9, 3), step=step)
    assert S.LISTED not in noticed.allowed_steps(today=after)
    noticed.record_hearing(held_on=dt.date(2026, 9, 15), summary="heard", step=step)
    assert S.LISTED in noticed.allowed_steps(today=dt.date(2026, 9, 16))
    decide(noticed, dt.date(2026, 9, 16), step)  # and what is offered succeeds
    assert noticed.state is S.LISTED


def test_declining_needs_no_waiting_it_only_helps_the_subject(noticed: CreditRecord, step: Step) -> None:
    noticed.decline_listing(reasons="the statement shows the decision was performed", step=step)
    assert noticed.state is S.NOT_LISTED


def test_the_subjects_statements_are_part_of_the_record_and_late_ones_are_marked(
    noticed: CreditRecord, step: Step
) -> None:
    noticed.file_statement(kind="statement", submitted_on=dt.date(2026, 9, 5), summary="on time", step=step)
    noticed.file_statement(kind="defence", submitted_on=dt.date(2026, 9, 12), summary="late", step=step)

    entries = [(e.name, e.details["kind"], e.details["late"]) for e in noticed.events]
    assert entries == [
        (RecordEvent.STATEMENT_FILED, "statement", False),
        (RecordEvent.STATEMENT_FILED, "defence", True),
    ]
    assert all(e.from_state == e.to_state == S.NOTICE_OF_PROPOSED_LISTING for e in noticed.events)


def test_a_statement_needs_a_notice_first(record_in: Callable[..., CreditRecord], step: Step) -> None:
    with pytest.raises(RecordStepRefused):
        record_in(S.CANDIDATE).file_statement(
            kind="statement", submitted_on=dt.date(2026, 9, 5), summary="s", step=step
        )


def test_a_hearing_is_requested_once_and_held_only_if_requested(noticed: CreditRecord, step: Step) -> None:
    with pytest.raises(RecordStepRefused):
        noticed.record_hearing(held_on=dt.date(2026, 9, 15), summary="s", step=step)
    noticed.request_hearing(requested_on=dt.date(2026, 9, 3), step=step)
    with pytest.raises(RecordStepRefused):
        noticed.request_hearing(requested_on=dt.date(2026, 9, 4), step=step)


@pytest.mark.parametrize(
    ("action", "field"),
    [
        (
            lambda r, s: r.file_statement(
                kind="statement", submitted_on=dt.date(2026, 10, 10), summary="x", step=s
            ),
            "submitted_on",
        ),
        (lambda r, s: r.request_hearing(requested_on=dt.date(2026, 10, 10), step=s), "requested_on"),
        (lambda r, s: decide(r, dt.date(2026, 10, 10), s), "decided_on"),
    ],
)
def test_dates_after_today_are_refused_field_by_field(
    noticed: CreditRecord, step: Step, action: Callable[[CreditRecord, Step], None], field: str
) -> None:
    with pytest.raises(InvalidCreditInput) as refused:
        action(noticed, step)
    assert [e.field for e in refused.value.field_errors] == [field]
    assert refused.value.field_errors[0].message_zh


def test_publication_cannot_precede_the_listing_decision(
    record_in: Callable[..., CreditRecord], step: Step
) -> None:
    with pytest.raises(InvalidCreditInput) as refused:
        publish(record_in(S.LISTED), dt.date(2026, 2, 1), step)
    assert refused.value.field_errors[0].code == "date_too_early"


def test_publication_after_its_deadline_is_recorded_as_late_not_refused(
    record_in: Callable[..., CreditRecord], step: Step
) -> None:
    record = record_in(S.LISTED, overdue={"publication"})
    publish(record, dt.date(2026, 4, 1), step, listing_period="credit.penalty_publication_standard")

    assert record.events[-1].details["late"] is True
    assert record.overdue == set()
    assert record.terms is not None and record.terms.period_end == dt.date(2029, 4, 2)  # 1 Apr 2029 a Sunday


def test_an_early_repair_application_is_kept_with_a_warning(
    record_in: Callable[..., CreditRecord], step: Step
) -> None:
    record = record_in(S.PUBLISHED)
    assert record.terms is not None
    early = dataclasses.replace(record.terms, repair_eligible_from=dt.date(2026, 12, 1))
    record.terms = early

    assert record.request_repair(applied_on=dt.date(2026, 9, 1), grounds="g", step=step) is True
    assert record.state is S.REPAIR_REQUESTED
    assert record.events[-1].details["premature"] is True


def test_deadline_warnings_and_misses_only_while_the_duty_is_open(
    record_in: Callable[..., CreditRecord], step: Step
) -> None:
    listed, published = record_in(S.LISTED), record_in(S.PUBLISHED)

    assert listed.note_due_soon("publication", step) is True
    assert listed.note_missed("publication", step) is True
    assert published.note_missed("publication", step) is False

    assert listed.overdue == {"publication"}
    assert [e.name for e in listed.events] == [
        RecordEvent.PUBLICATION_DUE_SOON,
        RecordEvent.PUBLICATION_DEADLINE_MISSED,
    ]
    assert listed.events[-1].details["due_on"] == "2026-03-02"


def test_revoking_a_shown_publication_requires_a_withdrawal_deadline(
    record_in: Callable[..., CreditRecord], step: Step
) -> None:
    published = record_in(S.PUBLISHED)
    published.revoke(revoked_on=dt.date(2026, 9, 2), reason="r", clocks=CLOCKS, step=step)

    assert published.withdrawal_due == dt.date(2026, 9, 7)  # 3 working days from Wed 2 Sep
    stopped, armed = published.timer_changes
    assert stopped == DisarmTimer(TimerName.EXPIRY)  # every clock stops
    assert published.deadlines[TimerName.EXPIRY].status is DeadlineStatus.CANCELLED
    assert isinstance(armed, ArmTimer)
    assert (armed.name, armed.kind, armed.deadline.due) == (
        TimerName.WITHDRAWAL,
        TimerKind.WITHDRAWAL_DUE,
        dt.date(2026, 9, 7),
    )

    candidate = record_in(S.CANDIDATE)
    candidate.revoke(revoked_on=dt.date(2026, 9, 2), reason="r", clocks=CLOCKS, step=step)
    assert candidate.withdrawal_due is None  # nothing was shown, nothing to withdraw
    assert candidate.timer_changes == []
