"""Performance of the agreement, as contracts: an instalment in default (for credit), enforcement applied."""

from __future__ import annotations

import uuid

from mediation.domain.case import MediationCase
from mediation.domain.deadlines import ENFORCEMENT_PERIOD
from mediation.domain.errors import present
from mediation.domain.law import CPL, INTERP
from mediation.domain.states import COURT_CONFIRMED
from mediation.publishing.values import due, envelope, money, party_details
from shared.contracts.base import EventData, LegalBasis
from shared.contracts.common import MoneyAmount, SubjectRef
from shared.contracts.mediation import EnforcementAppliedV1, PerformanceDefaultedV1, UnperformedObligation
from shared.domain.events import DomainEvent


def defaulted(case: MediationCase, event: DomainEvent) -> list[EventData]:
    agreement_id = uuid.UUID(event.details["agreement_id"])
    agreement = next(a for a in case.agreements if a.id == agreement_id)
    instalment = present(agreement.instalment(int(event.details["number"])), "the defaulted instalment")
    debtor = case.party(instalment.payer_id)
    ruling = case.application
    confirmed = case.state in COURT_CONFIRMED
    return [
        PerformanceDefaultedV1(
            case_id=case.id,
            case_no=case.case_no,
            agreement_id=agreement.id,
            subject=SubjectRef(
                credit_code=debtor.credit_code, id_number_masked=debtor.id_number_masked, name=debtor.name
            ),
            obligation=f"instalment {instalment.number} of {len(agreement.content.instalments)}",
            amount=MoneyAmount(amount=instalment.amount, currency=agreement.content.currency),
            due_on=instalment.due_on,
            confirmed_by_court=confirmed,
            court_ruling_no=ruling.ruling_no if confirmed and ruling else None,
            found_on=event.at.date(),
            legal_basis=(LegalBasis(instrument=CPL, article="206"),) if confirmed else (),
            **envelope(case),
        )
    ]


def enforcement(case: MediationCase, event: DomainEvent) -> list[EventData]:
    enforcement = present(case.enforcement, "the enforcement application")
    agreement = present(case.effective_agreement, "the confirmed agreement")
    ruling = present(case.application, "the ruling application")
    ruled_at = present(ruling.ruled_at, "the time of the ruling")
    owed = [i for i in agreement.content.instalments if i.number in enforcement.instalment_numbers]
    unperformed = [
        UnperformedObligation(
            description=f"instalment {i.number} of {len(agreement.content.instalments)}",
            amount=MoneyAmount(amount=i.amount, currency=agreement.content.currency),
            due_on=i.due_on,
        )
        for i in owed
    ] or [
        UnperformedObligation(
            description=_breach(event),
            due_on=agreement.content.last_performance_day or event.at.date(),
        )
    ]
    return [
        EnforcementAppliedV1(
            enforcement_id=enforcement.id,
            case_id=case.id,
            case_no=case.case_no,
            agreement_id=agreement.id,
            agreement_no=agreement.number,
            court_code=enforcement.court_code,
            court_name=enforcement.court_name,
            ruling_court_code=ruling.court_code,
            confirmation_ruling_no=ruling.ruling_no or "",
            confirmation_docket_no=ruling.docket_no,
            ruled_at=ruled_at,
            applicant=party_details(case.party(enforcement.applicant_id)),
            respondent=party_details(case.party(enforcement.respondent_id)),
            unperformed=tuple(unperformed),
            outstanding_amount=money(enforcement.outstanding, agreement.content.currency),
            application_deadline=due(case, ENFORCEMENT_PERIOD),
            applied_at=enforcement.applied_at,
            legal_basis=(
                LegalBasis(instrument=CPL, article="206"),
                LegalBasis(instrument=CPL, article="250"),
                LegalBasis(instrument=INTERP, article="460"),
            ),
            **envelope(case),
        )
    ]


def _breach(event: DomainEvent) -> str:
    return str(event.details.get("breached_obligation") or "non-performance of the agreement")
