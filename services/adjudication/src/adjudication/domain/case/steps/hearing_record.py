"""The hearing record (笔录): who attended, signatures, and the requester's no-show (deemed withdrawal).

If the requester is absent without good reason or leaves without leave, the request is treated as
withdrawn (专利行政执法办法 art. 14 [U]); an absent respondent is heard in absentia (缺席).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.decision import Outcome
from adjudication.domain.case.parts.endings import Ending, EndingKind
from adjudication.domain.case.parts.hearings import HEARINGS, NO_SHOW, Attendance, HearingRecord
from adjudication.domain.case.steps.hearing_notice import notice_key
from adjudication.domain.case.steps.hearings import scheduled_by_id
from adjudication.domain.errors import not_before, rule_violated
from adjudication.domain.values.actors import system
from adjudication.domain.values.parties import REQUESTER_ID
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineStatus
from shared.domain.events import Advisory


def record_hearing(
    case: Case,
    *,
    hearing_id: str,
    attendance: Mapping[str, Attendance],
    summary: str,
    signed_on: dt.date,
    signed_by: Sequence[str],
    by: Actor,
    at: dt.datetime,
) -> None:
    """The hearing took place (or the requester did not come, which withdraws the request)."""
    case.require_state("hold_hearing")
    held = scheduled_by_id(case, hearing_id, "hold")
    not_before("signed_on", signed_on, case.day_of(held.starts_at), "the hearing", "口头审理日期")
    missing = [p.party_id for p in case.parties if p.party_id not in attendance]
    if missing:
        raise rule_violated(
            "attendance",
            "incomplete",
            f"Attendance not recorded for {', '.join(missing)}",
            f"未记录出席情况：{'、'.join(missing)}",
        )
    if not signed_by:
        raise rule_violated(
            "signed_by", "unsigned", "The hearing record (笔录) must be signed", "口头审理笔录须经签名"
        )
    held.status = HEARINGS.step(held.status, "hold").target
    held.record = HearingRecord(
        attendance=dict(attendance), summary=summary, signed_on=signed_on, signed_by=tuple(signed_by)
    )
    case.end_deadline(notice_key(hearing_id), DeadlineStatus.CANCELLED)
    if attendance[REQUESTER_ID] in NO_SHOW:
        _deem_withdrawn(case, attendance[REQUESTER_ID], at)
        return
    absent = [p for p, a in attendance.items() if a is not Attendance.PRESENT]
    advisories = (
        [
            Advisory(
                "tried_in_absentia",
                f"Heard in the absence of {', '.join(absent)} (缺席审理)",
                f"{'、'.join(absent)} 未到庭，缺席审理",
            )
        ]
        if absent
        else []
    )
    case.move(
        "hold_hearing",
        by=by,
        at=at,
        details={"hearing_id": hearing_id, "absent": absent},
        advisories=advisories,
    )


def _deem_withdrawn(case: Case, attendance: Attendance, at: dt.datetime) -> None:
    case.cancel_open_deadlines()
    reason = f"requester {attendance.value.replace('_', ' ')} at the oral hearing"
    case.ending = Ending(kind=EndingKind.DEEMED_WITHDRAWN, reasons=(reason,), at=at)
    case.outcome = Outcome.DEEMED_WITHDRAWN
    case.move("deem_withdrawn", by=system("hearing no-show"), at=at, details={"reason": reason})
