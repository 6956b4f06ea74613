"""Intake's command handlers. They change aggregates and record events; the caller commits."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from intake.domain.commands import RegisterComplaint
from intake.domain.complaint import Complaint
from intake.domain.errors import ComplaintNotFound
from intake.unit_of_work import IntakeUnitOfWork
from shared.contracts.base import IpRef
from shared.contracts.common import PartyDetails, PartyRef, RightRef
from shared.contracts.intake import ComplaintAcceptedV1, ComplaintRoutedV1, Destination
from shared.vocabulary import Party

Clock = Callable[[], dt.datetime]


@dataclass(frozen=True, slots=True)
class Registration:
    complaint: Complaint
    replayed: bool


async def register_complaint(cmd: RegisterComplaint, uow: IntakeUnitOfWork, clock: Clock) -> Registration:
    """Store a new complaint and announce it; a repeated Idempotency-Key returns the first one."""
    if cmd.idempotency_key is not None:
        earlier = await uow.idempotency.claim(cmd.idempotency_key)
        if earlier is not None:
            return Registration(await _existing(uow, uuid.UUID(earlier)), replayed=True)
    complaint = Complaint.register(
        ip_type=cmd.ip_type,
        right_number=cmd.right_number,
        complainant=cmd.complainant,
        respondents=cmd.respondents,
        facts=cmd.facts,
        requested_procedure=cmd.requested_procedure,
        received_at=clock(),
    )
    await uow.complaints.add(complaint)
    uow.outbox.add(_accepted_event(complaint), key=complaint.id)
    uow.outbox.add(_routed_event(complaint, routed_at=clock()), key=complaint.id)
    if cmd.idempotency_key is not None:
        await uow.idempotency.complete(cmd.idempotency_key, str(complaint.id))
    return Registration(complaint, replayed=False)


async def _existing(uow: IntakeUnitOfWork, complaint_id: uuid.UUID) -> Complaint:
    complaint = await uow.complaints.get(complaint_id)
    if complaint is None:
        raise ComplaintNotFound(f"Complaint {complaint_id} not found", f"投诉 {complaint_id} 不存在")
    return complaint


def _accepted_event(complaint: Complaint) -> ComplaintAcceptedV1:
    parties = (complaint.complainant, *complaint.respondents)
    return ComplaintAcceptedV1(
        complaint_id=complaint.id,
        reference=complaint.reference,
        ip_type=complaint.ip_type,
        right_number=complaint.right_number,
        complainant=_party_ref(complaint.complainant),
        respondents=tuple(_party_ref(p) for p in complaint.respondents),
        facts=complaint.facts,
        requested_procedure=complaint.requested_procedure,
        received_at=complaint.received_at,
        subject_ids=tuple(p.credit_code for p in parties if p.credit_code),
        ip_refs=(IpRef(type=complaint.ip_type.value, reg_no=complaint.right_number),),
    )


def _routed_event(complaint: Complaint, *, routed_at: dt.datetime) -> ComplaintRoutedV1:
    """Walking-skeleton triage: the complaint goes where the complainant asked."""
    destination = Destination(complaint.requested_procedure.value)
    return ComplaintRoutedV1(
        complaint_id=complaint.id,
        reference=complaint.reference,
        destination=destination,
        procedure="ordinary" if destination is Destination.ADJUDICATION else "administrative",
        routing_rule="requested_procedure",
        routing_reason=f"the complainant asked for {destination.value}",
        ip_type=complaint.ip_type,
        rights=(RightRef(ip_type=complaint.ip_type, number=complaint.right_number),),
        complainant=_party_details(complaint.complainant),
        respondents=tuple(_party_details(p) for p in complaint.respondents),
        facts=complaint.facts,
        received_at=complaint.received_at,
        routed_at=routed_at,
        subject_ids=tuple(
            p.credit_code for p in (complaint.complainant, *complaint.respondents) if p.credit_code
        ),
        ip_refs=(IpRef(type=complaint.ip_type.value, reg_no=complaint.right_number),),
    )


def _party_details(party: Party) -> PartyDetails:
    return PartyDetails(kind=party.kind, name=party.name, credit_code=party.credit_code)


def _party_ref(party: Party) -> PartyRef:
    return PartyRef(kind=party.kind, name=party.name, credit_code=party.credit_code)


COMMAND_HANDLERS: dict[type[Any], Callable[..., Any]] = {RegisterComplaint: register_complaint}
