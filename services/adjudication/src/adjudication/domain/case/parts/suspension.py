"""Suspension requests (中止) as recorded: reasons, attachments, grounds of refusal, and their table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from adjudication.domain.errors import CaseTransitionRefused
from adjudication.domain.events import CaseEvent
from adjudication.domain.values.legal import IMPL_REGS, SHANDONG_REGS
from shared.domain.legal import Citation
from shared.domain.lifecycle import StatusMachine, TransitionTable, transition


class SuspensionReason(StrEnum):
    INVALIDATION = "invalidation"
    OWNERSHIP = "ownership"
    COURT_PRESERVATION = "court_preservation"
    OTHER = "other"


class Attachment(StrEnum):
    """What an invalidation-based request must attach (山东省专利条例 art. 19 [V])."""

    ACCEPTANCE_NOTICE = "acceptance_notice"  # 无效宣告请求受理通知书
    INVALIDATION_REQUEST = "invalidation_request"  # 无效宣告请求书
    INVALIDATION_EVIDENCE = "invalidation_evidence"  # 证据


class RefusalGround(StrEnum):
    INVALIDATION_GROUNDS_INSUFFICIENT = "invalidation_grounds_insufficient"
    PRIOR_ART = "prior_art"
    OUTSIDE_CLAIMS = "outside_claims"
    EVALUATION_REPORT_NO_DEFECT = "evaluation_report_no_defect"
    INCOMPLETE_REQUEST = "incomplete_request"
    LATE_REQUEST = "late_request"
    OTHER = "other"


SPC_TEMPLATE = Citation("最高人民法院关于审理专利纠纷案件适用法律问题的若干规定", "8-12")


class SuspensionDecision(StrEnum):
    PENDING = "pending"
    GRANTED = "granted"
    REFUSED = "refused"


D = SuspensionDecision


# fmt: off
SUSPENSION_DECISIONS: Final = TransitionTable(D, (
    transition("grant", {D.PENDING}, D.GRANTED, event=CaseEvent.CASE_SUSPENDED,
               guard="a ground of Impl. Regs arts. 98, 103, 104; the case can be suspended now",
               basis=(Citation(IMPL_REGS, "98"), Citation(IMPL_REGS, "103-104"))),
    transition("refuse", {D.PENDING}, D.REFUSED, event=CaseEvent.SUSPENSION_REFUSED,
               guard="at least one ground of refusal named",
               basis=(Citation(SHANDONG_REGS, "19"), SPC_TEMPLATE)),
))


# fmt: on


REQUESTS = StatusMachine(SUSPENSION_DECISIONS, CaseTransitionRefused)


@dataclass(slots=True, kw_only=True)
class SuspensionRequest:
    id: str
    reason: SuspensionReason
    requested_by: str | None
    filed_on: dt.date
    invalidation_case_no: str | None = None
    invalidation_accepted_on: dt.date | None = None
    attachments: tuple[Attachment, ...] = ()
    court_ruling_no: str | None = None
    note: str | None = None
    recommendation: str = ""
    decision: SuspensionDecision = SuspensionDecision.PENDING
    refusal_grounds: tuple[RefusalGround, ...] = ()
    decision_reasons: str | None = None
    decided_on: dt.date | None = None
    resumed_on: dt.date | None = None

    @property
    def concerns_invalidation(self) -> bool:
        return self.reason is SuspensionReason.INVALIDATION

    @property
    def is_open_or_granted(self) -> bool:
        pending = self.decision is SuspensionDecision.PENDING
        return pending or (self.decision is SuspensionDecision.GRANTED and self.resumed_on is None)


@dataclass(frozen=True, slots=True, kw_only=True)
class SuspensionApplication:
    reason: SuspensionReason
    requested_by: str | None
    filed_on: dt.date
    invalidation_case_no: str | None = None
    invalidation_accepted_on: dt.date | None = None
    attachments: tuple[Attachment, ...] = ()
    court_ruling_no: str | None = None
    note: str | None = None
