"""The state machine of a counterfeit-patent penalty case (domain-rules §A.12), as one table."""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from adjudication.domain.events import PenaltyEvent
from adjudication.domain.penalty.values import APL63, PL68
from adjudication.domain.values.actors import ActorKind
from adjudication.domain.values.legal import PENALTY_LAW
from shared.domain.legal import Citation
from shared.domain.lifecycle import TransitionTable, transition


class PenaltyState(StrEnum):
    FILED = "FILED"  # 立案
    NOTIFIED = "NOTIFIED"  # 事先告知
    HEARING_REQUESTED = "HEARING_REQUESTED"
    HEARD = "HEARD"
    DECIDED = "DECIDED"
    PUBLISHED = "PUBLISHED"
    CLOSED = "CLOSED"
    DROPPED = "DROPPED"  # 不予处罚 / 撤销案件
    TRANSFERRED = "TRANSFERRED"  # 移送公安机关


P = PenaltyState
A = ActorKind
E = PenaltyEvent
OPEN: Final = frozenset({P.FILED, P.NOTIFIED, P.HEARING_REQUESTED, P.HEARD})


# fmt: off
PENALTY_TRANSITIONS: Final = TransitionTable(PenaltyState, (
    transition("notify", {P.FILED}, P.NOTIFIED, actor=A.HANDLER, event=E.PROPOSED,
               guard="facts, reasons, basis, the proposed penalty, the rights of statement and defence "
               "and, for a heavy penalty (large fine or confiscation), the right to a hearing are served; "
               "illegal gains are to be confiscated in full",
               basis=(Citation(PENALTY_LAW, "44", "U"), APL63, Citation(PENALTY_LAW, "64"), PL68)),
    transition("request_hearing", {P.NOTIFIED}, P.HEARING_REQUESTED, actor=A.RESPONDENT,
               event=E.HEARING_REQUESTED, guard="within 5 WD of receiving the notice",
               basis=(Citation(PENALTY_LAW, "64"),)),
    transition("hold_hearing", {P.HEARING_REQUESTED}, P.HEARD, actor=A.HANDLER, event=E.HEARING_HELD,
               guard="hearing held and recorded", basis=(Citation(PENALTY_LAW, "64"),)),
    transition("decide", {P.NOTIFIED, P.HEARD}, P.DECIDED, actor=A.OFFICE_HEAD, event=E.DECIDED,
               guard="from NOTIFIED only once any hearing period ran out or was waived; fine within PL "
               "art. 68; illegal gains confiscated in full; within 90 days of filing",
               basis=(PL68, Citation(PENALTY_LAW, "60"))),
    transition("publish", {P.DECIDED}, P.PUBLISHED, actor=A.HANDLER, event=E.PUBLISHED,
               guard="announced publicly; within 20 WD of the decision",
               basis=(PL68, Citation("SAMR Order 45", "9"))),
    transition("close", {P.PUBLISHED}, P.CLOSED, actor=A.HANDLER, event=E.CASE_CLOSED,
               guard="the decision was served and carried out", basis=(Citation(PENALTY_LAW, "61"),)),
    transition("drop", OPEN, P.DROPPED, actor=A.OFFICE_HEAD, event=E.CASE_DROPPED,
               guard="no counterfeiting established, or out of time (2 years)",
               basis=(Citation(PENALTY_LAW, "36"),)),
    transition("transfer_to_police", OPEN, P.TRANSFERRED, actor=A.OFFICE_HEAD, event=E.TRANSFERRED_TO_POLICE,
               guard="suspected crime", basis=(PL68,)),
))


# fmt: on
