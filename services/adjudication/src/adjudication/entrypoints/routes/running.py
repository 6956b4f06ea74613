"""Run a step command and answer with the case as saved, plus the step's advisories."""

from __future__ import annotations

from adjudication.bootstrap import AdjudicationContainer
from adjudication.handlers import StepOutcome
from adjudication.views.models import AdvisoryOut, CaseRead

CASE_STEP_ERRORS = (401, 403, 404, 409, 422)


async def run_step(container: AdjudicationContainer, command: object) -> CaseRead:
    outcome: StepOutcome = await container.bus.handle(command)
    read = await container.views.case(outcome.case.id)
    advisories = [
        AdvisoryOut(code=a.code, message=a.message, message_zh=a.message_zh) for a in outcome.advisories
    ]
    return read.model_copy(update={"advisories": advisories})
