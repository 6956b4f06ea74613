"""Appraisal (鉴定) and publication (公告) stop the case clock without changing the state.

浙江省专利条例 art. 26 ¶2 [V]: such time is not counted towards the closing deadline. The clock also
stops while the case is suspended (see :mod:`.suspension`).
"""

from __future__ import annotations

import datetime as dt

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.clock import ClockPause, PauseReason, end_pause_on
from adjudication.domain.case.states import PRE_DECISION
from adjudication.domain.case.steps.clock import refresh_close_deadline
from adjudication.domain.errors import rule_violated
from adjudication.domain.events import CaseEvent
from adjudication.domain.values.legal import ZHEJIANG_REGS
from adjudication.domain.values.rules import CaseRules
from shared.calendar import Deadline
from shared.catalogue import term
from shared.domain.actors import Actor
from shared.domain.legal import Citation


def start_pause(
    case: Case, *, reason: PauseReason, reference: str | None, by: Actor, at: dt.datetime, rules: CaseRules
) -> None:
    """Appraisal or publication started: the case clock stops without a change of state."""
    if reason is PauseReason.SUSPENSION or case.state not in PRE_DECISION:
        raise rule_violated(
            "reason",
            "not_a_pause",
            "Appraisal or publication before the decision only",
            "仅鉴定、公告期间可在裁决前暂停计时",
        )
    clock = case.clock
    if clock is None or clock.open_pause(reason) is not None:
        raise rule_violated(
            "reason",
            "already_paused",
            f"The clock is already paused for {reason}",
            f"已因{term(reason).zh}暂停计时",
        )
    pause_clock(case, reason, case.day_of(at), reference)
    refresh_close_deadline(case, rules)
    case.record(
        CaseEvent.CLOCK_PAUSED,
        by=by,
        at=at,
        basis=[Citation(ZHEJIANG_REGS, "26 ¶2")],
        details={"reason": reason.value, "reference": reference},
    )


def end_pause(case: Case, *, reason: PauseReason, by: Actor, at: dt.datetime, rules: CaseRules) -> None:
    clock = case.clock
    pause = clock.open_pause(reason) if clock else None
    if pause is None or reason is PauseReason.SUSPENSION:
        raise rule_violated(
            "reason", "not_paused", f"The clock is not paused for {reason}", f"未因{term(reason).zh}暂停计时"
        )
    end_pause_on(pause, case.day_of(at))
    deadline = refresh_close_deadline(case, rules)
    case.record(
        CaseEvent.CLOCK_RESUMED,
        by=by,
        at=at,
        basis=[Citation(ZHEJIANG_REGS, "26 ¶2")],
        details=deadline_details(deadline),
    )


def pause_clock(case: Case, reason: PauseReason, start: dt.date, reference: str | None) -> None:
    if case.clock is not None:
        case.clock.pauses.append(ClockPause(reason=reason, start=start, reference=reference))


def deadline_details(deadline: Deadline | None) -> dict[str, object]:
    """The new closing deadline as event details: the date and how it was computed."""
    if deadline is None:
        return {"close_deadline": None}
    return {"close_deadline": deadline.due, "close_deadline_explanation": deadline.render()}
