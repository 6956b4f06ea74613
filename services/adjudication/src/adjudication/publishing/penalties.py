"""What a penalty case publishes: every transition, the decision, deadline alerts.

The decision goes out as ``adjudication.penalty_decided`` (every law: law, severity, subject) and, for
a counterfeit patent, also as ``adjudication.counterfeit_penalty_decided`` for consumers that have not
moved to the new contract (customs' targeting feed).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from adjudication.domain.events import DeadlineEvent, PenaltyEvent
from adjudication.domain.penalty.aggregate import PenaltyCase
from adjudication.domain.penalty.laws import InvestigationMeasure, PenaltyLaw
from adjudication.domain.penalty.states import PENALTY_TRANSITIONS
from adjudication.domain.penalty.values import CaseSource, PoliceTransfer
from adjudication.publishing.values import alert, legal_basis, subject, transitioned
from shared.contracts import EventData, IpRef
from shared.contracts.adjudication import (
    CaseKind,
    CaseOpenedV1,
    CaseTransferredToPoliceV1,
    CounterfeitPenaltyDecidedV1,
    EvidenceItem,
    PenaltyDecidedV1,
)
from shared.contracts.adjudication import PenaltyLaw as ContractLaw
from shared.contracts.adjudication import PenaltySeverity as ContractSeverity
from shared.contracts.common import Label, MoneyAmount
from shared.domain.events import DomainEvent
from shared.steps import Publisher

E = PenaltyEvent
# Facts kept on the case record only.
INTERNAL = frozenset(
    {
        E.HEARING_WAIVED,
        E.DECISION_SERVED,
        E.APPROVAL_REQUESTED,
        E.MEASURE_TAKEN,
        DeadlineEvent.PERIOD_LAPSED,
    }
)


def penalty_publisher() -> Publisher[PenaltyCase]:
    alerts = {DeadlineEvent.DUE_SOON, DeadlineEvent.MISSED}
    names: set[str] = {row.event for row in PENALTY_TRANSITIONS} | alerts | {E.CASE_FILED}
    return Publisher(dict.fromkeys(names, penalty_contracts), internal=INTERNAL)


def penalty_contracts(case: PenaltyCase, event: DomainEvent) -> list[EventData]:
    published: list[EventData] = []
    kind = CaseKind.COUNTERFEIT_PENALTY  # the penalty case type; v1's enum cannot grow (law: penalty_decided)
    if event.is_transition:
        published.append(transitioned(case.id, kind, case.case_no, event))
    if event.name == E.CASE_FILED and case.source is CaseSource.COMPLAINT and case.source_ref:
        # intake follows its complaint to the case it became (only complaint-filed cases have one)
        published.append(
            CaseOpenedV1(
                case_id=case.id,
                case_no=case.case_no,
                complaint_id=uuid.UUID(case.source_ref),
                state=case.state.value,
                state_label=Label.of(case.state),
                opened_at=case.filed_at,
            )
        )
    if event.name == E.DECIDED:
        published.extend(_decided(case))
    if event.name == E.TRANSFERRED_TO_POLICE and case.transfer is not None:
        published.append(_transferred(case, case.transfer))
    if event.name in (DeadlineEvent.DUE_SOON, DeadlineEvent.MISSED):
        published.append(alert(case.id, kind, case.case_no, event, ()))
    extra = legal_basis(event.basis)
    subject_ids = tuple(c for c in (case.subject.credit_code,) if c)
    right = case.right_ref
    ip_refs = (IpRef(type=case.rule.right_type, reg_no=right),) if right else ()
    return [
        d.model_copy(update={"legal_basis": extra, "subject_ids": subject_ids, "ip_refs": ip_refs})
        for d in published
    ]


def _decided(case: PenaltyCase) -> Iterable[EventData]:
    decision = case.decision
    if decision is None:
        return
    yield PenaltyDecidedV1(
        case_id=case.id,
        case_no=case.case_no,
        decision_no=decision.decision_no,
        law=ContractLaw(case.law.value),
        severity=ContractSeverity(decision.severity.value),
        subject=subject(case.subject),
        right_number=case.right_ref,
        fine=MoneyAmount(amount=decision.fine) if decision.fine else None,
        illegal_gains_confiscated=(
            MoneyAmount(amount=decision.gains_confiscated) if decision.gains_confiscated else None
        ),
        goods_confiscated=decision.goods_confiscated,
        aggravated=decision.aggravated,
        repeat_of=decision.repeat_of,
        products=case.products,
        marks=case.marks,
        decided_on=decision.decided_on,
        publication_due=decision.publication_due,
    )
    if case.law is not PenaltyLaw.COUNTERFEIT_PATENT:
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


def _transferred(case: PenaltyCase, transfer: PoliceTransfer) -> CaseTransferredToPoliceV1:
    """§H.1 ``case.transferred_to_police``: the clue and the evidence index for police and procuratorate."""
    return CaseTransferredToPoliceV1(
        case_id=case.id,
        case_no=case.case_no,
        law=ContractLaw(case.law.value),
        subject=subject(case.subject),
        clue=transfer.clue,
        thresholds_met=transfer.thresholds_met,
        evidence_index=tuple(
            EvidenceItem(
                item_id=f"{m.measure_id}-{item.item_id}",
                description=f"{item.description}（{item.quantity}）" if item.quantity else item.description,
                sha256=item.sha256,
                sealed=m.measure is InvestigationMeasure.SEALING_SEIZING,
            )
            for m in case.measures
            for item in m.inventory
        ),
        transferred_on=transfer.transferred_on,
    )
