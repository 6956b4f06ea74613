"""Reactions to a step that need other cases' data; the handler runs them before recording the step.

* A docketing enters the first-to-accept registry (checked by every later docketing of the dispute).
* A finding of infringement that became effective is checked against earlier findings against the
  same respondent and patent (a repeat infringer is flagged on the case, and so published), then
  added to the registry itself.
"""

from __future__ import annotations

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.repeat import within_lookback
from adjudication.domain.case.steps import repeat
from adjudication.domain.errors import InvariantBroken
from adjudication.domain.events import CaseEvent
from adjudication.domain.values.rules import CaseRules
from adjudication.unit_of_work import AdjudicationUnitOfWork

EFFECTIVE_EVENTS = frozenset({CaseEvent.DECISION_BECAME_EFFECTIVE, CaseEvent.DECISION_UPHELD})


async def react(uow: AdjudicationUnitOfWork, case: Case, rules: CaseRules) -> None:
    names = {event.name for event in case.events}
    if CaseEvent.CASE_DOCKETED in names and case.docket is not None:
        await uow.registry.record_docket(
            office_code=rules.office_code,
            case_ref=str(case.id),
            docket_no=case.docket.docket_no,
            patent_number=case.patent_number,
            requester_key=case.requester.identity_key,
            respondent_keys=[r.identity_key for r in case.respondents],
            docketed_at=case.docket.docketed_at,
        )
    if names & EFFECTIVE_EVENTS and case.infringement_established:
        await _record_finding(uow, case, rules)


async def _record_finding(uow: AdjudicationUnitOfWork, case: Case, rules: CaseRules) -> None:
    """Flag a repeat infringer against earlier findings, then add this finding to the registry."""
    decision, effective_on = case.decision, case.effective_on
    if decision is None or effective_on is None:
        raise InvariantBroken("decision is not None and effective_on is not None")
    keys = [r.identity_key for r in case.respondents]
    earlier = await uow.registry.prior_findings(patent_number=case.patent_number, subject_keys=keys)
    earlier = [f for f in earlier if f.case_id != str(case.id)]
    for respondent in case.respondents:
        mine = [f for f in earlier if f.subject_key == respondent.identity_key]
        priors = within_lookback(mine, effective_on, rules.repeat_lookback_months)
        if priors:
            repeat.flag(
                case,
                subject_key=respondent.identity_key,
                priors=priors,
                lookback_months=rules.repeat_lookback_months,
                at=case.events[-1].at,
            )
        await uow.registry.record_finding(
            office_code=rules.office_code,
            decision_no=decision.decision_no,
            patent_number=case.patent_number,
            subject_key=respondent.identity_key,
            subject_name=respondent.name,
            effective_on=effective_on,
            case_id=case.id,
        )
