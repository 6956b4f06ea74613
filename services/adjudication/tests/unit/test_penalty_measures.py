"""Investigation measures with their legal basis (专利法 art. 69, 商标法 art. 62, 著作权法 art. 55), sealing
and seizing with an inventory, and the transfer to the police (行刑衔接, §H.1) with the evidence index."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from adjudication.domain.errors import RuleViolated
from adjudication.domain.events import PenaltyEvent
from adjudication.domain.penalty import steps
from adjudication.domain.penalty.aggregate import PenaltyCase
from adjudication.domain.penalty.laws import DISPUTE_MEASURES, InvestigationMeasure, PenaltyLaw, law_rule
from adjudication.domain.penalty.values import InventoryItem
from adjudication.domain.values.actors import ActorKind
from adjudication.domain.values.rules import CaseRules
from adjudication.publishing.penalties import penalty_contracts
from adjudication.testing import penalty_filing
from shared.calendar import SHANGHAI
from shared.contracts.adjudication import CaseTransferredToPoliceV1
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineStatus

D = dt.date
M = InvestigationMeasure
HANDLER = Actor(ActorKind.HANDLER, "h-1")
HEAD = Actor(ActorKind.OFFICE_HEAD, "head-1")
SHOES = (InventoryItem(item_id="1", description="侵权运动鞋", quantity="1,200 双"),)


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), tzinfo=SHANGHAI)


def case_under(law: PenaltyLaw, rules: CaseRules) -> PenaltyCase:
    acts = {
        PenaltyLaw.TRADEMARK: "selling_infringing_goods",
        PenaltyLaw.COPYRIGHT: "reproducing_distributing",
    }
    filing = penalty_filing(
        law=law,
        acts=(acts.get(law, "marking_unpatented"),),
        public_interest_harmed=law is PenaltyLaw.COPYRIGHT,
    )
    return steps.file_case(filing, case_no="CP2026-000020", by=HANDLER, at=at(D(2026, 3, 2)), rules=rules)


def measure(case: PenaltyCase, rules: CaseRules, kind: InvestigationMeasure, **kw: Any) -> Any:
    fields: dict[str, Any] = {
        "taken_on": D(2026, 3, 3),
        "place": "仓库",
        "officers": ("执法人员甲", "执法人员乙"),
        "summary": "现场检查",
        "inventory": (),
        "proof": None,
    }
    return steps.record_measure(
        case, measure=kind, by=HANDLER, at=at(D(2026, 3, 3)), rules=rules, **(fields | kw)
    )


@pytest.mark.parametrize(
    ("law", "article"),
    [
        (PenaltyLaw.COUNTERFEIT_PATENT, "69 ¶1 (4)"),
        (PenaltyLaw.TRADEMARK, "62 ¶1 (4)"),
        (PenaltyLaw.COPYRIGHT, "55 ¶1"),
    ],
)
def test_sealing_and_seizing_are_recorded_with_the_article_of_the_case_law(
    rules: CaseRules, law: PenaltyLaw, article: str
) -> None:
    case = case_under(law, rules)
    record = measure(case, rules, M.SEALING_SEIZING, inventory=SHOES, proof="权利人出具的鉴定意见")
    assert (record.basis.instrument, record.basis.article) == (law_rule(law).basis.instrument, article)
    # 行政强制法 art. 25 (believed, [U]): 30 days, tracked with warnings like every office duty.
    assert case.deadlines["seizure:M1"].due == record.seizure_due == D(2026, 4, 2)
    assert case.events[-1].name == PenaltyEvent.MEASURE_TAKEN


def test_seizing_needs_an_inventory_and_the_evidence_that_the_items_infringe(rules: CaseRules) -> None:
    case = case_under(PenaltyLaw.TRADEMARK, rules)
    with pytest.raises(RuleViolated, match="inventory"):
        measure(case, rules, M.SEALING_SEIZING, proof="鉴定意见")
    with pytest.raises(RuleViolated, match="proven to infringe"):
        measure(case, rules, M.SEALING_SEIZING, inventory=SHOES)
    assert measure(case, rules, M.QUESTIONING).seizure_due is None


def test_dispute_handling_is_limited_to_items_1_2_and_4_of_patent_law_article_69() -> None:
    # 专利法 art. 69 ¶2: 处理专利侵权纠纷时，可以采取前款第（一）项、第（二）项、第（四）项所列措施.
    assert {M.RECORDS, M.SEALING_SEIZING}.isdisjoint(DISPUTE_MEASURES)
    assert set(dict(law_rule(PenaltyLaw.COUNTERFEIT_PATENT).measures)) == set(M)


def test_a_measure_on_a_closed_case_is_refused(rules: CaseRules) -> None:
    case = case_under(PenaltyLaw.TRADEMARK, rules)
    steps.end_without_penalty(
        case, transfer_to_police=False, reasons=["不构成侵权"], by=HEAD, at=at(D(2026, 3, 4))
    )
    with pytest.raises(RuleViolated, match="open"):
        measure(case, rules, M.QUESTIONING)


def test_a_copyright_case_over_the_threshold_is_flagged_and_transferred_with_its_evidence_index(
    rules: CaseRules,
) -> None:
    case = case_under(PenaltyLaw.COPYRIGHT, rules)
    measure(case, rules, M.SEALING_SEIZING, inventory=SHOES, proof="盗版光盘经鉴定为侵权复制品")
    steps.notify(
        case,
        fine=Decimal(100000),
        illegal_gains=None,
        illegal_turnover=Decimal(60000),
        confiscate_gains=False,
        correction_order="责令停止侵权行为",
        served_on=D(2026, 3, 10),
        by=HANDLER,
        at=at(D(2026, 3, 10)),
        rules=rules,
    )
    assert [a.code for a in case.events[-1].advisories] == ["criminal_threshold_reached"]
    steps.end_without_penalty(
        case,
        transfer_to_police=True,
        reasons=["非法经营数额六万元，涉嫌侵犯著作权罪"],
        by=HEAD,
        at=at(D(2026, 3, 12)),
        rules=rules,
    )
    assert case.state.value == "TRANSFERRED" and case.transfer is not None
    assert case.transfer.thresholds_met == ("copyright.illegal_turnover >= 50000",)
    (published,) = [
        d for d in penalty_contracts(case, case.events[-1]) if isinstance(d, CaseTransferredToPoliceV1)
    ]
    assert published.clue == "非法经营数额六万元，涉嫌侵犯著作权罪" and published.law.value == "copyright"
    assert [(e.item_id, e.sealed) for e in published.evidence_index] == [("M1-1", True)]
    assert case.deadlines["seizure:M1"].status is not DeadlineStatus.RUNNING  # ended with the case


def test_below_every_threshold_nothing_is_flagged_and_a_transfer_stays_possible(rules: CaseRules) -> None:
    case = case_under(PenaltyLaw.TRADEMARK, rules)
    steps.end_without_penalty(
        case,
        transfer_to_police=True,
        reasons=["涉嫌假冒注册商标罪"],
        by=HEAD,
        at=at(D(2026, 3, 12)),
        rules=rules,
        illegal_turnover=Decimal("49999.99"),
    )
    assert case.transfer is not None and case.transfer.thresholds_met == ()
