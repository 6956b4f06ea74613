"""Steps on a credit record: notice, the subject's side, decision, publication, repair, revocation.

Each handler loads the record for update, lets the aggregate check and record the step (with the
deadlines it starts or stops) and ends in :func:`~credit.handlers.steps.record_step`.
"""

from __future__ import annotations

import copy
import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from credit.domain.access import (
    Decision,
    authorise_approval,
    authorise_approver,
    authorise_step,
    needs_approval,
)
from credit.domain.commands import (
    AnswerProposal,
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
from credit.domain.errors import present
from credit.domain.listing import period_from_publication, plan_listing
from credit.domain.policy import CreditRules, ListPolicy
from credit.domain.record import CreditRecord, RecordMove
from credit.domain.repair import check_repair_conditions
from credit.domain.vocabulary import CHINA, DocumentRef, Step
from credit.handlers.steps import Clock, load_record, record_step, subject_of
from credit.rules import CreditOptions
from credit.unit_of_work import CreditUnitOfWork
from shared.domain.legal import Citation


@dataclass(frozen=True, slots=True)
class StepResult:
    """The record a step changed, and any warnings for the caller (never a refusal)."""

    record_id: uuid.UUID
    warnings: tuple[str, ...] = ()


def step_of(cmd: RecordStep, at: dt.datetime) -> Step:
    return Step(cmd.actor, at, cmd.legal_basis, cmd.documents, cmd.note)


async def load_step(uow: CreditUnitOfWork, cmd: RecordStep) -> CreditRecord:
    """The record, locked, once the principal may act on it (office scope)."""
    record = await load_record(uow, cmd.record_id)
    authorise_step(cmd.principal, record.office_code)
    return record


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
    record = await load_step(uow, cmd)
    record.require_state(RecordMove.NOTIFY)
    period = present(rules.policy(record.list_type).notice_period, "the list's notice period")
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
    record = await load_step(uow, cmd)
    record.file_statement(
        kind=cmd.kind, submitted_on=cmd.submitted_on, summary=cmd.summary, step=step_of(cmd, clock())
    )
    await record_step(uow, record)
    return StepResult(record.id)


async def request_hearing(cmd: RequestHearing, uow: CreditUnitOfWork, clock: Clock) -> StepResult:
    record = await load_step(uow, cmd)
    record.request_hearing(requested_on=cmd.requested_on, step=step_of(cmd, clock()))
    await record_step(uow, record)
    return StepResult(record.id)


async def record_hearing(cmd: RecordHearing, uow: CreditUnitOfWork, clock: Clock) -> StepResult:
    record = await load_step(uow, cmd)
    record.record_hearing(held_on=cmd.held_on, summary=cmd.summary, step=step_of(cmd, clock()))
    await record_step(uow, record)
    return StepResult(record.id)


# ---------------------------------------------------------------- decision and publication


async def decide_listing(
    cmd: DecideListing, uow: CreditUnitOfWork, clock: Clock, rules: CreditRules, options: CreditOptions
) -> StepResult:
    record = await load_step(uow, cmd)
    at = clock()
    if cmd.listed and cmd.principal is not None and needs_approval(record.list_type, Decision.LISTING):
        trial = copy.deepcopy(record)  # the decision must be valid as proposed, not only once approved
        await _apply_listing(uow, trial, cmd, at, rules, options)
        record.propose(
            Decision.LISTING,
            RecordMove.LIST,
            _terms(cmd, at),
            proposed_by=cmd.principal.subject,
            step=step_of(cmd, at),
        )
    elif cmd.listed:
        await _apply_listing(uow, record, cmd, at, rules, options)
    else:
        record.decline_listing(reasons=cmd.reasons, step=step_of(cmd, at))
    await record_step(uow, record)
    return StepResult(record.id)


async def _apply_listing(
    uow: CreditUnitOfWork,
    record: CreditRecord,
    cmd: DecideListing,
    at: dt.datetime,
    rules: CreditRules,
    options: CreditOptions,
) -> None:
    policy = rules.policy(record.list_type)
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


async def publish_listing(
    cmd: PublishListing, uow: CreditUnitOfWork, clock: Clock, rules: CreditRules, options: CreditOptions
) -> StepResult:
    record = await load_step(uow, cmd)
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
    record = await load_step(uow, cmd)
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
    record = await load_step(uow, cmd)
    at = clock()
    if not cmd.granted:
        record.deny_repair(reasons=cmd.reasons, step=step_of(cmd, at))
        await record_step(uow, record)
        return StepResult(record.id)
    if cmd.principal is not None and needs_approval(record.list_type, Decision.REPAIR):
        trial = copy.deepcopy(record)  # valid as proposed, not only once approved
        warnings = await _apply_repair(uow, trial, cmd, at, rules)
        record.propose(
            Decision.REPAIR,
            RecordMove.GRANT_REPAIR,
            _terms(cmd, at),
            proposed_by=cmd.principal.subject,
            step=step_of(cmd, at),
        )
    else:
        warnings = await _apply_repair(uow, record, cmd, at, rules)
    await record_step(uow, record)
    return StepResult(record.id, warnings)


async def _apply_repair(
    uow: CreditUnitOfWork, record: CreditRecord, cmd: DecideRepair, at: dt.datetime, rules: CreditRules
) -> tuple[str, ...]:
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
    return tuple(warnings)


# ---------------------------------------------------------------- the office head's approval


def _terms(cmd: DecideListing | DecideRepair, at: dt.datetime) -> dict[str, Any]:
    """A proposed decision as the record keeps it until approved (dates resolved as proposed)."""
    terms: dict[str, Any] = {
        "decided_on": (cmd.decided_on or today(at)).isoformat(),
        "decision_no": cmd.decision_no,
        "reasons": cmd.reasons,
        "legal_basis": [c.as_dict() for c in cmd.legal_basis],
        "documents": [d.as_dict() for d in cmd.documents],
        "note": cmd.note,
    }
    if isinstance(cmd, DecideRepair):
        terms["conditions"] = dict(cmd.conditions)
    return terms


def _proposed_step(terms: dict[str, Any], cmd: AnswerProposal, proposed_by: str) -> dict[str, Any]:
    """The fields of the proposed decision's command, now taken by the approving head."""
    note = f"proposed by {proposed_by}, approved by {cmd.actor.id}"
    return {
        "record_id": cmd.record_id,
        "actor": cmd.actor,
        "principal": None,  # the approval was authorised; the decision applies as proposed
        "legal_basis": tuple(Citation.from_dict(c) for c in terms.get("legal_basis", [])),
        "documents": tuple(DocumentRef.from_dict(d) for d in terms.get("documents", [])),
        "note": f"{terms['note']} ({note})" if terms.get("note") else note,
        "reasons": str(terms["reasons"]),
        "decided_on": dt.date.fromisoformat(str(terms["decided_on"])),
        "decision_no": terms.get("decision_no"),
    }


async def answer_proposal(
    cmd: AnswerProposal, uow: CreditUnitOfWork, clock: Clock, rules: CreditRules, options: CreditOptions
) -> StepResult:
    """Approve (the decision applies as proposed, by the head) or refuse; never one's own proposal."""
    record = await load_record(uow, cmd.record_id)
    if cmd.principal is not None:
        authorise_approver(cmd.principal, record.office_code)
    proposal = record.pending_proposal()
    if cmd.principal is not None:
        authorise_approval(cmd.principal, record.office_code, proposal.proposed_by)
    at = clock()
    record.answer_proposal(approved=cmd.approved, reasons=cmd.reasons, step=step_of(cmd, at))
    warnings: tuple[str, ...] = ()
    if cmd.approved:
        fields = _proposed_step(proposal.terms, cmd, proposal.proposed_by)
        if proposal.decision == Decision.LISTING:
            await _apply_listing(uow, record, DecideListing(**fields, listed=True), at, rules, options)
        else:
            conditions = {str(k): bool(v) for k, v in proposal.terms.get("conditions", {}).items()}
            repair = DecideRepair(**fields, granted=True, conditions=conditions)
            warnings = await _apply_repair(uow, record, repair, at, rules)
    await record_step(uow, record)
    return StepResult(record.id, warnings)


async def revoke_record(
    cmd: RevokeRecord, uow: CreditUnitOfWork, clock: Clock, options: CreditOptions
) -> StepResult:
    record = await load_step(uow, cmd)
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
    record = await load_step(uow, cmd)
    record.record_withdrawal(
        withdrawn_on=cmd.withdrawn_on, reference=cmd.reference, step=step_of(cmd, clock())
    )
    await record_step(uow, record)
    return StepResult(record.id)


async def archive_record(cmd: ArchiveRecord, uow: CreditUnitOfWork, clock: Clock) -> StepResult:
    record = await load_step(uow, cmd)
    record.archive(step_of(cmd, clock()))
    await record_step(uow, record)
    return StepResult(record.id)
