"""Handlers for the agreement: drafting and signatures."""

from __future__ import annotations

import uuid

from mediation.domain import agreeing
from mediation.domain.access import authorise_step
from mediation.domain.commands import DraftAgreement, SignAgreement
from mediation.handlers.cases import Clock, load_case, record_step
from mediation.rules import MediationRules
from mediation.unit_of_work import MediationUnitOfWork


async def draft_agreement(
    cmd: DraftAgreement, uow: MediationUnitOfWork, clock: Clock, rules: MediationRules
) -> uuid.UUID:
    case = await load_case(uow, cmd.case_id)
    authorise_step(cmd.principal, case)
    agreement = agreeing.draft_agreement(case, cmd.content, rules.confirmation, cmd.actor, clock())
    await record_step(uow, case)
    return agreement.id


async def sign_agreement(
    cmd: SignAgreement, uow: MediationUnitOfWork, clock: Clock, rules: MediationRules
) -> uuid.UUID:
    case = await load_case(uow, cmd.case_id)
    authorise_step(cmd.principal, case)
    now = clock()
    signed_at = cmd.signed_at or now
    agreement = agreeing.sign_agreement(
        case, cmd.party_id, cmd.manner, signed_at, cmd.actor, now, rules.timing
    )
    await record_step(uow, case)
    return agreement.id
