"""Administrative penalty cases: the second case type (domain-rules §A.12; issue 18).

One procedure for counterfeit patents (专利法 art. 68), trademark infringement (商标法 art. 60) and copyright
infringement harming the public interest (著作权法 art. 53); ``law`` picks the row of ``laws.PENALTY_LAWS``.

An administrative penalty procedure, not a dispute between parties: the office files a case against
a subject, notifies the proposed penalty and the right to a hearing (行政处罚法 art. 64 [V]: request
within 5 WD), decides within 90 days of filing (art. 60 [V]), serves the decision within 7 WD
(art. 61 [V]) and publishes it (专利法 art. 68 [V] 予以公告; SAMR Order 45 art. 9 [V]: 20 WD).

Fine bounds per law: ``laws.LawRule.bounds``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

from adjudication.domain.approvals import Proposal
from adjudication.domain.errors import CaseTransitionRefused
from adjudication.domain.penalty.laws import LawRule, PenaltyLaw, law_rule
from adjudication.domain.penalty.states import PENALTY_TRANSITIONS, PenaltyState
from adjudication.domain.penalty.values import (
    CaseSource,
    InventoryItem,
    MeasureRecord,
    PenaltyDecision,
    PoliceTransfer,
    PriorPenalty,
    ProposedPenalty,
)
from adjudication.domain.values.days import local_date
from adjudication.domain.values.parties import PartyRecord
from shared.domain.deadlines import TimerChange, TrackedDeadline
from shared.domain.events import DomainEvent
from shared.domain.lifecycle import Lifecycle, TracksDeadlines, TransitionTable
from shared.errors import InvalidTransition
from shared.identity.principals import NATIONAL_OFFICE


@dataclass(slots=True, kw_only=True)
class PenaltyCase(Lifecycle[PenaltyState], TracksDeadlines):
    TRANSITIONS: ClassVar[TransitionTable[PenaltyState]] = PENALTY_TRANSITIONS
    refusal: ClassVar[type[InvalidTransition]] = CaseTransitionRefused
    day_of = staticmethod(local_date)

    id: uuid.UUID
    case_no: str
    subject: PartyRecord
    acts: tuple[str, ...]
    law: PenaltyLaw = PenaltyLaw.COUNTERFEIT_PATENT
    """Which law the case is brought under; files written before issue 18 are counterfeit patents."""
    patent_number: str | None = None
    right_number: str | None = None
    public_interest_harmed: bool = False
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
    illegal_turnover: Decimal | None = None
    prior_penalties: tuple[PriorPenalty, ...] = ()
    measures: tuple[MeasureRecord, ...] = ()
    """Investigation measures taken, each with its legal basis (专利法 art. 69, 商标法 art. 62,
    著作权法 art. 55)."""
    transfer: PoliceTransfer | None = None
    """Earlier penalty decisions against the same subject (any law), found when the decision is taken."""
    proposed: ProposedPenalty | None = None
    hearing_requested_on: dt.date | None = None
    hearing_waived: bool = False
    hearing_summary: str | None = None
    decision: PenaltyDecision | None = None
    decision_served_on: dt.date | None = None
    published_on: dt.date | None = None
    publication_ref: str | None = None
    ending_reasons: tuple[str, ...] = ()
    office_code: str = NATIONAL_OFFICE
    """The office the case belongs to (the one that filed it): office scope reads it."""
    handler: str | None = None
    """The officer handling the case (who filed it): only they propose its decision or ending."""
    proposals: dict[str, Proposal] = field(default_factory=dict)
    deadlines: dict[str, TrackedDeadline] = field(default_factory=dict)
    version: int = 0
    events: list[DomainEvent] = field(default_factory=list)
    timer_changes: list[TimerChange] = field(default_factory=list)

    @property
    def rule(self) -> LawRule:
        return law_rule(self.law)

    @property
    def evidence_index(self) -> tuple[InventoryItem, ...]:
        """Everything the measures inventoried, in the order taken (the index a transfer hands over)."""
        return tuple(item for m in self.measures for item in m.inventory)

    @property
    def right_ref(self) -> str | None:
        return self.patent_number if self.law is PenaltyLaw.COUNTERFEIT_PATENT else self.right_number


def penalty_case_number(year: int, sequence: int, office_code: str) -> str:
    """``CP2026-330106-000001``: each office numbers its own cases, and offices share one database
    (office scope rolls up), so the office's division code keeps the numbers apart."""
    return f"CP{year}-{office_code[:6]}-{sequence:06d}"


def penalty_decision_number(
    year: int, office_abbreviation: str, sequence: int, series: str = "知假罚字"
) -> str:
    return f"（{year}）{office_abbreviation}{series}第{sequence}号"
