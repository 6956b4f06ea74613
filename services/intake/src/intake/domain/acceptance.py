"""Acceptance checks (受理条件, §A.3) as explainable rules whose severity is data (the rule table).

Each rule looks at the complaint and says what is wrong and why; the rule table decides whether
that blocks acceptance, holds the complaint for correction, or only warns staff. Rules resting
on [U] provisions ship as corrections or warnings, never as silent hard refusals.

The findings, their severities and the outcome they lead to are the complaint's own values
(:mod:`intake.domain.complaint.values`): the checks read the complaint, the complaint never needs them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from intake.domain.complaint.values import Finding, Severity
from intake.domain.rights import VerificationStatus
from intake.domain.vocabulary import REPORT_TYPES, Capacity, EvaluationReport

if TYPE_CHECKING:
    from intake.domain.complaint import Complaint


@dataclass(frozen=True, slots=True, kw_only=True)
class AcceptanceRule:
    """One row of the rule table's ``[acceptance]`` section."""

    id: str
    severity: Severity
    basis: str


@dataclass(frozen=True, slots=True, kw_only=True)
class AcceptanceContext:
    today: dt.date
    limitation_ends: dt.date | None = None
    office_province: str | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    field: str
    message: str
    message_zh: str


Check = Callable[["Complaint", AcceptanceContext], Iterator[Problem]]


def _court_action_pending(c: Complaint, _: AcceptanceContext) -> Iterator[Problem]:
    if c.court_action_pending:
        yield Problem(
            "court_action_pending",
            "A party has sued in a people's court over the same dispute",
            "当事人已就同一侵权纠纷向人民法院起诉",
        )


def _respondent_identified(c: Complaint, _: AcceptanceContext) -> Iterator[Problem]:
    for i, party in enumerate(c.respondents):
        if not party.identified:
            yield Problem(
                f"respondents.{i}",
                f"Respondent {party.name} needs a credit code, id number or address",
                f"被请求人 {party.name} 须提供统一社会信用代码、身份证件号码或地址",
            )


def _evaluation_report(c: Complaint, _: AcceptanceContext) -> Iterator[Problem]:
    for i, right in enumerate(c.rights):
        if right.ip_type.value in REPORT_TYPES and right.evaluation_report is EvaluationReport.NONE:
            yield Problem(
                f"rights.{i}.evaluation_report",
                f"{right.number}: a patent right evaluation report (or proof it was requested) is needed",
                f"{right.number}：须提交专利权评价报告或已请求出具的证明",
            )


def _evaluation_report_requested(c: Complaint, _: AcceptanceContext) -> Iterator[Problem]:
    for i, right in enumerate(c.rights):
        if right.ip_type.value in REPORT_TYPES and right.evaluation_report is EvaluationReport.REQUESTED:
            yield Problem(
                f"rights.{i}.evaluation_report",
                f"{right.number}: evaluation report requested, not yet issued (CNIPA has 2 months)",
                f"{right.number}：已请求出具评价报告，尚未出具（国家知识产权局 2 个月内出具）",
            )


def _verification(status: VerificationStatus) -> Check:
    def check(c: Complaint, _: AcceptanceContext) -> Iterator[Problem]:
        for i, right in enumerate(c.rights):
            if right.verification is not None and right.verification.status is status:
                yield Problem(
                    f"rights.{i}.number",
                    f"{right.number}: {right.verification.reason}",
                    f"{right.number}：{right.verification.reason_zh}",
                )

    return check


def _licence_contract(c: Complaint, _: AcceptanceContext) -> Iterator[Problem]:
    capacity = c.complainant.capacity
    if capacity is not None and capacity.is_licensee and not c.complainant.licence_contract_ref:
        yield Problem(
            "complainant.licence_contract_ref",
            "A licensee must produce the licence contract",
            "被许可人须提交专利实施许可合同",
        )


def _ordinary_licensee(c: Complaint, _: AcceptanceContext) -> Iterator[Problem]:
    if c.complainant.capacity is Capacity.ORDINARY_LICENSEE_AUTHORISED:
        yield Problem(
            "complainant.capacity",
            "An ordinary licensee may complain alone only if the contract allows it: check the clause",
            "普通许可被许可人仅在合同明确授权时可单独请求，请核对合同条款",
        )


def _agent_authority(c: Complaint, _: AcceptanceContext) -> Iterator[Problem]:
    if c.agent is not None and not c.agent.power_of_attorney_ref:
        yield Problem(
            "agent.power_of_attorney_ref",
            "The agent's power of attorney is missing",
            "缺少代理人的授权委托书",
        )


def _limitation(c: Complaint, ctx: AcceptanceContext) -> Iterator[Problem]:
    if ctx.limitation_ends is not None and ctx.limitation_ends < ctx.today:
        yield Problem(
            "known_since",
            f"The 3-year limitation ran out on {ctx.limitation_ends} unless the infringement continues",
            f"三年诉讼时效已于 {ctx.limitation_ends} 届满（持续侵权除外）",
        )


def _other_office(c: Complaint, _: AcceptanceContext) -> Iterator[Problem]:
    if c.other_office_filings:
        yield Problem(
            "other_office_filings",
            "Also filed with other offices: the first office to accept keeps the case",
            "已向其他部门提出请求：由最先受理的部门管辖",
        )


def _jurisdiction(c: Complaint, ctx: AcceptanceContext) -> Iterator[Problem]:
    if ctx.office_province is None:
        return
    prefix = ctx.office_province[:2]
    regions = [p.region_code for p in c.respondents] + [loc.region_code for loc in c.infringement_locations]
    known = [r for r in regions if r]
    if known and not any(r.startswith(prefix) for r in known):
        yield Problem(
            "respondents",
            "Neither a respondent nor an infringement location is in this office's province",
            "被请求人所在地和侵权行为地均不在本部门辖区",
        )


CHECKS: Mapping[str, Check] = {
    "court_action_pending": _court_action_pending,
    "respondent_identified": _respondent_identified,
    "evaluation_report_missing": _evaluation_report,
    "evaluation_report_requested": _evaluation_report_requested,
    "right_holder_mismatch": _verification(VerificationStatus.HOLDER_MISMATCH),
    "right_lapsed": _verification(VerificationStatus.LAPSED),
    "right_unverified": _verification(VerificationStatus.UNKNOWN),
    "licence_contract_missing": _licence_contract,
    "ordinary_licensee": _ordinary_licensee,
    "agent_authority_missing": _agent_authority,
    "limitation_expired": _limitation,
    "filed_with_other_office": _other_office,
    "outside_jurisdiction": _jurisdiction,
}
"""Every acceptance rule the code knows; the rule table must give each a severity."""


def assess(
    complaint: Complaint, rules: Mapping[str, AcceptanceRule], ctx: AcceptanceContext
) -> tuple[Finding, ...]:
    """Run every check that the rule table does not switch off."""
    findings: list[Finding] = []
    for rule_id, check in CHECKS.items():
        rule = rules[rule_id]
        if rule.severity is Severity.OFF:
            continue
        findings.extend(
            Finding(
                rule=rule_id,
                severity=rule.severity,
                field=p.field,
                message=p.message,
                message_zh=p.message_zh,
                basis=rule.basis,
            )
            for p in check(complaint, ctx)
        )
    return tuple(findings)
