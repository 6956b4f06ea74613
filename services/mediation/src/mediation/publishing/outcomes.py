"""How a mediation opens and ends, as contracts: opened, concluded, agreement signed, result for the court."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from mediation.domain.agreement import Agreement
from mediation.domain.case import MediationCase
from mediation.domain.deadlines import CONFIRMATION_WINDOW
from mediation.domain.errors import present
from mediation.domain.kinds import MediationKind as DomainKind
from mediation.domain.law import CPL, ONLINE_RULES, PEOPLES_MEDIATION_LAW, SI_MEDIATION
from mediation.domain.states import MediationState
from mediation.publishing.values import envelope, money, party_details
from shared.contracts.base import EventData, LegalBasis
from shared.contracts.common import Label, MoneyAmount
from shared.contracts.mediation import (
    AgreementSignedV1,
    AssignedCaseResultReportedV1,
    GoodsCovered,
    InstalmentTerms,
    MediationCaseOpenedV1,
    MediationConcludedV1,
    MediationKind,
    MediationResult,
    Origin,
)
from shared.domain.events import DomainEvent


def opened(case: MediationCase, event: DomainEvent) -> list[EventData]:
    return [
        MediationCaseOpenedV1(
            case_id=case.id,
            case_no=case.case_no,
            complaint_id=case.complaint_id,
            state=(state := event.to_state or case.state.value),
            state_label=Label.of(MediationState(state)),
            opened_at=case.opened_at,
            kind=MediationKind(case.kind.value),
            origin=Origin(case.origin.value),
            origin_id=case.origin_id,
            **envelope(case),
        )
    ]


def concluded(result: MediationResult) -> Callable[[MediationCase, DomainEvent], list[EventData]]:
    def build(case: MediationCase, event: DomainEvent) -> list[EventData]:
        agreement = case.effective_agreement if result is MediationResult.AGREEMENT else None
        ground = (
            case.termination.ground if case.termination and result is not MediationResult.AGREEMENT else None
        )
        concluded: list[EventData] = [
            MediationConcludedV1(
                case_id=case.id,
                case_no=case.case_no,
                origin=Origin(case.origin.value),
                origin_id=case.origin_id,
                result=result,
                result_label=Label.of(result),
                agreement_id=agreement.id if agreement else None,
                agreed_amount=money(agreement.content.amount, agreement.content.currency)
                if agreement
                else None,
                summary=_summary(agreement) if agreement else _reason(event),
                concluded_at=event.at,
                termination_ground=ground,
                **envelope(case),
            )
        ]
        if agreement is not None:
            concluded.append(_agreement_signed(case, agreement))
        if case.court is not None:
            concluded.append(_court_result(case, result, agreement, event.at, ground))
        return concluded

    return build


def _summary(agreement: Agreement) -> str:
    return "；".join(t.text for t in agreement.content.terms)


def _reason(event: DomainEvent) -> str | None:
    reason = event.details.get("reason") or event.details.get("explanation")
    return str(reason) if reason else None


def _agreement_signed(case: MediationCase, agreement: Agreement) -> AgreementSignedV1:
    effective_at = present(agreement.effective_at, "the effective time of an effective agreement")
    names = {p.id: p.name for p in case.parties}
    mediator = case.mediator
    content = agreement.content
    return AgreementSignedV1(
        case_id=case.id,
        case_no=case.case_no,
        agreement_id=agreement.id,
        agreement_no=agreement.number,
        kind=MediationKind(case.kind.value),
        origin=Origin(case.origin.value),
        origin_id=case.origin_id,
        court_assignment_id=case.court.assignment_id if case.court else None,
        organisation=mediator.organisation_name if mediator else "",
        mediator=mediator.mediator_name if mediator else "",
        parties=tuple(party_details(p) for p in case.parties),
        facts=content.facts,
        terms=tuple(t.text for t in content.terms),
        amount=money(content.amount, content.currency),
        instalments=tuple(
            InstalmentTerms(
                number=i.number,
                amount=MoneyAmount(amount=i.amount, currency=content.currency),
                due_on=i.due_on,
                payer=names[i.payer_id],
                payee=names[i.payee_id],
            )
            for i in content.instalments
        ),
        stop_undertaking=content.stop_undertaking,
        performance_manner=content.performance_manner,
        performance_deadline=content.last_performance_day,
        effective_at=effective_at,
        confirmation_deadline=(
            None if case.kind is DomainKind.COURT_ENTRUSTED else case.due(CONFIRMATION_WINDOW)
        ),
        confirmation_eligible=agreement.eligibility.eligible,
        ineligibility_reasons=tuple(f"{f.reason} ({f.basis})" for f in agreement.eligibility.blocking),
        goods_covered=tuple(
            GoodsCovered(
                description=g.description,
                quantity=g.quantity,
                hs_code=g.hs_code,
                customs_ref=g.customs_ref,
                port_code=g.port_code,
            )
            for g in content.goods_covered
        ),
        legal_basis=(
            LegalBasis(instrument=CPL, article="205"),
            LegalBasis(instrument=PEOPLES_MEDIATION_LAW, article="29, 33"),
        ),
        **envelope(case),
    )


def _court_result(
    case: MediationCase,
    result: MediationResult,
    agreement: Agreement | None,
    at: dt.datetime,
    ground: str | None,
) -> AssignedCaseResultReportedV1:
    court = present(case.court, "the court of a court-assigned case")
    return AssignedCaseResultReportedV1(
        assignment_id=court.assignment_id,
        court_code=court.court_code,
        court_case_no=court.court_case_no,
        case_id=case.id,
        case_no=case.case_no,
        result=result,
        termination_ground=ground,
        agreement_id=agreement.id if agreement else None,
        agreement_no=agreement.number if agreement else None,
        agreement_terms=tuple(t.text for t in agreement.content.terms) if agreement else (),
        agreed_amount=money(agreement.content.amount, agreement.content.currency) if agreement else None,
        agreement_doc=f"/v1/cases/{case.id}/agreement/document.pdf" if agreement else None,
        mediation_started_at=case.started_at,
        extension_days=case.extension_days,
        reported_at=at,
        legal_basis=(
            LegalBasis(instrument=SI_MEDIATION, article="20, 21"),
            LegalBasis(instrument=ONLINE_RULES, article="25"),
        ),
        **envelope(case),
    )


def terminated(case: MediationCase, event: DomainEvent) -> list[EventData]:
    withdrawn = event.to_state == MediationState.WITHDRAWN
    return concluded(MediationResult.WITHDRAWN if withdrawn else MediationResult.FAILED)(case, event)
