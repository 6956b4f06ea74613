"""The joint application for judicial confirmation, as the contract the court receives."""

from __future__ import annotations

import uuid

from mediation.domain.agreement import Agreement
from mediation.domain.case import MediationCase
from mediation.domain.confirmation import ConfirmationApplication
from mediation.domain.deadlines import CONFIRMATION_WINDOW
from mediation.domain.errors import present
from mediation.domain.law import CPL, INTERP
from mediation.publishing.values import due, envelope, party_details
from shared.contracts.base import EventData, LegalBasis
from shared.contracts.mediation import (
    ConfirmationRequestedV1,
    JointApplicant,
    MaterialItem,
    MaterialStatus,
)
from shared.domain.events import DomainEvent


def filed(case: MediationCase, event: DomainEvent) -> list[EventData]:
    application_id = uuid.UUID(event.details["application_id"])
    application = next(a for a in case.applications if a.id == application_id)
    agreement = present(case.effective_agreement, "the effective agreement of a filed application")
    return [_confirmation_requested(case, application, agreement)]


def _confirmation_requested(
    case: MediationCase, application: ConfirmationApplication, agreement: Agreement
) -> ConfirmationRequestedV1:
    effective_at = present(agreement.effective_at, "the effective time of an effective agreement")
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
        agreement_effective_at=effective_at,
        confirmation_deadline=due(case, CONFIRMATION_WINDOW),
        court_assignment_id=case.court.assignment_id if case.court else None,
        warnings=application.warnings,
        filed_at=application.filed_at,
        legal_basis=(
            LegalBasis(instrument=CPL, article="205"),
            LegalBasis(instrument=INTERP, article="351-354"),
        ),
        **envelope(case),
    )
