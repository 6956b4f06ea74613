"""The decision (裁决, domain-rules §A.7): outcome, structured stop order, and what it must state.

A decision orders the infringer to stop, with the type, object and scope of the acts (专利法 art. 65
[V]; 浙江省专利条例 art. 26 [V]) and measures chosen from a list (专利行政执法办法 art. 43 [U]); or it
rejects the request. It has no damages: the office may only mediate an amount (§A.6).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from adjudication.domain.errors import rule_violated
from adjudication.domain.rules import DECIDING_ROLES
from shared.calendar import catalogue
from shared.domain.actors import Actor
from shared.domain.events import Advisory

if TYPE_CHECKING:
    from adjudication.domain.case import Case
    from adjudication.domain.rules import CaseRules


class Outcome(StrEnum):
    """How a case ended (domain-rules §A.7); the values are those of the published contracts."""

    NOT_ACCEPTED = "NOT_ACCEPTED"
    INFRINGEMENT_ESTABLISHED = "INFRINGEMENT_ESTABLISHED"
    REQUEST_REJECTED = "REQUEST_REJECTED"
    MEDIATED = "MEDIATED"
    WITHDRAWN = "WITHDRAWN"
    DEEMED_WITHDRAWN = "DEEMED_WITHDRAWN"
    DISMISSED = "DISMISSED"


DECISION_OUTCOMES = frozenset({Outcome.INFRINGEMENT_ESTABLISHED, Outcome.REQUEST_REJECTED})


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


def decide(
    case: Case, *, decision_no: str, draft: DecisionDraft, by: Actor, at: dt.datetime, rules: CaseRules
) -> Decision:
    case.require_state("decide")
    _check_draft(case, draft)
    today = draft.decided_on or case.day_of(at)
    docketed_on = case.docket.docketed_on if case.docket else today
    if not docketed_on <= today <= case.day_of(at):
        raise rule_violated(
            "decided_on",
            "bad_date",
            "The decision date lies between docketing and today",
            "裁决日期应在立案日期与今天之间",
        )
    close = case.deadlines.get("close")
    late = bool(close and close.due and today > close.due)
    panel = tuple(p.name for p in case.participants if p.active and p.role in DECIDING_ROLES)
    decision = Decision(
        decision_no=decision_no,
        outcome=draft.outcome,
        decided_on=today,
        decided_at=at,
        requester_statement=draft.requester_statement,
        respondent_statement=draft.respondent_statement,
        findings=draft.findings,
        reasons=draft.reasons,
        legal_provisions=draft.legal_provisions,
        stop_order=draft.stop_order,
        approved_by=draft.approved_by,
        panel=panel,
        late=late,
    )
    case.decision, case.outcome = decision, draft.outcome
    case.meet_deadline("close", today)
    case.cancel_open_deadlines()
    case.move(
        "decide",
        by=by,
        at=at,
        details={
            "decision_no": decision_no,
            "outcome": draft.outcome.value,
            "approved_by": draft.approved_by,
        },
        advisories=_advisories(late, panel, rules),
    )
    return decision


def _check_draft(case: Case, draft: DecisionDraft) -> None:
    if draft.outcome not in DECISION_OUTCOMES:
        raise rule_violated(
            "outcome",
            "not_a_decision",
            "A decision establishes infringement or rejects the request",
            "裁决结果应为侵权成立或驳回请求",
        )
    if not draft.approved_by.strip():
        raise rule_violated(
            "approved_by", "required", "The office head approves a decision", "裁决须经负责人批准"
        )
    if draft.outcome is Outcome.INFRINGEMENT_ESTABLISHED:
        order = draft.stop_order
        if order is None or not order.acts or not [p for p in order.products if p.strip()]:
            raise rule_violated(
                "stop_order",
                "scope_required",
                "A stop order states the type, object and scope of the acts to stop (专利法 art. 65)",
                "责令停止侵权应载明停止侵权行为的类型、对象和范围",
            )
    elif draft.stop_order is not None:
        raise rule_violated(
            "stop_order", "not_allowed", "A rejection has no stop order", "驳回请求的裁决不含停止侵权"
        )
    challenged = [p.name for p in case.participants if p.active and p.challenged and p.role in DECIDING_ROLES]
    if challenged:
        raise rule_violated(
            "participants",
            "recusal_pending",
            f"A recusal request against {', '.join(challenged)} is pending: decide it first",
            f"针对{'、'.join(challenged)}的回避申请尚未决定",
        )


def _advisories(late: bool, panel: Sequence[str], rules: CaseRules) -> list[Advisory]:
    advisories = []
    if late:
        advisories.append(
            Advisory(
                "decided_late",
                "Decided after the closing deadline ([U] 专利行政执法办法 art. 18)",
                "裁决超过结案期限（专利行政执法办法第十八条，未核实）",
            )
        )
    if len(panel) < rules.panel_minimum_size or len(panel) % 2 == 0:
        advisories.append(
            Advisory(
                "panel_size",
                f"{len(panel)} handler(s) decided; the rule is at least {rules.panel_minimum_size}, "
                "an odd number ([U] 专利行政执法办法 art. 11)",
                f"作出裁决的办案人员为{len(panel)}名；规定为{rules.panel_minimum_size}名以上单数（未核实）",
            )
        )
    return advisories


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
