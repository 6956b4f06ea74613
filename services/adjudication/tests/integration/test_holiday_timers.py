"""Deadlines across the 2026 National Day and Spring Festival breaks, through the whole stack.

The service's own handlers run on a bus with a fake clock (same database, same unit of work), and the
real TimerScheduler fires the durable timers at fake moments: not a minute before the legal end.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from adjudication.domain.case.parts.acceptance import AcceptanceChecklist
from adjudication.domain.case.parts.decision import DecisionDraft, InfringingAct, Outcome, StopOrder
from adjudication.domain.case.parts.jurisdiction import Jurisdiction, JurisdictionBasis
from adjudication.domain.case.parts.service import ServiceMethod
from adjudication.domain.commands.acceptance import DocketCase
from adjudication.domain.commands.after_decision import DecideCase, ServeDecision
from adjudication.domain.commands.proceedings import AssignParticipant, RecordAnswer, ServeRequestCopy
from adjudication.domain.values.rules import ParticipantRole
from adjudication.handlers import COMMAND_HANDLERS
from shared.calendar import SHANGHAI
from shared.messagebus import MessageBus
from shared.testing.clock import FakeClock as SharedFakeClock

D = dt.date


class FakeClock(SharedFakeClock):
    def at(self, day: dt.date, hour: int = 10, minute: int = 0) -> FakeClock:
        self.now = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=SHANGHAI)
        return self


def bus_at(flow: Any, clock: FakeClock) -> MessageBus[Any]:
    container = flow.service.container
    return MessageBus(container.uow_factory, COMMAND_HANDLERS, {"clock": clock, "rules": container.rules})


async def state(flow: Any, case_id: uuid.UUID) -> str:
    return str((await flow.staff.get(f"/v1/cases/{case_id}")).json()["state"])


async def test_the_docketing_deadline_after_national_day_fires_at_its_legal_end(flow: Any) -> None:
    clock = FakeClock(dt.datetime.now(dt.UTC))
    received = dt.datetime.combine(D(2026, 9, 29), dt.time(15), tzinfo=SHANGHAI)
    case_id = await flow.open(received_at=received)
    # Tue 29 Sep + 5 WD: Wed 30 Sep; 1-7 Oct off; Thu 8, Fri 9, Sat 10 (make-up), Mon 12 Oct.
    await flow.fire_due_timers(clock.at(D(2026, 10, 12), 23, 59))
    events = [e["event"] for e in (await flow.staff.get(f"/v1/cases/{case_id}/timeline")).json()["entries"]]
    assert "DeadlineMissed" not in events and "DeadlineDueSoon" in events

    await flow.fire_due_timers(clock.at(D(2026, 10, 13), 0, 1))
    events = [e["event"] for e in (await flow.staff.get(f"/v1/cases/{case_id}/timeline")).json()["entries"]]
    assert events[-1] == "DeadlineMissed"


async def test_litigation_windows_across_the_spring_festival_end_together_on_the_24th(flow: Any) -> None:
    clock = FakeClock(dt.datetime.now(dt.UTC))
    bus = bus_at(flow, clock)
    case_id = await flow.open(received_at=dt.datetime.combine(D(2025, 12, 1), dt.time(10), tzinfo=SHANGHAI))
    clock.at(D(2025, 12, 3))
    await bus.handle(
        DocketCase(
            case_id=case_id,
            by="staff-1",
            approved_by="处长",
            checklist=AcceptanceChecklist(
                requester_entitled=True, respondent_identified=True, claims_specific=True, patent_valid=True
            ),
            jurisdiction=Jurisdiction(basis=JurisdictionBasis.RESPONDENT_DOMICILE),
        )
    )
    clock.at(D(2025, 12, 5))
    await bus.handle(
        ServeRequestCopy(
            case_id=case_id,
            by="staff-1",
            party_id="respondent-1",
            method=ServiceMethod.POST,
            served_on=D(2025, 12, 5),
        )
    )
    clock.at(D(2025, 12, 15))
    await bus.handle(
        RecordAnswer(
            case_id=case_id,
            by="staff-1",
            party_id="respondent-1",
            received_on=D(2025, 12, 15),
            summary="答辩",
        )
    )
    clock.at(D(2025, 12, 16))
    await bus.handle(  # a decision needs its panel
        AssignParticipant(
            case_id=case_id, by="staff-1", person_id="judge-1", name="审理员", role=ParticipantRole.HANDLER
        )
    )
    clock.at(D(2026, 1, 30))
    await bus.handle(
        DecideCase(
            case_id=case_id,
            by="judge-1",
            draft=DecisionDraft(
                outcome=Outcome.INFRINGEMENT_ESTABLISHED,
                requester_statement="称",
                respondent_statement="辩",
                findings="查明",
                reasons="认为",
                legal_provisions=(),
                stop_order=StopOrder(acts=(InfringingAct.SELL,), products=("X1",)),
                approved_by="局长",
            ),
        )
    )
    for party, day in (("requester", D(2026, 2, 2)), ("respondent-1", D(2026, 2, 9))):
        clock.at(day)
        await bus.handle(
            ServeDecision(
                case_id=case_id, by="staff-1", party_id=party, method=ServiceMethod.IN_PERSON, served_on=day
            )
        )

    # 2 Feb + 15 = Tue 17 Feb and 9 Feb + 15 = Tue 24 Feb: the first rolls out of the break to 24 Feb too.
    deadlines = {d["key"]: d["due"] for d in (await flow.staff.get(f"/v1/cases/{case_id}/deadlines")).json()}
    assert (deadlines["litigation.requester"], deadlines["litigation.respondent-1"]) == (
        "2026-02-24",
        "2026-02-24",
    )
    await flow.fire_due_timers(clock.at(D(2026, 2, 24), 23, 59))
    assert await state(flow, case_id) == "LITIGATION_WINDOW"
    await flow.fire_due_timers(clock.at(D(2026, 2, 25), 0, 1))
    assert await state(flow, case_id) == "EFFECTIVE"
    assert (await flow.staff.get(f"/v1/cases/{case_id}")).json()["effective_on"] == "2026-02-25"
