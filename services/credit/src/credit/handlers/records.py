"""Steps on a credit record: notice, the subject's side, decision, publication, repair, revocation.

Each handler loads the record for update, lets the aggregate check and record the step, keeps
the durable timers in line with the new state and stages the events other agencies consume.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from credit import outbound
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
from credit.domain.errors import RecordNotFound
from credit.domain.policy import CreditRules, ListPolicy
from credit.domain.record import CreditRecord, RecordState
from credit.domain.repair import check_repair_conditions
from credit.domain.subject import Subject
from credit.domain.vocabulary import CHINA, Step
from credit.options import Clock, CreditOptions
from credit.statutory_dates import WITHDRAWAL, StatutoryDates
from credit.timer_kinds import TimerKind, TimerName
from credit.unit_of_work import CreditUnitOfWork


@dataclass(frozen=True, slots=True)
class StepResult:
    """The record a step changed, and any warnings for the caller (never a refusal)."""

    record_id: uuid.UUID
    warnings: tuple[str, ...] = ()


async def load_record(uow: CreditUnitOfWork, record_id: uuid.UUID) -> CreditRecord:
    record = await uow.records.get_for_update(record_id)
    if record is None:
        raise RecordNotFound(f"No credit record {record_id}", f"信用记录 {record_id} 不存在")
    return record


async def subject_of(uow: CreditUnitOfWork, record: CreditRecord) -> Subject:
    subject = await uow.subjects.get(record.subject_id)
    assert subject is not None  # foreign key
    return subject


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
    dates: StatutoryDates,
    options: CreditOptions,
) -> None:
    """LISTED: fix the terms from the catalogue, start the publication and expiry clocks, announce it."""
    subject = await subject_of(uow, record)
    terms = dates.listing_terms(
        policy,
        decided_on=decided_on,
        decision_no=decision_no,
        penalty_class=record.penalty_class,
        credit_code=subject.credit_code,
    )
    record.decide_listing(terms, reasons=reasons, step=step)
    key = str(record.id)
    await uow.timers.cancel(aggregate_id=key, name=TimerName.NOTICE_WINDOW)
    await uow.timers.schedule_period(
        aggregate_id=key,
        name=TimerName.PUBLICATION,
        kind=TimerKind.PUBLICATION_DUE,
        period=dates.publication_period(policy, subject.credit_code),
        start=decided_on,
        province=dates.province,
        warn_working_days=options.warning_working_days or None,
    )
    if terms.period_end is not None:
        await _schedule_expiry(uow, record, policy, start=decided_on, dates=dates)
    uow.outbox.add(outbound.listed(record, subject), key=record.id)


async def _schedule_expiry(
    uow: CreditUnitOfWork, record: CreditRecord, policy: ListPolicy, *, start: dt.date, dates: StatutoryDates
) -> None:
    await uow.timers.schedule_period(
        aggregate_id=str(record.id),
        name=TimerName.EXPIRY,
        kind=TimerKind.LISTING_EXPIRY,
        period=policy.listing_period_for(record.penalty_class),
        start=start,
        province=dates.province,
    )


async def revoke(
    uow: CreditUnitOfWork,
    record: CreditRecord,
    *,
    revoked_on: dt.date,
    reason: str,
    revoked_by: str | None,
    revoking_doc_no: str | None,
    step: Step,
    dates: StatutoryDates,
    options: CreditOptions,
) -> None:
    """REVOKED: every clock stops; a shown publication gets its 3-WD withdrawal clock (Order 45 art. 11)."""
    shown, was_listed = record.is_publicly_shown, record.terms is not None
    withdrawal_due = dates.deadline(WITHDRAWAL, revoked_on).due if shown else None
    record.revoke(
        revoked_on=revoked_on,
        reason=reason,
        withdrawal_due=withdrawal_due,
        step=step,
        revoked_by=revoked_by,
        revoking_doc_no=revoking_doc_no,
    )
    key = str(record.id)
    await uow.timers.cancel_all(key)
    if shown:
        await uow.timers.schedule_period(
            aggregate_id=key,
            name=TimerName.WITHDRAWAL,
            kind=TimerKind.WITHDRAWAL_DUE,
            period=WITHDRAWAL,
            start=revoked_on,
            province=dates.province,
            warn_working_days=min(options.warning_working_days, 1) or None,
        )
    if was_listed:
        subject = await subject_of(uow, record)
        uow.outbox.add(
            outbound.revoked(
                record, subject, was_published=shown, revoked_by=revoked_by, revoking_doc_no=revoking_doc_no
            ),
            key=record.id,
        )
    await uow.records.save(record)


# ---------------------------------------------------------------- due process


async def issue_listing_notice(
    cmd: IssueListingNotice, uow: CreditUnitOfWork, clock: Clock, rules: CreditRules, dates: StatutoryDates
) -> StepResult:
    record = await load_record(uow, cmd.record_id)
    record.ensure_can_move_to(RecordState.NOTICE_OF_PROPOSED_LISTING)
    period = rules.policy(record.list_type).notice_period
    assert period is not None  # a list without a notice period has no notice step
    window = dates.deadline(period, cmd.served_on)
    record.issue_notice(
        served_on=cmd.served_on, window_ends_on=window.due, reasons=cmd.reasons, step=step_of(cmd, clock())
    )
    await uow.timers.schedule_period(
        aggregate_id=str(record.id),
        name=TimerName.NOTICE_WINDOW,
        kind=TimerKind.NOTICE_WINDOW,
        period=period,
        start=cmd.served_on,
        province=dates.province,
    )
    await uow.records.save(record)
    return StepResult(record.id)


async def file_statement(cmd: FileStatement, uow: CreditUnitOfWork, clock: Clock) -> StepResult:
    record = await load_record(uow, cmd.record_id)
    record.file_statement(
        kind=cmd.kind, submitted_on=cmd.submitted_on, summary=cmd.summary, step=step_of(cmd, clock())
    )
    await uow.records.save(record)
    return StepResult(record.id)


async def request_hearing(cmd: RequestHearing, uow: CreditUnitOfWork, clock: Clock) -> StepResult:
    record = await load_record(uow, cmd.record_id)
    record.request_hearing(requested_on=cmd.requested_on, step=step_of(cmd, clock()))
    await uow.records.save(record)
    return StepResult(record.id)


async def record_hearing(cmd: RecordHearing, uow: CreditUnitOfWork, clock: Clock) -> StepResult:
    record = await load_record(uow, cmd.record_id)
    record.record_hearing(held_on=cmd.held_on, summary=cmd.summary, step=step_of(cmd, clock()))
    await uow.records.save(record)
    return StepResult(record.id)


# ---------------------------------------------------------------- decision and publication


async def decide_listing(
    cmd: DecideListing,
    uow: CreditUnitOfWork,
    clock: Clock,
    rules: CreditRules,
    dates: StatutoryDates,
    options: CreditOptions,
) -> StepResult:
    record = await load_record(uow, cmd.record_id)
    at = clock()
    policy = rules.policy(record.list_type)
    step = step_of(cmd, at)
    if cmd.listed:
        step = Step(cmd.actor, at, cmd.legal_basis or policy.legal_basis, cmd.documents, cmd.note)
        await list_record(
            uow,
            record,
            policy,
            decided_on=cmd.decided_on or today(at),
            decision_no=cmd.decision_no,
            reasons=cmd.reasons,
            step=step,
            dates=dates,
            options=options,
        )
    else:
        record.decline_listing(reasons=cmd.reasons, step=step)
        await uow.timers.cancel_all(str(record.id))
    await uow.records.save(record)
    return StepResult(record.id)


async def publish_listing(
    cmd: PublishListing, uow: CreditUnitOfWork, clock: Clock, rules: CreditRules, dates: StatutoryDates
) -> StepResult:
    record = await load_record(uow, cmd.record_id)
    at = clock()
    published_on = cmd.published_on or today(at)
    policy = rules.policy(record.list_type)
    period_end = dates.period_end_from_publication(policy, record.penalty_class, published_on)
    record.publish(
        published_on=published_on, channel=cmd.channel, period_end=period_end, step=step_of(cmd, at)
    )
    await uow.timers.cancel(aggregate_id=str(record.id), name=TimerName.PUBLICATION)
    if period_end is not None:
        await _schedule_expiry(uow, record, policy, start=published_on, dates=dates)
    uow.outbox.add(outbound.published(record, await subject_of(uow, record)), key=record.id)
    await uow.records.save(record)
    return StepResult(record.id)


# ---------------------------------------------------------------- repair, revocation, archive


async def request_repair(cmd: RequestRepair, uow: CreditUnitOfWork, clock: Clock) -> StepResult:
    record = await load_record(uow, cmd.record_id)
    premature = record.request_repair(
        applied_on=cmd.applied_on, grounds=cmd.grounds, step=step_of(cmd, clock())
    )
    await uow.records.save(record)
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
        await uow.records.save(record)
        return StepResult(record.id)
    record.ensure_can_move_to(RecordState.REPAIRED_EARLY)
    policy = rules.policy(record.list_type)
    in_force_elsewhere = await uow.records.in_force_list_types(record.subject_id, excluding=record.id)
    warnings = check_repair_conditions(policy, cmd.conditions, in_force_elsewhere)
    step = Step(cmd.actor, at, cmd.legal_basis, cmd.documents, cmd.note)
    record.grant_repair(
        decided_on=cmd.decided_on or today(at),
        decision_no=cmd.decision_no,
        conditions=cmd.conditions,
        step=step,
    )
    await uow.timers.cancel_all(str(record.id))
    uow.outbox.add(outbound.repaired(record, await subject_of(uow, record), cmd.decision_no), key=record.id)
    await uow.records.save(record)
    return StepResult(record.id, warnings)


async def revoke_record(
    cmd: RevokeRecord, uow: CreditUnitOfWork, clock: Clock, dates: StatutoryDates, options: CreditOptions
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
        dates=dates,
        options=options,
    )
    return StepResult(record.id)


async def record_withdrawal(cmd: RecordWithdrawal, uow: CreditUnitOfWork, clock: Clock) -> StepResult:
    record = await load_record(uow, cmd.record_id)
    record.record_withdrawal(
        withdrawn_on=cmd.withdrawn_on, reference=cmd.reference, step=step_of(cmd, clock())
    )
    await uow.timers.cancel(aggregate_id=str(record.id), name=TimerName.WITHDRAWAL)
    await uow.records.save(record)
    return StepResult(record.id)


async def archive_record(cmd: ArchiveRecord, uow: CreditUnitOfWork, clock: Clock) -> StepResult:
    record = await load_record(uow, cmd.record_id)
    record.archive(step_of(cmd, clock()))
    await uow.records.save(record)
    return StepResult(record.id)
