"""The trade-fair complaint (§D.3): forward within 24 h, the respondent's statement within 24 h, decide.

COMPLAINT_FILED → FORWARDED_TO_IP_OFFICE → RESPONDENT_NOTIFIED → (STATEMENT_RECEIVED →) one of
MEASURES_ORDERED (withdraw, cover, delink), NOT_ESTABLISHED or REFERRED. A second finding against
the same exhibitor at the same fair raises the repeat-exhibitor flag (barred from the next session).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar, Final

from intake.domain.workflow import Workflow, guard


class TradeFairStatus(StrEnum):
    COMPLAINT_FILED = "COMPLAINT_FILED"
    FORWARDED_TO_IP_OFFICE = "FORWARDED_TO_IP_OFFICE"
    RESPONDENT_NOTIFIED = "RESPONDENT_NOTIFIED"
    STATEMENT_RECEIVED = "STATEMENT_RECEIVED"
    MEASURES_ORDERED = "MEASURES_ORDERED"
    NOT_ESTABLISHED = "NOT_ESTABLISHED"
    REFERRED = "REFERRED"


T = TradeFairStatus
OUTCOMES: Final = frozenset({T.MEASURES_ORDERED, T.NOT_ESTABLISHED, T.REFERRED})
TRANSITIONS: Final[Mapping[TradeFairStatus, frozenset[TradeFairStatus]]] = {
    T.COMPLAINT_FILED: frozenset({T.FORWARDED_TO_IP_OFFICE}),
    T.FORWARDED_TO_IP_OFFICE: frozenset({T.RESPONDENT_NOTIFIED}),
    # No statement within 24 h does not stop the station deciding (展会知识产权保护指引 art. 14).
    T.RESPONDENT_NOTIFIED: OUTCOMES | {T.STATEMENT_RECEIVED},
    T.STATEMENT_RECEIVED: OUTCOMES,
    **dict.fromkeys(OUTCOMES, frozenset()),
}


class Measure(StrEnum):
    WITHDRAW = "withdraw"
    COVER = "cover"
    DELINK = "delink"


@dataclass(slots=True, kw_only=True)
class TradeFairCase(Workflow):
    SUBJECT: ClassVar[str] = "trade_fair_case"

    fair_name: str
    session: str
    booth: str | None = None
    exhibitor_name: str
    exhibitor_key: str
    status: TradeFairStatus = TradeFairStatus.COMPLAINT_FILED
    filed_at: dt.datetime
    forwarded_at: dt.datetime | None = None
    notified_at: dt.datetime | None = None
    statement_at: dt.datetime | None = None
    decided_at: dt.datetime | None = None
    measures: tuple[Measure, ...] = ()
    decision_note: str | None = None
    repeat_exhibitor: bool = False

    def _move_to(
        self, new: TradeFairStatus, event: str, actor: str, at: dt.datetime, en: str, zh: str
    ) -> None:
        guard(self.status, new, TRANSITIONS)
        previous, self.status = self.status, new
        self.record(
            event, actor, at, summary=en, summary_zh=zh, data={"from": previous.value, "to": new.value}
        )

    def filed(self, actor: str) -> None:
        self.record(
            "TradeFairComplaintFiled",
            actor,
            self.filed_at,
            summary=f"Trade-fair complaint filed: {self.fair_name} {self.session}, booth {self.booth or '?'}",
            summary_zh=f"展会投诉已受理：{self.fair_name} {self.session}，展位 {self.booth or '?'}",
        )

    def forward(self, actor: str, at: dt.datetime) -> None:
        self.forwarded_at = at
        self._move_to(
            T.FORWARDED_TO_IP_OFFICE,
            "ForwardedToIpOffice",
            actor,
            at,
            "Forwarded to the IP office",
            "已移交知识产权管理部门",
        )

    def notify_respondent(self, actor: str, at: dt.datetime) -> None:
        self.notified_at = at
        self._move_to(
            T.RESPONDENT_NOTIFIED, "RespondentNotified", actor, at, "Exhibitor notified", "已通知被投诉参展方"
        )

    def receive_statement(self, actor: str, at: dt.datetime, summary: str) -> None:
        self.statement_at = at
        self._move_to(
            T.STATEMENT_RECEIVED,
            "StatementReceived",
            actor,
            at,
            f"Statement received: {summary}",
            f"已收到书面说明：{summary}",
        )

    def order_measures(
        self, measures: tuple[Measure, ...], note: str, prior_findings: int, actor: str, at: dt.datetime
    ) -> None:
        """``prior_findings``: earlier findings against this exhibitor at this fair (other sessions)."""
        self.measures, self.decision_note, self.decided_at = measures, note, at
        self.repeat_exhibitor = prior_findings >= 1
        listed = ", ".join(m.value for m in measures)
        self._move_to(
            T.MEASURES_ORDERED,
            "MeasuresOrdered",
            actor,
            at,
            f"Measures ordered: {listed}. {note}",
            f"已要求采取措施：{listed}。{note}",
        )
        if self.repeat_exhibitor:
            self.record(
                "RepeatExhibitorFlagged",
                actor,
                at,
                summary=f"Repeat exhibitor ({prior_findings + 1} findings): barred from the next session",
                summary_zh=f"重复侵权参展方（第 {prior_findings + 1} 次认定）：禁止参加下一届",
            )

    def find_not_established(self, note: str, actor: str, at: dt.datetime) -> None:
        self.decision_note, self.decided_at = note, at
        self._move_to(
            T.NOT_ESTABLISHED,
            "InfringementNotEstablished",
            actor,
            at,
            f"Not established: {note}",
            f"侵权不成立：{note}",
        )

    def refer(self, note: str, actor: str, at: dt.datetime) -> None:
        self.decision_note, self.decided_at = note, at
        self._move_to(
            T.REFERRED,
            "TradeFairComplaintReferred",
            actor,
            at,
            f"Referred after the fair: {note}",
            f"展会后移交处理：{note}",
        )
