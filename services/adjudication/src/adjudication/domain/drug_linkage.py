"""Drug-patent linkage requests (药品专利纠纷早期解决机制, 专利法 art. 76 [V]; domain-rules §A.10).

Every period here is [U] (the 2021 implementing measures were not read): they come from the period
catalogue (``drug_linkage.*``) and only ever warn. Periods counted from acceptance start at docketing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from adjudication.domain.errors import rule_violated
from adjudication.domain.events import CaseEvent
from adjudication.domain.legal import PATENT_LAW
from adjudication.domain.states import ACCEPTANCE_STAGE, PRE_DECISION
from shared.calendar import catalogue
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineKind
from shared.domain.events import Advisory
from shared.domain.legal import Citation

if TYPE_CHECKING:
    from adjudication.domain.case import Case
    from adjudication.domain.rules import CaseRules

PL76 = Citation(PATENT_LAW, "76")
CDE_NOTICE_KEY = "drug_linkage.cde_notice"
WAITING_KEY = "drug_linkage.waiting_period"


class DeclarationType(StrEnum):
    """The generic applicant's declaration (四类声明)."""

    TYPE_1 = "type_1"  # no relevant patent on the platform
    TYPE_2 = "type_2"  # the patent lapsed, was invalidated, or the applicant holds a licence
    TYPE_3 = "type_3"  # no marketing before the patent expires
    TYPE_4 = "type_4"  # the patent should be invalid, or the drug is outside its scope


@dataclass(slots=True, kw_only=True)
class DrugLinkage:
    drug_name: str
    marketing_application_no: str
    generic_applicant: str
    declaration_type: DeclarationType
    cde_published_on: dt.date
    chemical_generic: bool
    patentee_action_due: dt.date
    filed_in_time: bool
    cde_notified_on: dt.date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkageRequest:
    drug_name: str
    marketing_application_no: str
    generic_applicant: str
    declaration_type: DeclarationType
    cde_published_on: dt.date
    chemical_generic: bool


def register(
    case: Case, *, request: LinkageRequest, by: Actor, at: dt.datetime, rules: CaseRules
) -> DrugLinkage:
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
