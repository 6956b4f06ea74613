"""What a listing decision fixes: its periods, dates and measures, from the rule table and the catalogue.

Nothing here knows a period's length: the rule table names catalogue entries and the catalogue
(with any operator override) says how long they are, for the office's province. The publication
and expiry deadlines themselves are tracked by the record (:meth:`CreditRecord.decide_listing`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from credit.domain.deadlines import REPEAT_LOOKBACK
from credit.domain.policy import ListPolicy, MeasureRule, PenaltyClass, PeriodStart
from shared.calendar import PeriodNotConfiguredError, catalogue


@dataclass(frozen=True, slots=True)
class AppliedMeasure:
    code: str
    description: str
    description_zh: str
    ends_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class ListingTerms:
    """What a listing decision fixed; the dates come from the period catalogue."""

    decided_on: dt.date
    publication_due: dt.date
    decision_no: str | None = None
    period_end: dt.date | None = None
    repair_eligible_from: dt.date | None = None
    measures: tuple[AppliedMeasure, ...] = ()


@dataclass(frozen=True, slots=True)
class ListingPlan:
    """A listing about to be decided: the periods its deadlines run for, and what else it fixes.

    ``listing_period`` is None where the listing runs from publication instead of the decision.
    """

    decided_on: dt.date
    decision_no: str | None
    publication_period: str
    listing_period: str | None
    repair_eligible_from: dt.date | None = None
    measures: tuple[AppliedMeasure, ...] = ()


def plan_listing(
    policy: ListPolicy,
    *,
    decided_on: dt.date,
    decision_no: str | None,
    penalty_class: PenaltyClass | None,
    credit_code: str | None,
    province: str | None,
) -> ListingPlan:
    repair = policy.repair_earliest_period
    return ListingPlan(
        decided_on=decided_on,
        decision_no=decision_no,
        publication_period=publication_period(policy, credit_code, province),
        listing_period=(
            policy.listing_period_for(penalty_class) if policy.period_starts is PeriodStart.DECISION else None
        ),
        repair_eligible_from=_due(repair, decided_on, province) if repair else None,
        measures=tuple(
            measure
            for rule in policy.measures
            if (measure := _measure(rule, decided_on, province)) is not None
        ),
    )


def is_cross_province(credit_code: str | None, province: str | None) -> bool:
    """Registered elsewhere: USCC characters 3–8 are the registration authority's division code."""
    if province is None or not credit_code or not credit_code[2:4].isdigit():
        return False
    return f"{credit_code[2:4]}0000" != province


def publication_period(policy: ListPolicy, credit_code: str | None, province: str | None) -> str:
    """Order 45 art. 10: a subject registered in another province is pushed to its regulator."""
    if policy.cross_province_publication_period and is_cross_province(credit_code, province):
        return policy.cross_province_publication_period
    return policy.publication_period


def period_from_publication(policy: ListPolicy, penalty_class: PenaltyClass | None) -> str | None:
    """The listing period where it runs from publication (penalty publication), else None."""
    if policy.period_starts is not PeriodStart.PUBLICATION:
        return None
    return policy.listing_period_for(penalty_class)


def lookback_end(effective_on: dt.date, province: str | None) -> dt.date:
    """The last day a later finding counts as a repeat of one effective on ``effective_on``."""
    return _due(REPEAT_LOOKBACK, effective_on, province)


def _due(period: str, start: dt.date, province: str | None) -> dt.date:
    return catalogue.deadline(period, start, province=province).due


def _measure(rule: MeasureRule, decided_on: dt.date, province: str | None) -> AppliedMeasure | None:
    """The measure with its own end date where it has its own period (e.g. a provincial ban)."""
    ends_on = None
    if rule.period:
        try:
            ends_on = _due(rule.period, decided_on, province)
        except PeriodNotConfiguredError:
            if rule.only_where_configured:
                return None  # a provincial measure, and this province has no such rule
            raise
    return AppliedMeasure(rule.code, rule.description, rule.description_zh, ends_on)
