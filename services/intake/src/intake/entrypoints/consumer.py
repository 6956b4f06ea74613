"""Intake's event subscriptions: downstream outcomes close the loop on the complaint's status.

Module-level handlers plus the declared :data:`SUBSCRIPTIONS`; the bootstrap binds the bus into
them (``shared.messaging.consumer.bind``). Only ids and outcomes are read; intake never calls other
services' databases.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from intake.domain.commands import NoteCaseConcluded, NoteCaseMoved, NoteCaseOpened
from intake.unit_of_work import IntakeUnitOfWork
from shared.catalogue import Text, term
from shared.contracts import CloudEvent
from shared.contracts.adjudication import CaseOpenedV1, CaseTransitionedV1, DecisionEffectiveV1
from shared.contracts.common import Label
from shared.contracts.mediation import MediationCaseOpenedV1, MediationConcludedV1, Origin
from shared.messagebus import MessageBus
from shared.messaging.consumer import Subscription

Bus = MessageBus[IntakeUnitOfWork]


async def on_adjudication_opened(
    data: CaseOpenedV1, event: CloudEvent, uow: IntakeUnitOfWork, *, bus: Bus
) -> None:
    opened = NoteCaseOpened(
        complaint_id=data.complaint_id,
        service="adjudication",
        case_id=data.case_id,
        case_no=data.case_no,
        state=data.state,
        at=data.opened_at,
        state_text=_text(data.state_label),
    )
    await bus.handle(opened, uow=uow)


async def on_mediation_opened(
    data: MediationCaseOpenedV1, event: CloudEvent, uow: IntakeUnitOfWork, *, bus: Bus
) -> None:
    if data.complaint_id is None:
        return  # opened from a court assignment or an adjudication case, not from intake
    opened = NoteCaseOpened(
        complaint_id=data.complaint_id,
        service="mediation",
        case_id=data.case_id,
        case_no=data.case_no,
        state=data.state,
        at=data.opened_at,
        state_text=_text(data.state_label),
    )
    await bus.handle(opened, uow=uow)


async def on_decision_effective(
    data: DecisionEffectiveV1, event: CloudEvent, uow: IntakeUnitOfWork, *, bus: Bus
) -> None:
    concluded = NoteCaseConcluded(
        service="adjudication",
        case_id=data.case_id,
        case_no=data.case_no,
        result=f"decision {data.decision_no} effective: {data.outcome.value}",
        at=event.time,
        result_text=_named(
            data.outcome_label or term(data.outcome),
            lambda zh: f"决定 {data.decision_no} 已生效：{zh}",
            lambda en: f"decision {data.decision_no} effective: {en}",
        ),
    )
    await bus.handle(concluded, uow=uow)


async def on_adjudication_transitioned(
    data: CaseTransitionedV1, event: CloudEvent, uow: IntakeUnitOfWork, *, bus: Bus
) -> None:
    moved = NoteCaseMoved(case_id=data.case_id, state=data.to_state, at=data.occurred_at)
    await bus.handle(moved, uow=uow)


async def on_mediation_concluded(
    data: MediationConcludedV1, event: CloudEvent, uow: IntakeUnitOfWork, *, bus: Bus
) -> None:
    if data.origin is not Origin.COMPLAINT:
        return
    concluded = NoteCaseConcluded(
        service="mediation",
        case_id=data.case_id,
        case_no=data.case_no,
        result=f"mediation {data.result.value}",
        at=data.concluded_at,
        complaint_id=_uuid_or_none(data.origin_id),
        result_text=_named(
            data.result_label or term(data.result), lambda zh: f"调解结果：{zh}", lambda en: f"mediation {en}"
        ),
    )
    await bus.handle(concluded, uow=uow)


def _text(named: Label | None) -> Text | None:
    """The names an event gave an identifier of its producer (events before issue 17 carry none)."""
    return None if named is None else Text(named.zh, named.en)


def _named(named: Label | Text, zh: Callable[[str], str], en: Callable[[str], str]) -> Text:
    return Text(zh(named.zh), en(named.en))


SUBSCRIPTIONS: list[Subscription[Any, IntakeUnitOfWork]] = [
    Subscription(CaseOpenedV1, on_adjudication_opened),
    Subscription(MediationCaseOpenedV1, on_mediation_opened),
    Subscription(DecisionEffectiveV1, on_decision_effective),
    Subscription(CaseTransitionedV1, on_adjudication_transitioned),
    Subscription(MediationConcludedV1, on_mediation_concluded),
]


def _uuid_or_none(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None
