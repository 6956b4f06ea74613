"""The credit record's whole transition table (§C.5): every (state, transition) pair, allowed or refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from itertools import product

import pytest

from credit.domain.errors import RecordStepRefused
from credit.domain.events import RecordEvent
from credit.domain.listing import ListingPlan
from credit.domain.record import TRANSITIONS, CreditRecord, RecordMove, RecordState
from credit.domain.vocabulary import Step
from credit.testing import CLOCKS

S = RecordState
PLAN = ListingPlan(
    decided_on=dt.date(2026, 2, 2),
    decision_no=None,
    publication_period="credit.listing_publication_cnipa",
    listing_period="credit.listing_period_cnipa",
)
M = RecordMove
EVENT_FOR = {
    M.NOTIFY: RecordEvent.NOTICE_ISSUED,
    M.LIST: RecordEvent.LISTING_DECIDED,
    M.DECLINE: RecordEvent.LISTING_DECLINED,
    M.PUBLISH: RecordEvent.PUBLISHED,
    M.REQUEST_REPAIR: RecordEvent.REPAIR_REQUESTED,
    M.GRANT_REPAIR: RecordEvent.REPAIR_GRANTED,
    M.DENY_REPAIR: RecordEvent.REPAIR_DENIED,
    M.EXPIRE: RecordEvent.EXPIRED,
    M.REVOKE: RecordEvent.REVOKED,
    M.ARCHIVE: RecordEvent.ARCHIVED,
}


def expire(record: CreditRecord, step: Step) -> None:
    if not record.expire(on=dt.date(2027, 2, 2), step=step):  # a timer reports rather than raises
        raise RecordStepRefused(record.state, S.EXPIRED, record.allowed_steps())


STEPS: dict[RecordMove, Callable[[CreditRecord, Step], object]] = {
    M.NOTIFY: lambda r, s: r.issue_notice(
        served_on=dt.date(2026, 9, 1),
        reasons="r",
        period="credit.listing_notice_window",
        clocks=CLOCKS,
        step=s,
    ),
    M.LIST: lambda r, s: r.decide_listing(PLAN, reasons="r", clocks=CLOCKS, step=s),
    M.DECLINE: lambda r, s: r.decline_listing(reasons="statement accepted", step=s),
    M.PUBLISH: lambda r, s: r.publish(
        published_on=dt.date(2026, 9, 1), channel="necips", listing_period=None, clocks=CLOCKS, step=s
    ),
    M.REQUEST_REPAIR: lambda r, s: r.request_repair(
        applied_on=dt.date(2026, 9, 1), grounds="performed", step=s
    ),
    M.GRANT_REPAIR: lambda r, s: r.grant_repair(
        decided_on=dt.date(2026, 9, 20), decision_no="修复1号", conditions={}, step=s
    ),
    M.DENY_REPAIR: lambda r, s: r.deny_repair(reasons="not performed", step=s),
    M.EXPIRE: expire,
    M.REVOKE: lambda r, s: r.revoke(revoked_on=dt.date(2026, 9, 2), reason="revoked", clocks=CLOCKS, step=s),
    M.ARCHIVE: lambda r, s: r.archive(s),
}
"""The one public step that takes each transition."""


def attempt(record: CreditRecord, move: RecordMove, step: Step) -> None:
    STEPS[move](record, step)


def expected(state: RecordState, move: RecordMove, *, requires_notice: bool) -> bool:
    """The row allows it from ``state``; a candidate's procedure decides whether it has a notice step."""
    skipped = M.LIST if requires_notice else M.NOTIFY
    return state in TRANSITIONS[move].sources and not (state is S.CANDIDATE and move is skipped)


def targets(state: RecordState) -> set[RecordState]:
    return {row.target for row in TRANSITIONS.allowed(state)}


@pytest.mark.parametrize("requires_notice", [True, False], ids=["with-notice", "without-notice"])
@pytest.mark.parametrize(("state", "move"), list(product(RecordState, RecordMove)))
def test_every_step_is_allowed_exactly_when_the_table_says_so(
    state: RecordState,
    move: RecordMove,
    requires_notice: bool,
    record_in: Callable[..., CreditRecord],
    step: Step,
) -> None:
    record = record_in(state, requires_notice=requires_notice)
    target = TRANSITIONS[move].target

    if expected(state, move, requires_notice=requires_notice):
        attempt(record, move, step)
        entry = record.events[-1]
        assert record.state is target
        assert (entry.name, entry.transition, entry.from_state, entry.to_state) == (
            EVENT_FOR[move],
            move,
            state,
            target,
        )
        assert (entry.actor, entry.at) == (step.actor, step.at)
    else:
        with pytest.raises(RecordStepRefused) as refused:
            attempt(record, move, step)
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
        attempt(record, M.REQUEST_REPAIR, step)

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
