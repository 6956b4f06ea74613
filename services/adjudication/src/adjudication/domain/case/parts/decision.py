"""The decision (裁决, §A.7) as recorded: outcome, stop order and measures, its number, the route to court."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from adjudication.domain.values.rules import CaseRules
from shared.calendar import catalogue


class Outcome(StrEnum):
    """How a case ended (domain-rules §A.7); the values are those of the published contracts."""

    NOT_ACCEPTED = "NOT_ACCEPTED"
    INFRINGEMENT_ESTABLISHED = "INFRINGEMENT_ESTABLISHED"
    REQUEST_REJECTED = "REQUEST_REJECTED"
    MEDIATED = "MEDIATED"
    WITHDRAWN = "WITHDRAWN"
    DEEMED_WITHDRAWN = "DEEMED_WITHDRAWN"
    DISMISSED = "DISMISSED"
    WITHIN_PROTECTION_SCOPE = "WITHIN_PROTECTION_SCOPE"
    """Drug-patent linkage (专利法 art. 76): the generic drug's technical solution falls within the patent."""
    OUTSIDE_PROTECTION_SCOPE = "OUTSIDE_PROTECTION_SCOPE"
    """Drug-patent linkage (专利法 art. 76): it does not fall within the patent's protection scope."""


DECISION_OUTCOMES = frozenset({Outcome.INFRINGEMENT_ESTABLISHED, Outcome.REQUEST_REJECTED})
LINKAGE_OUTCOMES = frozenset({Outcome.WITHIN_PROTECTION_SCOPE, Outcome.OUTSIDE_PROTECTION_SCOPE})
"""What a drug-linkage adjudication decides (domain-rules §A.10): scope, not infringement or a stop order."""


class InfringingAct(StrEnum):
    MAKE = "make"  # 制造
    USE = "use"  # 使用
    OFFER_TO_SELL = "offer_to_sell"  # 许诺销售
    SELL = "sell"  # 销售
    IMPORT = "import"  # 进口


ACT_NAMES_ZH = {
    InfringingAct.MAKE: "制造",
    InfringingAct.USE: "使用",
    InfringingAct.OFFER_TO_SELL: "许诺销售",
    InfringingAct.SELL: "销售",
    InfringingAct.IMPORT: "进口",
}


class StopMeasure(StrEnum):
    """Measures that come with a stop order (专利行政执法办法 art. 43 [U]): a multi-select list."""

    DESTROY_SPECIAL_EQUIPMENT = "destroy_special_equipment"
    DESTROY_MOULDS = "destroy_moulds"
    NO_DISPOSAL_OF_STOCK = "no_disposal_of_stock"
    REMOVE_OFFERS = "remove_offers"
    NOTIFY_PLATFORM = "notify_platform"
    STOP_USING_METHOD = "stop_using_method"
    STOP_IMPORT = "stop_import"


MEASURE_TEXT_ZH = {
    StopMeasure.DESTROY_SPECIAL_EQUIPMENT: "销毁制造侵权产品的专用设备",
    StopMeasure.DESTROY_MOULDS: "销毁制造侵权产品的模具",
    StopMeasure.NO_DISPOSAL_OF_STOCK: "不得销售、使用尚未售出的侵权产品或者以任何其他形式将其投放市场",
    StopMeasure.REMOVE_OFFERS: "删除许诺销售侵权产品的广告、网页等信息",
    StopMeasure.NOTIFY_PLATFORM: "由电子商务平台删除、屏蔽或者断开侵权产品链接",
    StopMeasure.STOP_USING_METHOD: "立即停止使用专利方法",
    StopMeasure.STOP_IMPORT: "立即停止进口侵权产品",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class StopOrder:
    acts: tuple[InfringingAct, ...]
    products: tuple[str, ...]
    measures: tuple[StopMeasure, ...] = ()
    listings: tuple[str, ...] = ()
    scope_note: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Decision:
    decision_no: str
    outcome: Outcome
    decided_on: dt.date
    decided_at: dt.datetime
    requester_statement: str
    respondent_statement: str
    findings: str
    reasons: str
    legal_provisions: tuple[str, ...]
    stop_order: StopOrder | None
    approved_by: str
    panel: tuple[str, ...]
    late: bool = False
    proposed_by: str | None = None
    """The panel member who proposed it; ``approved_by`` is the office head who approved it."""


@dataclass(frozen=True, slots=True, kw_only=True)
class DecisionDraft:
    outcome: Outcome
    requester_statement: str
    respondent_statement: str
    findings: str
    reasons: str
    legal_provisions: tuple[str, ...]
    stop_order: StopOrder | None
    approved_by: str
    decided_on: dt.date | None = None  # today unless recorded after the fact


def decision_number(year: int, office_abbreviation: str, sequence: int) -> str:
    return f"（{year}）{office_abbreviation}知裁决字第{sequence}号"


def decision_series(office_code: str, year: int) -> str:
    return f"decision-{office_code}-{year}"


DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """Chinese numerals as legal documents write periods, e.g. 15 -> 十五, 30 -> 三十 (1..99)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return DIGITS[ones]
    return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")


def litigation_route(rules: CaseRules) -> str:
    """The route and time limit to challenge the decision, as the decision must state it (§A.7)."""
    days = catalogue.get("adjudication.litigation_window", rules.province).required_period().length
    return (
        f"当事人不服本裁决的，可以自收到本裁决书之日起{chinese_number(days)}日内，依照《中华人民共和国行政诉讼法》"
        f"向人民法院起诉；期满不起诉又不停止侵权行为的，{rules.office_name}可以申请人民法院强制执行。"
    )
