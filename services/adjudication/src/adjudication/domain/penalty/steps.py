"""The steps of an administrative penalty case (any law of ``laws``); the periods are [V], so they are
enforced. The law's row bounds the fine; repeat infringement aggravates where the law says so."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from decimal import Decimal
from typing import overload

from adjudication.domain.alerts import office_duty, record_lapse
from adjudication.domain.errors import not_before, rule_violated
from adjudication.domain.events import PenaltyEvent
from adjudication.domain.penalty.aggregate import PenaltyCase
from adjudication.domain.penalty.laws import FineBounds, FineMeasure, InvestigationMeasure, LawRule, law_rule
from adjudication.domain.penalty.states import OPEN as OPEN_STATES
from adjudication.domain.penalty.states import PenaltyState
from adjudication.domain.penalty.values import (
    CaseSource,
    InventoryItem,
    MeasureRecord,
    PenaltyDecision,
    PenaltyFiling,
    PenaltySeverity,
    PoliceTransfer,
    PriorPenalty,
    ProposedPenalty,
    hearing_right,
)
from adjudication.domain.values.legal import PENALTY_LAW
from adjudication.domain.values.rules import CaseRules
from shared.calendar import catalogue
from shared.catalogue import term
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineKind, DeadlineStatus
from shared.domain.events import Advisory
from shared.domain.legal import Citation
from shared.domain.lifecycle import Transition

DEFAULT_RULES = CaseRules()
DECISION_KEY = "decision"
HEARING_REQUEST_KEY = "hearing_request"
SERVICE_KEY = "decision_service"
PUBLICATION_KEY = "publication"


def file_case(
    filing: PenaltyFiling, *, case_no: str, by: Actor, at: dt.datetime, rules: CaseRules
) -> PenaltyCase:
    """File (立案) a penalty case; acts undiscovered for 2 years after they ended are out of time."""
    rule = law_rule(filing.law)
    if not filing.acts:
        raise rule_violated(
            "acts", "required", f"Name at least one act ({rule.title})", f"请列明违法行为（{rule.title_zh}）"
        )
    unknown = [a for a in filing.acts if a not in rule.acts]
    if unknown:
        raise rule_violated(
            "acts",
            "not_of_this_law",
            f"{', '.join(unknown)} is not an act of {rule.basis.instrument}; "
            f"allowed: {', '.join(sorted(rule.acts))}",
            f"{'、'.join(unknown)}不属于{rule.basis.instrument}规定的违法行为",
        )
    if (
        rule.requires_public_interest_harm
        and not filing.public_interest_harmed
        and filing.source is not CaseSource.COMPLAINT  # a complaint is filed first; the notice decides
    ):
        raise rule_violated(
            "public_interest_harmed",
            "public_interest_required",
            "Copyright infringement is penalised only where it also harms the public interest "
            "(著作权法 art. 53)",
            "侵权行为同时损害公共利益的，才由著作权主管部门给予行政处罚（著作权法第五十三条）",
        )
    if filing.act_ended_on is not None:
        limit = catalogue.deadline("penalty.limitation", filing.act_ended_on, province=rules.province)
        if filing.discovered_on > limit.due:
            raise rule_violated(
                "act_ended_on",
                "time_barred",
                f"Discovered after {limit.due.isoformat()}: no penalty for acts undiscovered for 2 years "
                "(行政处罚法 art. 36)",
                "违法行为在二年内未被发现的，不再给予行政处罚（行政处罚法第三十六条）",
            )
    case = PenaltyCase(
        id=uuid.uuid4(),
        case_no=case_no,
        subject=filing.subject,
        acts=tuple(filing.acts),
        law=filing.law,
        patent_number=filing.patent_number,
        right_number=filing.right_number,
        public_interest_harmed=filing.public_interest_harmed,
        products=filing.products,
        marks=filing.marks,
        source=filing.source,
        source_ref=filing.source_ref,
        discovered_on=filing.discovered_on,
        act_ended_on=filing.act_ended_on,
        lawful_source_seller=filing.lawful_source_seller,
        filed_at=at,
        facts=filing.facts,
        office_code=rules.office_code,
        handler=by.id,
    )
    case.start_deadline(
        DECISION_KEY,
        period="penalty.decision",
        start=case.day_of(at),
        kind=DeadlineKind.OFFICE_DUTY,
        province=rules.province,
        warn_working_days=rules.warn_working_days,
    )
    case.record(
        PenaltyEvent.CASE_FILED,
        by=by,
        at=at,
        basis=[rule.basis, Citation(PENALTY_LAW, "54")],
        details={"law": filing.law.value, "source": filing.source.value, "acts": list(filing.acts)},
    )
    return case


def notify(
    case: PenaltyCase,
    *,
    fine: Decimal,
    illegal_gains: Decimal | None,
    confiscate_gains: bool,
    correction_order: str,
    served_on: dt.date,
    by: Actor,
    at: dt.datetime,
    rules: CaseRules,
    illegal_turnover: Decimal | None = None,
    goods_value: Decimal | None = None,
    public_interest_harmed: bool | None = None,
) -> None:
    """Serve the proposed penalty and the rights of statement and defence (行政处罚法 art. 45); for a heavy
    penalty (art. 63) also the right to a hearing, to be asked for within 5 WD (art. 64)."""
    case.require_state("notify")
    if public_interest_harmed:
        case.public_interest_harmed = True
    if case.rule.requires_public_interest_harm and not case.public_interest_harmed:
        raise rule_violated(
            "public_interest_harmed",
            "public_interest_required",
            "A copyright penalty needs the finding that the infringement also harms the public interest "
            "(著作权法 art. 53)",
            "给予著作权行政处罚，须认定侵权行为同时损害公共利益（著作权法第五十三条）",
        )
    _check_fine(case, fine, illegal_gains, illegal_turnover)
    if _has_gains(illegal_gains) and not confiscate_gains:
        raise _confiscation_required(illegal_gains)
    not_before("served_on", served_on, case.day_of(case.filed_at), "the filing", "立案日期")
    if served_on > case.day_of(at):
        raise rule_violated(
            "served_on", "in_future", "The service date is in the future", "送达日期不能晚于今天"
        )
    confiscated = illegal_gains if confiscate_gains else None
    heavy = hearing_right(case.subject.kind, fine, confiscated, rules, goods_value)
    case.illegal_gains, case.illegal_turnover = illegal_gains, illegal_turnover
    case.proposed = ProposedPenalty(
        fine=cents(fine),
        confiscate_gains=confiscate_gains,
        correction_order=correction_order,
        served_on=served_on,
        illegal_turnover=cents(illegal_turnover),
        goods_value=cents(goods_value),
        hearing_right=heavy,
    )
    if heavy:
        case.start_deadline(
            HEARING_REQUEST_KEY,
            period="penalty.hearing_request",
            start=served_on,
            kind=DeadlineKind.PARTY_PERIOD,
            province=rules.province,
            warn_working_days=rules.warn_working_days,
        )
    case.move(
        "notify",
        by=by,
        at=at,
        advisories=_threshold_advisory(case, rules),
        details={"fine": fine, "served_on": served_on, "hearing_right": heavy},
    )


def request_hearing(case: PenaltyCase, *, requested_on: dt.date, by: Actor, at: dt.datetime) -> None:
    case.require_state("request_hearing")
    period = case.deadlines.get(HEARING_REQUEST_KEY)
    if period is None or (case.proposed is not None and not case.proposed.hearing_right):
        raise _no_hearing_right()
    if period.due is not None and requested_on > period.due:
        raise rule_violated(
            "requested_on",
            "too_late",
            f"A hearing must be requested by {period.due.isoformat()} (5 working days, 行政处罚法 art. 64)",
            f"应在{period.due.isoformat()}前申请听证（行政处罚法第六十四条）",
        )
    case.hearing_requested_on = requested_on
    case.meet_deadline(HEARING_REQUEST_KEY, requested_on)
    case.move("request_hearing", by=by, at=at, details={"requested_on": requested_on})


def waive_hearing(case: PenaltyCase, *, by: Actor, at: dt.datetime) -> None:
    if case.state is not PenaltyState.NOTIFIED:
        case.require_state("request_hearing")
    if HEARING_REQUEST_KEY not in case.deadlines:
        raise _no_hearing_right()
    case.hearing_waived = True
    case.end_deadline(HEARING_REQUEST_KEY, DeadlineStatus.MET)
    case.record(PenaltyEvent.HEARING_WAIVED, by=by, at=at, basis=[Citation(PENALTY_LAW, "64")])


def hold_hearing(case: PenaltyCase, *, summary: str, by: Actor, at: dt.datetime) -> None:
    case.require_state("hold_hearing")
    case.hearing_summary = summary
    case.move("hold_hearing", by=by, at=at)


def decide(
    case: PenaltyCase,
    *,
    decision_no: str,
    fine: Decimal,
    illegal_gains: Decimal | None,
    gains_confiscated: Decimal | None,
    correction_order: str,
    reasons: str,
    by: Actor,
    at: dt.datetime,
    rules: CaseRules,
    illegal_turnover: Decimal | None = None,
    goods_confiscated: Sequence[str] = (),
    goods_value: Decimal | None = None,
) -> PenaltyDecision:
    case.require_state("decide")
    period = case.deadlines.get(HEARING_REQUEST_KEY)
    if period is not None and _hearing_period_running(case):
        raise rule_violated(
            "state",
            "hearing_period_running",
            f"The subject may still ask for a hearing until {period.due}: wait or record a waiver",
            f"当事人在{period.due}前仍可申请听证",
        )
    today = case.day_of(at)
    priors = repeat_priors(case, today, rules)
    aggravated = bool(priors) and case.rule.repeat_aggravation is not None
    bounds = _check_fine(case, fine, illegal_gains, illegal_turnover, aggravated=aggravated)
    _check_confiscation(illegal_gains, gains_confiscated)
    goods = tuple(g.strip() for g in goods_confiscated if g.strip())
    if goods and not case.rule.confiscates_goods:
        raise rule_violated(
            "goods_confiscated",
            "not_provided",
            f"{case.rule.basis.instrument} art. {case.rule.basis.article} provides no confiscation of goods",
            f"{case.rule.basis.instrument}第{case.rule.basis.article}条未规定没收侵权物品",
        )
    proposed = case.proposed
    if (
        proposed is not None
        and not proposed.hearing_right
        and hearing_right(case.subject.kind, fine, gains_confiscated, rules, goods_value)
    ):
        raise rule_violated(
            "fine",
            "heavier_than_notified",
            "This penalty is one of the heavy penalties of 行政处罚法 art. 63, but the notice offered no "
            "hearing: notify it again with the right to a hearing",
            "该处罚属于行政处罚法第六十三条规定的较重处罚，但事先告知未告知听证权利，请重新告知",
        )
    severity = penalty_severity(fine, gains_confiscated, goods, bounds, rules)
    publication = catalogue.deadline("credit.publication", today, province=rules.province)
    decision = PenaltyDecision(
        decision_no=decision_no,
        fine=cents(fine),
        gains_confiscated=cents(gains_confiscated),
        illegal_gains=cents(illegal_gains),
        correction_order=correction_order,
        reasons=reasons,
        decided_on=today,
        publication_due=publication.due,
        illegal_turnover=cents(illegal_turnover),
        goods_confiscated=goods,
        goods_value=cents(goods_value),
        aggravated=aggravated,
        repeat_of=tuple(p.decision_no for p in priors),
        severity=severity,
    )
    case.decision, case.illegal_gains = decision, cents(illegal_gains)
    case.illegal_turnover = cents(illegal_turnover)
    limit = case.meet_deadline(DECISION_KEY, today)
    late = bool(limit and limit.met_late)
    case.start_deadline(
        SERVICE_KEY,
        period="penalty.decision_service",
        start=today,
        kind=DeadlineKind.OFFICE_DUTY,
        province=rules.province,
        warn_working_days=rules.warn_working_days,
    )
    case.start_deadline(
        PUBLICATION_KEY,
        period="credit.publication",
        start=today,
        kind=DeadlineKind.OFFICE_DUTY,
        province=rules.province,
        warn_working_days=rules.warn_working_days,
    )
    advisories = _threshold_advisory(case, rules)
    if late:
        advisories.append(
            Advisory(
                "decided_late",
                "Decided more than 90 days after filing (行政处罚法 art. 60)",
                "超过立案之日起九十日作出处罚决定",
            )
        )
    if aggravated and fine < bounds.heavier_from(rules.heavier_fine_share):
        advisories.append(
            Advisory(
                "aggravation_not_reflected",
                f"Repeat infringement within {_lookback(case.rule, rules)} months calls for heavier "
                "punishment "
                f"({case.rule.repeat_aggravation}); the fine is below the heavier end of the range "
                f"(RMB {bounds.heavier_from(rules.heavier_fine_share)})",
                f"五年内实施两次以上侵权行为应当从重处罚（{case.rule.repeat_aggravation}），罚款低于从重幅度",
            )
        )
    case.move(
        "decide",
        by=by,
        at=at,
        advisories=advisories,
        details={
            "decision_no": decision_no,
            "law": case.law.value,
            "fine": fine,
            "gains_confiscated": gains_confiscated,
            "goods_confiscated": list(goods),
            "aggravated": aggravated,
            "severity": severity.value,
        },
    )
    return decision


def serve_decision(case: PenaltyCase, *, served_on: dt.date, by: Actor, at: dt.datetime) -> None:
    if case.decision is None or case.decision_served_on is not None:
        raise rule_violated("state", "nothing_to_serve", "No unserved decision", "没有待送达的处罚决定书")
    not_before("served_on", served_on, case.decision.decided_on, "the decision", "处罚决定日期")
    case.decision_served_on = served_on
    case.meet_deadline(SERVICE_KEY, served_on)
    case.record(
        PenaltyEvent.DECISION_SERVED,
        by=by,
        at=at,
        basis=[Citation(PENALTY_LAW, "61")],
        details={"served_on": served_on},
    )


def publish(case: PenaltyCase, *, published_on: dt.date, reference: str, by: Actor, at: dt.datetime) -> None:
    case.require_state("publish")
    if case.decision is not None:
        not_before("published_on", published_on, case.decision.decided_on, "the decision", "处罚决定日期")
    case.published_on, case.publication_ref = published_on, reference
    case.meet_deadline(PUBLICATION_KEY, published_on)
    case.move("publish", by=by, at=at, details={"published_on": published_on, "reference": reference})


def close(case: PenaltyCase, *, by: Actor, at: dt.datetime) -> None:
    case.require_state("close")
    if case.decision_served_on is None:
        raise rule_violated("state", "not_served", "Serve the decision before closing", "处罚决定书尚未送达")
    case.cancel_open_deadlines()
    case.move("close", by=by, at=at)


def end_without_penalty(
    case: PenaltyCase,
    *,
    transfer_to_police: bool,
    reasons: Sequence[str],
    by: Actor,
    at: dt.datetime,
    rules: CaseRules = DEFAULT_RULES,
    illegal_gains: Decimal | None = None,
    illegal_turnover: Decimal | None = None,
) -> None:
    """Drop the case (no violation, out of time) or transfer it to the police (suspected crime, 行刑衔接):
    the transfer carries the clue, the configured criminal thresholds the figures meet, and the index of
    the evidence the measures inventoried. Meeting no threshold does not stop a transfer ([U]): the
    thresholds only flag; the office head decides."""
    name = "transfer_to_police" if transfer_to_police else "drop"
    case.require_state(name)
    stated = [r.strip() for r in reasons if r.strip()]
    if not stated:
        raise rule_violated("reasons", "required", "State the reasons", "请说明理由")
    if illegal_gains is not None:
        case.illegal_gains = cents(illegal_gains)
    if illegal_turnover is not None:
        case.illegal_turnover = cents(illegal_turnover)
    case.ending_reasons = tuple(reasons)
    details: dict[str, object] = {"reasons": list(reasons)}
    if transfer_to_police:
        met = criminal_thresholds_met(case, rules)
        case.transfer = PoliceTransfer(
            transferred_on=case.day_of(at),
            clue="；".join(stated),
            thresholds_met=tuple(met),
            evidence_index=case.evidence_index,
        )
        details |= {"thresholds_met": met, "evidence_items": len(case.evidence_index)}
    case.cancel_open_deadlines()
    case.move(name, by=by, at=at, details=details)


def criminal_thresholds_met(case: PenaltyCase, rules: CaseRules) -> list[str]:
    """The configured criminal thresholds (``<law>.<measure>``, [U]) the case's figures reach."""
    met = []
    for measure, amount in (
        ("illegal_gains", case.illegal_gains),
        ("illegal_turnover", case.illegal_turnover),
    ):
        key = f"{case.law.value}.{measure}"
        threshold = rules.police_threshold(key)
        if amount is not None and threshold is not None and amount >= threshold:
            met.append(f"{key} >= {threshold}")
    return met


def _threshold_advisory(case: PenaltyCase, rules: CaseRules) -> list[Advisory]:
    met = criminal_thresholds_met(case, rules)
    if not met:
        return []
    return [
        Advisory(
            "criminal_threshold_reached",
            f"The figures reach a criminal threshold ({'; '.join(met)}): consider a transfer to the police",
            "涉案金额达到涉嫌犯罪的移送标准，请考虑移送公安机关（行刑衔接）",
        )
    ]


def record_measure(
    case: PenaltyCase,
    *,
    measure: InvestigationMeasure,
    taken_on: dt.date,
    place: str | None,
    officers: Sequence[str],
    summary: str,
    inventory: Sequence[InventoryItem],
    proof: str | None,
    by: Actor,
    at: dt.datetime,
    rules: CaseRules,
) -> MeasureRecord:
    """Record an investigation measure with its legal basis. The case's law must allow it (专利法 art. 69,
    商标法 art. 62, 著作权法 art. 55); sealing or seizing needs the evidence that the items infringe and an
    inventory, and starts the (configurable, [U]) seizure period with warnings (行政强制法 art. 25)."""
    if case.state not in OPEN_STATES:
        raise rule_violated(
            "state",
            "case_not_open",
            "Measures are taken while the case is open",
            "案件已结束，不能再采取调查措施",
        )
    basis = case.rule.measure_basis(measure)
    if basis is None:
        raise rule_violated(
            "measure",
            "not_allowed",
            f"{case.rule.basis.instrument} allows no {term(measure).en} in a penalty investigation",
            f"{case.rule.basis.instrument}未规定“{term(measure).zh}”这一调查措施",
        )
    not_before("taken_on", taken_on, case.day_of(case.filed_at), "the filing", "立案日期")
    if taken_on > case.day_of(at):
        raise rule_violated("taken_on", "in_future", "The date is in the future", "日期不能晚于今天")
    seizing = measure is InvestigationMeasure.SEALING_SEIZING
    if seizing and not inventory:
        raise rule_violated(
            "inventory",
            "required",
            "Sealing or seizing needs an inventory (清单) of the items",
            "查封、扣押应当制作清单",
        )
    if seizing and not (proof and proof.strip()):
        raise rule_violated(
            "proof",
            "required",
            f"Only items proven to infringe may be sealed or seized ({basis}): state the evidence",
            "对有证据证明是侵权（假冒）的物品，方可查封或者扣押；请说明证据",
        )
    measure_id = f"M{len(case.measures) + 1}"
    due = None
    if seizing:
        tracked = case.start_deadline(
            f"seizure:{measure_id}",
            period="penalty.seizure",
            start=taken_on,
            kind=DeadlineKind.OFFICE_DUTY,
            province=rules.province,
            warn_working_days=rules.warn_working_days,
        )
        due = tracked.due
    record = MeasureRecord(
        measure_id=measure_id,
        measure=measure,
        basis=basis,
        taken_on=taken_on,
        place=place,
        officers=tuple(officers),
        summary=summary,
        inventory=tuple(inventory),
        proof=proof,
        seizure_due=due,
    )
    case.measures = (*case.measures, record)
    case.record(
        PenaltyEvent.MEASURE_TAKEN,
        by=by,
        at=at,
        basis=[basis],
        details={
            "measure_id": measure_id,
            "measure": measure.value,
            "taken_on": taken_on,
            "items": len(record.inventory),
            "seizure_due": due,
        },
    )
    return record


@overload
def cents(amount: Decimal) -> Decimal: ...


@overload
def cents(amount: None) -> None: ...


def cents(amount: Decimal | None) -> Decimal | None:
    """RMB amounts are kept to the fen (0.01)."""
    return None if amount is None else amount.quantize(Decimal("0.01"))


def _has_gains(illegal_gains: Decimal | None) -> bool:
    return illegal_gains is not None and illegal_gains > 0


def _confiscation_required(illegal_gains: Decimal | None) -> Exception:
    return rule_violated(
        "gains_confiscated",
        "confiscation_required",
        f"Illegal gains of RMB {illegal_gains} must be confiscated in full "
        "(专利法 art. 68; 行政处罚法 art. 28)",
        f"违法所得{illegal_gains}元应当全部没收（专利法第六十八条；行政处罚法第二十八条）",
    )


def _check_confiscation(illegal_gains: Decimal | None, gains_confiscated: Decimal | None) -> None:
    """专利法 art. 68 [V]: the illegal gains are confiscated (没收违法所得), all of them, and nothing else."""
    if _has_gains(illegal_gains):
        if gains_confiscated is None or cents(gains_confiscated) != cents(illegal_gains):
            raise _confiscation_required(illegal_gains)
    elif gains_confiscated is not None and gains_confiscated > 0:
        raise rule_violated(
            "gains_confiscated",
            "no_gains",
            "No illegal gains were found, so nothing can be confiscated as such",
            "未认定违法所得，不能没收违法所得",
        )


def _no_hearing_right() -> Exception:
    return rule_violated(
        "requested_on",
        "no_hearing_right",
        "The proposed penalty is not one of the heavy penalties of 行政处罚法 art. 63: the subject may "
        "state and defend its case (art. 45) but has no right to a hearing",
        "拟作出的处罚不属于行政处罚法第六十三条规定的情形，当事人享有陈述、申辩权（第四十五条），不适用听证",
    )


def _check_fine(
    case: PenaltyCase,
    fine: Decimal,
    illegal_gains: Decimal | None,
    illegal_turnover: Decimal | None,
    *,
    aggravated: bool = False,
) -> FineBounds:
    """The fine within the bounds of the case's law (``laws.LawRule.bounds``), which it returns."""
    if fine < 0 or any(a is not None and a < 0 for a in (illegal_gains, illegal_turnover)):
        raise rule_violated("fine", "negative", "Amounts cannot be negative", "金额不能为负数")
    rule = case.rule
    if case.lawful_source_seller and fine > 0 and rule.lawful_source_exemption is not None:
        raise rule_violated(
            "fine",
            "lawful_source",
            "A seller who did not know and proves a lawful source is only ordered to stop selling "
            f"({rule.lawful_source_exemption})",
            "能证明合法来源的不知情销售者仅责令停止销售",
        )
    amount = illegal_gains if rule.measure is FineMeasure.ILLEGAL_GAINS else illegal_turnover
    bounds = rule.bounds(amount, aggravated=aggravated)
    article = f"{rule.basis.instrument} art. {rule.basis.article}"
    article_zh = f"{rule.basis.instrument}第{rule.basis.article}条"
    if fine > bounds.maximum:
        raise rule_violated(
            "fine",
            "above_ceiling",
            f"RMB {fine} exceeds the ceiling of RMB {bounds.maximum} ({bounds.rule}; {article})",
            f"罚款{fine}元超过上限{bounds.maximum}元（{article_zh}）",
        )
    if 0 < fine < bounds.minimum:
        raise rule_violated(
            "fine",
            "below_floor",
            f"A fine, if imposed, is at least RMB {bounds.minimum} ({bounds.rule}; {article})",
            f"并处罚款的，不得低于{bounds.minimum}元（{article_zh}）",
        )
    return bounds


def _lookback(rule: LawRule, rules: CaseRules) -> int:
    return rule.repeat_lookback_months or rules.repeat_lookback_months


def repeat_priors(case: PenaltyCase, today: dt.date, rules: CaseRules) -> list[PriorPenalty]:
    """Earlier penalties against the same subject that make this one a repeat under the case's law: the
    same law (商标法 art. 60 ¶2: 五年内实施两次以上商标侵权行为), decided within the law's look-back (5 years
    for trademarks [V]; the configured default, ``REPEAT_LOOKBACK_MONTHS`` [U], otherwise)."""
    months = _lookback(case.rule, rules)
    since = _months_before(today, months)
    return [
        p
        for p in case.prior_penalties
        if p.law is case.law and since <= p.decided_on <= today and p.case_id != str(case.id)
    ]


def repeats_across_laws(case: PenaltyCase, today: dt.date, rules: CaseRules) -> list[PriorPenalty]:
    """Earlier penalties against the subject under any of the three laws within the configured look-back
    (what credit weighs, §C.2 art. 12 frequency); only ``repeat_priors`` aggravates the fine."""
    since = _months_before(today, max(rules.repeat_lookback_months, _lookback(case.rule, rules)))
    return [p for p in case.prior_penalties if since <= p.decided_on <= today and p.case_id != str(case.id)]


def _months_before(day: dt.date, months: int) -> dt.date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def penalty_severity(
    fine: Decimal,
    gains_confiscated: Decimal | None,
    goods: Sequence[str],
    bounds: FineBounds,
    rules: CaseRules,
) -> PenaltySeverity:
    """Order 45 art. 2: without a fine or a confiscation it is a warning, not published. §C.2 [P]: a
    "heavier" penalty is one at the aggravated end of the discretion benchmark; here aggravation by law
    (repeat infringement) or a fine from ``HEAVIER_FINE_SHARE`` of the range up ([U], configuration)."""
    if fine <= 0 and not (gains_confiscated and gains_confiscated > 0) and not goods:
        return PenaltySeverity.WARNING_ONLY
    if bounds.aggravated or (fine > 0 and fine >= bounds.heavier_from(rules.heavier_fine_share)):
        return PenaltySeverity.HEAVIER
    return PenaltySeverity.STANDARD


def possible_now(case: PenaltyCase) -> list[Transition[PenaltyState]]:
    """The transitions the table allows now, less those the steps' guards would refuse on the case as it
    stands: a hearing request without a hearing right, deciding while the subject may still ask for a
    hearing, closing before the decision was served."""
    blocked = set()
    period = case.deadlines.get(HEARING_REQUEST_KEY)
    if period is None or (case.proposed is not None and not case.proposed.hearing_right):
        blocked.add("request_hearing")
    if _hearing_period_running(case):
        blocked.add("decide")
    if case.decision_served_on is None:
        blocked.add("close")
    return [t for t in case.allowed_now() if t.name not in blocked]


def _hearing_period_running(case: PenaltyCase) -> bool:
    period = case.deadlines.get(HEARING_REQUEST_KEY)
    return bool(case.state is PenaltyState.NOTIFIED and not case.hearing_waived and period and period.is_open)


def penalty_deadline_reached(case: PenaltyCase, key: str, *, warning: bool, at: dt.datetime) -> None:
    """A penalty case has no automatic moves: duties alert, a lapsed hearing period is recorded."""
    tracked = case.deadlines.get(key)
    if tracked is None or tracked.status is not DeadlineStatus.RUNNING:
        return
    if tracked.kind is DeadlineKind.OFFICE_DUTY:
        office_duty(case, tracked, warning, at)
    elif not warning:
        record_lapse(case, tracked, at)
