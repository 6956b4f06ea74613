"""What a counterfeit-patent penalty case publishes."""

from __future__ import annotations

from adjudication.domain.penalty_case import PenaltyCase
from adjudication.domain.records import CaseEvent
from adjudication.publishing.values import (
    alert,
    legal_basis,
    subject,
    transitioned,
)
from shared.contracts import EventData, IpRef
from shared.contracts.adjudication import (
    CaseKind,
    CounterfeitPenaltyDecidedV1,
)
from shared.contracts.common import MoneyAmount


def penalty_contracts(case: PenaltyCase, event: CaseEvent) -> list[EventData]:
    published: list[EventData] = []
    if event.is_transition:
        published.append(transitioned(case.id, CaseKind.COUNTERFEIT_PENALTY, case.case_no, event))
    if event.name == "PenaltyDecided" and case.decision is not None:
        decision = case.decision
        published.append(
            CounterfeitPenaltyDecidedV1(
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
        )
    if event.name in ("DeadlineDueSoon", "DeadlineMissed"):
        published.append(alert(case.id, CaseKind.COUNTERFEIT_PENALTY, case.case_no, event, ()))
    extra = legal_basis(event.basis)
    subject_ids = tuple(c for c in (case.subject.credit_code,) if c)
    ip_refs = (IpRef(type="patent", reg_no=case.patent_number),) if case.patent_number else ()
    return [
        d.model_copy(update={"legal_basis": extra, "subject_ids": subject_ids, "ip_refs": ip_refs})
        for d in published
    ]
