"""Adjudication's event subscriptions: contract in, command to the bus (inside the inbox transaction).

* ``intake.complaint.routed`` (destination adjudication, a patent right) opens a case.
* ``mediation.case.concluded`` whose origin is one of our cases brings it back from mediation.
* ``court.admin_suit.filed`` / ``.judged`` and ``court.enforcement.ruled`` record the court's acts
  (the same commands a court client or staff reach through the API).
* Other offices' ``adjudication.case.docketed`` and ``adjudication.decision_effective`` feed the
  first-to-accept and repeat-infringement registries; our own are recorded when they happen.

A court event counts only with the partners gateway's signature (``shared.messaging.court_gate``):
the court acting is the sender the gateway verified, as a court principal, so the object rules of
the API apply (a court records outcomes only for its own suit or enforcement application). A court
event that is not genuine, or that this service cannot apply (unknown case, another court's case, a
step the state does not allow), changes nothing and is answered with ``court_message.rejected``.
Each handler names what it needs beyond the event (the ``bus``, and ``own_source`` to tell our own
events apart); bootstrap binds them (``shared.messaging.consumer.bind``).
"""

from __future__ import annotations

import uuid
from typing import Any

import structlog

from adjudication.domain.case.parts.litigation import JudgmentResult
from adjudication.domain.case.parts.mediation import MediationResult
from adjudication.domain.case.parts.opening import is_adjudicable
from adjudication.domain.commands.acceptance import OpenCaseFromComplaint
from adjudication.domain.commands.after_decision import (
    RecordAdminSuit,
    RecordEnforcementRuling,
    RecordJudgment,
)
from adjudication.domain.commands.interruptions import ConcludeMediation
from adjudication.domain.commands.system import RecordForeignDocket, RecordForeignFinding
from adjudication.domain.errors import CaseTransitionRefused
from adjudication.domain.values.parties import identity_key
from adjudication.entrypoints.schemas.routed_complaint import filed_request, without_full_id
from adjudication.unit_of_work import AdjudicationUnitOfWork
from shared.contracts import CloudEvent
from shared.contracts.adjudication import CaseDocketedV1, DecisionEffectiveV1
from shared.contracts.common import Outcome
from shared.contracts.court import AdminSuitFiledV1, AdminSuitJudgedV1, EnforcementRuledV1
from shared.contracts.intake import ComplaintRoutedV1, Destination
from shared.contracts.mediation import MediationConcludedV1, Origin
from shared.messagebus import MessageBus
from shared.messaging.consumer import Subscription
from shared.messaging.court_gate import (
    refusing_business_errors,
    verified_court_code,
    verified_court_principal,
)

log = structlog.get_logger(__name__)
Bus = MessageBus[AdjudicationUnitOfWork]


async def on_complaint_routed(
    data: ComplaintRoutedV1, event: CloudEvent, uow: AdjudicationUnitOfWork, *, bus: Bus
) -> None:
    if data.destination is not Destination.ADJUDICATION:
        return
    if not is_adjudicable(data.ip_type):
        log.info("complaint is not a patent dispute; no case opened", complaint_id=str(data.complaint_id))
        return
    await bus.handle(OpenCaseFromComplaint(request=filed_request(data)), uow=uow)


async def on_mediation_concluded(
    data: MediationConcludedV1, event: CloudEvent, uow: AdjudicationUnitOfWork, *, bus: Bus
) -> None:
    if data.origin is not Origin.ADJUDICATION_CASE:
        return
    result = MediationResult(
        mediation_case_id=str(data.case_id),
        mediation_case_no=data.case_no,
        result=data.result.value,
        agreement_id=str(data.agreement_id) if data.agreement_id else None,
        agreed_amount=data.agreed_amount.amount if data.agreed_amount else None,
        currency=data.agreed_amount.currency if data.agreed_amount else "CNY",
        summary=data.summary,
        concluded_at=data.concluded_at,
    )
    command = ConcludeMediation(
        case_id=uuid.UUID(data.origin_id), by=f"mediation:{data.case_no}", result=result
    )
    try:
        await bus.handle(command, uow=uow)
    except CaseTransitionRefused as refused:
        # The case left mediation meanwhile (e.g. withdrawn): the late result changes nothing.
        log.warning(
            "mediation result for a case no longer in mediation",
            case_id=data.origin_id,
            error=str(refused),
        )


async def on_suit_filed(
    data: AdminSuitFiledV1, event: CloudEvent, uow: AdjudicationUnitOfWork, *, bus: Bus
) -> None:
    court = verified_court_code()
    await bus.handle(
        RecordAdminSuit(
            case_id=data.case_id,
            by=f"court:{court}",
            court_code=court,
            principal=verified_court_principal(),
            court_case_no=data.court_case_no,
            plaintiff=without_full_id(data.plaintiff),
            filed_on=data.filed_on,
            decision_no=data.decision_no,
        ),
        uow=uow,
    )


async def on_suit_judged(
    data: AdminSuitJudgedV1, event: CloudEvent, uow: AdjudicationUnitOfWork, *, bus: Bus
) -> None:
    court = verified_court_code()
    await bus.handle(
        RecordJudgment(
            case_id=data.case_id,
            by=f"court:{court}",
            court_code=court,
            principal=verified_court_principal(),
            court_case_no=data.court_case_no,
            result=JudgmentResult(data.result.value),
            judgment_no=data.judgment_no,
            effective_on=data.effective_on,
            decision_no=data.decision_no,
        ),
        uow=uow,
    )


async def on_enforcement_ruled(
    data: EnforcementRuledV1, event: CloudEvent, uow: AdjudicationUnitOfWork, *, bus: Bus
) -> None:
    court = verified_court_code()
    await bus.handle(
        RecordEnforcementRuling(
            case_id=data.case_id,
            by=f"court:{court}",
            court_code=court,
            principal=verified_court_principal(),
            ruling_no=data.ruling_no,
            granted=data.granted,
            ruled_on=data.ruled_on,
            reasons=data.reasons,
        ),
        uow=uow,
    )


async def on_docketed(
    data: CaseDocketedV1, event: CloudEvent, uow: AdjudicationUnitOfWork, *, bus: Bus, own_source: str
) -> None:
    if event.source == own_source:
        return  # recorded in the docketing transaction itself
    await bus.handle(
        RecordForeignDocket(
            office_code=data.office_code,
            case_ref=str(data.case_id),
            docket_no=data.case_no,
            patent_number=data.rights[0].number,
            requester_key=identity_key(data.requester.credit_code, data.requester.name),
            respondent_keys=tuple(identity_key(r.credit_code, r.name) for r in data.respondents),
            docketed_at=data.docketed_at,
        ),
        uow=uow,
    )


async def on_effective(
    data: DecisionEffectiveV1, event: CloudEvent, uow: AdjudicationUnitOfWork, *, bus: Bus, own_source: str
) -> None:
    if event.source == own_source or data.outcome is not Outcome.INFRINGEMENT_ESTABLISHED:
        return
    await bus.handle(
        RecordForeignFinding(
            event_id=event.id,
            office_code=event.source.split("/")[2],
            decision_no=data.decision_no,
            patent_number=data.rights[0].number if data.rights else "",
            subjects=tuple((identity_key(s.credit_code, s.name), s.name) for s in data.respondents),
            effective_on=data.effective_on,
        ),
        uow=uow,
    )


SUBSCRIPTIONS: list[Subscription[Any, AdjudicationUnitOfWork]] = [
    Subscription(ComplaintRoutedV1, on_complaint_routed),
    Subscription(MediationConcludedV1, on_mediation_concluded),
    Subscription(AdminSuitFiledV1, refusing_business_errors(on_suit_filed)),
    Subscription(AdminSuitJudgedV1, refusing_business_errors(on_suit_judged)),
    Subscription(EnforcementRuledV1, refusing_business_errors(on_enforcement_ruled)),
    Subscription(CaseDocketedV1, on_docketed),
    Subscription(DecisionEffectiveV1, on_effective),
]
