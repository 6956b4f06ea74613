"""Building blocks of the published events: parties, rights, legal basis, transitions, alerts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from adjudication.domain.events import DeadlineEvent
from adjudication.domain.values.parties import PartyRecord, PatentRight
from shared.contracts import EventData, LegalBasis
from shared.contracts.adjudication import (
    AlertLevel,
    CaseKind,
    CaseTransitionedV1,
    DeadlineAlertV1,
)
from shared.contracts.common import PartyDetails, PartyRef, RightRef, SubjectRef
from shared.domain.events import DomainEvent
from shared.domain.legal import Citation


def transitioned(case_id: Any, kind: CaseKind, case_no: str, event: DomainEvent) -> CaseTransitionedV1:
    return CaseTransitionedV1(
        case_id=case_id,
        case_kind=kind,
        case_no=case_no,
        transition=event.transition or "",
        event=str(event.name),
        from_state=event.from_state or "",
        to_state=event.to_state or "",
        actor_kind=str(event.actor.kind),
        actor_id=event.actor.id,
        occurred_at=event.at,
    )


def alert(
    case_id: Any, kind: CaseKind, case_no: str, event: DomainEvent, assignees: tuple[str, ...]
) -> EventData:
    due = event.details.get("due_on")
    return DeadlineAlertV1(
        case_id=case_id,
        case_kind=kind,
        case_no=case_no,
        deadline=event.details["deadline"],
        period=event.details["period"],
        level=AlertLevel.DUE_SOON if event.name == DeadlineEvent.DUE_SOON else AlertLevel.OVERDUE,
        due_on=dt.date.fromisoformat(due) if due else event.at.date(),
        assignees=assignees,
    )


def legal_basis(citations: tuple[Citation, ...]) -> tuple[LegalBasis, ...]:
    return tuple(LegalBasis(instrument=c.instrument, article=c.article) for c in citations)


def rights(rights: tuple[PatentRight, ...]) -> tuple[RightRef, ...]:
    return tuple(
        RightRef(
            ip_type=r.ip_type,
            number=r.number,
            title=r.title,
            holder=r.holder,
            status=r.status,
            valid_until=r.valid_until,
            evaluation_report=r.evaluation_report,
        )
        for r in rights
    )


def party_ref(party: PartyRecord) -> PartyRef:
    return PartyRef(kind=party.kind, name=party.name, credit_code=party.credit_code)


def party_details(party: PartyRecord) -> PartyDetails:
    return PartyDetails.of(party)


def subject(party: PartyRecord) -> SubjectRef:
    return SubjectRef(credit_code=party.credit_code, id_number_masked=party.id_number_masked, name=party.name)
