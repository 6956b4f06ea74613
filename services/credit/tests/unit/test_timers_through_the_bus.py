"""Credit's timers through the bus over the in-memory unit of work: each kind a command, each a step."""

from __future__ import annotations

import datetime as dt
import uuid

from credit.bootstrap import TIMER_COMMANDS
from credit.domain import commands as c
from credit.domain.deadlines import GRADES_AGGREGATE, TimerKind, TimerName
from credit.domain.events import RecordEvent
from credit.domain.record import RecordState
from credit.domain.subject import SubjectClaim
from credit.domain.vocabulary import BehaviourCode, DecisionRef
from credit.testing import OFFICER, FakeCreditUnitOfWork, Harness, uscc_in
from shared.timers.dispatch import timer_handlers
from shared.timers.store import DueTimer
from shared.vocabulary import PartyKind


async def listed_record(harness: Harness) -> uuid.UUID:
    registration = await harness.bus.handle(
        c.RegisterDishonestyInput(
            subject=SubjectClaim(PartyKind.ORGANISATION, "杭州某某科技有限公司", uscc_in("330100")),
            behaviour=BehaviourCode.REFUSAL_TO_PERFORM,
            underlying_decision=DecisionRef("杭州市市场监督管理局", "D-1", dt.date(2026, 8, 3), "x"),
            finding="refused to perform",
            source="test",
            source_ref="1",
            actor=OFFICER,
        )
    )
    rid: uuid.UUID = registration.record_id
    await harness.bus.handle(
        c.IssueListingNotice(record_id=rid, actor=OFFICER, served_on=dt.date(2026, 9, 1), reasons="r")
    )
    await harness.bus.handle(c.DecideListing(record_id=rid, actor=OFFICER, listed=True, reasons="r"))
    return rid


async def fire(
    harness: Harness, kind: str, aggregate_id: uuid.UUID | str, name: str, due_at: dt.datetime
) -> None:
    """The scheduler's handler for ``kind``, in a unit of work of its own that it then commits."""
    handlers = timer_handlers(harness.bus, TIMER_COMMANDS)
    uow = FakeCreditUnitOfWork(harness.store)
    await handlers[kind](
        DueTimer(str(aggregate_id), name, kind, due_at, {"deadline": name.split(".")[0]}), uow
    )
    await uow.commit()


def test_every_timer_kind_credit_arms_is_dispatched() -> None:
    assert set(TIMER_COMMANDS) == set(TimerKind)


async def test_a_missed_publication_is_warned_then_flagged_as_steps_of_the_timer(harness: Harness) -> None:
    rid = await listed_record(harness)
    due = harness.store.timers[(str(rid), TimerName.PUBLICATION)].due_at
    assert due is not None

    await fire(harness, TimerKind.PUBLICATION_DUE, rid, "publication.warning", due - dt.timedelta(days=3))
    await fire(harness, TimerKind.PUBLICATION_DUE, rid, "publication", due)

    record = harness.record(rid)
    assert harness.history(rid)[-2:] == [
        RecordEvent.PUBLICATION_DUE_SOON,
        RecordEvent.PUBLICATION_DEADLINE_MISSED,
    ]
    assert record.overdue == {"publication"}
    missed = harness.store.events_of(rid)[-1]
    assert (missed.actor.id, missed.at, missed.to_state) == ("system:timer", due, RecordState.LISTED)


async def test_an_expired_listing_stops_every_clock_and_is_announced(harness: Harness) -> None:
    rid = await listed_record(harness)
    end = harness.store.timers[(str(rid), TimerName.EXPIRY)].due_at
    assert end is not None

    await fire(harness, TimerKind.LISTING_EXPIRY, rid, "expiry", end)

    assert harness.record(rid).state is RecordState.EXPIRED
    assert harness.timer_names(rid) == set()
    assert harness.store.published_types()[-1] == "credit.expired"


async def test_a_timer_for_a_record_that_moved_on_changes_nothing(harness: Harness) -> None:
    rid = await listed_record(harness)
    await harness.bus.handle(c.PublishListing(record_id=rid, actor=OFFICER, channel="necips"))
    recorded = harness.history(rid)

    await fire(harness, TimerKind.PUBLICATION_DUE, rid, "publication", harness.clock())

    assert harness.history(rid) == recorded


async def test_the_monthly_grades_run_arms_next_months(harness: Harness) -> None:
    run = dt.datetime(2026, 11, 1, 2, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))

    await fire(harness, TimerKind.MONTHLY_GRADES, GRADES_AGGREGATE, "monthly_grades.2026-11", run)

    assert harness.store.timer_names(GRADES_AGGREGATE) == {"monthly_grades.2026-12"}
