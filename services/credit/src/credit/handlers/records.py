"""Steps on a credit record: notice, the subject's side, decision, publication, repair, revocation.

Each handler loads the record for update, lets the aggregate check and record the step (with the
deadlines it starts or stops) and ends in :func:`~credit.handlers.steps.record_step`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from credit.domain.commands import (
    ArchiveRecord,
    DecideListing,
    DecideRepair,
    FileStatement,
    IssueListingNotice,
    PublishListing,
    RecordHearing,
    RecordStep,
    RecordWithdrawal,
    RequestHearing,
    RequestRepair,
    RevokeRecord,
)
from credit.domain.listing import period_from_publication, plan_listing
from credit.domain.policy import CreditRules, ListPolicy
from credit.domain.record import CreditRecord, RecordMove
from credit.domain.repair import check_repair_conditions
from credit.domain.vocabulary import CHINA, Step
from credit.handlers.steps import Clock, load_record, record_step, subject_of
from credit.rules import CreditOptions
from credit.unit_of_work import CreditUnitOfWork


@dataclass(frozen=True, slots=True)
class StepResult:
    """The record a step changed, and any warnings for the caller (never a refusal)."""

    record_id: uuid.UUID
    warnings: tuple[str, ...] = ()


def step_of(cmd: RecordStep, at: dt.datetime) -> Step:
    return Step(cmd.actor, at, cmd.legal_basis, cmd.documents, cmd.note)


def today(at: dt.datetime) -> dt.date:
    return at.astimezone(CHINA).date()


async def list_record(
    uow: CreditUnitOfWork,
    record: CreditRecord,
    policy: ListPolicy,
    *,
    decided_on: dt.date,
    decision_no: str | None,
    reasons: str,
    step: Step,
    options: CreditOptions,
) -> None:
    """LISTED: the terms and clocks from the catalogue (the subject's code decides cross-province)."""
    subject = await subject_of(uow, record)
    plan = plan_listing(
        policy,
        decided_on=decided_on,
        decision_no=decision_no,
        penalty_class=record.penalty_class,
        credit_code=subject.credit_code,
        province=options.province,
    )
    record.decide_listing(plan, reasons=reasons, clocks=options.clocks, step=step)


async def revoke(
    uow: CreditUnitOfWork,
    record: CreditRecord,
    *,
    revoked_on: dt.date,
    reason: str,
    revoked_by: str | None,
    revoking_doc_no: str | None,
    step: Step,
    options: CreditOptions,
) -> None:
    """REVOKED: every clock stops; a shown publication gets its withdrawal clock (Order 45 art. 11)."""
    record.revoke(
        revoked_on=revoked_on,
        reason=reason,
        clocks=options.clocks,
        step=step,
        revoked_by=revoked_by,
        revoking_doc_no=revoking_doc_no,
    )
    await record_step(uow, record)


# ---------------------------------------------------------------- due process


async def issue_listing_notice(
    cmd: IssueListingNotice, uow: CreditUnitOfWork, clock: Clock, rules: CreditRules, options: CreditOptions
) -> StepResult:
    record = await load_record(uow, cmd.record_id)
    record.require_state(RecordMove.NOTIFY)
    period = rules.policy(record.list_type).notice_period
    assert period is not None  # a list without a notice period has no notice step
    record.issue_notice(
        served_on=cmd.served_on,
        reasons=cmd.reasons,
        period=period,
        clocks=options.clocks,
        step=step_of(cmd, clock()),
    )
    await record_step(uow, record)
    return StepResult(record.id)


async def file_statement(cmd: FileStatement, uow: CreditUnitOfWork, clock: Clock) -> StepResult:
    record = await load_record(uow, cmd.record_id)
    record.file_statement(
        kind=cmd.kind, submitted_on=cmd.submitted_on, summary=cmd.summary, step=step_of(cmd, clock())
    )
    await record_step(uow, record)
    return StepResult(record.id)


async def request_hearing(cmd: RequestHearing, uow: CreditUnitOfWork, clock: Clock) -> StepResult:
    record = await load_record(uow, cmd.record_id)
    record.request_hearing(requested_on=cmd.requested_on, step=step_of(cmd, clock()))
    await record_step(uow, record)
    return StepResult(record.id)


async def record_hearing(cmd: RecordHearing, uow: CreditUnitOfWork, clock: Clock) -> StepResult:
    record = await load_record(uow, cmd.record_id)
    record.record_hearing(held_on=cmd.held_on, summary=cmd.summary, step=step_of(cmd, clock()))
    await record_step(uow, record)
    return StepResult(record.id)


# ---------------------------------------------------------------- decision and publication


async def decide_listing(
    cmd: DecideListing, uow: CreditUnitOfWork, clock: Clock, rules: CreditRules, options: CreditOptions
) -> StepResult:
    record = await load_record(uow, cmd.record_id)
    at = clock()
    policy = rules.policy(record.list_type)
    if cmd.listed:
        await list_record(
            uow,
            record,
            policy,
            decided_on=cmd.decided_on or today(at),
            decision_no=cmd.decision_no,
            reasons=cmd.reasons,
            step=Step(cmd.actor, at, cmd.legal_basis or policy.legal_basis, cmd.documents, cmd.note),
            options=options,
        )
    else:
        record.decline_listing(reasons=cmd.reasons, step=step_of(cmd, at))
    await record_step(uow, record)
    return StepResult(record.id)


async def publish_listing(
    cmd: PublishListing, uow: CreditUnitOfWork, clock: Clock, rules: CreditRules, options: CreditOptions
) -> StepResult:
    record = await load_record(uow, cmd.record_id)
    at = clock()
    record.publish(
        published_on=cmd.published_on or today(at),
        channel=cmd.channel,
        listing_period=period_from_publication(rules.policy(record.list_type), record.penalty_class),
        clocks=options.clocks,
        step=step_of(cmd, at),
    )
    await record_step(uow, record)
    return StepResult(record.id)


# ---------------------------------------------------------------- repair, revocation, archive


async def request_repair(cmd: RequestRepair, uow: CreditUnitOfWork, clock: Clock) -> StepResult:
    record = await load_record(uow, cmd.record_id)
    premature = record.request_repair(
        applied_on=cmd.applied_on, grounds=cmd.grounds, step=step_of(cmd, clock())
    )
    await record_step(uow, record)
    eligible = record.terms.repair_eligible_from if record.terms else None
    warnings = (f"applied before the configured earliest repair date {eligible}",) if premature else ()
    return StepResult(record.id, warnings)


async def decide_repair(
    cmd: DecideRepair, uow: CreditUnitOfWork, clock: Clock, rules: CreditRules
) -> StepResult:
    record = await load_record(uow, cmd.record_id)
    at = clock()
    if not cmd.granted:
        record.deny_repair(reasons=cmd.reasons, step=step_of(cmd, at))
        await record_step(uow, record)
        return StepResult(record.id)
    record.require_state(RecordMove.GRANT_REPAIR)
    policy = rules.policy(record.list_type)
    in_force_elsewhere = await uow.records.in_force_list_types(record.subject_id, excluding=record.id)
    warnings = check_repair_conditions(policy, cmd.conditions, in_force_elsewhere)
    record.grant_repair(
        decided_on=cmd.decided_on or today(at),
        decision_no=cmd.decision_no,
        conditions=cmd.conditions,
        step=step_of(cmd, at),
    )
    await record_step(uow, record)
    return StepResult(record.id, warnings)


async def revoke_record(
    cmd: RevokeRecord, uow: CreditUnitOfWork, clock: Clock, options: CreditOptions
) -> StepResult:
    record = await load_record(uow, cmd.record_id)
    await revoke(
        uow,
        record,
        revoked_on=cmd.revoked_on,
        reason=cmd.reason,
        revoked_by=cmd.revoked_by,
        revoking_doc_no=cmd.revoking_doc_no,
        step=step_of(cmd, clock()),
        options=options,
    )
    return StepResult(record.id)


async def record_withdrawal(cmd: RecordWithdrawal, uow: CreditUnitOfWork, clock: Clock) -> StepResult:
    record = await load_record(uow, cmd.record_id)
    record.record_withdrawal(
        withdrawn_on=cmd.withdrawn_on, reference=cmd.reference, step=step_of(cmd, clock())
    )
    await record_step(uow, record)
    return StepResult(record.id)


async def archive_record(cmd: ArchiveRecord, uow: CreditUnitOfWork, clock: Clock) -> StepResult:
    record = await load_record(uow, cmd.record_id)
    record.archive(step_of(cmd, clock()))
    await record_step(uow, record)
    return StepResult(record.id)
