"""Mediation's event subscriptions: routed complaints, adjudication's mediation requests, the courts.

A court message counts only with the partners gateway's signature (``shared.messaging.court_gate``);
the court acting is the sender the gateway verified — as a court principal, so the object rules a
court client meets through the API apply — never the payload's ``court_code`` on its own. A message
that is not genuine, or that breaks a rule (unknown application, another court's application, a
step the state does not allow), changes nothing and is answered with ``court_message.rejected``.

Module-level handlers ``on_x(data, event, uow, *, bus)`` each turn a contract into the same command
the API would build and run it in the consumer's transaction (with the inbox row), so a redelivered
event has no second effect. :data:`SUBSCRIPTIONS` declares them per consumer group (one group per
source, so one stuck source holds up no other); bootstrap binds the bus with
``shared.messaging.consumer.bind``.
"""

from __future__ import annotations

import uuid
from typing import Any, Final

import structlog

from mediation.domain import commands as c
from mediation.domain.kinds import CourtReference, MediationKind
from mediation.domain.parties import ActorKind, CaseParty, PartyRole
from mediation.unit_of_work import MediationUnitOfWork
from shared.contracts import CloudEvent
from shared.contracts.adjudication import MediationRequestedV1
from shared.contracts.common import PartyDetails
from shared.contracts.court import (
    AssignmentKind,
    ConfirmationAcceptedV1,
    ConfirmationRuledV1,
    ConfirmationRuling,
    ConfirmationWithdrawnV1,
    MediationAssignedV1,
)
from shared.contracts.intake import ComplaintRoutedV1, Destination
from shared.domain.actors import Actor
from shared.identifiers import InvalidIdNumber, mask_id_number
from shared.identity.principals import Principal
from shared.messagebus import MessageBus
from shared.messaging.consumer import Subscription
from shared.messaging.court_gate import (
    refusing_business_errors,
    verified_court_code,
    verified_court_principal,
)

Bus = MessageBus[MediationUnitOfWork]
log = structlog.get_logger(__name__)
PEOPLES_PROCEDURES = frozenset({"people", "peoples", "peoples_mediation", "people_mediation"})


def case_party(details: PartyDetails, role: PartyRole) -> CaseParty:
    return CaseParty(
        id=uuid.uuid4(),
        role=role,
        kind=details.kind,
        name=details.name,
        credit_code=details.credit_code,
        id_number_masked=masked_id(details.id_number_masked),
        legal_representative=details.legal_representative,
        address=details.address,
        region_code=details.region_code,
        phone=details.phone,
        email=details.email,
        source_party_id=details.party_id,
    )


def masked_id(number: str | None) -> str | None:
    """An ID number as the service keeps it: masked (a full number is checked and masked here).

    Whatever else an event carries in its "masked" field is not kept: neither a full number that
    fails its check nor anything that is no ID number at all (the producer is told in the log)."""
    if number is None:
        return None
    try:
        return mask_id_number(number)
    except InvalidIdNumber as exc:
        log.warning("id number dropped from a consumed event", reason=str(exc))
        return None


def court_actor(court_code: str) -> Actor:
    return Actor(ActorKind.COURT, court_code)


def court_assignment_command(
    data: MediationAssignedV1, actor: Actor, principal: Principal | None
) -> c.OpenCourtAssignedCase:
    """By convention the first party is the one who asked (the plaintiff); the others respond."""
    kind = (
        MediationKind.COURT_ASSIGNED
        if data.kind is AssignmentKind.PRE_FILING
        else MediationKind.COURT_ENTRUSTED
    )
    return c.OpenCourtAssignedCase(
        court=CourtReference(
            assignment_id=data.assignment_id,
            court_code=data.court_code,
            court_name=data.court_name,
            court_case_no=data.court_case_no,
            simple_procedure=data.simple_procedure,
            assigned_at=data.assigned_at,
        ),
        kind=kind,
        ip_type=data.ip_type,
        right_numbers=(data.right_number,) if data.right_number else (),
        parties=tuple(
            case_party(p, PartyRole.APPLICANT if i == 0 else PartyRole.RESPONDENT)
            for i, p in enumerate(data.parties)
        ),
        dispute_summary=data.dispute_summary,
        actor=actor,
        principal=principal,
    )


async def on_complaint_routed(
    data: ComplaintRoutedV1, event: CloudEvent, uow: MediationUnitOfWork, *, bus: Bus
) -> None:
    if data.destination is not Destination.MEDIATION:
        return
    kind = (
        MediationKind.PEOPLE if data.procedure.lower() in PEOPLES_PROCEDURES else MediationKind.ADMINISTRATIVE
    )
    command = c.OpenMediationFromComplaint(
        complaint_id=data.complaint_id,
        kind=kind,
        procedure=data.procedure,
        ip_type=data.ip_type,
        right_numbers=tuple(r.number for r in data.rights),
        parties=(
            case_party(data.complainant, PartyRole.APPLICANT),
            *(case_party(p, PartyRole.RESPONDENT) for p in data.respondents),
        ),
        dispute_summary=data.facts,
        both_parties_willing=data.both_parties_willing_to_mediate,
        office_region_code=data.office_region_code,
    )
    await bus.handle(command, uow=uow)


async def on_mediation_requested(
    data: MediationRequestedV1, event: CloudEvent, uow: MediationUnitOfWork, *, bus: Bus
) -> None:
    command = c.OpenMediationFromAdjudication(
        adjudication_case_id=data.case_id,
        adjudication_case_no=data.case_no,
        ip_type=data.rights[0].ip_type,
        right_numbers=tuple(r.number for r in data.rights),
        parties=(
            case_party(data.requester, PartyRole.APPLICANT),
            *(case_party(p, PartyRole.RESPONDENT) for p in data.respondents),
        ),
        dispute_summary=data.summary,
        damages_only=data.damages_mediation,
    )
    await bus.handle(command, uow=uow)


async def on_assigned(
    data: MediationAssignedV1, event: CloudEvent, uow: MediationUnitOfWork, *, bus: Bus
) -> None:
    court = verified_court_code()  # equal to data.court_code: the gate refuses anything else
    command = court_assignment_command(data, court_actor(court), verified_court_principal())
    await bus.handle(command, uow=uow)


async def on_accepted(
    data: ConfirmationAcceptedV1, event: CloudEvent, uow: MediationUnitOfWork, *, bus: Bus
) -> None:
    command = c.RecordConfirmationAccepted(
        application_id=data.application_id,
        court_code=verified_court_code(),
        docket_no=data.docket_no,
        accepted_at=data.accepted_at,
        actor=court_actor(verified_court_code()),
        principal=verified_court_principal(),
    )
    await bus.handle(command, uow=uow)


async def on_ruled(
    data: ConfirmationRuledV1, event: CloudEvent, uow: MediationUnitOfWork, *, bus: Bus
) -> None:
    command = c.RecordConfirmationRuling(
        application_id=data.application_id,
        court_code=verified_court_code(),
        valid=data.ruling is ConfirmationRuling.VALID,
        ruling_no=data.ruling_no,
        reasons=data.reasons,
        ruled_at=data.ruled_at,
        actor=court_actor(verified_court_code()),
        principal=verified_court_principal(),
    )
    await bus.handle(command, uow=uow)


async def on_withdrawn(
    data: ConfirmationWithdrawnV1, event: CloudEvent, uow: MediationUnitOfWork, *, bus: Bus
) -> None:
    command = c.RecordConfirmationWithdrawn(
        application_id=data.application_id,
        court_code=verified_court_code(),
        withdrawn_at=data.withdrawn_at,
        actor=court_actor(verified_court_code()),
        principal=verified_court_principal(),
    )
    await bus.handle(command, uow=uow)


SUBSCRIPTIONS: Final[dict[str, list[Subscription[Any, MediationUnitOfWork]]]] = {
    "complaints": [Subscription(ComplaintRoutedV1, on_complaint_routed)],
    "adjudication": [Subscription(MediationRequestedV1, on_mediation_requested)],
    "courts": [
        Subscription(MediationAssignedV1, refusing_business_errors(on_assigned)),
        Subscription(ConfirmationAcceptedV1, refusing_business_errors(on_accepted)),
        Subscription(ConfirmationRuledV1, refusing_business_errors(on_ruled)),
        Subscription(ConfirmationWithdrawnV1, refusing_business_errors(on_withdrawn)),
    ],
}
"""Per consumer group (``mediation.<group>``): what it consumes and the handler of each contract."""
