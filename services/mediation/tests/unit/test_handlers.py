"""Handlers on the real bus over an in-memory unit of work: what each step records, publishes and arms.

Timers fire as commands through the same bus (``shared.timers.dispatch``), in the unit of work the
scheduler would give them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from mediation.domain import commands as c
from mediation.domain.agreement import SignatureManner
from mediation.domain.events import EventName as E
from mediation.domain.kinds import MediationKind
from mediation.domain.parties import ActorKind, PartyRole
from mediation.domain.states import MediationState as S
from mediation.handlers.deadlines import TIMER_COMMANDS
from mediation.handlers.opening import Opened
from mediation.publishing import CASES
from mediation.testing import (
    STAFF,
    T0,
    FakeMediationUnitOfWork,
    MediationStore,
    content,
    court_reference,
    fake_bus,
    mediator,
    organisation,
    party,
)
from shared.domain.actors import Actor
from shared.messagebus import MessageBus
from shared.timers.dispatch import timer_handlers
from shared.timers.store import DueTimer
from shared.vocabulary import IpType

COURT = Actor(ActorKind.COURT, "ZJ-HZ-XH")


def test_every_event_is_published_or_declared_internal() -> None:
    assert CASES.unaccounted(E) == set()


async def open_from_complaint(
    bus: MessageBus[FakeMediationUnitOfWork],
    *,
    complaint_id: uuid.UUID | None = None,
    kind: MediationKind = MediationKind.ADMINISTRATIVE,
    ip_type: IpType = IpType.INVENTION_PATENT,
) -> Opened:
    command = c.OpenMediationFromComplaint(
        complaint_id=complaint_id or uuid.uuid4(),
        kind=kind,
        procedure=kind.value,
        ip_type=ip_type,
        right_numbers=("ZL202310000001.5",),
        parties=(party(PartyRole.APPLICANT), party(PartyRole.RESPONDENT)),
        dispute_summary="被请求人制造侵权产品",
        both_parties_willing=True,
    )
    opened: Opened = await bus.handle(command)
    return opened


async def test_a_complaint_opens_one_case_recorded_published_and_watched() -> None:
    store = MediationStore()
    bus = fake_bus(store)
    complaint_id = uuid.uuid4()

    opened = await open_from_complaint(bus, complaint_id=complaint_id)
    again = await open_from_complaint(bus, complaint_id=complaint_id)

    case_id = opened.case.id
    assert (opened.created, again.created, again.case.id) == (True, False, case_id)
    assert store.event_names(case_id) == [E.CASE_OPENED, E.CASE_ACCEPTED]
    assert store.published_types() == ["mediation.case.opened"]
    opened_data = store.published[0][0]
    assert opened_data.model_dump()["state"] == S.REQUESTED
    # Patent-office mediation [U]: the opinion statement was answered by acceptance; docketing is watched.
    assert store.timer_names(case_id) == {"docketing"}
    assert store.timers[(str(case_id), "docketing")].kind == "mediation.deadline_monitor"
    tracked = store.cases[case_id].deadlines
    assert (tracked["opinion_statement"].status, tracked["docketing"].status) == ("met", "running")
    assert store.cases[case_id].case_no.endswith("-000001")


async def court_case(store: MediationStore) -> uuid.UUID:
    opened: Opened = await fake_bus(store).handle(
        c.OpenCourtAssignedCase(
            court=court_reference(at=T0),
            kind=MediationKind.COURT_ASSIGNED,
            ip_type=IpType.TRADEMARK,
            right_numbers=("第12345678号",),
            parties=(party(PartyRole.APPLICANT), party(PartyRole.RESPONDENT)),
            dispute_summary="销售假冒注册商标的商品",
            actor=COURT,
            principal=None,
        )
    )
    return opened.case.id


async def fire(store: MediationStore, case_id: uuid.UUID, name: str, kind: str, **payload: object) -> None:
    """The scheduler's part: the timer's handler runs in a unit of work it then commits."""
    handlers = timer_handlers(fake_bus(store), TIMER_COMMANDS)
    due = store.timers.get((str(case_id), name.removesuffix(".warning")))
    due_at = due.due_at if due and due.due_at else T0 + dt.timedelta(days=60)
    async with FakeMediationUnitOfWork(store) as uow:
        await handlers[kind](DueTimer(str(case_id), name, kind, due_at, dict(payload)), uow)
        await uow.commit()


async def test_a_courts_assignment_nobody_confirms_goes_back_declined_when_its_timer_fires() -> None:
    store = MediationStore()
    case_id = await court_case(store)
    kind = "mediation.court_assignment_confirm"
    armed = store.timers[(str(case_id), "court_assignment_confirm")]
    assert armed.kind == kind

    await fire(store, case_id, "court_assignment_confirm.warning", kind)
    await fire(store, case_id, "court_assignment_confirm", kind)

    case = store.cases[case_id]
    assert case.state is S.ASSIGNMENT_DECLINED
    approaching, declined = store.events_of(case_id)[-2:]
    assert armed.due is not None and case.due("court_assignment_confirm") == armed.due
    assert (approaching.name, approaching.details) == (
        E.DEADLINE_APPROACHING,
        {"deadline": "court_assignment_confirm", "due_on": armed.due.isoformat()},
    )
    assert (declined.name, declined.actor, declined.at) == (
        E.COURT_ASSIGNMENT_DECLINED,
        Actor(ActorKind.SYSTEM, "timer"),
        armed.due_at,
    )
    assert store.published_types()[-3:] == [
        "mediation.case.opened",
        "mediation.case.concluded",
        "mediation.assigned_case.result_reported",
    ]
    assert case.deadlines["court_assignment_confirm"].status == "lapsed"
    assert store.timer_names(case_id) == set()


async def test_a_timer_whose_case_moved_on_changes_nothing() -> None:
    store = MediationStore()
    case_id = await court_case(store)
    bus = fake_bus(store)
    await bus.handle(
        c.DeclineCourtAssignment(case_id=case_id, reason="无合适调解员", actor=STAFF, principal=None)
    )
    recorded = len(store.record)

    await fire(store, case_id, "court_assignment_confirm", "mediation.court_assignment_confirm")

    assert store.cases[case_id].state is S.ASSIGNMENT_DECLINED and len(store.record) == recorded


async def test_an_unanswered_assignment_lapses_through_the_bus() -> None:
    store = MediationStore()
    bus = fake_bus(store)
    org = organisation()
    someone = mediator(org)
    store.organisations[org.id], store.mediators[someone.id] = org, someone
    case_id = (await open_from_complaint(bus, kind=MediationKind.PEOPLE, ip_type=IpType.TRADEMARK)).case.id

    assignment = await bus.handle(
        c.AssignMediator(case_id=case_id, mediator_id=None, actor=STAFF, principal=None)
    )
    key = f"assignment.{assignment.id}"
    assert store.timers[(str(case_id), key)].payload == {"assignment_id": str(assignment.id)}
    assert assignment.respond_by == store.timers[(str(case_id), key)].due

    await fire(store, case_id, key, "mediation.assignment_answer", assignment_id=str(assignment.id))

    assert store.cases[case_id].assignments[0].status == "LAPSED"
    assert store.event_names(case_id)[-1] == E.ASSIGNMENT_LAPSED


async def test_a_missed_instalment_is_published_as_a_default_when_its_due_day_ends() -> None:
    store = MediationStore()
    bus = fake_bus(store)
    org = organisation()
    someone = mediator(org, account="mediator-li")
    store.organisations[org.id], store.mediators[someone.id] = org, someone
    case_id = (await open_from_complaint(bus, kind=MediationKind.PEOPLE, ip_type=IpType.TRADEMARK)).case.id
    assignment = await bus.handle(
        c.AssignMediator(case_id=case_id, mediator_id=someone.id, actor=STAFF, principal=None)
    )
    await bus.handle(
        c.ConfirmAssignment(case_id=case_id, assignment_id=assignment.id, actor=STAFF, principal=None)
    )
    case = store.cases[case_id]
    await bus.handle(c.DraftAgreement(case_id=case_id, content=content(case), actor=STAFF, principal=None))
    for signatory in [*(p.id for p in case.parties), None]:
        await bus.handle(
            c.SignAgreement(
                case_id=case_id,
                party_id=signatory,
                manner=SignatureManner.SEAL,
                signed_at=T0,
                actor=STAFF,
                principal=None,
            )
        )
    agreement = store.cases[case_id].effective_agreement
    assert agreement is not None and store.cases[case_id].state is S.CONFIRMATION_WINDOW
    first = f"instalment.{agreement.id}.1"
    assert {first, "confirmation_window"} <= store.timer_names(case_id)

    payload = {"agreement_id": str(agreement.id), "number": 1}
    await fire(store, case_id, first, "mediation.instalment_due", **payload)

    defaulted = store.published[-1][0].model_dump()
    assert store.published_types()[-1] == "mediation.agreement.performance_defaulted"
    assert (defaulted["obligation"], defaulted["confirmed_by_court"]) == ("instalment 1 of 2", False)
    await bus.handle(
        c.RecordPayment(
            case_id=case_id,
            number=1,
            paid_on=T0.date(),
            amount=Decimal("30000.00"),
            actor=STAFF,
            principal=None,
        )
    )
    paid = store.events_of(case_id)[-1]
    assert (paid.name, paid.details["late"], paid.details["amount"]) == (E.INSTALMENT_PAID, True, "30000.00")
