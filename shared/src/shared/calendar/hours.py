"""Hour-based periods, e.g. the 24 hours a trade-fair respondent has to answer (domain-rules §D.3).

Hours run continuously on the clock in Asia/Shanghai: a fair runs through
weekends and holidays, and nothing in the rules found moves an hour deadline
off a rest day, so no roll-forward is applied (it would defeat the point of a
24-hour period). The input must be an aware ``datetime``: a naive one could
mean any zone, and an hour period is about an absolute moment.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from shared.calendar.deadline import SHANGHAI, Deadline, Explanation
from shared.calendar.errors import ClockError, PeriodSyntaxError


def add_hours(start: datetime, hours: int) -> Deadline:
    """The moment ``hours`` hours after ``start``, expressed in Asia/Shanghai.

    Raises:
        ClockError: if ``start`` is naive.
        PeriodSyntaxError: if ``hours`` is negative.
    """
    if start.tzinfo is None or start.utcoffset() is None:
        raise ClockError(f"hour periods need an aware datetime, got naive {start.isoformat()}")
    if hours < 0:
        raise PeriodSyntaxError(f"a period length cannot be negative: {hours}")
    local_start = start.astimezone(SHANGHAI)
    due_at = (local_start + timedelta(hours=hours)).astimezone(SHANGHAI)
    rule = f"{local_start.isoformat()} + {hours} hours = {due_at.isoformat()} (Asia/Shanghai)"
    note = "hour periods run continuously: rest days are neither skipped nor rolled over"
    return Deadline(
        due=due_at.date(), provisional=False, explanation=Explanation(rule, notes=(note,)), due_at=due_at
    )
