"""The guarantee (担保) a holder posts for a detention, and its settlement on release.

* On application the guarantee may not exceed the value of the goods [V] (art. 14).
* Ex officio, the amount follows tiers of the goods' value [P] (GACC Order 183 as quoted by
  secondary pages); a general guarantee (总担保) covers repeated detentions, at least RMB 200,000
  [P]/[U]. Both are configuration (:class:`GuaranteeRules`), with domain-rules §E.3 as defaults;
  a shortfall against a [P] tier is an advisory unless the deployment makes it binding.
* Forms: Customs Guarantee Regs art. 9 [V] (cash, a bank letter of guarantee naming customs as
  beneficiary, other property or rights customs accepts), and the general guarantee (art. 11).
* On release the storage, custody and disposal costs are deducted and the rest refunded (art. 25);
  a pending claim for wrongful detention (art. 28) keeps the rest back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from intake.domain.customs.errors import GuaranteeRefused
from shared.domain.events import Advisory


class GuaranteeForm(StrEnum):
    CASH = "cash"
    BANK_LETTER = "bank_letter_of_guarantee"
    OTHER_PROPERTY = "other_property_or_rights"
    GENERAL = "general_guarantee"


@dataclass(frozen=True, slots=True)
class Tier:
    """Goods worth up to ``up_to`` (inclusive; None: no ceiling): ``rate`` of the value, at least ``minimum``,
    or a ``fixed`` amount."""

    up_to: Decimal | None
    rate: Decimal | None = None
    minimum: Decimal = Decimal(0)
    fixed: Decimal | None = None

    def amount(self, value: Decimal) -> Decimal:
        if self.fixed is not None:
            return self.fixed
        rate = self.rate if self.rate is not None else Decimal(1)
        return max(value * rate, self.minimum).quantize(Decimal("0.01"))


DEFAULT_TIERS: tuple[Tier, ...] = (
    Tier(up_to=Decimal("19999.99"), rate=Decimal(1)),
    Tier(up_to=Decimal("200000"), rate=Decimal("0.5"), minimum=Decimal("20000")),
    Tier(up_to=None, fixed=Decimal("100000")),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class GuaranteeRules:
    """The guarantee rules in force (settings; the defaults are domain-rules §E.3)."""

    ex_officio_tiers: tuple[Tier, ...] = DEFAULT_TIERS
    general_guarantee_minimum: Decimal = Decimal("200000")
    ex_officio_tiers_binding: bool = False  # [P]: advisory until someone checks Order 183 (2018 am.)

    def ex_officio_amount(self, goods_value: Decimal) -> Decimal:
        for tier in self.ex_officio_tiers:
            if tier.up_to is None or goods_value <= tier.up_to:
                return tier.amount(goods_value)
        return self.ex_officio_tiers[-1].amount(goods_value)


@dataclass(frozen=True, slots=True, kw_only=True)
class Guarantee:
    amount: Decimal
    form: GuaranteeForm
    reference: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Settlement:
    """What happened to the guarantee on release (art. 25, art. 28)."""

    costs_deducted: Decimal
    refunded: Decimal
    retained: Decimal
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {
            "costs_deducted": str(self.costs_deducted),
            "refunded": str(self.refunded),
            "retained": str(self.retained),
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class GuaranteeCheck:
    advisories: tuple[Advisory, ...] = field(default_factory=tuple)


def check_on_application(guarantee: Guarantee, goods_value: Decimal) -> GuaranteeCheck:
    """Art. 14 [V]: a positive amount not exceeding the value of the goods."""
    if guarantee.amount <= 0:
        raise GuaranteeRefused("The guarantee must be a positive amount", "担保金额必须大于零")
    if guarantee.amount > goods_value:
        raise GuaranteeRefused(
            f"The guarantee ({guarantee.amount}) may not exceed the goods' value ({goods_value}) (art. 14)",
            f"担保金额（{guarantee.amount}）不得超过货物价值（{goods_value}）（第十四条）",
        )
    return GuaranteeCheck()


def check_ex_officio(guarantee: Guarantee, goods_value: Decimal, rules: GuaranteeRules) -> GuaranteeCheck:
    """The ex officio tiers [P] and the general guarantee floor [P]/[U]: advisories unless made binding."""
    if guarantee.amount <= 0:
        raise GuaranteeRefused("The guarantee must be a positive amount", "担保金额必须大于零")
    if guarantee.form is GuaranteeForm.GENERAL:
        required, what, what_zh = rules.general_guarantee_minimum, "general guarantee floor", "总担保下限"
    else:
        required, what, what_zh = (
            rules.ex_officio_amount(goods_value),
            "ex officio tier",
            "依职权扣留担保档次",
        )
    if guarantee.amount >= required:
        return GuaranteeCheck()
    en = f"The guarantee ({guarantee.amount}) is below the {what} ({required}) [P]"
    zh = f"担保金额（{guarantee.amount}）低于{what_zh}（{required}）〔待核实〕"
    if rules.ex_officio_tiers_binding:
        raise GuaranteeRefused(en, zh)
    return GuaranteeCheck(advisories=(Advisory("guarantee_below_tier", en, zh),))


def settle(guarantee: Guarantee, costs: Decimal, *, claim_pending: bool) -> Settlement:
    """Deduct storage, custody and disposal costs (art. 25); refund or keep back the rest (art. 28)."""
    if guarantee.form is GuaranteeForm.GENERAL:
        deducted = min(costs, guarantee.amount)
        return Settlement(
            costs_deducted=deducted,
            refunded=Decimal(0),
            retained=Decimal(0),
            reason="costs charged to the general guarantee, which stays in force",
        )
    deducted = min(max(costs, Decimal(0)), guarantee.amount)
    rest = guarantee.amount - deducted
    if claim_pending:
        return Settlement(
            costs_deducted=deducted,
            refunded=Decimal(0),
            retained=rest,
            reason="kept back for the consignee's or consignor's claim for wrongful detention (art. 28)",
        )
    return Settlement(
        costs_deducted=deducted, refunded=rest, retained=Decimal(0), reason="costs deducted (art. 25)"
    )
