"""One factory for the four-eyes pairs of routes: ``POST <path>`` proposes, ``POST <path>/approval`` approves.

Docketing, the time-limit extension, the case decision and the penalty decision all follow it: the
proposer's command is checked now and kept; an office head of the case's office, not the proposer,
approves it and it is taken then (``handlers.approvals``). Only the paths, permissions, bodies and the
view answered differ, so they are parameters here.

(No ``from __future__ import annotations``: FastAPI reads the endpoints' annotations, which name the
factory's parameters, when the routes are added.)
"""

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any, Protocol

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from adjudication.bootstrap import AdjudicationContainer
from adjudication.domain.approvals import Approval
from adjudication.domain.commands.approvals import ApproveProposal, ProposeForApproval
from adjudication.entrypoints.dependencies import Container, Principal, allow
from adjudication.entrypoints.routes.running import CASE_STEP_ERRORS, for_principal
from adjudication.handlers import StepOutcome
from adjudication.views.models import AdvisoryOut
from shared.web.problems import problem_responses


class ProposalBody(Protocol):
    def to_command(self, case_id: uuid.UUID, by: str) -> Any: ...


Reader = Callable[[AdjudicationContainer, StepOutcome, Principal], Awaitable[BaseModel]]


async def read_case(container: AdjudicationContainer, outcome: StepOutcome, who: Principal) -> BaseModel:
    """The dispute case as saved, with the step's advisories."""
    read = await container.views.case(outcome.case.id, who, check=False)
    advisories = [
        AdvisoryOut(code=a.code, message=a.message, message_zh=a.message_zh) for a in outcome.advisories
    ]
    return read.model_copy(update={"advisories": advisories})


async def read_penalty_case(
    container: AdjudicationContainer, outcome: StepOutcome, who: Principal
) -> BaseModel:
    return await container.views.penalty_case(outcome.case.id, who, check=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class ApprovalRoutes:
    """A pair of routes: what is proposed (``kind``, ``body``), who may propose and approve, what answers."""

    path: str
    kind: Approval
    body: type[BaseModel]
    response: type[BaseModel]
    read: Reader
    propose_permission: str
    approve_permission: str
    propose_summary: str
    approve_summary: str
    propose_name: str
    approve_name: str
    propose_doc: str | None = None
    approve_doc: str | None = None


def add_approval_routes(router: APIRouter, spec: ApprovalRoutes) -> None:
    """Add ``POST {path}`` (propose) and ``POST {path}/approval`` (approve) to ``router``."""
    body_model = spec.body

    async def propose(
        case_id: uuid.UUID,
        body: body_model,  # type: ignore[valid-type]
        container: Container,
        who: Annotated[Principal, Depends(allow(spec.propose_permission))],
    ) -> BaseModel:
        proposed: ProposalBody = body
        command = ProposeForApproval(kind=spec.kind, command=proposed.to_command(case_id, who.subject))
        outcome: StepOutcome = await container.bus.handle(for_principal(command, who))
        return await spec.read(container, outcome, who)

    async def approve(
        case_id: uuid.UUID,
        container: Container,
        who: Annotated[Principal, Depends(allow(spec.approve_permission))],
    ) -> BaseModel:
        command = ApproveProposal(kind=spec.kind, case_id=case_id, by=who.subject, principal=who)
        outcome: StepOutcome = await container.bus.handle(command)
        return await spec.read(container, outcome, who)

    propose.__doc__, approve.__doc__ = spec.propose_doc, spec.approve_doc
    responses = problem_responses(*CASE_STEP_ERRORS)
    router.add_api_route(
        spec.path,
        propose,
        methods=["POST"],
        response_model=spec.response,
        responses=responses,
        summary=spec.propose_summary,
        name=spec.propose_name,
    )
    router.add_api_route(
        f"{spec.path}/approval",
        approve,
        methods=["POST"],
        response_model=spec.response,
        responses=responses,
        summary=spec.approve_summary,
        name=spec.approve_name,
    )
