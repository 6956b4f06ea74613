"""Run a step command for the verified principal and answer with the case as saved, plus advisories."""

from __future__ import annotations

import dataclasses
from typing import Any

from adjudication.bootstrap import AdjudicationContainer
from adjudication.domain.commands.approvals import ProposeForApproval
from adjudication.handlers import StepOutcome
from adjudication.views.models import AdvisoryOut, CaseRead
from shared.identity.principals import Principal

CASE_STEP_ERRORS = (401, 403, 404, 409, 422)


def for_principal(command: Any, who: Principal) -> Any:
    """``command`` as ``who`` takes it: the handler checks the principal against the case it locks."""
    if isinstance(command, ProposeForApproval):
        return dataclasses.replace(command, command=dataclasses.replace(command.command, principal=who))
    return dataclasses.replace(command, principal=who)


async def run_step(container: AdjudicationContainer, command: object, who: Principal) -> CaseRead:
    outcome: StepOutcome = await container.bus.handle(for_principal(command, who))
    read = await container.views.case(outcome.case.id, who, check=False)
    advisories = [
        AdvisoryOut(code=a.code, message=a.message, message_zh=a.message_zh) for a in outcome.advisories
    ]
    return read.model_copy(update={"advisories": advisories})
