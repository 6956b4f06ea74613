"""Domain events -> contracts: which events on ``mediation.case`` each case event produces.

One ``shared.steps.Publisher`` for the case aggregate (:data:`CASES`): every ``EventName`` is either
mapped to the contracts it becomes (``shared.contracts.mediation``) or declared internal, so a new
or renamed event cannot silently go unpublished.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Final

from mediation.domain.agreement import Agreement
from mediation.domain.case import MediationCase
from mediation.domain.confirmation import ConfirmationApplication
from mediation.domain.deadlines import CONFIRMATION_WINDOW, ENFORCEMENT_PERIOD
from mediation.domain.events import EventName as E
from mediation.domain.kinds import MediationKind as DomainKind
from mediation.domain.law import CPL, INTERP, ONLINE_RULES, PEOPLES_MEDIATION_LAW, SI_MEDIATION
from mediation.domain.parties import CaseParty
from mediation.domain.states import COURT_CONFIRMED, MediationState
from shared.contracts.base import EventData, IpRef, LegalBasis
from shared.contracts.common import MoneyAmount, PartyDetails, SubjectRef
from shared.contracts.mediation import (
    AgreementSignedV1,
    AssignedCaseResultReportedV1,
    ConfirmationRequestedV1,
    EnforcementAppliedV1,
    InstalmentTerms,
    JointApplicant,
    MaterialItem,
    MaterialStatus,
    MediationCaseOpenedV1,
    MediationConcludedV1,
    MediationKind,
    MediationResult,
    Origin,
    PerformanceDefaultedV1,
    UnperformedObligation,
)
from shared.domain.events import DomainEvent
from shared.steps import Publisher


def party_details(party: CaseParty) -> PartyDetails:
    return PartyDetails(
        kind=party.kind,
        name=party.name,
        credit_code=party.credit_code,
        party_id=party.id,
        id_number_masked=party.id_number_masked,
        legal_representative=party.legal_representative,
        address=party.address,
        region_code=party.region_code,
        phone=party.phone,
        email=party.email,
    )


def money(amount: Decimal | None, currency: str = "CNY") -> MoneyAmount | None:
    return MoneyAmount(amount=amount, currency=currency) if amount is not None else None


def _envelope(case: MediationCase) -> dict[str, Any]:
    """§H envelope fields every event carries: subjects and IP references."""
    return {
        "subject_ids": tuple(
            p.credit_code or p.id_number_masked for p in case.parties if p.credit_code or p.id_number_masked
        ),
        "ip_refs": tuple(IpRef(type=case.ip_type.value, reg_no=n) for n in case.right_numbers),
    }


def _opened(case: MediationCase, event: DomainEvent) -> list[EventData]:
    return [
        MediationCaseOpenedV1(
            case_id=case.id,
            case_no=case.case_no,
            complaint_id=case.complaint_id,
            state=event.to_state or case.state.value,
            opened_at=case.opened_at,
            kind=MediationKind(case.kind.value),
            origin=Origin(case.origin.value),
            origin_id=case.origin_id,
            **_envelope(case),
        )
    ]


def _concluded(result: MediationResult) -> Callable[[MediationCase, DomainEvent], list[EventData]]:
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
                agreement_id=agreement.id if agreement else None,
                agreed_amount=money(agreement.content.amount, agreement.content.currency)
                if agreement
                else None,
                summary=_summary(agreement) if agreement else _reason(event),
                concluded_at=event.at,
                termination_ground=ground,
                **_envelope(case),
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
    assert agreement.effective_at is not None
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
        effective_at=agreement.effective_at,
        confirmation_deadline=(
            None if case.kind is DomainKind.COURT_ENTRUSTED else case.due(CONFIRMATION_WINDOW)
        ),
        confirmation_eligible=agreement.eligibility.eligible,
        ineligibility_reasons=tuple(f"{f.reason} ({f.basis})" for f in agreement.eligibility.blocking),
        legal_basis=(
            LegalBasis(instrument=CPL, article="205"),
            LegalBasis(instrument=PEOPLES_MEDIATION_LAW, article="29, 33"),
        ),
        **_envelope(case),
    )


def _court_result(
    case: MediationCase,
    result: MediationResult,
    agreement: Agreement | None,
    at: dt.datetime,
    ground: str | None,
) -> AssignedCaseResultReportedV1:
    assert case.court is not None
    return AssignedCaseResultReportedV1(
        assignment_id=case.court.assignment_id,
        court_code=case.court.court_code,
        court_case_no=case.court.court_case_no,
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
        **_envelope(case),
    )


def _filed(case: MediationCase, event: DomainEvent) -> list[EventData]:
    application_id = uuid.UUID(event.details["application_id"])
    application = next(a for a in case.applications if a.id == application_id)
    agreement = case.effective_agreement
    assert agreement is not None and agreement.effective_at is not None
    return [_confirmation_requested(case, application, agreement)]


def _confirmation_requested(
    case: MediationCase, application: ConfirmationApplication, agreement: Agreement
) -> ConfirmationRequestedV1:
    assert agreement.effective_at is not None
    parties = {p.id: p for p in case.parties}
    return ConfirmationRequestedV1(
        application_id=application.id,
        case_id=case.id,
        case_no=case.case_no,
        agreement_id=agreement.id,
        agreement_no=agreement.number,
        court_code=application.court_code,
        court_name=application.court_name,
        competence=application.competence,
        applicants=tuple(
            JointApplicant(
                party=party_details(parties[a.party_id]),
                signed_at=a.signed_at,
                manner=a.manner.value,
                agent=a.agent_name,
            )
            for a in application.applicants
        ),
        materials=tuple(
            MaterialItem(
                code=m.code,
                title=m.title,
                title_zh=m.title_zh,
                status=MaterialStatus(m.status.value),
                reference=m.reference,
            )
            for m in application.materials
        ),
        agreement_effective_at=agreement.effective_at,
        confirmation_deadline=_due(case, CONFIRMATION_WINDOW),
        court_assignment_id=case.court.assignment_id if case.court else None,
        warnings=application.warnings,
        filed_at=application.filed_at,
        legal_basis=(
            LegalBasis(instrument=CPL, article="205"),
            LegalBasis(instrument=INTERP, article="351-354"),
        ),
        **_envelope(case),
    )


def _defaulted(case: MediationCase, event: DomainEvent) -> list[EventData]:
    agreement_id = uuid.UUID(event.details["agreement_id"])
    agreement = next(a for a in case.agreements if a.id == agreement_id)
    instalment = agreement.instalment(int(event.details["number"]))
    assert instalment is not None
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
            **_envelope(case),
        )
    ]


def _enforcement(case: MediationCase, event: DomainEvent) -> list[EventData]:
    enforcement = case.enforcement
    agreement = case.effective_agreement
    ruling = case.application
    assert enforcement is not None and agreement is not None and ruling is not None and ruling.ruled_at
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
            ruled_at=ruling.ruled_at,
            applicant=party_details(case.party(enforcement.applicant_id)),
            respondent=party_details(case.party(enforcement.respondent_id)),
            unperformed=tuple(unperformed),
            outstanding_amount=money(enforcement.outstanding, agreement.content.currency),
            application_deadline=_due(case, ENFORCEMENT_PERIOD),
            applied_at=enforcement.applied_at,
            legal_basis=(
                LegalBasis(instrument=CPL, article="206"),
                LegalBasis(instrument=CPL, article="250"),
                LegalBasis(instrument=INTERP, article="460"),
            ),
            **_envelope(case),
        )
    ]


def _breach(event: DomainEvent) -> str:
    return str(event.details.get("breached_obligation") or "non-performance of the agreement")


def _terminated(case: MediationCase, event: DomainEvent) -> list[EventData]:
    withdrawn = event.to_state == MediationState.WITHDRAWN
    return _concluded(MediationResult.WITHDRAWN if withdrawn else MediationResult.FAILED)(case, event)


def _due(case: MediationCase, deadline: str) -> dt.date:
    due = case.due(deadline)
    assert due is not None, f"{deadline} is tracked before this event"
    return due


CASES: Final[Publisher[MediationCase]] = Publisher(
    {
        E.CASE_OPENED: _opened,
        E.AGREEMENT_TOOK_EFFECT: _concluded(MediationResult.AGREEMENT),
        E.MEDIATION_DECLINED: _concluded(MediationResult.DECLINED),
        E.COURT_ASSIGNMENT_DECLINED: _concluded(MediationResult.DECLINED),
        E.MEDIATION_EXPIRED: _concluded(MediationResult.EXPIRED),
        E.MEDIATION_TERMINATED: _terminated,
        E.CONFIRMATION_FILED: _filed,
        E.INSTALMENT_DEFAULTED: _defaulted,
        E.ENFORCEMENT_APPLIED: _enforcement,
    },
    internal=[
        E.CASE_ACCEPTED,
        E.MEDIATION_STARTED,
        E.CONFIRMATION_WINDOW_OPENED,
        E.RETURNED_TO_COURT,
        E.CONFIRMATION_RULED_VALID,
        E.CONFIRMATION_REJECTED,
        E.CONFIRMATION_WITHDRAWN,
        E.CONFIRMATION_WINDOW_LAPSED,
        E.AGREEMENT_PERFORMED,
        E.ENFORCEMENT_PERIOD_EXPIRED,
        E.CONFIRMATION_REVOKED,
        E.CONSENT_RECORDED,
        E.MEDIATOR_ASSIGNED,
        E.ASSIGNMENT_CONFIRMED,
        E.ASSIGNMENT_DECLINED,
        E.ASSIGNMENT_LAPSED,
        E.ASSIGNMENT_ENDED,
        E.PERIOD_EXTENDED,
        E.AGREEMENT_DRAFTED,
        E.AGREEMENT_SUPERSEDED,
        E.AGREEMENT_SIGNED_BY_PARTY,
        E.CONFIRMATION_ACCEPTED,
        E.INSTALMENT_PAID,
        E.OBJECTION_LODGED,
        E.OBJECTION_DECIDED,
        E.OBJECTION_WINDOW_CLOSED,
        E.DEADLINE_APPROACHING,
        E.DEADLINE_MISSED,
    ],
)
"""The case's events on ``mediation.case``: the rest stay in the case record."""
