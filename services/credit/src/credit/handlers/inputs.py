"""Inputs that may lead to a listing: events from other services, staff entries, imports.

Each input becomes a CANDIDATE record on the list the rule table names for its behaviour (one
record per subject, list, behaviour and decision, however often it is reported). Penalty
publication has no discretion (Order 45 art. 2), so such a candidate is listed at once. An input
whose subject cannot be identified is parked for a credit officer rather than guessed at.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import structlog

from credit.adapters.input_codec import claim_json, dishonesty_input_json
from credit.domain.actors import system
from credit.domain.commands import (
    ImportDishonestyInputs,
    RecordMediationDefault,
    RegisterDishonestyInput,
    RevokeUnderlyingDecision,
)
from credit.domain.errors import invalid
from credit.domain.policy import CreditRules, ListPolicy, PenaltyClass
from credit.domain.record import CreditRecord, Origin, RecordState
from credit.domain.subject import Subject
from credit.domain.unmatched import UnmatchedKind
from credit.domain.vocabulary import BehaviourCode, Step
from credit.handlers.records import list_record, revoke
from credit.handlers.steps import Clock, load_record, record_step
from credit.handlers.subjects import match_subject
from credit.rules import CreditOptions
from credit.unit_of_work import CreditUnitOfWork

log = structlog.get_logger(__name__)


@dataclass(frozen=True, slots=True)
class Registration:
    """The record an input produced (``created`` False for a duplicate), or the parked input's id."""

    record_id: uuid.UUID | None
    created: bool = False
    parked_as: uuid.UUID | None = None
    replayed: bool = False


async def register_dishonesty_input(
    cmd: RegisterDishonestyInput,
    uow: CreditUnitOfWork,
    clock: Clock,
    rules: CreditRules,
    options: CreditOptions,
) -> Registration:
    if cmd.idempotency_key is not None:
        earlier = await uow.idempotency.claim(cmd.idempotency_key)
        if earlier is not None:
            return Registration(uuid.UUID(earlier), replayed=True)
    if (
        cmd.behaviour is BehaviourCode.MEDIATION_AGREEMENT_DEFAULT
        and not options.mediation_default_candidates
    ):
        raise invalid(
            "behaviour",
            "not_enabled",
            "A mediation agreement's default is not a §C.1 dishonesty ground ([U]); this office has not "
            "enabled it (MEDIATION_DEFAULT_CANDIDATES)",
            "不履行调解协议不属于知识产权信用管理规定所列失信行为（未经核实）；本机关未启用该项",
        )
    at = clock()
    policy = rules.list_for(
        cmd.behaviour, cmd.list_type, field="list_type", decision_type=cmd.underlying_decision.type
    )
    match = await match_subject(uow, cmd.subject, at=at)
    if match.subject is None:
        parked = await uow.unmatched.park(
            kind=UnmatchedKind.DISHONESTY_INPUT,
            subject=claim_json(cmd.subject),
            payload=dishonesty_input_json(cmd),
            reason=match.reason,
            at=at,
        )
        return Registration(None, parked_as=parked)
    registration = await _register(uow, cmd, match.subject, policy, at=at, rules=rules, options=options)
    if cmd.idempotency_key is not None and registration.record_id is not None:
        await uow.idempotency.complete(cmd.idempotency_key, str(registration.record_id))
    return registration


async def record_mediation_default(
    cmd: RecordMediationDefault,
    uow: CreditUnitOfWork,
    clock: Clock,
    rules: CreditRules,
    options: CreditOptions,
) -> Registration | None:
    """A candidate for the default only where the office enabled it; otherwise nothing is opened."""
    if not options.mediation_default_candidates:
        log.info(
            "mediation agreement default: no CNIPA candidate (MEDIATION_DEFAULT_CANDIDATES off)",
            source_ref=cmd.entry.source_ref,
        )
        return None
    return await register_dishonesty_input(cmd.entry, uow, clock, rules, options)


async def _register(
    uow: CreditUnitOfWork,
    cmd: RegisterDishonestyInput,
    subject: Subject,
    policy: ListPolicy,
    *,
    at: dt.datetime,
    rules: CreditRules,
    options: CreditOptions,
) -> Registration:
    penalty_class = _penalty_class(cmd, policy, options)
    decision = cmd.underlying_decision
    record = CreditRecord.register_candidate(
        subject_id=subject.id,
        office_code=cmd.office_code or options.office_code,
        list_type=policy.list_type,
        behaviour=cmd.behaviour,
        underlying_decision=decision,
        basis_doc_nos=tuple(dict.fromkeys((decision.doc_no, *cmd.basis_doc_nos))),
        finding=cmd.finding,
        origin=Origin(cmd.source, cmd.source_ref),
        requires_notice=policy.requires_notice,
        repair_available=policy.repair_available_for(penalty_class),
        legal_basis=(*rules.behaviour(cmd.behaviour).legal_basis, *policy.legal_basis, *cmd.legal_basis),
        penalty_class=penalty_class,
        step=Step(cmd.actor, at, documents=cmd.documents),
    )
    if (duplicate := await uow.records.find_duplicate(record)) is not None:
        return Registration(duplicate)
    if not await uow.records.add(record):
        return Registration(await uow.records.find_duplicate(record))
    listed_at_once = not policy.requires_notice
    if listed_at_once:
        # Order 45 art. 2: ordinary-procedure penalty decisions are published, with no discretion;
        # the party was told so when the decision was served (art. 8), so there is no notice step.
        await list_record(
            uow,
            record,
            policy,
            decided_on=decision.date,
            decision_no=decision.doc_no,
            reasons="publication required by law",
            step=Step(system("credit"), at, policy.legal_basis),
            options=options,
        )
    await record_step(uow, record, subject=subject, save=None if listed_at_once else _inserted)
    return Registration(record.id, created=True)


async def _inserted() -> None:
    """A new candidate's row was inserted as it stands; only its events remain to be written."""


def _penalty_class(
    cmd: RegisterDishonestyInput, policy: ListPolicy, options: CreditOptions
) -> PenaltyClass | None:
    if policy.reduced_listing_period is None:
        return cmd.penalty_class
    return cmd.penalty_class or options.penalty_class(cmd.fine)


async def import_dishonesty_inputs(
    cmd: ImportDishonestyInputs,
    uow: CreditUnitOfWork,
    clock: Clock,
    rules: CreditRules,
    options: CreditOptions,
) -> list[Registration]:
    """All entries in one transaction: a bad entry rejects the whole import (nothing half-written)."""
    if cmd.idempotency_key is not None and await uow.idempotency.claim(cmd.idempotency_key) is not None:
        return []
    results = [await register_dishonesty_input(entry, uow, clock, rules, options) for entry in cmd.entries]
    if cmd.idempotency_key is not None:
        await uow.idempotency.complete(cmd.idempotency_key, f"{len(results)} entries")
    return results


async def revoke_underlying_decision(
    cmd: RevokeUnderlyingDecision,
    uow: CreditUnitOfWork,
    clock: Clock,
    options: CreditOptions,
) -> list[uuid.UUID]:
    """Every record resting on the revoked decision falls away; it no longer counts as a prior finding."""
    at = clock()
    await uow.findings.revoke(cmd.decision_no, cmd.revoked_on)
    revoked = []
    for record_id in await uow.records.resting_on(cmd.decision_no):
        record = await load_record(uow, record_id)
        if RecordState.REVOKED not in record.allowed_steps():
            continue  # already revoked, archived, or never listed and closed
        step = Step(cmd.actor, at, note=f"{cmd.revoked_by} {cmd.revoking_doc_no or ''}".strip())
        await revoke(
            uow,
            record,
            revoked_on=cmd.revoked_on,
            reason=cmd.reason,
            revoked_by=cmd.revoked_by,
            revoking_doc_no=cmd.revoking_doc_no,
            step=step,
            options=options,
        )
        revoked.append(record.id)
    return revoked
