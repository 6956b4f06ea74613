"""The operator's choices handlers need, taken from the settings once at startup."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from credit.domain.grades import GradeRuleSet
from credit.domain.policy import PenaltyClass

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True, slots=True)
class CreditOptions:
    office_code: str
    office_name: str = ""
    low_fine_threshold: Decimal | None = None
    warning_working_days: int = 3
    grade_rules: GradeRuleSet | None = None
    grade_source_priority: tuple[str, ...] = ("samr", "local_ip_scheme", "local_rules")

    def penalty_class(self, fine: Decimal | None) -> PenaltyClass:
        """Order 45 art. 13: a fine up to the provincial threshold ("以下" includes it) is a low fine."""
        if fine is not None and self.low_fine_threshold is not None and fine <= self.low_fine_threshold:
            return PenaltyClass.REPRIMAND_OR_LOW_FINE
        return PenaltyClass.STANDARD
