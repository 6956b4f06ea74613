"""Credit grades A–D (§C.4): stored as supplied from outside, or computed by a local rule set.

§C.4 says never to derive a grade inside the system unless a local rule is loaded, so the rule
set is data (a TOML file named in the settings) and this module only evaluates it: the first
rule whose conditions all hold gives the grade, otherwise the rule set's default.
"""

from __future__ import annotations

import calendar
import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from credit.domain.vocabulary import ListType

LOCAL_RULES_SOURCE = "local_rules"


class Grade(StrEnum):
    """Credit risk from low (A) to high (D), as in SAMR's monthly classification."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"


@dataclass(frozen=True, slots=True)
class GradeRecord:
    subject_id: uuid.UUID
    grade: Grade
    source: str
    as_of: dt.date
    valid_until: dt.date | None
    reference: str | None = None
    rule_id: str | None = None

    def is_current(self, today: dt.date) -> bool:
        return self.as_of <= today and (self.valid_until is None or today <= self.valid_until)


@dataclass(frozen=True, slots=True)
class SubjectFacts:
    """What the local rules may look at, gathered for one subject."""

    subject_id: uuid.UUID
    in_force: frozenset[ListType]
    listed_on: tuple[dt.date, ...] = ()
    commitments_breached_on: tuple[dt.date, ...] = ()
    repeat_flagged_on: tuple[dt.date, ...] = ()


@dataclass(frozen=True, slots=True)
class CountWithin:
    """At least ``minimum`` occurrences within the last ``months`` months."""

    minimum: int
    months: int

    def holds(self, days: Sequence[dt.date], today: dt.date) -> bool:
        since = months_before(today, self.months)
        return sum(1 for day in days if since < day <= today) >= self.minimum


@dataclass(frozen=True, slots=True)
class GradeRule:
    id: str
    grade: Grade
    description: str
    in_force_any: frozenset[ListType] = frozenset()
    listings: CountWithin | None = None
    breached_commitments: CountWithin | None = None
    repeat_flags: CountWithin | None = None

    def matches(self, facts: SubjectFacts, today: dt.date) -> bool:
        checks = (
            not self.in_force_any or not self.in_force_any.isdisjoint(facts.in_force),
            self.listings is None or self.listings.holds(facts.listed_on, today),
            self.breached_commitments is None
            or self.breached_commitments.holds(facts.commitments_breached_on, today),
            self.repeat_flags is None or self.repeat_flags.holds(facts.repeat_flagged_on, today),
        )
        return all(checks)


@dataclass(frozen=True, slots=True)
class GradeRuleSet:
    name: str
    default_grade: Grade
    validity_months: int
    rules: tuple[GradeRule, ...]

    def grade(self, facts: SubjectFacts, as_of: dt.date) -> GradeRecord:
        rule = next((r for r in self.rules if r.matches(facts, as_of)), None)
        return GradeRecord(
            subject_id=facts.subject_id,
            grade=rule.grade if rule else self.default_grade,
            source=LOCAL_RULES_SOURCE,
            as_of=as_of,
            valid_until=months_after(as_of, self.validity_months),
            reference=self.name,
            rule_id=rule.id if rule else "default",
        )


def months_before(day: dt.date, months: int) -> dt.date:
    return months_after(day, -months)


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (or earlier), clamped to the month's end; not a statutory period."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))
