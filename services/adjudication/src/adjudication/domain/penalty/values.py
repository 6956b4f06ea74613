"""What a counterfeit-patent penalty case is made of: acts, sources, the fine ceiling, decisions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Final

from adjudication.domain.values.legal import PATENT_LAW, PENALTY_LAW
from adjudication.domain.values.parties import PartyRecord
from adjudication.domain.values.rules import CaseRules
from shared.domain.legal import Citation
from shared.vocabulary import PartyKind

GAINS_THRESHOLD: Final = Decimal("50000")  # "≤ RMB 50,000" is inclusive (Civil Code art. 1259)
FLAT_CEILING: Final = Decimal("250000")
GAINS_MULTIPLE: Final = 5
PL68 = Citation(PATENT_LAW, "68")
APL63 = Citation(PENALTY_LAW, "63")


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


def large_amount(kind: PartyKind, rules: CaseRules) -> Decimal:
    """较大数额 for this kind of subject (行政处罚法 art. 63 ¶1 (1)-(2); the amount is configuration)."""
    return rules.large_amount_individual if kind is PartyKind.INDIVIDUAL else rules.large_amount_organisation


def hearing_right(kind: PartyKind, fine: Decimal, confiscated: Decimal | None, rules: CaseRules) -> bool:
    """Whether the penalty is one of 行政处罚法 art. 63's heavy penalties open to a hearing. A counterfeit-
    patent penalty (专利法 art. 68) can only be heavy by a large fine or a large confiscation; anything
    else carries the rights of statement and defence only (art. 45)."""
    limit = large_amount(kind, rules)
    return fine >= limit or (confiscated or Decimal(0)) >= limit


@dataclass(frozen=True, slots=True, kw_only=True)
class ProposedPenalty:
    fine: Decimal
    confiscate_gains: bool
    correction_order: str
    served_on: dt.date
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
    proposed_by: str | None = None
    approved_by: str | None = None
    """The handling officer who proposed it and the office head who approved it (a second person)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PenaltyFiling:
    subject: PartyRecord
    acts: tuple[CounterfeitAct, ...]
    patent_number: str | None
    products: tuple[str, ...]
    marks: tuple[str, ...]
    source: CaseSource
    source_ref: str | None
    discovered_on: dt.date
    act_ended_on: dt.date | None
    lawful_source_seller: bool
    facts: str
