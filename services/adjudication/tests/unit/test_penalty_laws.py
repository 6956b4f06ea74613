"""The per-law rule table of penalty cases (issue 18): fine bounds at every threshold, the acts of each
law, copyright's public-interest condition, trademark repeat aggravation, severity for credit."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from adjudication.domain.errors import RuleViolated
from adjudication.domain.penalty import steps
from adjudication.domain.penalty.aggregate import PenaltyCase
from adjudication.domain.penalty.laws import (
    PENALTY_LAWS,
    CopyrightAct,
    FineMeasure,
    PenaltyLaw,
    TrademarkAct,
    law_rule,
)
from adjudication.domain.penalty.values import CaseSource, PenaltySeverity, PriorPenalty
from adjudication.domain.values.actors import ActorKind
from adjudication.domain.values.rules import CaseRules
from adjudication.testing import penalty_filing
from shared.calendar import SHANGHAI
from shared.domain.actors import Actor

D = dt.date
K = Decimal
HANDLER = Actor(ActorKind.HANDLER, "h-1")
HEAD = Actor(ActorKind.OFFICE_HEAD, "head-1")
TM, CR, CP = PenaltyLaw.TRADEMARK, PenaltyLaw.COPYRIGHT, PenaltyLaw.COUNTERFEIT_PATENT


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), tzinfo=SHANGHAI)


# 商标法 art. 60 ¶2 [V]: 违法经营额五万元以上的，可以处违法经营额五倍以下的罚款，
# 没有违法经营额或者违法经营额不足五万元的，可以处二十五万元以下的罚款 — "以上" includes RMB 50,000
# (民法典 art. 1259).
@pytest.mark.parametrize(
    ("turnover", "minimum", "maximum"),
    [
        (None, K(0), K(250000)),  # no turnover
        (K(0), K(0), K(250000)),
        (K("49999.99"), K(0), K(250000)),
        (K(50000), K(0), K(250000)),  # inclusive: 5 x 50,000 = 250,000, the multiple rule applies
        (K("50000.01"), K(0), K("250000.05")),
        (K(200000), K(0), K(1000000)),
    ],
)
def test_trademark_law_article_60_fine_bounds(
    turnover: Decimal | None, minimum: Decimal, maximum: Decimal
) -> None:
    bounds = law_rule(TM).bounds(turnover)
    assert (bounds.minimum, bounds.maximum) == (minimum, maximum)
    multiple = turnover is not None and turnover >= K(50000)
    assert ("5 times the turnover" in bounds.rule) is multiple


# 著作权法 art. 53 [V]: 违法经营额五万元以上的，可以并处违法经营额一倍以上五倍以下的罚款；
# 没有违法经营额、违法经营额难以计算或者不足五万元的，可以并处二十五万元以下的罚款.
@pytest.mark.parametrize(
    ("turnover", "minimum", "maximum"),
    [
        (None, K(0), K(250000)),
        (K("49999.99"), K(0), K(250000)),
        (K(50000), K(50000), K(250000)),  # inclusive: 1x to 5x from RMB 50,000
        (K(80000), K(80000), K(400000)),
    ],
)
def test_copyright_law_article_53_fine_bounds(
    turnover: Decimal | None, minimum: Decimal, maximum: Decimal
) -> None:
    bounds = law_rule(CR).bounds(turnover)
    assert (bounds.minimum, bounds.maximum) == (minimum, maximum)


def test_patent_law_article_68_keeps_its_inclusive_flat_range_at_50000() -> None:
    # 没有违法所得或者违法所得在五万元以下的 — "以下" includes 50,000: still the flat range.
    assert law_rule(CP).bounds(K(50000)).rule.startswith("no illegal gains, or gains of RMB 50,000 or less")
    assert law_rule(CP).bounds(K("50000.01")).maximum == K("250000.05")
    assert law_rule(CP).measure is FineMeasure.ILLEGAL_GAINS
    assert {law_rule(TM).measure, law_rule(CR).measure} == {FineMeasure.ILLEGAL_TURNOVER}


def test_the_table_has_one_row_per_law_with_its_article() -> None:
    assert {law: (r.basis.instrument, r.basis.article) for law, r in PENALTY_LAWS.items()} == {
        CP: ("专利法", "68"),
        TM: ("商标法", "60"),
        CR: ("著作权法", "53"),
    }
    assert law_rule(TM).repeat_lookback_months == 60  # 五年内 (商标法 art. 60 ¶2)
    assert law_rule(TM).confiscates_goods and law_rule(CR).confiscates_goods
    assert not law_rule(CP).confiscates_goods


def trademark_case(rules: CaseRules, **overrides: Any) -> PenaltyCase:
    filing = penalty_filing(
        law=TM,
        acts=(TrademarkAct.SELLING_INFRINGING_GOODS.value,),
        patent_number=None,
        right_number="第12345678号",
        products=("运动鞋",),
        marks=("NIKEE",),
        **overrides,
    )
    return steps.file_case(filing, case_no="CP2026-000010", by=HANDLER, at=at(D(2026, 3, 2)), rules=rules)


def test_acts_must_be_acts_of_the_case_law(rules: CaseRules) -> None:
    with pytest.raises(RuleViolated, match="not an act of 商标法"):
        steps.file_case(
            penalty_filing(law=TM, acts=("marking_unpatented",)),
            case_no="x",
            by=HANDLER,
            at=at(D(2026, 3, 2)),
            rules=rules,
        )
    case = trademark_case(rules)
    assert (case.law, case.right_ref) == (TM, "第12345678号")


def test_copyright_is_penalised_only_where_the_public_interest_is_harmed(rules: CaseRules) -> None:
    filing = penalty_filing(law=CR, acts=(CopyrightAct.REPRODUCING_DISTRIBUTING.value,), patent_number=None)
    with pytest.raises(RuleViolated, match="public interest"):
        steps.file_case(filing, case_no="x", by=HANDLER, at=at(D(2026, 3, 2)), rules=rules)
    harmed = dataclasses.replace(filing, public_interest_harmed=True)
    assert steps.file_case(harmed, case_no="x", by=HANDLER, at=at(D(2026, 3, 2)), rules=rules).law is CR


def test_a_copyright_complaint_is_filed_first_and_the_notice_needs_the_public_interest_finding(
    rules: CaseRules,
) -> None:
    filing = penalty_filing(
        law=CR,
        acts=(CopyrightAct.REPRODUCING_DISTRIBUTING.value,),
        patent_number=None,
        source=CaseSource.COMPLAINT,
    )
    case = steps.file_case(filing, case_no="x", by=HANDLER, at=at(D(2026, 3, 2)), rules=rules)
    with pytest.raises(RuleViolated, match="public interest"):
        _notify(case, rules, K(1000), None)
    steps.notify(
        case,
        fine=K(1000),
        illegal_gains=None,
        confiscate_gains=False,
        correction_order="责令停止侵权行为",
        served_on=D(2026, 3, 10),
        by=HANDLER,
        at=at(D(2026, 3, 10)),
        rules=rules,
        public_interest_harmed=True,
    )
    assert case.public_interest_harmed and case.state.value == "NOTIFIED"


def _notify(case: PenaltyCase, rules: CaseRules, fine: Decimal, turnover: Decimal | None) -> None:
    steps.notify(
        case,
        fine=fine,
        illegal_gains=None,
        illegal_turnover=turnover,
        confiscate_gains=False,
        correction_order="责令立即停止侵权行为",
        served_on=D(2026, 3, 10),
        by=HANDLER,
        at=at(D(2026, 3, 10)),
        rules=rules,
    )


def _decide(case: PenaltyCase, rules: CaseRules, fine: Decimal, turnover: Decimal | None, **kw: Any) -> Any:
    case.hearing_waived = True
    return steps.decide(
        case,
        decision_no="（2026）京知商罚字第1号",
        fine=fine,
        illegal_gains=None,
        illegal_turnover=turnover,
        gains_confiscated=None,
        correction_order="责令立即停止侵权行为",
        reasons="销售侵犯注册商标专用权的商品",
        by=HEAD,
        at=at(D(2026, 4, 1)),
        rules=rules,
        **kw,
    )


def test_a_trademark_fine_above_5x_turnover_is_refused_and_within_it_taken(rules: CaseRules) -> None:
    case = trademark_case(rules)
    with pytest.raises(RuleViolated, match="ceiling of RMB 300000"):
        _notify(case, rules, K("300000.01"), K(60000))
    _notify(case, rules, K(300000), K(60000))
    decision = _decide(
        case, rules, K(100000), K(60000), goods_confiscated=["运动鞋 1,200 双", "鞋标 5,000 枚"]
    )
    assert decision.goods_confiscated == ("运动鞋 1,200 双", "鞋标 5,000 枚")
    assert (decision.aggravated, decision.severity) == (False, PenaltySeverity.STANDARD)


def test_a_copyright_fine_below_1x_turnover_is_refused(rules: CaseRules) -> None:
    filing = penalty_filing(
        law=CR,
        acts=(CopyrightAct.REPRODUCING_DISTRIBUTING.value,),
        patent_number=None,
        public_interest_harmed=True,
    )
    case = steps.file_case(filing, case_no="x", by=HANDLER, at=at(D(2026, 3, 2)), rules=rules)
    with pytest.raises(RuleViolated, match="at least RMB 80000"):
        _notify(case, rules, K(79999), K(80000))
    _notify(case, rules, K(0), K(80000))  # "可以并处": no fine at all is allowed


def test_goods_cannot_be_confiscated_where_the_law_provides_none(rules: CaseRules) -> None:
    case = steps.file_case(penalty_filing(), case_no="x", by=HANDLER, at=at(D(2026, 3, 2)), rules=rules)
    _notify(case, rules, K(1000), None)
    with pytest.raises(RuleViolated, match="no confiscation of goods"):
        _decide(case, rules, K(1000), None, goods_confiscated=["产品"])


def _prior(law: PenaltyLaw, decided_on: dt.date, no: str = "（2022）京知商罚字第9号") -> PriorPenalty:
    return PriorPenalty(case_id="earlier", law=law, decision_no=no, decided_on=decided_on)


def test_a_second_trademark_infringement_within_five_years_is_punished_more_heavily(rules: CaseRules) -> None:
    # 商标法 art. 60 ¶2: 对五年内实施两次以上商标侵权行为的，应当从重处罚.
    case = trademark_case(rules)
    case.prior_penalties = (_prior(TM, D(2021, 4, 1)),)  # exactly 5 years before the decision: within
    _notify(case, rules, K(200000), None)
    decision = _decide(case, rules, K(200000), None)
    assert decision.aggravated and decision.repeat_of == ("（2022）京知商罚字第9号",)
    assert decision.severity is PenaltySeverity.HEAVIER
    assert not [e for e in case.events if "aggravation_not_reflected" in str(e.advisories)]


def test_an_aggravated_fine_below_the_heavier_end_is_taken_with_an_advisory(rules: CaseRules) -> None:
    case = trademark_case(rules)
    case.prior_penalties = (_prior(TM, D(2024, 1, 5)),)
    _notify(case, rules, K(50000), None)
    decision = _decide(case, rules, K(50000), None)
    assert decision.aggravated  # the advisory is not a refusal: the benchmark is [U]
    assert any(a.code == "aggravation_not_reflected" for e in case.events for a in e.advisories)


@pytest.mark.parametrize(
    "prior",
    [
        _prior(TM, D(2021, 3, 31)),  # more than five years before
        _prior(CP, D(2025, 1, 1), "（2025）京知假罚字第1号"),  # another law: no statutory aggravation
    ],
)
def test_older_or_other_law_penalties_do_not_aggravate_a_trademark_fine(
    rules: CaseRules, prior: PriorPenalty
) -> None:
    case = trademark_case(rules)
    case.prior_penalties = (prior,)
    _notify(case, rules, K(100000), None)
    decision = _decide(case, rules, K(100000), None)
    assert not decision.aggravated
    assert decision.severity is PenaltySeverity.STANDARD


def test_repeats_across_laws_are_seen_for_credit(rules: CaseRules) -> None:
    case = trademark_case(rules)
    case.prior_penalties = (_prior(CP, D(2025, 1, 1), "p"), _prior(CR, D(2019, 1, 1), "old"))
    assert [p.decision_no for p in steps.repeats_across_laws(case, D(2026, 4, 1), rules)] == ["p"]


@pytest.mark.parametrize(
    ("fine", "severity"),
    [
        (K(0), PenaltySeverity.WARNING_ONLY),
        (K("199999.99"), PenaltySeverity.STANDARD),
        (K(200000), PenaltySeverity.HEAVIER),
    ],
)
def test_severity_from_the_configured_heavier_share_of_the_range(
    rules: CaseRules, fine: Decimal, severity: PenaltySeverity
) -> None:
    # No turnover: 0-250,000; the heavier end starts at 0.8 x 250,000 = 200,000 (HEAVIER_FINE_SHARE [U]).
    case = trademark_case(rules)
    _notify(case, rules, fine, None)
    assert _decide(case, rules, fine, None).severity is severity
