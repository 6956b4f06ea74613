"""The §A.5 checklist for a suspension request: what it must contain and what the rules suggest.

Shandong Patent Regs art. 19 [V] lists the attachments and the grounds for refusing; the court
template (SPC patent-dispute provisions arts. 8-12 [V]) suggests when to suspend. The panel decides;
the recommendation is shown with the request.
"""

from __future__ import annotations

import datetime as dt

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.delivery import answer_key
from adjudication.domain.case.parts.suspension import Attachment, SuspensionApplication, SuspensionReason
from adjudication.domain.errors import rule_violated
from adjudication.domain.values.parties import PartyRole


def recommendation(case: Case, application: SuspensionApplication) -> str:
    """What the §A.5 checklist and the court template suggest; the panel decides."""
    if application.reason is SuspensionReason.OWNERSHIP:
        return "suspend: ownership dispute (专利法实施细则 art. 103), at most 1 year unless extended"
    if application.reason is SuspensionReason.COURT_PRESERVATION:
        return "suspend from receipt of the preservation ruling (专利法实施细则 art. 104)"
    if application.reason is SuspensionReason.OTHER:
        return "discretionary"
    missing = [a.value for a in Attachment if a not in application.attachments]
    if missing:
        return f"refuse: incomplete request, missing {', '.join(missing)} (山东省专利条例 art. 19)"
    answer_due = _answer_due(case, application.requested_by)
    if answer_due is not None and application.filed_on > answer_due:
        return "normally do not suspend: requested after the answer period (SPC template arts. 8-12)"
    if any(r.needs_evaluation_report for r in case.rights):
        return (
            "normally suspend (utility model/design, requested within the answer period), unless the "
            "evaluation report found no invalidity ground, prior art is clearly proven or the invalidation "
            "evidence is clearly insufficient (SPC template art. 9)"
        )
    return (
        "discretionary: invention patent (SPC template art. 11); refuse if the grounds are clearly untenable"
    )


def check_application(case: Case, application: SuspensionApplication) -> None:
    if application.reason is SuspensionReason.INVALIDATION:
        requester = case.party(application.requested_by) if application.requested_by else None
        if requester is None or requester.role is not PartyRole.RESPONDENT:
            raise rule_violated(
                "requested_by",
                "respondent_only",
                "The respondent asks for this suspension",
                "因无效宣告中止应由被请求人申请",
            )
        if application.invalidation_accepted_on is None or not application.invalidation_case_no:
            raise rule_violated(
                "invalidation_accepted_on",
                "not_accepted",
                "Only an invalidation request CNIPA has accepted counts (专利法实施细则 art. 98)",
                "须为国家知识产权局已受理的无效宣告请求（专利法实施细则第九十八条）",
            )
    if application.reason is SuspensionReason.COURT_PRESERVATION and not application.court_ruling_no:
        raise rule_violated(
            "court_ruling_no", "required", "Give the preservation ruling's number", "请填写保全裁定书编号"
        )


def _answer_due(case: Case, party_id: str | None) -> dt.date | None:
    tracked = case.deadlines.get(answer_key(party_id)) if party_id else None
    return tracked.due if tracked else None
