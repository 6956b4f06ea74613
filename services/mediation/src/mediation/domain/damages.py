"""The damages calculator (domain-rules §A.13): what a court would likely award, for mediators.

Damages are set only by courts; an administrative office mediates the amount (专利法 art. 65 ¶2 [V],
商标法 art. 60 ¶3 [V]). The calculator gives mediators and credit scoring the statutory computation, one
explained step at a time:

1. **Base** [V]: the right holder's actual loss or the infringer's gains from the infringement
   (专利法 art. 71 ¶1, 著作权法 art. 54 ¶1: either; 商标法 art. 63 ¶1: the loss first, the gains if the
   loss is hard to determine); where both are hard to determine, a reasonable **multiple of the licence fee**.
2. **Punitive damages** [V]: for wilful infringement with serious circumstances, 1x to 5x the base
   (the SPC Punitive Damages Interpretation (2021) art. 5: the base excludes the reasonable costs; no
   punitive multiple on statutory damages). Whether the multiple gives the *total* (the statute's
   wording, "在按照上述方法确定数额的一倍以上五倍以下确定赔偿数额") or is *added* to the base is read
   differently; ``punitive_additive`` (configuration, default off) chooses.
3. **Statutory damages** [V] where loss, gains and licence fee are all hard to determine: patents
   RMB 30,000–5,000,000 (art. 71 ¶2), copyright RMB 500–5,000,000 (art. 54 ¶2), trademarks up to
   RMB 5,000,000 (art. 63 ¶3); bounds inclusive (Civil Code art. 1259).
4. Plus the **reasonable costs** of stopping the infringement [V] (art. 71 ¶3, art. 54 ¶3, art. 63 ¶1).
5. **Lawful source** [V]: a user or seller who did not know and proves a lawful source owes no damages
   (专利法 art. 77, 商标法 art. 64 ¶2, 著作权法 art. 59 ¶1); only the stop order remains.

Pure: no I/O, Decimal to the fen, total a monotone function of every amount and multiple.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Final

from shared.domain.legal import Citation

PATENT_LAW, TRADEMARK_LAW, COPYRIGHT_LAW = "专利法", "商标法", "著作权法"
FEN: Final = Decimal("0.01")
PUNITIVE_MIN, PUNITIVE_MAX = Decimal(1), Decimal(5)
PUNITIVE_INTERPRETATION = "最高人民法院关于审理侵害知识产权民事案件适用惩罚性赔偿的解释 (2021)"


class DamagesLaw(StrEnum):
    PATENT = "patent"
    TRADEMARK = "trademark"
    COPYRIGHT = "copyright"


class BaseMethod(StrEnum):
    ACTUAL_LOSS = "actual_loss"
    INFRINGER_GAINS = "infringer_gains"
    LICENCE_FEE_MULTIPLE = "licence_fee_multiple"
    STATUTORY = "statutory"
    NONE_LAWFUL_SOURCE = "none_lawful_source"


@dataclass(frozen=True, slots=True)
class StatutoryRange:
    minimum: Decimal
    maximum: Decimal
    basis: Citation


@dataclass(frozen=True, slots=True)
class LawDamages:
    base_article: Citation
    loss_first: bool
    """商标法 art. 63: the actual loss first, the gains only if the loss is hard to determine."""
    statutory: StatutoryRange
    costs: Citation
    punitive: Citation
    lawful_source: Citation


LAWS: Final = {
    DamagesLaw.PATENT: LawDamages(
        Citation(PATENT_LAW, "71 ¶1"),
        False,
        StatutoryRange(Decimal(30000), Decimal(5000000), Citation(PATENT_LAW, "71 ¶2")),
        Citation(PATENT_LAW, "71 ¶3"),
        Citation(PATENT_LAW, "71 ¶1"),
        Citation(PATENT_LAW, "77"),
    ),
    DamagesLaw.TRADEMARK: LawDamages(
        Citation(TRADEMARK_LAW, "63 ¶1"),
        True,
        StatutoryRange(Decimal(0), Decimal(5000000), Citation(TRADEMARK_LAW, "63 ¶3")),
        Citation(TRADEMARK_LAW, "63 ¶1"),
        Citation(TRADEMARK_LAW, "63 ¶1"),
        Citation(TRADEMARK_LAW, "64 ¶2"),
    ),
    DamagesLaw.COPYRIGHT: LawDamages(
        Citation(COPYRIGHT_LAW, "54 ¶1"),
        False,
        StatutoryRange(Decimal(500), Decimal(5000000), Citation(COPYRIGHT_LAW, "54 ¶2")),
        Citation(COPYRIGHT_LAW, "54 ¶3"),
        Citation(COPYRIGHT_LAW, "54 ¶1"),
        Citation(COPYRIGHT_LAW, "59 ¶1"),
    ),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class DamagesInput:
    """What the mediator knows. ``None``: hard to determine (难以确定)."""

    law: DamagesLaw
    actual_loss: Decimal | None = None
    infringer_gains: Decimal | None = None
    licence_fee: Decimal | None = None
    licence_fee_multiple: Decimal = Decimal(1)
    """The reasonable multiple (合理确定) of the licence fee; the court's judgement, so an input."""
    wilful: bool = False
    serious: bool = False
    punitive_multiple: Decimal = Decimal(1)
    """1-5, informed by the factors (Interpretation arts. 3-4, 6); applied only if wilful and serious."""
    statutory_estimate: Decimal | None = None
    """Where statutory damages apply: the mediator's estimate, kept within the range (else its minimum)."""
    reasonable_costs: Decimal = Decimal(0)
    lawful_source: bool = False


@dataclass(frozen=True, slots=True)
class DamagesStep:
    code: str
    amount: Decimal
    explanation: str
    explanation_zh: str
    basis: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class DamagesComputation:
    law: DamagesLaw
    method: BaseMethod
    base: Decimal
    compensation: Decimal
    """The base, or with punitive damages the amount they give (before costs)."""
    punitive_applied: bool
    reasonable_costs: Decimal
    total: Decimal
    statutory_range: StatutoryRange
    steps: tuple[DamagesStep, ...]


class DamagesInputError(ValueError):
    def __init__(self, field: str, message: str, message_zh: str) -> None:
        super().__init__(message)
        self.field, self.message, self.message_zh = field, message, message_zh


def compute_damages(given: DamagesInput, *, punitive_additive: bool = False) -> DamagesComputation:
    """Compute §A.13's damages for ``given``, explaining every step (the order of PL art. 71)."""
    _check(given)
    law = LAWS[given.law]
    costs = _fen(given.reasonable_costs)
    steps: list[DamagesStep] = []
    if given.lawful_source:
        steps.append(
            DamagesStep(
                "lawful_source",
                Decimal(0),
                "The user or seller did not know and proves a lawful source: no damages, only the order "
                "to stop",
                "不知道是侵权产品且能证明合法来源的使用者、销售者，不承担赔偿责任，应当停止侵权",
                (law.lawful_source,),
            )
        )
        return DamagesComputation(
            given.law, BaseMethod.NONE_LAWFUL_SOURCE, Decimal(0), Decimal(0), False, Decimal(0),
            Decimal(0), law.statutory, tuple(steps),
        )  # fmt: skip
    method, base = _base(given, law, steps)
    compensation, punitive = base, False
    if method is not BaseMethod.STATUTORY and given.wilful and given.serious:
        multiple = given.punitive_multiple
        compensation = _fen(base + base * multiple if punitive_additive else base * multiple)
        punitive = True
        how = "added to the base" if punitive_additive else "the base times the multiple"
        steps.append(
            DamagesStep(
                "punitive",
                compensation,
                f"Wilful infringement with serious circumstances: punitive multiple {multiple} ({how}); "
                "the base excludes the reasonable costs",
                f"故意侵权且情节严重，按基数的{multiple}倍确定惩罚性赔偿（基数不含合理开支）",
                (law.punitive, Citation(PUNITIVE_INTERPRETATION, "3-5")),
            )
        )
    elif given.wilful and given.serious:
        steps.append(
            DamagesStep(
                "no_punitive_on_statutory",
                compensation,
                "No punitive multiple on statutory damages: the base must be the loss, gains or licence fee",
                "法定赔偿不适用惩罚性赔偿倍数",
                (Citation(PUNITIVE_INTERPRETATION, "5"),),
            )
        )
    if costs:
        steps.append(
            DamagesStep(
                "reasonable_costs",
                costs,
                f"Plus the reasonable costs of stopping the infringement: RMB {costs}",
                f"另加权利人为制止侵权行为所支付的合理开支{costs}元",
                (law.costs,),
            )
        )
    total = _fen(compensation + costs)
    return DamagesComputation(
        given.law, method, base, compensation, punitive, costs, total, law.statutory, tuple(steps)
    )


def _base(given: DamagesInput, law: LawDamages, steps: list[DamagesStep]) -> tuple[BaseMethod, Decimal]:
    loss, gains = given.actual_loss, given.infringer_gains
    if loss is not None or gains is not None:
        known = [
            (m, a)
            for m, a in ((BaseMethod.ACTUAL_LOSS, loss), (BaseMethod.INFRINGER_GAINS, gains))
            if a is not None
        ]
        if law.loss_first:
            method, amount = known[0]
            why, why_zh = (
                "the actual loss first, else the infringer's gains",
                "先按实际损失，难以确定的按侵权获利",
            )
        else:
            method, amount = max(known, key=lambda c: c[1])
            why, why_zh = (
                "the actual loss or the infringer's gains (the higher shown)",
                "按实际损失或侵权获利（取较高者）",
            )
        base = _fen(amount)
        steps.append(
            DamagesStep(
                method.value,
                base,
                f"Base: {why}: RMB {base}",
                f"计算基数：{why_zh}{base}元",
                (law.base_article,),
            )
        )
        return method, base
    if given.licence_fee is not None:
        base = _fen(given.licence_fee * given.licence_fee_multiple)
        steps.append(
            DamagesStep(
                BaseMethod.LICENCE_FEE_MULTIPLE.value,
                base,
                f"Loss and gains hard to determine: licence fee RMB {_fen(given.licence_fee)} times "
                f"{given.licence_fee_multiple}",
                f"实际损失和侵权获利难以确定，参照许可使用费{_fen(given.licence_fee)}元的{given.licence_fee_multiple}倍",
                (law.base_article,),
            )
        )
        return BaseMethod.LICENCE_FEE_MULTIPLE, base
    rng = law.statutory
    estimate = given.statutory_estimate if given.statutory_estimate is not None else rng.minimum
    base = _fen(min(max(estimate, rng.minimum), rng.maximum))
    steps.append(
        DamagesStep(
            BaseMethod.STATUTORY.value,
            base,
            "Loss, gains and licence fee all hard to determine: statutory damages "
            f"RMB {rng.minimum}–{rng.maximum} (inclusive); RMB {base}",
            f"实际损失、侵权获利和许可使用费均难以确定，法定赔偿{rng.minimum}元以上{rng.maximum}元以下：{base}元",
            (rng.basis,),
        )
    )
    return BaseMethod.STATUTORY, base


def _check(given: DamagesInput) -> None:
    for name in ("actual_loss", "infringer_gains", "licence_fee", "statutory_estimate", "reasonable_costs"):
        value = getattr(given, name)
        if value is not None and value < 0:
            raise DamagesInputError(name, "Amounts cannot be negative", "金额不能为负数")
    if given.licence_fee_multiple <= 0:
        raise DamagesInputError("licence_fee_multiple", "The multiple must be positive", "倍数应大于零")
    if not PUNITIVE_MIN <= given.punitive_multiple <= PUNITIVE_MAX:
        raise DamagesInputError(
            "punitive_multiple",
            "The punitive multiple is 1 to 5 (专利法 art. 71 ¶1)",
            "惩罚性赔偿倍数为一倍以上五倍以下",
        )


def _fen(amount: Decimal) -> Decimal:
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)
