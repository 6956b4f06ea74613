"""Every date credit works with, computed from the period catalogue for the office's province.

Nothing here knows a period's length: the rule table names catalogue entries and the catalogue
(with any operator override) says how long they are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from credit.domain.policy import ListPolicy, MeasureRule, PenaltyClass, PeriodStart
from credit.domain.record import AppliedMeasure, ListingTerms
from shared.calendar import Deadline, PeriodNotConfiguredError, catalogue

REPEAT_LOOKBACK = "credit.repeat_infringement_lookback"
WITHDRAWAL = "credit.revocation_withdrawal"


@dataclass(frozen=True, slots=True)
class StatutoryDates:
    province: str | None

    def deadline(self, period: str, start: dt.date) -> Deadline:
        return catalogue.deadline(period, start, province=self.province)

    def is_cross_province(self, credit_code: str | None) -> bool:
        """Registered elsewhere: USCC characters 3–8 are the registration authority's division code."""
        if self.province is None or not credit_code or not credit_code[2:4].isdigit():
            return False
        return f"{credit_code[2:4]}0000" != self.province

    def publication_period(self, policy: ListPolicy, credit_code: str | None) -> str:
        """Order 45 art. 10: a subject registered in another province is pushed to its regulator."""
        if policy.cross_province_publication_period and self.is_cross_province(credit_code):
            return policy.cross_province_publication_period
        return policy.publication_period

    def listing_terms(
        self,
        policy: ListPolicy,
        *,
        decided_on: dt.date,
        decision_no: str | None,
        penalty_class: PenaltyClass | None,
        credit_code: str | None,
    ) -> ListingTerms:
        from_decision = policy.period_starts is PeriodStart.DECISION
        period_end = (
            self.deadline(policy.listing_period_for(penalty_class), decided_on).due if from_decision else None
        )
        return ListingTerms(
            decided_on=decided_on,
            decision_no=decision_no,
            publication_due=self.deadline(self.publication_period(policy, credit_code), decided_on).due,
            period_end=period_end,
            repair_eligible_from=(
                self.deadline(policy.repair_earliest_period, decided_on).due
                if policy.repair_earliest_period
                else None
            ),
            measures=tuple(
                measure
                for rule in policy.measures
                if (measure := self._measure(rule, decided_on)) is not None
            ),
        )

    def period_end_from_publication(
        self, policy: ListPolicy, penalty_class: PenaltyClass | None, published_on: dt.date
    ) -> dt.date | None:
        if policy.period_starts is not PeriodStart.PUBLICATION:
            return None
        return self.deadline(policy.listing_period_for(penalty_class), published_on).due

    def lookback_end(self, effective_on: dt.date) -> dt.date:
        return self.deadline(REPEAT_LOOKBACK, effective_on).due

    def _measure(self, rule: MeasureRule, decided_on: dt.date) -> AppliedMeasure | None:
        """The measure with its own end date where it has its own period (e.g. a provincial ban)."""
        ends_on = None
        if rule.period:
            try:
                ends_on = self.deadline(rule.period, decided_on).due
            except PeriodNotConfiguredError:
                if rule.only_where_configured:
                    return None  # a provincial measure, and this province has no such rule
                raise
        return AppliedMeasure(rule.code, rule.description, rule.description_zh, ends_on)
