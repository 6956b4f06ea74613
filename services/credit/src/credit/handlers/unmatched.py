"""Settling inputs parked because their subject could not be identified."""

from __future__ import annotations

import uuid

from credit.adapters.input_codec import claim_json, dishonesty_input_from_json, finding_from_json
from credit.domain.access import authorise_step
from credit.domain.commands import DismissUnmatchedInput, ResolveUnmatchedInput
from credit.domain.errors import UnmatchedInputNotFound
from credit.domain.policy import CreditRules
from credit.domain.unmatched import Settlement, UnmatchedInput, UnmatchedKind
from credit.handlers.audit import audit
from credit.handlers.findings import record_infringement_finding
from credit.handlers.inputs import register_dishonesty_input
from credit.handlers.steps import Clock
from credit.rules import CreditOptions
from credit.unit_of_work import CreditUnitOfWork


async def resolve_unmatched_input(
    cmd: ResolveUnmatchedInput,
    uow: CreditUnitOfWork,
    clock: Clock,
    rules: CreditRules,
    options: CreditOptions,
) -> uuid.UUID:
    """An officer says who the subject is; the parked input is replayed with that identity.

    A parked input came from another service, so it belongs to the deployment's office (as the
    record it becomes will): only an officer whose office covers it settles it."""
    authorise_step(cmd.principal, options.office_code)
    parked = await _load(uow, cmd.input_id)
    status = parked.settled_by(Settlement.RESOLVE)
    outcome: dict[str, object]
    if parked.kind is UnmatchedKind.DISHONESTY_INPUT:
        registration = await register_dishonesty_input(
            dishonesty_input_from_json(parked.payload, cmd.subject), uow, clock, rules, options
        )
        outcome = {"record_id": str(registration.record_id)}
    else:
        flagged = await record_infringement_finding(
            finding_from_json(parked.payload, cmd.subject), uow, clock, rules, options
        )
        outcome = {"flagged_record_ids": [str(r) for r in flagged]}
    await uow.unmatched.settle(
        parked.id,
        status=status,
        by=cmd.actor.id,
        at=clock(),
        settlement={"subject": claim_json(cmd.subject), **outcome},
    )
    audit(uow, "unmatched.resolve", "credit_unmatched_input", parked.id, **outcome)
    return parked.id


async def dismiss_unmatched_input(
    cmd: DismissUnmatchedInput, uow: CreditUnitOfWork, clock: Clock, options: CreditOptions
) -> uuid.UUID:
    authorise_step(cmd.principal, options.office_code)
    parked = await _load(uow, cmd.input_id)
    await uow.unmatched.settle(
        parked.id,
        status=parked.settled_by(Settlement.DISMISS),
        by=cmd.actor.id,
        at=clock(),
        settlement={"reason": cmd.reason},
    )
    audit(uow, "unmatched.dismiss", "credit_unmatched_input", parked.id, reason=cmd.reason)
    return parked.id


async def _load(uow: CreditUnitOfWork, input_id: uuid.UUID) -> UnmatchedInput:
    parked = await uow.unmatched.get_for_update(input_id)
    if parked is None:
        raise UnmatchedInputNotFound(f"No parked input {input_id}", f"待匹配输入 {input_id} 不存在")
    return parked
