"""The trade-fair complaint (§D.3): forward within 24 h, the respondent's statement within 24 h, decide.

COMPLAINT_FILED → FORWARDED_TO_IP_OFFICE → RESPONDENT_NOTIFIED → (STATEMENT_RECEIVED →) one of
MEASURES_ORDERED (withdraw, cover, delink), NOT_ESTABLISHED or REFERRED. Findings against the same
exhibitor at two **consecutive** sessions of the same fair raise the repeat-exhibitor flag (barred
from the next session, §D.3a step 6 [P]); a finding at any other, non-adjacent session does not.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar, Final

from intake.domain.deadlines import FORWARD, FORWARD_PERIOD, STATEMENT, STATEMENT_PERIOD
from intake.domain.events import TradeFairEvent
from intake.domain.workflow import Workflow, machine
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineKind
from shared.domain.lifecycle import StatusMachine, TransitionTable, transition


class TradeFairStatus(StrEnum):
    COMPLAINT_FILED = "COMPLAINT_FILED"
    FORWARDED_TO_IP_OFFICE = "FORWARDED_TO_IP_OFFICE"
    RESPONDENT_NOTIFIED = "RESPONDENT_NOTIFIED"
    STATEMENT_RECEIVED = "STATEMENT_RECEIVED"
    MEASURES_ORDERED = "MEASURES_ORDERED"
    NOT_ESTABLISHED = "NOT_ESTABLISHED"
    REFERRED = "REFERRED"


T = TradeFairStatus
E = TradeFairEvent
OUTCOMES: Final = frozenset({T.MEASURES_ORDERED, T.NOT_ESTABLISHED, T.REFERRED})
# No statement within 24 h does not stop the station deciding (展会知识产权保护指引 art. 14).
DECIDABLE: Final = (T.RESPONDENT_NOTIFIED, T.STATEMENT_RECEIVED)
TRANSITIONS: Final = TransitionTable(
    TradeFairStatus,
    [
        transition("forward", [T.COMPLAINT_FILED], T.FORWARDED_TO_IP_OFFICE, event=E.FORWARDED),
        transition(
            "notify_respondent",
            [T.FORWARDED_TO_IP_OFFICE],
            T.RESPONDENT_NOTIFIED,
            event=E.RESPONDENT_NOTIFIED,
        ),
        transition("statement", [T.RESPONDENT_NOTIFIED], T.STATEMENT_RECEIVED, event=E.STATEMENT_RECEIVED),
        transition("order_measures", DECIDABLE, T.MEASURES_ORDERED, event=E.MEASURES_ORDERED),
        transition("not_established", DECIDABLE, T.NOT_ESTABLISHED, event=E.NOT_ESTABLISHED),
        transition("refer", DECIDABLE, T.REFERRED, event=E.REFERRED, guard="after the fair"),
    ],
)


_ORDINAL = re.compile(r"^\s*(?:第\s*)?(\d{1,4})\s*(?:届|期|th|st|nd|rd)?\s*$", re.IGNORECASE)


def session_ordinal(session: str) -> int | None:
    """The session's number (届次) from its name: "第138届", "138", "138th"; None if it names none.

    Consecutiveness is counted in sessions of the fair, so only a numbered session can be compared.
    """
    found = _ORDINAL.match(session)
    return int(found.group(1)) if found else None


def consecutive_sessions(session: str, others: Iterable[str]) -> list[str]:
    """Those of ``others`` directly before or after ``session`` (its number ± 1)."""
    number = session_ordinal(session)
    if number is None:
        return []
    return sorted(
        {o for o in others if (other := session_ordinal(o)) is not None and abs(other - number) == 1},
        key=lambda o: session_ordinal(o) or 0,
    )


class Measure(StrEnum):
    WITHDRAW = "withdraw"
    COVER = "cover"
    DELINK = "delink"


@dataclass(slots=True, kw_only=True)
class TradeFairCase(Workflow[TradeFairStatus]):
    SUBJECT: ClassVar[str] = "trade_fair_case"
    MACHINE: ClassVar[StatusMachine[TradeFairStatus]] = machine(TRANSITIONS)

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

    def filed(self, by: Actor, province: str | None) -> None:
        """The complaint body has 24 hours to forward it to the IP office."""
        summary = (
            f"Trade-fair complaint filed: {self.fair_name} {self.session}, booth {self.booth or '?'}",
            f"展会投诉已受理：{self.fair_name} {self.session}，展位 {self.booth or '?'}",
        )
        self._record(E.FILED, by, self.filed_at, summary)
        self.track(
            FORWARD, period=FORWARD_PERIOD, at=self.filed_at, kind=DeadlineKind.OFFICE_DUTY, province=province
        )

    def forward(self, by: Actor, at: dt.datetime) -> None:
        self.forwarded_at = at
        self._move("forward", by, at, ("Forwarded to the IP office", "已移交知识产权管理部门"))
        self.meet(FORWARD, at)

    def notify_respondent(self, by: Actor, at: dt.datetime, province: str | None) -> None:
        """The exhibitor has 24 hours from the notice for a written statement."""
        self.notified_at = at
        self._move("notify_respondent", by, at, ("Exhibitor notified", "已通知被投诉参展方"))
        self.track(
            STATEMENT, period=STATEMENT_PERIOD, at=at, kind=DeadlineKind.PARTY_PERIOD, province=province
        )

    def receive_statement(self, by: Actor, at: dt.datetime, summary: str) -> None:
        self.statement_at = at
        self._move("statement", by, at, (f"Statement received: {summary}", f"已收到书面说明：{summary}"))
        self.meet(STATEMENT, at)

    def order_measures(
        self,
        measures: tuple[Measure, ...],
        note: str,
        finding_sessions: Iterable[str],
        by: Actor,
        at: dt.datetime,
    ) -> None:
        """``finding_sessions``: the other sessions of this fair with a finding against this exhibitor.

        Only a finding at the session directly before or after this one makes the two consecutive
        findings of §D.3a step 6 [P] (2006 Measures, as reported): a finding at any other session does not.
        """
        self.measures, self.decision_note, self.decided_at = measures, note, at
        adjacent = consecutive_sessions(self.session, finding_sessions)
        self.repeat_exhibitor = bool(adjacent)
        listed = ", ".join(m.value for m in measures)
        self._move(
            "order_measures",
            by,
            at,
            (f"Measures ordered: {listed}. {note}", f"已要求采取措施：{listed}。{note}"),
        )
        if self.repeat_exhibitor:
            both = sorted({*adjacent, self.session}, key=lambda o: session_ordinal(o) or 0)
            summary = (
                f"Repeat exhibitor (findings at consecutive sessions {', '.join(both)}): "
                "barred from the next session",
                f"重复侵权参展方（连续两届认定侵权：{'、'.join(both)}）：禁止参加下一届",
            )
            self._record(E.REPEAT_EXHIBITOR_FLAGGED, by, at, summary)
        self.meet_open_deadlines(at)

    def find_not_established(self, note: str, by: Actor, at: dt.datetime) -> None:
        self.decision_note, self.decided_at = note, at
        self._move("not_established", by, at, (f"Not established: {note}", f"侵权不成立：{note}"))
        self.meet_open_deadlines(at)

    def refer(self, note: str, by: Actor, at: dt.datetime) -> None:
        self.decision_note, self.decided_at = note, at
        self._move("refer", by, at, (f"Referred after the fair: {note}", f"展会后移交处理：{note}"))
        self.cancel_open_deadlines()
