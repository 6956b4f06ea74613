"""Notice of an oral hearing: at least 3 working days before it (专利行政执法办法 art. 14 [U]).

The figure is the catalogue's ``adjudication.hearing_notice_min``; how to read "at least N WD
before" is a policy (``CaseRules.notice_reading``, domain-rules §G.3 step 4). Because the rule is
unverified, a shorter notice is refused unless the panel records why it is acceptable.
"""

from __future__ import annotations

import datetime as dt

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.hearings import Hearing, HearingPlan
from adjudication.domain.errors import rule_violated
from adjudication.domain.values.legal import ART14
from adjudication.domain.values.rules import CaseRules
from shared.calendar import catalogue, is_notice_timely
from shared.domain.deadlines import DeadlineKind
from shared.domain.events import Advisory

NOTICE_PERIOD = "adjudication.hearing_notice_min"


def notice_key(hearing_id: str) -> str:
    return f"hearing_notice.{hearing_id}"


def notice_advisories(case: Case, plan: HearingPlan, at: dt.datetime, rules: CaseRules) -> list[Advisory]:
    hearing_day = case.day_of(plan.starts_at)
    if timely(case.day_of(at), hearing_day, rules):
        return []
    latest = latest_notice(hearing_day, rules)
    if not plan.short_notice_reason:
        raise rule_violated(
            "starts_at",
            "notice_too_short",
            f"Notice must reach the parties by {latest.isoformat()} "
            f"({minimum_working_days(rules)} WD before the hearing, [U] 专利行政执法办法 art. 14); "
            "choose a later date or record why a shorter notice is acceptable",
            f"口头审理通知应不迟于{latest.isoformat()}送达（审理前{minimum_working_days(rules)}个工作日）；"
            "请改期或说明缩短通知期的理由",
        )
    return [
        Advisory(
            "short_notice",
            f"Notice shorter than {minimum_working_days(rules)} WD: {plan.short_notice_reason}",
            f"通知期短于{minimum_working_days(rules)}个工作日：{plan.short_notice_reason}",
        )
    ]


def start_notice_deadline(case: Case, booked: Hearing, at: dt.datetime, rules: CaseRules) -> None:
    latest = latest_notice(case.day_of(booked.starts_at), rules)
    due = max(latest, case.day_of(at))
    case.start_fixed_deadline(
        notice_key(booked.id),
        due=due,
        start=case.day_of(at),
        basis=str(ART14),
        kind=DeadlineKind.OFFICE_DUTY,
        warn_working_days=rules.warn_working_days,
    )


def timely(received: dt.date, hearing_day: dt.date, rules: CaseRules) -> bool:
    return is_notice_timely(received, hearing_day, minimum_working_days(rules), reading=rules.notice_reading)


def latest_notice(hearing_day: dt.date, rules: CaseRules) -> dt.date:
    return (
        catalogue.default_catalogue()
        .deadline(NOTICE_PERIOD, hearing_day, province=rules.province, reading=rules.notice_reading)
        .due
    )


def minimum_working_days(rules: CaseRules) -> int:
    return catalogue.get(NOTICE_PERIOD, rules.province).required_period().length
