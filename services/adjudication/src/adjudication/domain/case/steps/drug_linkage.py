"""Drug-patent linkage requests (药品专利纠纷早期解决机制, 专利法 art. 76 [V]; domain-rules §A.10).

Every period here is [U] (the 2021 implementing measures were not read): they come from the period
catalogue (``drug_linkage.*``) and only ever warn. Periods counted from acceptance start at docketing.
Only CNIPA (``rules.national_office``) may register one; the decision finds whether the generic drug's
technical solution falls within the patent's protection scope (see ``steps.decision``).
"""

from __future__ import annotations

import datetime as dt

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.drug_linkage import DrugLinkage, LinkageRequest
from adjudication.domain.case.states import ACCEPTANCE_STAGE, PRE_DECISION
from adjudication.domain.errors import rule_violated
from adjudication.domain.events import CaseEvent
from adjudication.domain.values.legal import PATENT_LAW
from adjudication.domain.values.rules import CaseRules
from shared.calendar import catalogue
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineKind
from shared.domain.events import Advisory
from shared.domain.legal import Citation

PL76 = Citation(PATENT_LAW, "76")
CDE_NOTICE_KEY = "drug_linkage.cde_notice"
WAITING_KEY = "drug_linkage.waiting_period"


def register(
    case: Case, *, request: LinkageRequest, by: Actor, at: dt.datetime, rules: CaseRules
) -> DrugLinkage:
    if not rules.national_office:
        raise rule_violated(
            "drug_linkage",
            "cnipa_only",
            "Only CNIPA adjudicates drug-patent linkage disputes (专利法 art. 76): "
            "this office cannot register one",
            "药品专利纠纷早期解决机制的行政裁决由国务院专利行政部门负责（专利法第七十六条），本部门不能登记",
        )
    if case.state not in ACCEPTANCE_STAGE | PRE_DECISION:
        raise rule_violated(
            "state", "too_late", "Register the linkage before the decision", "请在裁决前登记药品专利链接信息"
        )
    action_due = catalogue.deadline(
        "drug_linkage.patentee_action", request.cde_published_on, province=rules.province
    )
    filed_on = case.day_of(case.received_at)
    linkage = DrugLinkage(
        drug_name=request.drug_name,
        marketing_application_no=request.marketing_application_no,
        generic_applicant=request.generic_applicant,
        declaration_type=request.declaration_type,
        cde_published_on=request.cde_published_on,
        chemical_generic=request.chemical_generic,
        patentee_action_due=action_due.due,
        filed_in_time=filed_on <= action_due.due,
    )
    case.drug_linkage = linkage
    advisories = (
        []
        if linkage.filed_in_time
        else [
            Advisory(
                "linkage_request_late",
                f"Filed after {action_due.due.isoformat()}, 45 days after CDE's publication ([U])",
                f"请求晚于药审中心公示后45日（{action_due.due.isoformat()}，未核实）",
            )
        ]
    )
    if case.docket is not None:
        start_acceptance_periods(case, case.docket.docketed_on, rules)
    case.record(
        CaseEvent.DRUG_LINKAGE_REGISTERED,
        by=by,
        at=at,
        basis=[PL76],
        advisories=advisories,
        details={
            "drug_name": request.drug_name,
            "declaration_type": request.declaration_type.value,
            "patentee_action_due": action_due.due,
        },
    )
    return linkage


def start_acceptance_periods(case: Case, accepted_on: dt.date, rules: CaseRules) -> None:
    """From acceptance: the acceptance notice goes to CDE; for chemical generics the waiting period runs."""
    linkage = case.drug_linkage
    if linkage is None:
        return
    case.start_deadline(
        CDE_NOTICE_KEY,
        period="drug_linkage.acceptance_notice_to_cde",
        start=accepted_on,
        kind=DeadlineKind.PARTY_PERIOD,
        province=rules.province,
        warn_working_days=rules.warn_working_days,
    )
    if linkage.chemical_generic:
        case.start_deadline(
            WAITING_KEY,
            period="drug_linkage.waiting_period",
            start=accepted_on,
            kind=DeadlineKind.TIME_LIMIT,
            province=rules.province,
            warn_working_days=rules.warn_working_days,
        )


def record_cde_notice(case: Case, *, notified_on: dt.date, by: Actor, at: dt.datetime) -> None:
    linkage = case.drug_linkage
    if linkage is None:
        raise rule_violated(
            "drug_linkage",
            "not_registered",
            "No drug-linkage request is registered",
            "未登记药品专利链接信息",
        )
    linkage.cde_notified_on = notified_on
    case.meet_deadline(CDE_NOTICE_KEY, notified_on)
    case.record(CaseEvent.CDE_NOTIFIED, by=by, at=at, basis=[PL76], details={"notified_on": notified_on})
