"""What a counterfeit-patent penalty case publishes: every transition, the decision, deadline alerts."""

from __future__ import annotations

from collections.abc import Iterable

from adjudication.domain.events import DeadlineEvent, PenaltyEvent
from adjudication.domain.penalty.aggregate import PenaltyCase
from adjudication.domain.penalty.states import PENALTY_TRANSITIONS
from adjudication.publishing.values import alert, legal_basis, subject, transitioned
from shared.contracts import EventData, IpRef
from shared.contracts.adjudication import CaseKind, CounterfeitPenaltyDecidedV1
from shared.contracts.common import MoneyAmount
from shared.domain.events import DomainEvent
from shared.steps import Publisher

E = PenaltyEvent
# Facts kept on the case record only.
INTERNAL = frozenset(
    {E.CASE_FILED, E.HEARING_WAIVED, E.DECISION_SERVED, E.APPROVAL_REQUESTED, DeadlineEvent.PERIOD_LAPSED}
)


def penalty_publisher() -> Publisher[PenaltyCase]:
    alerts = {DeadlineEvent.DUE_SOON, DeadlineEvent.MISSED}
    names: set[str] = {row.event for row in PENALTY_TRANSITIONS} | alerts
    return Publisher(dict.fromkeys(names, penalty_contracts), internal=INTERNAL)


def penalty_contracts(case: PenaltyCase, event: DomainEvent) -> list[EventData]:
    published: list[EventData] = []
    if event.is_transition:
        published.append(transitioned(case.id, CaseKind.COUNTERFEIT_PENALTY, case.case_no, event))
    if event.name == E.DECIDED:
        published.extend(_decided(case))
    if event.name in (DeadlineEvent.DUE_SOON, DeadlineEvent.MISSED):
        published.append(alert(case.id, CaseKind.COUNTERFEIT_PENALTY, case.case_no, event, ()))
    extra = legal_basis(event.basis)
    subject_ids = tuple(c for c in (case.subject.credit_code,) if c)
    ip_refs = (IpRef(type="patent", reg_no=case.patent_number),) if case.patent_number else ()
    return [
        d.model_copy(update={"legal_basis": extra, "subject_ids": subject_ids, "ip_refs": ip_refs})
        for d in published
    ]


def _decided(case: PenaltyCase) -> Iterable[EventData]:
    decision = case.decision
    if decision is None:
        return
    yield CounterfeitPenaltyDecidedV1(
        case_id=case.id,
        case_no=case.case_no,
        decision_no=decision.decision_no,
        subject=subject(case.subject),
        fine=MoneyAmount(amount=decision.fine),
        illegal_gains_confiscated=(
            MoneyAmount(amount=decision.gains_confiscated) if decision.gains_confiscated else None
        ),
        products=case.products,
        marks=case.marks,
        decided_on=decision.decided_on,
        publication_due=decision.publication_due,
    )
