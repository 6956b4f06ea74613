"""What a penalty case is made of: acts, sources, the fine bounds, decisions (per law: ``laws``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Final

from adjudication.domain.penalty.laws import (
    PL68,
    RMB_50K,
    RMB_250K,
    CounterfeitAct,
    FineBounds,
    InvestigationMeasure,
    PenaltyLaw,
    law_rule,
)
from adjudication.domain.values.legal import PENALTY_LAW
from adjudication.domain.values.parties import PartyRecord
from adjudication.domain.values.rules import CaseRules
from shared.domain.legal import Citation
from shared.vocabulary import PartyKind

GAINS_THRESHOLD: Final = RMB_50K  # "≤ RMB 50,000" is inclusive (Civil Code art. 1259)
FLAT_CEILING: Final = RMB_250K
GAINS_MULTIPLE: Final = 5
APL63 = Citation(PENALTY_LAW, "63")
__all__ = ["PL68", "CounterfeitAct", "FineBounds"]


class PenaltySeverity(StrEnum):
    """How heavy a decided penalty is, for publication (SAMR Order 45 art. 2) and the SAMR list (§C.2)."""

    WARNING_ONLY = "warning_only"  # no fine, nothing confiscated: not published (Order 45 art. 2)
    STANDARD = "standard"
    HEAVIER = "heavier"  # 较重行政处罚: aggravated (从重) or at the heavier end of the range [U]


@dataclass(frozen=True, slots=True, kw_only=True)
class PriorPenalty:
    """An earlier penalty decision against the same subject (any of the three laws)."""

    case_id: str
    law: PenaltyLaw
    decision_no: str
    decided_on: dt.date


@dataclass(frozen=True, slots=True, kw_only=True)
class InventoryItem:
    """One line of the inventory (清单) of what was sealed or seized, or of the evidence kept."""

    item_id: str
    description: str
    quantity: str | None = None
    sha256: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class MeasureRecord:
    """An investigation measure taken: what, on which legal basis, when, where, by whom, what it found."""

    measure_id: str
    measure: InvestigationMeasure
    basis: Citation
    taken_on: dt.date
    place: str | None
    officers: tuple[str, ...]
    summary: str
    inventory: tuple[InventoryItem, ...] = ()
    proof: str | None = None
    """Sealing or seizing: the evidence that the items infringe (有证据证明), as the article requires."""
    seizure_due: dt.date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PoliceTransfer:
    """A transfer to the police (行刑衔接): the clue, the configured thresholds met, the evidence index."""

    transferred_on: dt.date
    clue: str
    thresholds_met: tuple[str, ...]
    evidence_index: tuple[InventoryItem, ...]


class CaseSource(StrEnum):
    EX_OFFICIO = "ex_officio"
    COMPLAINT = "complaint"
    REFERRAL = "referral"


def fine_ceiling(illegal_gains: Decimal | None) -> FineBounds:
    """The highest fine 专利法 art. 68 allows for ``illegal_gains`` (None: there were none)."""
    return law_rule(PenaltyLaw.COUNTERFEIT_PATENT).bounds(illegal_gains)


def large_amount(kind: PartyKind, rules: CaseRules) -> Decimal:
    """较大数额 for this kind of subject (行政处罚法 art. 63 ¶1 (1)-(2); the amount is configuration)."""
    return rules.large_amount_individual if kind is PartyKind.INDIVIDUAL else rules.large_amount_organisation


def hearing_right(
    kind: PartyKind,
    fine: Decimal,
    confiscated: Decimal | None,
    rules: CaseRules,
    goods_value: Decimal | None = None,
) -> bool:
    """Whether the penalty is one of 行政处罚法 art. 63's heavy penalties open to a hearing: a large fine,
    large confiscated gains, or confiscated property (goods, tools) of large value (art. 63 ¶1 (1)-(2));
    anything else carries the rights of statement and defence only (art. 45)."""
    limit = large_amount(kind, rules)
    return fine >= limit or (confiscated or Decimal(0)) >= limit or (goods_value or Decimal(0)) >= limit


@dataclass(frozen=True, slots=True, kw_only=True)
class ProposedPenalty:
    fine: Decimal
    confiscate_gains: bool
    correction_order: str
    served_on: dt.date
    illegal_turnover: Decimal | None = None
    goods_value: Decimal | None = None
    hearing_right: bool = True
    """行政处罚法 art. 63: only a heavy penalty opens a hearing (notices before issue 17 all offered one)."""


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
    illegal_turnover: Decimal | None = None
    goods_confiscated: tuple[str, ...] = ()
    """Inventory lines of the goods and tools confiscated (and destroyed), where the law provides it."""
    goods_value: Decimal | None = None
    aggravated: bool = False
    """Heavier punishment the law prescribes for repeat infringement (商标法 art. 60 ¶2) applied."""
    repeat_of: tuple[str, ...] = ()
    """Decision numbers of earlier penalties against the same subject within the look-back."""
    severity: PenaltySeverity = PenaltySeverity.STANDARD
    proposed_by: str | None = None
    approved_by: str | None = None
    """The handling officer who proposed it and the office head who approved it (a second person)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PenaltyFiling:
    subject: PartyRecord
    acts: tuple[str, ...]
    patent_number: str | None
    products: tuple[str, ...]
    marks: tuple[str, ...]
    source: CaseSource
    source_ref: str | None
    discovered_on: dt.date
    act_ended_on: dt.date | None
    lawful_source_seller: bool
    facts: str
    law: PenaltyLaw = PenaltyLaw.COUNTERFEIT_PATENT
    right_number: str | None = None
    """The trademark registration or copyright registration number (a patent: ``patent_number``)."""
    public_interest_harmed: bool = False
    """著作权法 art. 53: only copyright infringement that also harms the public interest is penalised."""
