"""Suspension (§A.5 checklist and recommendation), pauses, and the procedure tracks (§A.9)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from adjudication.domain.case.parts.clock import clock_period_for
from adjudication.domain.case.parts.procedure import Procedure, SimpleAssessment
from adjudication.domain.case.parts.suspension import (
    Attachment,
    RefusalGround,
    SuspensionApplication,
    SuspensionReason,
)
from adjudication.domain.case.states import CaseState
from adjudication.domain.case.steps import procedure, suspension
from adjudication.domain.errors import RuleViolated
from adjudication.domain.values.parties import PatentRight
from shared.vocabulary import IpType

D = dt.date
ELIGIBLE = SimpleAssessment(
    facts_clear=True, rights_and_duties_clear=True, evidence_sufficient=True, ownership_undisputed=True
)


def invalidation(
    filed_on: dt.date, attachments: tuple[Attachment, ...] = tuple(Attachment)
) -> SuspensionApplication:
    return SuspensionApplication(
        reason=SuspensionReason.INVALIDATION,
        requested_by="respondent-1",
        filed_on=filed_on,
        invalidation_case_no="4W112233",
        invalidation_accepted_on=D(2026, 3, 12),
        attachments=attachments,
    )


@pytest.mark.parametrize(
    ("ip_type", "filed_on", "attachments", "expected"),
    [
        (IpType.UTILITY_MODEL, D(2026, 3, 15), tuple(Attachment), "normally suspend"),
        (IpType.INVENTION_PATENT, D(2026, 3, 15), tuple(Attachment), "discretionary"),
        (IpType.UTILITY_MODEL, D(2026, 3, 30), tuple(Attachment), "normally do not suspend"),
        (IpType.DESIGN, D(2026, 3, 15), (Attachment.ACCEPTANCE_NOTICE,), "refuse: incomplete request"),
    ],
    ids=["um-in-answer-period", "invention", "after-answer-period", "missing-attachments"],
)
def test_the_recommendation_follows_the_checklist(
    builder: Any, ip_type: IpType, filed_on: dt.date, attachments: tuple[Attachment, ...], expected: str
) -> None:
    case = builder.new(ip_type=ip_type, rights=(PatentRight(ip_type=ip_type, number="ZL1"),))
    builder.docket(case)
    builder.serve(case, "respondent-1", D(2026, 3, 6))  # answer period ends Sat 21 -> Mon 23 Mar
    request = suspension.request_suspension(
        case,
        application=invalidation(filed_on, attachments),
        by=builder.respondent,
        at=builder.moment(filed_on),
        rules=builder.rules,
    )
    assert request.recommendation.startswith(expected)


def test_only_an_accepted_invalidation_asked_by_the_respondent_counts(builder: Any) -> None:
    case = builder.case_in(CaseState.IN_REVIEW)
    from dataclasses import replace

    by_requester = replace(invalidation(D(2026, 3, 20)), requested_by="requester")
    with pytest.raises(RuleViolated, match="respondent"):
        suspension.request_suspension(
            case,
            application=by_requester,
            by=builder.requester,
            at=builder.moment(D(2026, 3, 20)),
            rules=builder.rules,
        )
    not_accepted = replace(invalidation(D(2026, 3, 20)), invalidation_accepted_on=None)
    with pytest.raises(RuleViolated, match="accepted"):
        suspension.request_suspension(
            case,
            application=not_accepted,
            by=builder.respondent,
            at=builder.moment(D(2026, 3, 20)),
            rules=builder.rules,
        )


def test_a_refusal_names_its_grounds(builder: Any) -> None:
    case = builder.case_in(CaseState.IN_REVIEW)
    request = suspension.request_suspension(
        case,
        application=invalidation(D(2026, 3, 20)),
        by=builder.respondent,
        at=builder.moment(D(2026, 3, 20)),
        rules=builder.rules,
    )
    with pytest.raises(RuleViolated):
        suspension.decide_suspension(
            case,
            request_id=request.id,
            grant=False,
            refusal_grounds=(),
            reasons=None,
            by=builder.panel_actor,
            at=builder.moment(D(2026, 3, 21)),
            rules=builder.rules,
        )
    suspension.decide_suspension(
        case,
        request_id=request.id,
        grant=False,
        refusal_grounds=(RefusalGround.PRIOR_ART,),
        reasons="被诉技术属于现有技术",
        by=builder.panel_actor,
        at=builder.moment(D(2026, 3, 21)),
        rules=builder.rules,
    )
    assert case.state is CaseState.IN_REVIEW
    assert case.events[-1].name == "SuspensionRefused"


def test_court_preservation_suspends_from_the_day_the_ruling_arrived(builder: Any) -> None:
    case = builder.case_in(CaseState.IN_REVIEW)
    application = SuspensionApplication(
        reason=SuspensionReason.COURT_PRESERVATION,
        requested_by=None,
        filed_on=D(2026, 3, 20),
        court_ruling_no="（2026）京73民保1号",
    )
    request = suspension.request_suspension(
        case,
        application=application,
        by=builder.handler,
        at=builder.moment(D(2026, 3, 20)),
        rules=builder.rules,
    )
    suspension.decide_suspension(
        case,
        request_id=request.id,
        grant=True,
        refusal_grounds=(),
        reasons=None,
        by=builder.panel_actor,
        at=builder.moment(D(2026, 3, 24)),
        rules=builder.rules,
    )
    assert case.events[-1].details["suspended_on"] == "2026-03-20"
    assert case.clock is not None and case.clock.pauses[0].start == D(2026, 3, 20)


def test_an_ownership_suspension_has_a_one_year_limit_that_may_be_extended(builder: Any) -> None:
    case = builder.case_in(CaseState.SUSPENDED)
    assert case.deadlines["suspension_limit"].due == D(2027, 4, 1)  # filed Wed 1 Apr 2026 + 12 months
    suspension.extend_ownership_suspension(
        case, by=builder.panel_actor, at=builder.moment(D(2027, 3, 1)), rules=builder.rules
    )
    limit = case.deadlines["suspension_limit"]
    # 12 more months from 1 Apr 2027: Sat 1 Apr 2028 rolls to Mon 3 Apr, on a provisional (rules-only) year.
    assert (limit.due, limit.provisional) == (D(2028, 4, 3), True)


def test_the_simple_procedure_needs_every_criterion(builder: Any) -> None:
    case = builder.case_in(CaseState.DOCKETED)
    unclear = SimpleAssessment(
        facts_clear=False, rights_and_duties_clear=True, evidence_sufficient=True, ownership_undisputed=True
    )
    with pytest.raises(RuleViolated) as refused:
        procedure.change_procedure(
            case,
            procedure=Procedure.SIMPLE,
            assessment=unclear,
            major_case_grounds=(),
            reason=None,
            by=builder.handler,
            at=builder.moment(D(2026, 3, 5)),
            rules=builder.rules,
        )
    assert [e.field for e in refused.value.field_errors] == ["assessment.facts_clear"]

    procedure.change_procedure(
        case,
        procedure=Procedure.SIMPLE,
        assessment=ELIGIBLE,
        major_case_grounds=(),
        reason="事实清楚",
        by=builder.handler,
        at=builder.moment(D(2026, 3, 5)),
        rules=builder.rules,
    )
    assert case.procedure is Procedure.SIMPLE
    # The simple-procedure period is not configured in the catalogue: the ordinary one applies, with a note.
    assert case.clock is not None and case.clock.period == "adjudication.close"
    assert "no configured length" in (case.clock.note or "")


def test_an_invalidation_request_puts_a_simple_case_back_on_the_ordinary_track(builder: Any) -> None:
    case = builder.case_in(CaseState.IN_REVIEW)
    procedure.change_procedure(
        case,
        procedure=Procedure.SIMPLE,
        assessment=ELIGIBLE,
        major_case_grounds=(),
        reason=None,
        by=builder.handler,
        at=builder.moment(D(2026, 3, 19)),
        rules=builder.rules,
    )
    suspension.request_suspension(
        case,
        application=invalidation(D(2026, 3, 20)),
        by=builder.respondent,
        at=builder.moment(D(2026, 3, 20)),
        rules=builder.rules,
    )
    assert case.procedure is Procedure.ORDINARY
    assert case.events[-1].details["reason"] == "invalidation request pending"


def test_the_green_channel_is_for_major_cases(builder: Any) -> None:
    case = builder.case_in(CaseState.SUBMITTED)
    with pytest.raises(RuleViolated):
        procedure.change_procedure(
            case,
            procedure=Procedure.GREEN_CHANNEL,
            assessment=None,
            major_case_grounds=(),
            reason=None,
            by=builder.handler,
            at=builder.moment(D(2026, 3, 3)),
            rules=builder.rules,
        )
    procedure.change_procedure(
        case,
        procedure=Procedure.GREEN_CHANNEL,
        assessment=None,
        major_case_grounds=("跨省重大侵权",),
        reason=None,
        by=builder.handler,
        at=builder.moment(D(2026, 3, 3)),
        rules=builder.rules,
    )
    assert case.major_case_grounds == ("跨省重大侵权",)


def test_a_configured_simple_procedure_period_is_used() -> None:
    from shared.calendar import catalogue

    period, note = clock_period_for(simple_procedure=True, province=None)
    assert (period, note is not None) == ("adjudication.close", True)
    assert catalogue.get("adjudication.simple_procedure_close").period is None
