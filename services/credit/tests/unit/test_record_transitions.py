"""The credit record's whole transition table (§C.5): every (state, target) pair, allowed or refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from itertools import product

import pytest

from credit.domain.errors import RecordStepRefused
from credit.domain.events import RecordEvent
from credit.domain.listing import ListingPlan
from credit.domain.record import TRANSITIONS, CreditRecord, RecordState
from credit.domain.vocabulary import Step
from credit.testing import CLOCKS

S = RecordState
PLAN = ListingPlan(
    decided_on=dt.date(2026, 2, 2),
    decision_no=None,
    publication_period="credit.listing_publication_cnipa",
    listing_period="credit.listing_period_cnipa",
)
TARGETS = [s for s in RecordState if s is not S.CANDIDATE]  # nothing moves back to CANDIDATE
EVENT_FOR = {
    S.NOTICE_OF_PROPOSED_LISTING: RecordEvent.NOTICE_ISSUED,
    S.LISTED: RecordEvent.LISTING_DECIDED,
    S.NOT_LISTED: RecordEvent.LISTING_DECLINED,
    S.PUBLISHED: RecordEvent.PUBLISHED,
    S.REPAIR_REQUESTED: RecordEvent.REPAIR_REQUESTED,
    S.REPAIRED_EARLY: RecordEvent.REPAIR_GRANTED,
    S.REPAIR_DENIED: RecordEvent.REPAIR_DENIED,
    S.EXPIRED: RecordEvent.EXPIRED,
    S.REVOKED: RecordEvent.REVOKED,
    S.ARCHIVED: RecordEvent.ARCHIVED,
}


def attempt(record: CreditRecord, target: RecordState, step: Step) -> None:
    """Take the one public step that leads to ``target``."""
    if target is S.NOTICE_OF_PROPOSED_LISTING:
        record.issue_notice(
            served_on=dt.date(2026, 9, 1),
            reasons="r",
            period="credit.listing_notice_window",
            clocks=CLOCKS,
            step=step,
        )
    elif target is S.LISTED:
        record.decide_listing(PLAN, reasons="r", clocks=CLOCKS, step=step)
    elif target is S.NOT_LISTED:
        record.decline_listing(reasons="statement accepted", step=step)
    elif target is S.PUBLISHED:
        record.publish(
            published_on=dt.date(2026, 9, 1), channel="necips", listing_period=None, clocks=CLOCKS, step=step
        )
    elif target is S.REPAIR_REQUESTED:
        record.request_repair(applied_on=dt.date(2026, 9, 1), grounds="performed", step=step)
    elif target is S.REPAIRED_EARLY:
        record.grant_repair(decided_on=dt.date(2026, 9, 20), decision_no="修复1号", conditions={}, step=step)
    elif target is S.REPAIR_DENIED:
        record.deny_repair(reasons="not performed", step=step)
    elif target is S.EXPIRED:
        if not record.expire(on=dt.date(2027, 2, 2), step=step):  # a timer reports rather than raises
            raise RecordStepRefused(record.state, target, record.allowed_steps())
    elif target is S.REVOKED:
        record.revoke(revoked_on=dt.date(2026, 9, 2), reason="revoked", clocks=CLOCKS, step=step)
    else:
        record.archive(step)


def expected(state: RecordState, target: RecordState, *, requires_notice: bool) -> bool:
    if state is S.CANDIDATE and target is (S.LISTED if requires_notice else S.NOTICE_OF_PROPOSED_LISTING):
        return False
    return target in targets(state)


def targets(state: RecordState) -> set[RecordState]:
    return {row.target for row in TRANSITIONS.allowed(state)}


@pytest.mark.parametrize("requires_notice", [True, False], ids=["with-notice", "without-notice"])
@pytest.mark.parametrize(("state", "target"), list(product(RecordState, TARGETS)))
def test_every_step_is_allowed_exactly_when_the_table_says_so(
    state: RecordState,
    target: RecordState,
    requires_notice: bool,
    record_in: Callable[..., CreditRecord],
    step: Step,
) -> None:
    record = record_in(state, requires_notice=requires_notice)

    if expected(state, target, requires_notice=requires_notice):
        attempt(record, target, step)
        entry = record.events[-1]
        assert record.state is target
        assert (entry.name, entry.from_state, entry.to_state) == (EVENT_FOR[target], state, target)
        assert (entry.actor, entry.at) == (step.actor, step.at)
    else:
        with pytest.raises(RecordStepRefused) as refused:
            attempt(record, target, step)
        assert record.state is state and not record.events and not record.timer_changes
        assert set(refused.value.allowed) == set(record.allowed_steps())


def test_the_table_has_a_row_for_every_state_and_archived_is_final() -> None:
    assert {state for state in RecordState if targets(state)} == set(RecordState) - {S.ARCHIVED}
    assert targets(S.ARCHIVED) == set()
    assert all(row.target is not S.CANDIDATE for row in TRANSITIONS)
    assert TRANSITIONS.unreachable([S.CANDIDATE]) == set()


def test_without_repair_the_repair_step_is_not_offered(
    record_in: Callable[..., CreditRecord], step: Step
) -> None:
    record = record_in(S.PUBLISHED, repair_available=False)

    with pytest.raises(RecordStepRefused) as refused:
        attempt(record, S.REPAIR_REQUESTED, step)

    assert set(refused.value.allowed) == {S.EXPIRED, S.REVOKED}


def test_a_revoked_publication_must_be_withdrawn_before_the_file_is_archived(
    record_in: Callable[..., CreditRecord], step: Step
) -> None:
    record = record_in(S.REVOKED, withdrawn_on=None)

    assert record.allowed_steps() == frozenset()
    record.record_withdrawal(withdrawn_on=dt.date(2026, 9, 4), reference="NECIPS-123", step=step)
    record.archive(step)

    assert record.state is S.ARCHIVED
    assert [e.name for e in record.events] == [RecordEvent.PUBLICATION_WITHDRAWN, RecordEvent.ARCHIVED]
