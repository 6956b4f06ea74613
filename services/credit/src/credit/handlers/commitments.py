"""Credit commitments: made (unless the subject is under a measure excluding them), then verified.

A breach is itself dishonest behaviour (§C.1 item 5): verifying a commitment as breached opens
a candidate record in the same transaction.
"""

from __future__ import annotations

import uuid

from credit.domain.access import authorise_step
from credit.domain.commands import MakeCommitment, RegisterDishonestyInput, VerifyCommitment
from credit.domain.commitment import Commitment, CommitmentStatus
from credit.domain.errors import CommitmentNotAvailable, present
from credit.domain.policy import COMMITMENT_EXCLUSION, CreditRules
from credit.domain.subject import Subject, SubjectClaim
from credit.domain.vocabulary import BehaviourCode, DecisionRef
from credit.handlers.inputs import register_dishonesty_input
from credit.handlers.steps import COMMITMENTS, Clock, load_commitment
from credit.handlers.subjects import match_subject
from credit.rules import CreditOptions
from credit.unit_of_work import CreditUnitOfWork


async def make_commitment(
    cmd: MakeCommitment, uow: CreditUnitOfWork, clock: Clock, options: CreditOptions
) -> uuid.UUID:
    if cmd.idempotency_key is not None and (earlier := await uow.idempotency.claim(cmd.idempotency_key)):
        return uuid.UUID(earlier)
    at = clock()
    match = await match_subject(uow, cmd.subject, at=at)
    subject = present(match.subject, "the committing subject (the API requires an identified one)")
    if COMMITMENT_EXCLUSION in await uow.records.in_force_measures(subject.id):
        raise CommitmentNotAvailable(
            "The subject is listed and credit commitments are not available to it",
            "该主体已被列入失信名单，不适用信用承诺制",
        )
    commitment = Commitment.make(
        subject_id=subject.id,
        office_code=cmd.office_code or options.office_code,
        scope=cmd.scope,
        text=cmd.text,
        made_on=cmd.made_on,
        verification_due=cmd.verification_due,
        actor=cmd.actor,
        at=at,
        clocks=options.clocks,
        documents=cmd.documents,
    )
    await COMMITMENTS.record(uow, commitment, save=lambda: uow.commitments.add(commitment, at=at))
    if cmd.idempotency_key is not None:
        await uow.idempotency.complete(cmd.idempotency_key, str(commitment.id))
    return commitment.id


async def verify_commitment(
    cmd: VerifyCommitment, uow: CreditUnitOfWork, clock: Clock, rules: CreditRules, options: CreditOptions
) -> uuid.UUID:
    commitment = await load_commitment(uow, cmd.commitment_id)
    authorise_step(cmd.principal, commitment.office_code)
    at = clock()
    commitment.verify(
        fulfilled=cmd.fulfilled,
        verified_on=cmd.verified_on,
        findings=cmd.findings,
        actor=cmd.actor,
        at=at,
        documents=cmd.documents,
    )
    if commitment.status is CommitmentStatus.BREACHED:
        subject = present(await uow.subjects.get(commitment.subject_id), "the commitment's subject")
        breach = _breach(commitment, subject, cmd, options)
        registration = await register_dishonesty_input(breach, uow, lambda: at, rules, options)
        commitment.breach_record_id = registration.record_id
    await COMMITMENTS.record(uow, commitment, save=lambda: uow.commitments.save(commitment))
    return commitment.id


def _breach(
    commitment: Commitment, subject: Subject, cmd: VerifyCommitment, options: CreditOptions
) -> RegisterDishonestyInput:
    """The breach as a dishonesty input against the subject who committed (§C.1 item 5)."""
    return RegisterDishonestyInput(
        subject=SubjectClaim(subject.kind, subject.name, subject.credit_code, subject.id_number_masked),
        behaviour=BehaviourCode.COMMITMENT_BREACHED,
        underlying_decision=DecisionRef(
            authority=options.office_code,
            doc_no=f"commitment:{commitment.id}",
            date=cmd.verified_on,
            type="commitment_verification",
        ),
        finding=f"Commitment ({commitment.scope}) found breached: {cmd.findings}",
        source="commitment",
        source_ref=str(commitment.id),
        office_code=commitment.office_code,  # the breach is the taking office's record
        actor=cmd.actor,
        documents=cmd.documents,
    )
