"""The per-law rule table of administrative penalty cases (domain-rules §A.12, §A.13; issue 18).

One procedure (立案 → notice → hearing → decision → service → publication → closure) serves three
laws; what differs between them is data, one row per law:

* **counterfeit patent** (假冒专利), 专利法 art. 68 [V]: fine up to 5x the illegal **gains**; with no gains or
  gains of RMB 50,000 **or less** (inclusive, Civil Code art. 1259), up to RMB 250,000; gains confiscated;
* **trademark infringement** (商标侵权), 商标法 art. 60 ¶2 [V]: illegal **turnover** of RMB 50,000
  **or more** → up to 5x the turnover; no turnover or less than RMB 50,000 → up to RMB 250,000;
  infringing goods and the tools mainly used to make them confiscated and destroyed; **heavier
  punishment (从重处罚) for two or more infringements within five years**; a seller who did not know
  and proves a lawful source is only ordered to stop selling;
* **copyright infringement harming the public interest** (著作权侵权并损害公共利益), 著作权法 art. 53 [V]:
  turnover of RMB 50,000 or more → 1x to 5x the turnover; none, incalculable or less → up to
  RMB 250,000; gains and infringing copies (with the materials and tools) confiscated. Only where
  the public interest is harmed.

Domain-rules §0.1: the numbers above are [V] and are enforced. How heavy a "heavier" penalty is inside
the statutory range (the discretion benchmark, §C.2 [P]) is configuration, never a refusal here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from adjudication.domain.values.legal import PATENT_LAW
from shared.domain.legal import Citation

TRADEMARK_LAW = "商标法"
COPYRIGHT_LAW = "著作权法"
RMB_50K: Final = Decimal("50000")
RMB_250K: Final = Decimal("250000")


class PenaltyLaw(StrEnum):
    """The law a penalty case is brought under (the ``law`` column; old rows: counterfeit_patent)."""

    COUNTERFEIT_PATENT = "counterfeit_patent"
    TRADEMARK = "trademark"
    COPYRIGHT = "copyright"


class FineMeasure(StrEnum):
    """What the fine is a multiple of."""

    ILLEGAL_GAINS = "illegal_gains"  # 违法所得 (专利法 art. 68)
    ILLEGAL_TURNOVER = "illegal_turnover"  # 违法经营额 (商标法 art. 60, 著作权法 art. 53)


class CounterfeitAct(StrEnum):
    """The acts of 专利法实施细则 art. 101 [V]."""

    MARKING_UNPATENTED = "marking_unpatented"  # 在未被授予专利权的产品或者其包装上标注专利标识
    MARKING_AFTER_LAPSE = "marking_after_lapse"  # 专利权被宣告无效或终止后继续标注
    USING_OTHERS_NUMBER = "using_others_number"  # 未经许可使用他人的专利号
    SELLING_MARKED_PRODUCTS = "selling_marked_products"  # 销售上述产品
    CLAIMING_IN_MATERIALS = "claiming_in_materials"  # 在说明书等材料中将未授权技术称为专利技术
    FORGING_DOCUMENTS = "forging_documents"  # 伪造或者变造专利证书、专利文件
    OTHER_MISLEADING = "other_misleading"


class TrademarkAct(StrEnum):
    """The infringing acts of 商标法 art. 57 [V] (items 1-7)."""

    IDENTICAL_MARK_SAME_GOODS = "identical_mark_same_goods"  # (1) 同一种商品上使用相同商标
    CONFUSING_MARK = "confusing_mark"  # (2) 近似商标或类似商品，容易导致混淆
    SELLING_INFRINGING_GOODS = "selling_infringing_goods"  # (3) 销售侵犯注册商标专用权的商品
    FORGING_MARKS = "forging_marks"  # (4) 伪造、擅自制造他人注册商标标识或者销售
    REVERSE_PASSING_OFF = "reverse_passing_off"  # (5) 更换注册商标并将该更换商标的商品又投入市场
    FACILITATING = "facilitating"  # (6) 故意为侵权行为提供便利条件
    OTHER_DAMAGE = "other_damage"  # (7) 给他人的注册商标专用权造成其他损害


class CopyrightAct(StrEnum):
    """The acts of 著作权法 art. 53 [V] (items 1-8), punishable where the public interest is harmed."""

    REPRODUCING_DISTRIBUTING = (
        "reproducing_distributing"  # (1) 复制、发行、表演、放映、广播、汇编、信息网络传播
    )
    PUBLISHING_EXCLUSIVE_BOOK = "publishing_exclusive_book"  # (2) 出版他人享有专有出版权的图书
    PERFORMANCE_RECORDING = "performance_recording"  # (3) 复制、发行、传播表演者的表演
    SOUND_RECORDING = "sound_recording"  # (4) 复制、发行、传播录音录像制品
    BROADCAST_SIGNAL = "broadcast_signal"  # (5) 播放、复制、传播广播、电视
    CIRCUMVENTION = "circumvention"  # (6) 避开或者破坏技术措施
    RIGHTS_INFO_REMOVAL = "rights_info_removal"  # (7) 删除或者改变权利管理信息
    FORGED_SIGNATURE = "forged_signature"  # (8) 制作、出售假冒他人署名的作品


class InvestigationMeasure(StrEnum):
    """Investigation measures of the enforcement articles (专利法 art. 69, 商标法 art. 62,
    著作权法 art. 55)."""

    QUESTIONING = "questioning"  # 询问有关当事人，调查与涉嫌违法行为有关的情况
    ON_SITE_INSPECTION = "on_site_inspection"  # 对当事人涉嫌违法行为的场所实施现场检查
    RECORDS = "records"  # 查阅、复制与涉嫌违法行为有关的合同、发票、账簿以及其他有关资料
    PRODUCT_INSPECTION = "product_inspection"  # 检查与涉嫌违法行为有关的产品（物品）
    SEALING_SEIZING = "sealing_seizing"  # 对有证据证明是侵权/假冒的产品（物品），查封或者扣押


DISPUTE_MEASURES: Final = frozenset(
    {
        InvestigationMeasure.QUESTIONING,
        InvestigationMeasure.ON_SITE_INSPECTION,
        InvestigationMeasure.PRODUCT_INSPECTION,
    }
)
"""专利法 art. 69 ¶2 [V]: handling an infringement *dispute* the office may only question, inspect the site
and inspect products (items 1, 2, 4); records and sealing or seizing are for counterfeiting only."""


@dataclass(frozen=True, slots=True)
class LawRule:
    """One row of the table: how a penalty under ``law`` is bounded and what goes with it."""

    law: PenaltyLaw
    title: str
    title_zh: str
    basis: Citation
    acts: frozenset[str]
    measure: FineMeasure
    multiple_from_inclusive: bool
    """Whether an amount of exactly RMB 50,000 already opens the multiple (TML/CL "五万元以上": yes;
    PL "五万元以下" is the flat range: no)."""
    multiple_max: int = 5
    multiple_min: int = 0
    """著作权法 art. 53: 一倍以上五倍以下 — at least 1x the turnover once it is RMB 50,000 or more."""
    threshold: Decimal = RMB_50K
    flat_ceiling: Decimal = RMB_250K
    confiscates_gains: bool = False
    confiscates_goods: bool = False
    """Infringing goods (copies) and the tools mainly used to make them are confiscated and destroyed."""
    lawful_source_exemption: Citation | None = None
    repeat_aggravation: Citation | None = None
    """Where the law itself prescribes heavier punishment for repeat infringement."""
    repeat_lookback_months: int | None = None
    """The statutory look-back for that (商标法 art. 60: 5 years); None: the configured default."""
    requires_public_interest_harm: bool = False
    right_type: str = "patent"
    decision_series: str = "知假罚字"
    default_act: str = ""
    """The act a case opened from a complaint starts with when none of its alleged acts is one of the law's
    (the officer's notice states the act found)."""
    measures: tuple[tuple[InvestigationMeasure, str], ...] = ()
    """The measures the law allows a penalty investigation, each with its article and item."""

    def measure_basis(self, measure: InvestigationMeasure) -> Citation | None:
        """The article allowing ``measure`` under this law; None: the law does not allow it."""
        article = dict(self.measures).get(measure)
        return None if article is None else Citation(self.basis.instrument, article)

    def bounds(self, amount: Decimal | None, *, aggravated: bool = False) -> FineBounds:
        """The fine range the law allows for ``amount`` of gains or turnover (None: there was none)."""
        above = amount is not None and (
            amount >= self.threshold if self.multiple_from_inclusive else amount > self.threshold
        )
        word = "gains" if self.measure is FineMeasure.ILLEGAL_GAINS else "turnover"
        if amount is not None and above:
            op = "RMB 50,000 or more" if self.multiple_from_inclusive else "above RMB 50,000"
            low = f"{self.multiple_min} to " if self.multiple_min else "up to "
            return FineBounds(
                minimum=amount * self.multiple_min,
                maximum=amount * self.multiple_max,
                rule=f"illegal {word} {op}: {low}{self.multiple_max} times the {word}",
                aggravated=aggravated,
                basis=self.basis,
            )
        op = "of RMB 50,000 or less" if not self.multiple_from_inclusive else "below RMB 50,000"
        return FineBounds(
            minimum=Decimal(0),
            maximum=self.flat_ceiling,
            rule=f"no illegal {word}, or {word} {op}: up to RMB 250,000",
            aggravated=aggravated,
            basis=self.basis,
        )


@dataclass(frozen=True, slots=True)
class FineBounds:
    minimum: Decimal
    maximum: Decimal
    rule: str
    aggravated: bool
    basis: Citation

    def heavier_from(self, share: Decimal) -> Decimal:
        """Where the heavier end of the range starts (the discretion benchmark's share, [U])."""
        return (self.minimum + (self.maximum - self.minimum) * share).quantize(Decimal("0.01"))

    @property
    def amount(self) -> Decimal:
        """The ceiling (the name the counterfeit-patent code used)."""
        return self.maximum


PL68: Final = Citation(PATENT_LAW, "68")
TML60: Final = Citation(TRADEMARK_LAW, "60")
_M = InvestigationMeasure
PL69_MEASURES: Final = (
    (_M.QUESTIONING, "69 ¶1 (1)"),
    (_M.ON_SITE_INSPECTION, "69 ¶1 (2)"),
    (_M.RECORDS, "69 ¶1 (3)"),
    (_M.PRODUCT_INSPECTION, "69 ¶1 (4)"),
    (_M.SEALING_SEIZING, "69 ¶1 (4)"),
)
TML62_MEASURES: Final = (
    (_M.QUESTIONING, "62 ¶1 (1)"),
    (_M.RECORDS, "62 ¶1 (2)"),
    (_M.ON_SITE_INSPECTION, "62 ¶1 (3)"),
    (_M.PRODUCT_INSPECTION, "62 ¶1 (4)"),
    (_M.SEALING_SEIZING, "62 ¶1 (4)"),
)
CL55_MEASURES: Final = (
    (_M.QUESTIONING, "55 ¶1"),
    (_M.ON_SITE_INSPECTION, "55 ¶1"),
    (_M.RECORDS, "55 ¶1"),
    (_M.PRODUCT_INSPECTION, "55 ¶1"),
    (_M.SEALING_SEIZING, "55 ¶1"),
)
CL53: Final = Citation(COPYRIGHT_LAW, "53")

# fmt: off
PENALTY_LAWS: Final[Mapping[PenaltyLaw, LawRule]] = MappingProxyType({
    PenaltyLaw.COUNTERFEIT_PATENT: LawRule(
        PenaltyLaw.COUNTERFEIT_PATENT, "Counterfeiting a patent", "假冒专利", PL68,
        acts=frozenset(CounterfeitAct), measure=FineMeasure.ILLEGAL_GAINS, multiple_from_inclusive=False,
        confiscates_gains=True, lawful_source_exemption=Citation("专利法实施细则", "101 ¶2"),
        right_type="patent", decision_series="知假罚字", measures=PL69_MEASURES,
        default_act=CounterfeitAct.OTHER_MISLEADING),
    PenaltyLaw.TRADEMARK: LawRule(
        PenaltyLaw.TRADEMARK, "Infringing a registered trademark", "侵犯注册商标专用权", TML60,
        acts=frozenset(TrademarkAct), measure=FineMeasure.ILLEGAL_TURNOVER, multiple_from_inclusive=True,
        confiscates_goods=True, lawful_source_exemption=Citation(TRADEMARK_LAW, "60 ¶2"),
        repeat_aggravation=Citation(TRADEMARK_LAW, "60 ¶2"), repeat_lookback_months=60,
        right_type="trademark", decision_series="知商罚字", measures=TML62_MEASURES,
        default_act=TrademarkAct.OTHER_DAMAGE),
    PenaltyLaw.COPYRIGHT: LawRule(
        PenaltyLaw.COPYRIGHT, "Infringing copyright and harming the public interest",
        "侵犯著作权并损害公共利益", CL53,
        acts=frozenset(CopyrightAct), measure=FineMeasure.ILLEGAL_TURNOVER, multiple_from_inclusive=True,
        multiple_min=1, confiscates_gains=True, confiscates_goods=True, requires_public_interest_harm=True,
        right_type="copyright", decision_series="知著罚字", measures=CL55_MEASURES,
        default_act=CopyrightAct.REPRODUCING_DISTRIBUTING),
})
# fmt: on


def law_rule(law: PenaltyLaw) -> LawRule:
    return PENALTY_LAWS[law]


LAW_OF_IP_TYPE: Final = MappingProxyType(
    {
        "trademark": PenaltyLaw.TRADEMARK,
        "geographical_indication": PenaltyLaw.TRADEMARK,  # as a collective or certification mark [U]
        "copyright": PenaltyLaw.COPYRIGHT,
        "invention_patent": PenaltyLaw.COUNTERFEIT_PATENT,
        "utility_model": PenaltyLaw.COUNTERFEIT_PATENT,
        "design_patent": PenaltyLaw.COUNTERFEIT_PATENT,
    }
)
"""The law a complaint about an IP type is penalised under, when intake's routing names none."""
