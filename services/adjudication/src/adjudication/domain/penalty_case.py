"""Counterfeit-patent (假冒专利) penalty cases: the second case type (domain-rules §A.12).

An administrative penalty procedure, not a dispute between parties: the office files a case against
a subject, notifies the proposed penalty and the right to a hearing (行政处罚法 art. 64 [V]: request
within 5 WD), decides within 90 days of filing (art. 60 [V]), serves the decision within 7 WD
(art. 61 [V]) and publishes it (专利法 art. 68 [V] 予以公告; SAMR Order 45 art. 9 [V]: 20 WD).

Fine bounds (专利法 art. 68 [V]): up to 5x the illegal gains; with no gains, or gains of RMB 50,000
or less (inclusive, Civil Code art. 1259), up to RMB 250,000.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar, Final

from adjudication.domain.actors import ActorKind
from adjudication.domain.errors import CaseTransitionRefused
from adjudication.domain.events import PenaltyEvent
from adjudication.domain.legal import PATENT_LAW, PENALTY_LAW
from adjudication.domain.parties import PartyRecord
from adjudication.domain.records import local_date
from shared.domain.deadlines import TimerChange, TrackedDeadline
from shared.domain.events import DomainEvent
from shared.domain.legal import Citation
from shared.domain.lifecycle import Lifecycle, TracksDeadlines, TransitionTable, transition
from shared.errors import InvalidTransition

GAINS_THRESHOLD: Final = Decimal("50000")  # "≤ RMB 50,000" is inclusive (Civil Code art. 1259)
FLAT_CEILING: Final = Decimal("250000")
GAINS_MULTIPLE: Final = 5
PL68 = Citation(PATENT_LAW, "68")


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
               guard="facts, reasons, basis, the proposed penalty and the right to a hearing are served",
               basis=(Citation(PENALTY_LAW, "44", "U"), Citation(PENALTY_LAW, "64"))),
    transition("request_hearing", {P.NOTIFIED}, P.HEARING_REQUESTED, actor=A.RESPONDENT,
               event=E.HEARING_REQUESTED, guard="within 5 WD of receiving the notice",
               basis=(Citation(PENALTY_LAW, "64"),)),
    transition("hold_hearing", {P.HEARING_REQUESTED}, P.HEARD, actor=A.HANDLER, event=E.HEARING_HELD,
               guard="hearing held and recorded", basis=(Citation(PENALTY_LAW, "64"),)),
    transition("decide", {P.NOTIFIED, P.HEARD}, P.DECIDED, actor=A.OFFICE_HEAD, event=E.DECIDED,
               guard="from NOTIFIED only once the hearing period ran out or was waived; fine within PL "
               "art. 68; within 90 days of filing", basis=(PL68, Citation(PENALTY_LAW, "60"))),
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


class CounterfeitAct(StrEnum):
    """The acts of 专利法实施细则 art. 101 [V]."""

    MARKING_UNPATENTED = "marking_unpatented"  # 在未被授予专利权的产品或者其包装上标注专利标识
    MARKING_AFTER_LAPSE = "marking_after_lapse"  # 专利权被宣告无效或终止后继续标注
    USING_OTHERS_NUMBER = "using_others_number"  # 未经许可使用他人的专利号
    SELLING_MARKED_PRODUCTS = "selling_marked_products"  # 销售上述产品
    CLAIMING_IN_MATERIALS = "claiming_in_materials"  # 在说明书等材料中将未授权技术称为专利技术
    FORGING_DOCUMENTS = "forging_documents"  # 伪造或者变造专利证书、专利文件
    OTHER_MISLEADING = "other_misleading"


class CaseSource(StrEnum):
    EX_OFFICIO = "ex_officio"
    COMPLAINT = "complaint"
    REFERRAL = "referral"


@dataclass(frozen=True, slots=True)
class FineCeiling:
    amount: Decimal
    rule: str


def fine_ceiling(illegal_gains: Decimal | None) -> FineCeiling:
    """The highest fine 专利法 art. 68 allows for ``illegal_gains`` (None: there were none)."""
    if illegal_gains is None or illegal_gains <= GAINS_THRESHOLD:
        return FineCeiling(
            FLAT_CEILING, "no illegal gains, or gains of RMB 50,000 or less: up to RMB 250,000"
        )
    return FineCeiling(
        illegal_gains * GAINS_MULTIPLE, "illegal gains above RMB 50,000: up to 5 times the gains"
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class ProposedPenalty:
    fine: Decimal
    confiscate_gains: bool
    correction_order: str
    served_on: dt.date


@dataclass(frozen=True, slots=True, kw_only=True)
class PenaltyDecision:
    decision_no: str
    fine: Decimal
    gains_confiscated: Decimal | None
    illegal_gains: Decimal | None
    correction_order: str
    reasons: str
    decided_on: dt.date
    publication_due: dt.date | None = None


@dataclass(slots=True, kw_only=True)
class PenaltyCase(Lifecycle[PenaltyState], TracksDeadlines):
    TRANSITIONS: ClassVar[TransitionTable[PenaltyState]] = PENALTY_TRANSITIONS
    refusal: ClassVar[type[InvalidTransition]] = CaseTransitionRefused
    day_of = staticmethod(local_date)

    id: uuid.UUID
    case_no: str
    subject: PartyRecord
    acts: tuple[CounterfeitAct, ...]
    patent_number: str | None = None
    products: tuple[str, ...] = ()
    marks: tuple[str, ...] = ()
    source: CaseSource
    source_ref: str | None = None
    discovered_on: dt.date
    act_ended_on: dt.date | None = None
    lawful_source_seller: bool = False
    filed_at: dt.datetime
    facts: str = ""
    state: PenaltyState = PenaltyState.FILED
    illegal_gains: Decimal | None = None
    proposed: ProposedPenalty | None = None
    hearing_requested_on: dt.date | None = None
    hearing_waived: bool = False
    hearing_summary: str | None = None
    decision: PenaltyDecision | None = None
    decision_served_on: dt.date | None = None
    published_on: dt.date | None = None
    publication_ref: str | None = None
    ending_reasons: tuple[str, ...] = ()
    deadlines: dict[str, TrackedDeadline] = field(default_factory=dict)
    version: int = 0
    events: list[DomainEvent] = field(default_factory=list)
    timer_changes: list[TimerChange] = field(default_factory=list)


def penalty_case_number(year: int, sequence: int) -> str:
    return f"CP{year}-{sequence:06d}"


def penalty_decision_number(year: int, office_abbreviation: str, sequence: int) -> str:
    return f"（{year}）{office_abbreviation}知假罚字第{sequence}号"
