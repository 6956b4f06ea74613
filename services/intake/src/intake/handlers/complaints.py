"""Complaint commands: register, correct, override triage, refuse, withdraw, duplicates, false materials."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from intake.domain import commands as c
from intake.domain.complaint import Complaint, ComplaintStatus
from intake.domain.errors import PartyNotFound
from intake.domain.triage import override
from intake.handlers.common import Clock, complaint_for_update, complaint_step
from intake.handlers.flow import assess_and_triage, check_duplicates, hand_off, verify_rights
from intake.rules import IntakeRules
from intake.unit_of_work import IntakeUnitOfWork


@dataclass(frozen=True, slots=True)
class Registration:
    complaint: Complaint
    replayed: bool


async def register_complaint(
    cmd: c.RegisterComplaint, uow: IntakeUnitOfWork, clock: Clock, rules: IntakeRules
) -> Registration:
    """Store a new complaint, announce it, and run it through the pipeline in the same transaction.

    A repeated Idempotency-Key returns the first request's complaint instead.
    """
    if cmd.idempotency_key is not None:
        earlier = await uow.idempotency.claim(cmd.idempotency_key)
        if earlier is not None:
            return Registration(await complaint_for_update(uow, uuid.UUID(earlier)), replayed=True)
    now = clock()
    complaint = Complaint(
        id=uuid.uuid4(),
        channel=cmd.channel,
        channel_ref=cmd.channel_ref,
        centre=cmd.centre or rules.centre,
        office_code=cmd.office_code or rules.office_code,
        ip_type=cmd.ip_type,
        rights=cmd.rights,
        complainant=cmd.complainant,
        agent=cmd.agent,
        respondents=cmd.respondents,
        alleged_acts=cmd.alleged_acts,
        infringement_locations=cmd.infringement_locations,
        listings=cmd.listings,
        requested_remedy=cmd.requested_remedy,
        facts=cmd.facts,
        requested_procedure=cmd.requested_procedure,
        court_action_pending=cmd.court_action_pending,
        both_parties_willing_to_mediate=cmd.both_parties_willing_to_mediate,
        major_case=cmd.major_case,
        suspected_crime=cmd.suspected_crime,
        public_law_violation=cmd.public_law_violation,
        simple_criteria=cmd.simple_criteria,
        known_since=cmd.known_since,
        other_office_filings=cmd.other_office_filings,
        trade_fair=cmd.trade_fair,
        received_at=now,
    )
    complaint.registered(cmd.actor)
    await uow.complaints.number(complaint)
    await verify_rights(complaint, uow, now)
    await check_duplicates(complaint, uow, now)
    if complaint.status is ComplaintStatus.RECEIVED:
        await assess_and_triage(complaint, uow, rules, now)
    await complaint_step(uow, complaint, new=True)
    if cmd.idempotency_key is not None:
        await uow.idempotency.complete(cmd.idempotency_key, str(complaint.id))
    return Registration(complaint, replayed=False)


async def correct_complaint(
    cmd: c.CorrectComplaint, uow: IntakeUnitOfWork, clock: Clock, rules: IntakeRules
) -> Complaint:
    complaint = await complaint_for_update(uow, cmd.complaint_id, cmd.principal)
    now = clock()
    complaint.correct(cmd.changes, cmd.actor, now)
    await verify_rights(complaint, uow, now)
    await assess_and_triage(complaint, uow, rules, now)
    await complaint_step(uow, complaint)
    return complaint


async def override_triage(
    cmd: c.OverrideTriage, uow: IntakeUnitOfWork, clock: Clock, rules: IntakeRules
) -> Complaint:
    """Staff put the complaint on another track, with a reason; the hand-off is published again."""
    complaint = await complaint_for_update(uow, cmd.complaint_id, cmd.principal)
    await hand_off(complaint, override(cmd.track, cmd.reason, cmd.procedure), uow, rules, cmd.actor, clock())
    await complaint_step(uow, complaint)
    return complaint


async def refuse_complaint(cmd: c.RefuseComplaint, uow: IntakeUnitOfWork, clock: Clock) -> Complaint:
    complaint = await complaint_for_update(uow, cmd.complaint_id, cmd.principal)
    complaint.refuse(cmd.reason, cmd.actor, clock())
    await complaint_step(uow, complaint)
    return complaint


async def acknowledge_referral(cmd: c.AcknowledgeReferral, uow: IntakeUnitOfWork, clock: Clock) -> Complaint:
    complaint = await complaint_for_update(uow, cmd.complaint_id, cmd.principal)
    complaint.acknowledge_referral(cmd.agency, cmd.document_no, cmd.received_on, cmd.actor, clock())
    await complaint_step(uow, complaint)
    return complaint


async def withdraw_complaint(cmd: c.WithdrawComplaint, uow: IntakeUnitOfWork, clock: Clock) -> Complaint:
    complaint = await complaint_for_update(uow, cmd.complaint_id, cmd.principal)
    complaint.withdraw(cmd.reason, cmd.actor, clock())
    await complaint_step(uow, complaint)
    return complaint


async def confirm_duplicate(cmd: c.ConfirmDuplicate, uow: IntakeUnitOfWork, clock: Clock) -> Complaint:
    complaint = await complaint_for_update(uow, cmd.complaint_id, cmd.principal)
    complaint.confirm_duplicate(cmd.actor, clock(), cmd.reason)
    await complaint_step(uow, complaint)
    return complaint


async def split_complaint(
    cmd: c.SplitComplaint, uow: IntakeUnitOfWork, clock: Clock, rules: IntakeRules
) -> Complaint:
    """Not a duplicate after all: the complaint is checked and triaged on its own."""
    complaint = await complaint_for_update(uow, cmd.complaint_id, cmd.principal)
    now = clock()
    complaint.split(cmd.actor, now, cmd.reason)
    await assess_and_triage(complaint, uow, rules, now)
    await complaint_step(uow, complaint)
    return complaint


async def record_false_materials(
    cmd: c.RecordFalseMaterials, uow: IntakeUnitOfWork, clock: Clock
) -> Complaint:
    """A party submitted false materials: a credit input (§C.1) published for the credit service."""
    complaint = await complaint_for_update(uow, cmd.complaint_id, cmd.principal)
    party = complaint.party(cmd.party_id)
    if party is None:
        raise PartyNotFound(f"No party {cmd.party_id} on this complaint", f"该投诉中无当事人 {cmd.party_id}")
    complaint.found_false_materials(party, cmd.finding, cmd.actor, clock())
    await complaint_step(uow, complaint)
    return complaint
