"""Adjudication's exceptions, rooted at :class:`AdjudicationError`::

AdjudicationError
├── CaseNotFound (NotFound)              no adjudication case with that id
├── PenaltyCaseNotFound (NotFound)       no counterfeit-penalty case with that id
├── RecordNotFound (NotFound)            no such hearing, participant, recusal or evidence in the case
├── HearingRoomNotFound (NotFound)       no hearing room with that id
├── CaseTransitionRefused (InvalidTransition)
│                                        the state machine does not allow this step now (lists what it allows)
├── CaseConflict (Conflict)              the step clashes with the case or with other cases
│   ├── AcceptanceBlocked                a court action is pending, or another office accepted first
│   ├── HearingConflict                  a room or a person is already booked at that time
│   └── CaseBusy                         another step holds the case right now (timers retry later)
└── RuleViolated (ValidationFailed)      the input breaks a legal rule; ``field_errors`` say which and why
NoProposal (Conflict)                    nothing awaits the office head's approval
InvariantBroken (RuntimeError, not a refusal)   a fact the code relies on is missing: a bug (500)

Each error carries its English and Chinese message; the platform maps the kinds to HTTP once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TypeVar

from shared.errors import Conflict, FieldError, InvalidTransition, IpcaseError, NotFound, ValidationFailed


class AdjudicationError(IpcaseError):
    code = "adjudication_error"


class CaseNotFound(AdjudicationError, NotFound):
    code = "case_not_found"
    title = "Case not found"
    title_zh = "案件不存在"


class PenaltyCaseNotFound(AdjudicationError, NotFound):
    code = "penalty_case_not_found"
    title = "Counterfeit-patent case not found"
    title_zh = "假冒专利案件不存在"


class RecordNotFound(AdjudicationError, NotFound):
    code = "record_not_found"
    title = "No such record in this case"
    title_zh = "本案中不存在该记录"


class HearingRoomNotFound(AdjudicationError, NotFound):
    code = "hearing_room_not_found"
    title = "Hearing room not found"
    title_zh = "审理室不存在"


class CaseTransitionRefused(AdjudicationError, InvalidTransition):
    code = "invalid_transition"


class CaseConflict(AdjudicationError, Conflict):
    code = "case_conflict"


class AcceptanceBlocked(CaseConflict):
    code = "acceptance_blocked"
    title = "The request cannot be accepted"
    title_zh = "该请求不能受理"


class HearingConflict(CaseConflict):
    code = "hearing_conflict"
    title = "The room or a participant is already booked at that time"
    title_zh = "该时段审理室或参与人员已被占用"


class CaseBusy(CaseConflict):
    code = "case_busy"
    title = "The case is being changed by another step; try again"
    title_zh = "案件正在被其他操作修改，请稍后重试"


class RuleViolated(AdjudicationError, ValidationFailed):
    code = "rule_violated"
    title = "The step breaks a procedural rule"
    title_zh = "该操作不符合程序规则"


def rule_violated(field: str, code: str, message: str, message_zh: str) -> RuleViolated:
    """A :class:`RuleViolated` about one field, e.g. a date before the legal minimum."""
    return RuleViolated(message, message_zh, field_errors=[FieldError(field, code, message, message_zh)])


def not_before(field: str, day: dt.date, earliest: dt.date, what: str, what_zh: str) -> None:
    """Refuse a date that cannot precede its object (a receipt before sending, a ruling before the
    application): a 422 naming ``field`` with the reason in both languages."""
    if day < earliest:
        raise rule_violated(
            field,
            "before_its_object",
            f"{field} ({day.isoformat()}) cannot be before {what} ({earliest.isoformat()})",
            f"{field}（{day.isoformat()}）不能早于{what_zh}（{earliest.isoformat()}）",
        )


def rules_violated(errors: Iterable[FieldError]) -> RuleViolated:
    """One :class:`RuleViolated` listing several field problems at once."""
    problems = list(errors)
    count = len(problems)
    return RuleViolated(
        f"{count} rule(s) broken: " + "; ".join(p.message for p in problems),
        f"有 {count} 项不符合规则：" + "；".join(p.message_zh for p in problems),
        field_errors=problems,
    )


class NoProposal(CaseConflict):
    code = "nothing_to_approve"
    title = "Nothing awaits approval"
    title_zh = "没有待批准的事项"


T = TypeVar("T")


class InvariantBroken(RuntimeError):
    """A fact the code relies on is missing (a decided case without its decision): a programming
    error, never an answer to a request."""


def present(value: T | None, what: str) -> T:
    """``value``, which the code's invariants say is there; :class:`InvariantBroken` if it is not."""
    if value is None:
        raise InvariantBroken(f"{what} is missing")
    return value
