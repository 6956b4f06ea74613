"""Acceptance (受理): correction of incomplete requests, docketing with jurisdiction checks, refusal.

Conditions (domain-rules §A.3, 专利行政执法办法 art. 8 [U], same structure in local regulations [V]):
an entitled requester, an identified respondent, specific claims, this office's jurisdiction
(专利法实施细则 art. 97 [V]) and no court action over the same dispute. The first office to accept
keeps the case (art. 97 ¶2); disputes of national significance go to CNIPA (专利法 art. 70 ¶1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.acceptance import (
    AcceptanceChecklist,
    CorrectionRequest,
    DocketRecord,
    OtherAcceptance,
)
from adjudication.domain.case.parts.decision import Outcome
from adjudication.domain.case.parts.endings import Ending, EndingKind
from adjudication.domain.case.parts.jurisdiction import Jurisdiction, JurisdictionBasis
from adjudication.domain.case.parts.procedure import Procedure
from adjudication.domain.case.steps.clock import start_clock
from adjudication.domain.case.steps.drug_linkage import start_acceptance_periods
from adjudication.domain.case.steps.jurisdiction import jurisdiction_problems
from adjudication.domain.errors import AcceptanceBlocked, rule_violated, rules_violated
from adjudication.domain.values.legal import SHANGHAI_REGS
from adjudication.domain.values.rules import CaseRules
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineKind, DeadlineStatus
from shared.domain.events import Advisory
from shared.domain.legal import Citation
from shared.errors import FieldError

DOCKET_KEY = "docket"
SERVICE_KEY = "serve_request_copy"
CORRECTION_KEY = "correction"


def start_docket_deadline(case: Case, on: dt.date, rules: CaseRules) -> None:
    case.start_deadline(
        DOCKET_KEY,
        period="adjudication.docket",
        start=on,
        kind=DeadlineKind.OFFICE_DUTY,
        province=rules.province,
        warn_working_days=rules.warn_working_days,
    )


def request_correction(
    case: Case,
    *,
    items: Sequence[str],
    respond_by: dt.date,
    note: str | None,
    by: Actor,
    at: dt.datetime,
    rules: CaseRules,
) -> None:
    case.require_state("request_correction")
    today = case.day_of(at)
    if respond_by <= today:
        raise rule_violated(
            "respond_by", "not_in_future", "The completion date must be after today", "补正期限必须晚于今天"
        )
    case.corrections.append(
        CorrectionRequest(items=tuple(items), requested_at=at, respond_by=respond_by, note=note)
    )
    # The docketing period runs from a complete request (上海市专利保护条例 art. 19): it restarts later.
    case.end_deadline(DOCKET_KEY, DeadlineStatus.CANCELLED)
    case.start_fixed_deadline(
        CORRECTION_KEY,
        due=respond_by,
        start=today,
        basis=str(Citation(SHANGHAI_REGS, "19")),
        kind=DeadlineKind.PARTY_PERIOD,
        warn_working_days=rules.warn_working_days,
    )
    case.move("request_correction", by=by, at=at, details={"items": list(items), "respond_by": respond_by})


def supplement_materials(
    case: Case, *, note: str | None, by: Actor, at: dt.datetime, rules: CaseRules
) -> None:
    case.require_state("supplement_materials")
    open_request = case.corrections[-1]
    open_request.supplemented_at = at
    today = case.day_of(at)
    case.meet_deadline(CORRECTION_KEY, today)
    start_docket_deadline(case, today, rules)
    case.move("supplement_materials", by=by, at=at, details={"note": note})


def docket(
    case: Case,
    *,
    docket_no: str,
    sequence: int,
    docketed_on: dt.date,
    approved_by: str,
    jurisdiction: Jurisdiction,
    checklist: AcceptanceChecklist,
    accepted_elsewhere: Sequence[OtherAcceptance],
    by: Actor,
    at: dt.datetime,
    rules: CaseRules,
) -> None:
    """Accept the request: guards of §A.2-A.3, then the docket number and the case clock."""
    case.require_state("docket")
    _refuse_blocked_acceptance(case, accepted_elsewhere)
    problems = [_unmet_condition(name) for name in checklist.unmet()]
    problems += jurisdiction_problems(case, jurisdiction, rules)
    if problems:
        raise rules_violated(problems)
    _check_docket_date(case, docketed_on, at)
    today = docketed_on
    docket_deadline = case.deadlines.get(DOCKET_KEY)
    late = bool(docket_deadline and docket_deadline.due and today > docket_deadline.due)
    case.docket = DocketRecord(
        docket_no=docket_no,
        sequence=sequence,
        docketed_at=at,
        docketed_on=today,
        approved_by=approved_by,
        jurisdiction=jurisdiction,
        checklist=checklist,
        late=late,
    )
    case.meet_deadline(DOCKET_KEY, today)
    case.start_deadline(
        SERVICE_KEY,
        period="adjudication.serve_request_copy",
        start=today,
        kind=DeadlineKind.OFFICE_DUTY,
        province=rules.province,
        warn_working_days=rules.warn_working_days,
    )
    close = start_clock(case, today, rules, simple_procedure=case.procedure is Procedure.SIMPLE)
    start_acceptance_periods(case, today, rules)
    case.move(
        "docket",
        by=by,
        at=at,
        details={
            "docket_no": docket_no,
            "approved_by": approved_by,
            "jurisdiction": jurisdiction.basis.value,
            "close_deadline": close.due.isoformat() if close else None,
        },
        advisories=_docket_advisories(case, late, jurisdiction),
    )


def refuse(case: Case, *, reasons: Sequence[str], by: Actor, at: dt.datetime) -> None:
    """Do not accept (不予受理), with written reasons; this also answers the docketing deadline."""
    case.require_state("refuse")
    if not [r for r in reasons if r.strip()]:
        raise rule_violated("reasons", "required", "Written reasons are required", "不予受理必须说明理由")
    case.meet_deadline(DOCKET_KEY, case.day_of(at))
    case.cancel_open_deadlines()
    case.ending = Ending(kind=EndingKind.NOT_ACCEPTED, reasons=tuple(reasons), at=at)
    case.outcome = Outcome.NOT_ACCEPTED
    case.move("refuse", by=by, at=at, details={"reasons": list(reasons)})


def _check_docket_date(case: Case, docketed_on: dt.date, at: dt.datetime) -> None:
    """Docketing may be recorded after the fact, but not before the request arrived or in the future."""
    if not case.day_of(case.received_at) <= docketed_on <= case.day_of(at):
        raise rule_violated(
            "docketed_on",
            "bad_date",
            "The docketing date lies between the receipt of the request and today",
            "立案日期应在收到请求之日与今天之间",
        )


def _refuse_blocked_acceptance(case: Case, accepted_elsewhere: Sequence[OtherAcceptance]) -> None:
    if case.court_action_pending:
        raise AcceptanceBlocked(
            "A party has sued in a people's court over the same dispute: the request cannot be accepted "
            "(acceptance condition 5); refuse it with that reason",
            "当事人已就同一纠纷向人民法院起诉，不能受理（受理条件五）；请以此为由不予受理",
        )
    if accepted_elsewhere:
        first = min(accepted_elsewhere, key=lambda a: a.docketed_at)
        raise AcceptanceBlocked(
            f"Office {first.office_code} accepted the same dispute first ({first.docket_no}); "
            "the first office to accept keeps the case (专利法实施细则 art. 97 ¶2)",
            f"{first.office_code} 已先行受理同一纠纷（{first.docket_no}），"
            "由最先受理的部门管辖（专利法实施细则第九十七条第二款）",
        )


def _unmet_condition(name: str) -> FieldError:
    return FieldError(
        f"checklist.{name}",
        "condition_not_met",
        f"Acceptance condition '{name}' is not met (§A.3); request correction or refuse",
        f"受理条件“{name}”不满足，请要求补正或不予受理",
    )


def _docket_advisories(case: Case, late: bool, jurisdiction: Jurisdiction) -> list[Advisory]:
    advisories = []
    if late:
        advisories.append(
            Advisory(
                "docketed_late",
                "Docketed after the docketing deadline ([U] 专利行政执法办法 art. 11)",
                "立案超过立案期限（专利行政执法办法第十一条，未核实）",
            )
        )
    if any(r.needs_evaluation_report and not r.evaluation_report for r in case.rights):
        advisories.append(
            Advisory(
                "evaluation_report_missing",
                "Utility model or design without an evaluation report: the office may demand one "
                "(专利法 art. 66 ¶2)",
                "实用新型或外观设计专利未提交专利权评价报告，可要求提交（专利法第六十六条第二款）",
            )
        )
    if (
        jurisdiction.basis is JurisdictionBasis.NATIONAL_SIGNIFICANCE
        and not jurisdiction.local_certificate_no
    ):
        advisories.append(
            Advisory(
                "local_certificate_missing",
                "No certificate from the local office that the case is major "
                "([P] Major-Dispute Measures art. 3)",
                "缺少地方知识产权局出具的重大案件证明（重大专利侵权纠纷行政裁决办法第三条）",
            )
        )
    if case.procedure is Procedure.SIMPLE and case.simple_assessment is None:
        advisories.append(
            Advisory(
                "simple_procedure_unassessed",
                "Routed to the simple procedure but not yet assessed against its criteria (§A.9)",
                "已分流至简易程序，但尚未评估是否符合简易程序适用条件",
            )
        )
    if case.prior_findings:
        advisories.append(
            Advisory(
                "repeat_infringement_suspected",
                "An earlier effective finding exists against this respondent on this patent: "
                "a stop order may issue directly ([U] 专利行政执法办法 art. 17)",
                "被请求人曾就同一专利被认定侵权，可直接责令停止侵权（专利行政执法办法第十七条，未核实）",
            )
        )
    return advisories
