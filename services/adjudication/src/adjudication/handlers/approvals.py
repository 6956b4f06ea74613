"""Steps that need the office head's approval: proposed by one person, taken when another approves.

Proposing checks the step in full on a copy of the locked case (it would succeed now: the same
refusals, 409 or 422, as taking it), then keeps the command's fields on the case and records that
it awaits approval. Approving (``require_second_person``: an office head of the case's office who
is not the proposer) takes the step as proposed, naming the approver in ``approved_by``.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

from pydantic import TypeAdapter

from adjudication.domain.access import authorise_approval
from adjudication.domain.approvals import Approval, Proposal
from adjudication.domain.case.aggregate import Case
from adjudication.domain.commands.acceptance import DocketCase
from adjudication.domain.commands.after_decision import DecideCase
from adjudication.domain.commands.approvals import ApproveProposal, ProposeForApproval
from adjudication.domain.commands.base import CaseCommand, PenaltyCommand
from adjudication.domain.commands.interruptions import ExtendTimeLimit
from adjudication.domain.commands.penalty import DecidePenalty
from adjudication.domain.errors import InvariantBroken, NoProposal
from adjudication.domain.events import CaseEvent, PenaltyEvent
from adjudication.domain.penalty.aggregate import PenaltyCase
from adjudication.domain.values.actors import ActorKind
from adjudication.domain.values.days import local_date
from adjudication.domain.values.rules import CaseRules
from adjudication.handlers.deciding import accepted_elsewhere, take_decision, take_docket
from adjudication.handlers.effects import Clock, StepOutcome, record_case, record_penalty_case
from adjudication.handlers.penalty import refresh_priors, take_penalty_decision
from adjudication.handlers.steps import binding, load_case, load_penalty_case
from adjudication.unit_of_work import AdjudicationUnitOfWork
from shared.domain.actors import Actor

COMMANDS: dict[Approval, type[Any]] = {
    Approval.DOCKET: DocketCase,
    Approval.DECISION: DecideCase,
    Approval.TIME_LIMIT_EXTENSION: ExtendTimeLimit,
    Approval.PENALTY_DECISION: DecidePenalty,
}
PENDING = "（待批准）"
"""What stands for the approver and the decision number while a proposal is checked."""
NOT_KEPT = {"case_id", "by", "principal", "document_ref"}


def _approved(command: Any, approver: str) -> Any:
    if isinstance(command, DecideCase):
        return dataclasses.replace(command, draft=dataclasses.replace(command.draft, approved_by=approver))
    if isinstance(command, ExtendTimeLimit | DocketCase):
        return dataclasses.replace(command, approved_by=approver)
    return command


def _fields(command: Any) -> dict[str, Any]:
    dumped: dict[str, Any] = TypeAdapter(type(command)).dump_python(command, mode="json", exclude=NOT_KEPT)
    return dumped


def _command(proposal: Proposal, case_id: Any) -> Any:
    kind = COMMANDS[proposal.kind]
    return TypeAdapter(kind).validate_python(
        {**proposal.fields, "case_id": case_id, "by": proposal.proposed_by}
    )


async def propose(
    cmd: ProposeForApproval, uow: AdjudicationUnitOfWork, clock: Clock, rules: CaseRules
) -> StepOutcome:
    inner, at = cmd.command, clock()
    if not isinstance(inner, COMMANDS[cmd.kind]):
        raise InvariantBroken(f"a {cmd.kind} proposal carries a {type(inner).__name__}")
    proposal = Proposal(kind=cmd.kind, proposed_by=inner.by, proposed_at=at, fields=_fields(inner))
    details = {"approval": cmd.kind.value, "proposed_by": inner.by}
    if isinstance(inner, PenaltyCommand):
        penalty = await load_penalty_case(uow, inner)
        if isinstance(inner, DecidePenalty):
            await refresh_priors(penalty, uow)
        _try(penalty, inner, at, rules, {"decision_no": PENDING})
        penalty.proposals[cmd.kind] = proposal
        penalty.record(
            PenaltyEvent.APPROVAL_REQUESTED, by=Actor(ActorKind.HANDLER, inner.by), at=at, details=details
        )
        return await record_penalty_case(uow, penalty)
    case = await load_case(uow, inner)
    supplied: dict[str, Any] = {}
    if isinstance(inner, DocketCase):  # what docketing draws or looks up when it is approved
        docketed_on = inner.docketed_on or local_date(at)
        supplied = {
            "docket_no": PENDING,
            "sequence": 0,
            "docketed_on": docketed_on,
            "accepted_elsewhere": await accepted_elsewhere(case, uow),
        }
    _try(case, inner, at, rules, supplied)
    case.proposals[cmd.kind] = proposal
    kind = ActorKind.HANDLER if isinstance(inner, DocketCase) else ActorKind.PANEL
    case.record(CaseEvent.APPROVAL_REQUESTED, by=Actor(kind, inner.by), at=at, details=details)
    return await record_case(uow, case, rules)


def _try(
    aggregate: Case | PenaltyCase,
    command: CaseCommand | PenaltyCommand,
    at: dt.datetime,
    rules: CaseRules,
    supplied: dict[str, Any],
) -> None:
    """Take the step on a copy: it raises what taking it would (the copy is thrown away).

    ``supplied``: what the step is given when it is taken for real (numbers stand in as pending)."""
    trial = copy.deepcopy(aggregate)
    if isinstance(command, DecideCase):
        supplied = {"decision_no": PENDING}
    binding(command).take(trial, _approved(command, PENDING), at=at, rules=rules, **supplied)


async def approve(
    cmd: ApproveProposal, uow: AdjudicationUnitOfWork, clock: Clock, rules: CaseRules
) -> StepOutcome:
    at = clock()
    if cmd.kind is Approval.PENALTY_DECISION:
        penalty = await uow.penalty_cases.get(cmd.case_id)
        proposal = _pending(penalty.proposals, cmd.kind)
        authorise_approval(cmd.principal, penalty.office_code, proposal.proposed_by)
        del penalty.proposals[cmd.kind]
        await take_penalty_decision(penalty, _command(proposal, cmd.case_id), uow, at, rules)
        if penalty.decision is not None:
            penalty.decision = dataclasses.replace(
                penalty.decision, proposed_by=proposal.proposed_by, approved_by=cmd.by
            )
        return await record_penalty_case(uow, penalty)
    case = await uow.cases.get(cmd.case_id)
    proposal = _pending(case.proposals, cmd.kind)
    authorise_approval(cmd.principal, case.office_code, proposal.proposed_by)
    del case.proposals[cmd.kind]
    command = _approved(_command(proposal, cmd.case_id), cmd.by)
    if isinstance(command, DocketCase):
        await take_docket(case, command, uow, at, rules)
    elif isinstance(command, DecideCase):
        await take_decision(case, command, uow, at, rules)
        if case.decision is not None:
            case.decision = dataclasses.replace(case.decision, proposed_by=proposal.proposed_by)
    else:
        binding(command).take(case, command, at=at, rules=rules)
    return await record_case(uow, case, rules)


def _pending(proposals: dict[str, Proposal], kind: Approval) -> Proposal:
    proposal = proposals.get(kind)
    if proposal is None:
        raise NoProposal(
            f"No {kind.value.replace('_', ' ')} awaits approval in this case",
            "本案没有待负责人批准的该事项",
        )
    return proposal


HANDLERS: dict[type[Any], Callable[..., Any]] = {
    ProposeForApproval: propose,
    ApproveProposal: approve,
}
