"""What a counterfeit-patent penalty case is made of: acts, sources, the fine ceiling, decisions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Final

from adjudication.domain.values.legal import PATENT_LAW
from adjudication.domain.values.parties import PartyRecord
from shared.domain.legal import Citation

GAINS_THRESHOLD: Final = Decimal("50000")  # "≤ RMB 50,000" is inclusive (Civil Code art. 1259)
FLAT_CEILING: Final = Decimal("250000")
GAINS_MULTIPLE: Final = 5
PL68 = Citation(PATENT_LAW, "68")


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
