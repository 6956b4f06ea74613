"""Intake's steps on the real bus over a unit of work in memory: what each records, publishes and arms."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Any

import pytest

from intake.domain import commands as c
from intake.domain.centre_case import CentreCase, CentreCaseStatus
from intake.domain.complaint import Complaint, ComplaintStatus
from intake.domain.ecommerce_notice import EcommerceNotice, NoticeStatus
from intake.domain.events import CentreCaseEvent, ComplaintEvent, NoticeEvent, TradeFairEvent, staff
from intake.domain.vocabulary import Channel, Track
from intake.handlers import TIMER_COMMANDS, Registration
from intake.publishing import (
    CENTRE_CASES_PUBLISH,
    COMPLAINTS_PUBLISH,
    NOTICE_TIMER,
    NOTICES_PUBLISH,
    TRADE_FAIR_CASES_PUBLISH,
)
from intake.testing import NOW, FakeIntakeUnitOfWork, IntakeStore, complaint, fake_bus, intake_rules, party
from shared.calendar import SHANGHAI
from shared.contracts.intake import ReferralIssuedV1
from shared.domain.deadlines import DeadlineStatus
from shared.steps import Publisher
from shared.timers.dispatch import timer_handlers
from shared.timers.store import DueTimer
from shared.vocabulary import IpType

STAFF = staff("staff-1")


def _register(**overrides: Any) -> c.RegisterComplaint:
    draft = complaint()
    values: dict[str, Any] = {
        "channel": Channel.ONLINE,
        "ip_type": draft.ip_type,
        "rights": draft.rights,
        "complainant": draft.complainant,
        "respondents": draft.respondents,
        "facts": draft.facts,
        "actor": STAFF,
    }
    return c.RegisterComplaint(**{**values, **overrides})


@pytest.mark.parametrize(
    ("publisher", "names"),
    [
        (COMPLAINTS_PUBLISH, ComplaintEvent),
        (CENTRE_CASES_PUBLISH, CentreCaseEvent),
        (TRADE_FAIR_CASES_PUBLISH, TradeFairEvent),
        (NOTICES_PUBLISH, NoticeEvent),
    ],
    ids=["complaint", "centre_case", "trade_fair_case", "ecommerce_notice"],
)
def test_every_event_name_is_published_or_declared_internal(
    publisher: Publisher[Any], names: type[StrEnum]
) -> None:
    assert publisher.unaccounted(names) == set()


async def test_an_accepted_complaint_is_announced_and_routed_in_one_step() -> None:
    store = IntakeStore()
    registration: Registration = await fake_bus(store).handle(_register())
    registered = registration.complaint

    assert registered.status is ComplaintStatus.ROUTED and store.commits == 1
    assert store.event_names(registered.id) == [
        "ComplaintRegistered",
        "RightsVerified",
        "ComplaintAccepted",
        "ComplaintTriaged",
    ]
    assert store.published_types() == ["intake.complaint.accepted", "intake.complaint.routed"]
    assert {key for _, key in store.published} == {str(registered.id)}
    assert store.record[0][0] == "complaint" and store.record[0][2].actor == STAFF


async def test_the_correction_period_has_a_default_on_a_fresh_install() -> None:
    """Issue 17: ``intake.correction`` had no figure, so every complaint held for correction showed
    "not configured". The spec has none ([U], Shanghai Patent Regs art. 19 allows a completion period
    without a length); the bundled default is the conservative 15 CD and arms the timer."""
    store = IntakeStore()
    held = await fake_bus(store).handle(
        _register(ip_type=IpType.UTILITY_MODEL, respondents=(party(credit_code=None),))
    )
    stored = store.complaints[held.complaint.id]

    assert stored.status is ComplaintStatus.CORRECTION_REQUESTED
    correction = stored.deadlines["correction"]
    assert correction.due is not None and correction.due >= correction.start + dt.timedelta(days=15)
    assert correction.confidence == "U" and "not configured" not in correction.explanation
    assert "PeriodNotConfigured" not in store.event_names(stored.id)
    assert "correction" in store.timer_names(stored.id)


async def test_a_platform_request_opens_a_centre_case_whose_opinion_is_due_in_sichuan() -> None:
    store = IntakeStore()
    bus = fake_bus(store, rules=intake_rules(province="510000"))
    opened: Registration = await bus.handle(_register(channel=Channel.ECOMMERCE_PLATFORM, actor=STAFF))
    (case,) = [r for r in store.workflows.values() if isinstance(r, CentreCase)]

    assert opened.complaint.triage is not None and opened.complaint.triage.track is Track.ECOMMERCE_OPINION
    assert case.status is CentreCaseStatus.TRIAGED and case.deadlines["opinion"].due is not None
    assert store.timer_names(case.id) == {"opinion"}
    assert store.timers[(str(case.id), "opinion")].warn_working_days == 2
    names = store.event_names(opened.complaint.id)
    assert names[:2] == ["CentreCaseOpened", "CentreCaseTriaged"]  # recorded when the case was stored
    assert [e.subject for e in store.events_of(opened.complaint.id)[:2]] == ["centre_case"] * 2


async def test_a_referral_to_a_court_is_published_on_the_complaints_key() -> None:
    store = IntakeStore()
    bus = fake_bus(store)
    opened: Registration = await bus.handle(_register(channel=Channel.ECOMMERCE_PLATFORM))
    (case,) = [r for r in store.workflows.values() if isinstance(r, CentreCase)]

    await bus.handle(
        c.ReferCentreCase(case_id=case.id, target="REFERRED_COURT", reason="需司法鉴定", actor=STAFF)
    )

    data, key = store.published[-1]
    assert isinstance(data, ReferralIssuedV1) and key == str(opened.complaint.id)
    assert (data.to_agency, data.reason) == ("court", "需司法鉴定")
    assert store.event_names(opened.complaint.id)[-1] == "CentreCaseReferred"
    assert store.timer_names(case.id) == set()


async def test_the_counter_notice_wait_ends_the_measures_when_its_timer_fires() -> None:
    store = IntakeStore()
    bus = fake_bus(store)
    registered: Registration = await bus.handle(_register())
    notice: EcommerceNotice = await bus.handle(
        c.OpenEcommerceNotice(
            complaint_id=registered.complaint.id,
            platform="taobao",
            listing_ids=("6618",),
            seller="某网店",
            notice_at=NOW,
            actor=STAFF,
        )
    )
    for step in ("take_measures", "forward_to_seller", "counter_notice"):
        await bus.handle(c.RecordEcommerceStep(notice_id=notice.id, step=step, actor=STAFF))
    arrival = dt.datetime(2026, 9, 20, 10, tzinfo=SHANGHAI)
    await bus.handle(
        c.RecordEcommerceStep(notice_id=notice.id, step="forward_to_holder", arrival_at=arrival, actor=STAFF)
    )
    armed = store.timers[(str(notice.id), "termination")]
    assert armed.kind == NOTICE_TIMER and armed.due == dt.date(2026, 10, 8)

    fire = timer_handlers(bus, TIMER_COMMANDS)[armed.kind]
    uow = FakeIntakeUnitOfWork(store)
    assert armed.due_at is not None
    await fire(DueTimer(armed.aggregate_id, "termination", armed.kind, armed.due_at, armed.payload), uow)
    await uow.commit()

    ended = store.workflows[notice.id]
    assert isinstance(ended, EcommerceNotice) and ended.status is NoticeStatus.MEASURES_TERMINATED
    (terminated,) = [e for e in store.events_of(registered.complaint.id) if e.name == "MeasuresTerminated"]
    assert terminated.actor.id == "system" and terminated.at == armed.due_at
    assert ended.deadlines["termination"].status is DeadlineStatus.MET


async def test_a_passed_deadline_is_noted_on_the_complaint_with_the_record_it_belongs_to() -> None:
    store = IntakeStore()
    bus = fake_bus(store)
    registered: Registration = await bus.handle(_register())
    subject = uuid.uuid4()
    fire = timer_handlers(bus, TIMER_COMMANDS)["intake.deadline"]
    payload = {"complaint_id": str(registered.complaint.id), "subject": "trade_fair_case", "step": "forward"}
    uow = FakeIntakeUnitOfWork(store)
    await fire(DueTimer(str(subject), "forward", "intake.deadline", NOW, payload), uow)
    await uow.commit()

    noted = store.events_of(registered.complaint.id)[-1]
    assert (noted.name, noted.subject, noted.subject_id, noted.summary) == (
        "DeadlinePassed",
        "trade_fair_case",
        subject,
        "Deadline passed: forward",
    )
    stored: Complaint = store.complaints[registered.complaint.id]
    assert stored.version == registered.complaint.version  # noted, not changed
