"""Tracks of the procedure (繁简分流): ordinary, simple, and the green channel for major cases (§A.9).

The simple-procedure test follows the Hubei draft rules art. 3 [P] (https://yzwku.com/doc/1539191.html):
every criterion must hold. Which criteria apply is configuration (``CaseRules.simple_criteria``),
because the national text (CNIPA Order 81) was not found; so is the simple procedure's closing period
(``adjudication.simple_procedure_close`` in the period catalogue).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.procedure import (
    GREEN_CHANNEL_BASIS,
    SIMPLE_BASIS,
    Procedure,
    SimpleAssessment,
    SimpleCriterion,
)
from adjudication.domain.case.states import ACCEPTANCE_STAGE, PRE_DECISION
from adjudication.domain.case.steps.clock import start_clock
from adjudication.domain.errors import rule_violated, rules_violated
from adjudication.domain.events import CaseEvent
from adjudication.domain.values.rules import CaseRules
from shared.catalogue import label
from shared.domain.actors import Actor
from shared.errors import FieldError


def unmet_simple_criteria(
    case: Case, assessment: SimpleAssessment, required: frozenset[str]
) -> list[SimpleCriterion]:
    """The criteria of ``required`` that do not hold for ``case`` (empty means eligible)."""
    invalidation_pending = any(
        r.concerns_invalidation and r.is_open_or_granted for r in case.suspension_requests
    )
    needs_report = any(r.needs_evaluation_report for r in case.rights)
    holds = {
        SimpleCriterion.FACTS_CLEAR: assessment.facts_clear,
        SimpleCriterion.RIGHTS_AND_DUTIES_CLEAR: assessment.rights_and_duties_clear,
        SimpleCriterion.EVIDENCE_SUFFICIENT: assessment.evidence_sufficient,
        SimpleCriterion.OWNERSHIP_UNDISPUTED_NO_INVALIDATION: assessment.ownership_undisputed
        and not invalidation_pending,
        SimpleCriterion.EVALUATION_REPORT_CLEAN: not needs_report or bool(assessment.evaluation_report_clean),
    }
    return [criterion for criterion in SimpleCriterion if criterion in required and not holds[criterion]]


def change_procedure(
    case: Case,
    *,
    procedure: Procedure,
    assessment: SimpleAssessment | None,
    major_case_grounds: Sequence[str],
    reason: str | None,
    by: Actor,
    at: dt.datetime,
    rules: CaseRules,
) -> None:
    """Put the case on another track; the case clock restarts from docketing with that track's period."""
    if case.state not in ACCEPTANCE_STAGE | PRE_DECISION:
        raise rule_violated(
            "procedure",
            "too_late",
            "The track can change only before the decision",
            "仅可在裁决作出前变更程序",
        )
    _check_track(case, procedure, assessment, major_case_grounds, rules)
    previous = case.procedure
    case.procedure = procedure
    case.simple_assessment = assessment if procedure is Procedure.SIMPLE else case.simple_assessment
    case.major_case_grounds = tuple(major_case_grounds) if procedure is Procedure.GREEN_CHANNEL else ()
    close = None
    if case.docket is not None:
        close = start_clock(
            case, case.docket.docketed_on, rules, simple_procedure=procedure is Procedure.SIMPLE
        )
    basis = SIMPLE_BASIS if procedure is Procedure.SIMPLE else GREEN_CHANNEL_BASIS
    case.record(
        CaseEvent.PROCEDURE_CHANGED,
        by=by,
        at=at,
        basis=[basis],
        details={
            "from": previous.value,
            "to": procedure.value,
            "reason": reason,
            "close_deadline": close.due.isoformat() if close else None,
        },
    )


def revert_to_ordinary(case: Case, *, reason: str, by: Actor, at: dt.datetime, rules: CaseRules) -> None:
    """A simple case no longer qualifies (e.g. an invalidation request): it continues as ordinary."""
    if case.procedure is not Procedure.SIMPLE:
        return
    case.procedure = Procedure.ORDINARY
    if case.docket is not None:
        start_clock(case, case.docket.docketed_on, rules, simple_procedure=False)
    case.record(
        CaseEvent.PROCEDURE_CHANGED,
        by=by,
        at=at,
        basis=[SIMPLE_BASIS],
        details={"from": "simple", "to": "ordinary", "reason": reason},
    )


def _check_track(
    case: Case,
    procedure: Procedure,
    assessment: SimpleAssessment | None,
    major_case_grounds: Sequence[str],
    rules: CaseRules,
) -> None:
    if procedure is Procedure.SIMPLE:
        if assessment is None:
            raise rule_violated(
                "assessment",
                "required",
                "The simple procedure needs an eligibility assessment",
                "适用简易程序须先进行适用条件评估",
            )
        unmet = unmet_simple_criteria(case, assessment, rules.simple_criteria)
        if unmet:
            raise rules_violated(
                FieldError(
                    f"assessment.{c.value}",
                    "simple_criterion_unmet",
                    f"Simple procedure criterion not met: {c.value} ({SIMPLE_BASIS})",
                    f"不符合简易程序适用条件：{label(c).zh}",
                )
                for c in unmet
            )
    if procedure is Procedure.GREEN_CHANNEL and not [g for g in major_case_grounds if g.strip()]:
        raise rule_violated(
            "major_case_grounds",
            "required",
            "The green channel is for major cases: state the grounds",
            "绿色通道适用于重大案件，请说明理由",
        )
