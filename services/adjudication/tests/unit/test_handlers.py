"""Handlers through the real message bus with an in-memory unit of work (``adjudication.testing``):
what a step writes, publishes and schedules, in one commit."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import pytest

from adjudication.domain.case.parts.acceptance import AcceptanceChecklist, OtherAcceptance
from adjudication.domain.case.parts.hearings import Booking, HearingMode, RoomRef
from adjudication.domain.case.parts.jurisdiction import Jurisdiction, JurisdictionBasis
from adjudication.domain.case.parts.repeat import PriorFinding
from adjudication.domain.case.states import CaseState
from adjudication.domain.commands.acceptance import DocketCase
from adjudication.domain.commands.penalty import (
    DecidePenalty,
    FilePenaltyCase,
    NotifyPenalty,
    WaivePenaltyHearing,
)
from adjudication.domain.commands.proceedings import ScheduleHearing
from adjudication.domain.commands.system import ReachDeadline
from adjudication.domain.errors import AcceptanceBlocked, HearingConflict
from adjudication.domain.values.actors import ActorKind
from adjudication.testing import AdjudicationStore, fake_bus, penalty_filing
from shared.calendar import SHANGHAI
from shared.domain.actors import Actor
from shared.messagebus import MessageBus
from shared.testing.fakes import ArmedTimer

D = dt.date


def bus(store: AdjudicationStore, rules: Any, now: dt.datetime) -> MessageBus[Any]:
    return fake_bus(store, rules, lambda: now)


def docket_command(case_id: uuid.UUID) -> DocketCase:
    return DocketCase(
        case_id=case_id,
        by="staff-1",
        approved_by="处长",
        docketed_on=D(2026, 3, 4),
        jurisdiction=Jurisdiction(basis=JurisdictionBasis.RESPONDENT_DOMICILE),
        checklist=AcceptanceChecklist(
            requester_entitled=True, respondent_identified=True, claims_specific=True, patent_valid=True
        ),
    )


async def test_docketing_numbers_publishes_registers_and_rearms_timers_in_one_commit(builder: Any) -> None:
    store = AdjudicationStore()
    case = builder.case_in(CaseState.SUBMITTED)
    store.cases[case.id] = case
    store.timers[(str(case.id), "docket")] = ArmedTimer(
        str(case.id), "docket", "adjudication.case", due=D(2026, 3, 9)
    )

    outcome = await bus(store, builder.rules, builder.moment(D(2026, 3, 4))).handle(docket_command(case.id))

    assert store.commits == 1
    assert outcome.case.docket.docket_no == "（2026）京知裁字第1号"
    assert [type(d).__name__ for d, _ in store.published] == ["CaseTransitionedV1", "CaseDocketedV1"]
    assert store.event_names() == ["CaseDocketed"]
    assert {name: str(t.due) for (_, name), t in store.timers.items()} == {
        "serve_request_copy": "2026-03-11",
        "close": "2026-06-04",
    }
    assert [d["docket_no"] for d in store.dockets] == ["（2026）京知裁字第1号"]
    assert store.cases[case.id].state is CaseState.DOCKETED


async def test_a_blocked_docketing_changes_nothing(builder: Any) -> None:
    store = AdjudicationStore(
        elsewhere=[
            OtherAcceptance(
                office_code="120101",
                docket_no="（2026）津知裁字第3号",
                docketed_at=dt.datetime(2026, 3, 3, tzinfo=SHANGHAI),
            )
        ]
    )
    case = builder.case_in(CaseState.SUBMITTED)
    store.cases[case.id] = case

    with pytest.raises(AcceptanceBlocked):
        await bus(store, builder.rules, builder.moment(D(2026, 3, 4))).handle(docket_command(case.id))

    assert (store.commits, store.published, store.dockets) == (0, [], [])
    assert store.cases[case.id].state is CaseState.SUBMITTED


async def test_the_last_window_lapsing_publishes_the_effective_decision_and_flags_a_repeat(
    builder: Any,
) -> None:
    case = builder.case_in(CaseState.LITIGATION_WINDOW)
    builder.serve_decision(case, "respondent-1", D(2026, 4, 17))
    builder.serve_decision(case, "respondent-2", D(2026, 4, 20))
    case.events.clear()
    case.timer_changes.clear()
    earlier = PriorFinding(
        subject_key="91110108000000001X",
        patent_number=case.patent_number,
        decision_no="（2024）京知裁决字第8号",
        office_code="110105",
        effective_on=D(2024, 6, 1),
    )
    store = AdjudicationStore(cases={case.id: case}, findings=[earlier])
    timers = bus(store, builder.rules, builder.moment(D(2026, 5, 7), 0))

    for party in ("requester", "respondent-1", "respondent-2"):
        await timers.handle(
            ReachDeadline(
                aggregate_id=str(case.id),
                deadline=f"litigation.{party}",
                warning=False,
                due_at=builder.moment(D(2026, 5, 6)),
            )
        )

    assert store.cases[case.id].state is CaseState.EFFECTIVE
    published = [type(d).__name__ for d, _ in store.published]
    assert published.count("DecisionEffectiveV1") == 1
    assert published.count("RepeatInfringerFlaggedV1") == 1  # respondent-1 only: respondent-2 has no history
    assert {f.subject_key for f in store.findings} == {"91110108000000001X", "91110108000000002X"}


async def test_a_penalty_case_is_filed_noticed_and_decided_with_its_effects(builder: Any) -> None:
    store = AdjudicationStore()
    bus = fake_bus(store, builder.rules, lambda: builder.moment(D(2026, 3, 10)))

    filed = await bus.handle(FilePenaltyCase(filing=penalty_filing(), by="staff-1"))
    case_id = filed.case.id
    await bus.handle(
        NotifyPenalty(
            case_id=case_id,
            by="staff-1",
            fine=Decimal("60000"),
            illegal_gains=None,
            confiscate_gains=False,
            correction_order="停止标注",
            served_on=D(2026, 3, 10),
        )
    )
    await bus.handle(WaivePenaltyHearing(case_id=case_id, by="staff-1"))
    await bus.handle(
        DecidePenalty(
            case_id=case_id,
            by="head-1",
            fine=Decimal("60000"),
            illegal_gains=None,
            gains_confiscated=None,
            correction_order="停止标注",
            reasons="假冒专利",
        )
    )

    events = store.events_of(case_id)
    assert [e.name for e in events] == [
        "PenaltyCaseFiled",
        "PenaltyProposed",
        "PenaltyHearingWaived",
        "PenaltyDecided",
    ]
    assert events[2].actor == Actor(ActorKind.RESPONDENT, "subject", recorded_by="staff-1")
    assert events[3].actor == Actor(ActorKind.OFFICE_HEAD, "head-1")
    assert {t.kind for t in store.timers.values()} == {"adjudication.penalty_case"}
    assert store.timer_names(case_id) == {"decision_service", "publication"}
    assert store.published_types().count("adjudication.case.transitioned") == 2
    assert store.published_types()[-1] == "adjudication.counterfeit_penalty_decided"
    assert store.penalty_cases[case_id].decision is not None


async def test_a_hearing_is_scheduled_in_a_free_room_and_a_clash_changes_nothing(builder: Any) -> None:
    case = builder.case_in(CaseState.IN_REVIEW)
    room = RoomRef(id=str(uuid.uuid4()), name="第一审理庭", mode=HearingMode.PHYSICAL)
    store = AdjudicationStore(cases={case.id: case}, rooms={room.id: room})
    bus = fake_bus(store, builder.rules, lambda: builder.moment(D(2026, 3, 20)))
    plan = ScheduleHearing(
        case_id=case.id,
        by="judge-1",
        room_id=uuid.UUID(room.id),
        starts_at=builder.moment(D(2026, 3, 31), 9),
        ends_at=builder.moment(D(2026, 3, 31), 12),
        participant_ids=tuple(p.id for p in case.participants),
    )
    store.bookings.append(
        Booking(resource=f"room:{room.id}", case_no="X", starts_at=plan.starts_at, ends_at=plan.ends_at)
    )

    with pytest.raises(HearingConflict):
        await bus.handle(plan)
    assert (store.commits, store.cases[case.id].state) == (0, CaseState.IN_REVIEW)

    store.bookings.clear()
    await bus.handle(plan)
    (scheduled,) = store.events_of(case.id)
    assert (scheduled.transition, scheduled.actor) == ("schedule_hearing", Actor(ActorKind.PANEL, "judge-1"))
    assert store.cases[case.id].state is CaseState.HEARING_SCHEDULED
