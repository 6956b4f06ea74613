"""Enforcement as recorded: inspections, the demand, the court application and rulings, and its table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

from adjudication.domain.case.parts.service import ServiceMethod
from adjudication.domain.errors import CaseTransitionRefused
from adjudication.domain.events import CaseEvent
from adjudication.domain.values.legal import COERCION_LAW
from shared.domain.legal import Citation
from shared.domain.lifecycle import StatusMachine, TransitionTable, transition


@dataclass(frozen=True, slots=True, kw_only=True)
class ComplianceCheck:
    checked_on: dt.date
    complied: bool
    findings: str
    inspector: str
    recorded_at: dt.datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class EnforcementApplication:
    court_code: str
    court_name: str
    application_no: str
    applied_on: dt.date
    object_of_enforcement: tuple[str, ...]
    facts_and_reasons: str
    late_reason: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class EnforcementRuling:
    ruling_no: str
    court_code: str
    granted: bool
    reasons: str | None
    ruled_on: dt.date
    recorded_at: dt.datetime


class EnforcementStatus(StrEnum):
    """Where the enforcement of a decision stands (read from its records; ``Enforcement.status``)."""

    DEMAND_SERVED = "demand_served"
    APPLIED = "applied"
    REFUSED = "refused"
    GRANTED = "granted"


N = EnforcementStatus


# fmt: off
ENFORCEMENT_STATUSES: Final = TransitionTable(N, (
    transition("apply", {N.DEMAND_SERVED}, N.APPLIED, event=CaseEvent.ENFORCEMENT_APPLIED,
               guard="10 WD after the demand; within 3 months after the window (late: good reason)",
               basis=(Citation(COERCION_LAW, "53-55"),)),
    transition("grant", {N.APPLIED, N.REFUSED}, N.GRANTED, event=CaseEvent.ENFORCEMENT_GRANTED,
               guard="the court ruled to enforce (after a review, too)",
               basis=(Citation(COERCION_LAW, "56-57"),)),
    transition("refuse", {N.APPLIED, N.REFUSED}, N.REFUSED, event=CaseEvent.ENFORCEMENT_REFUSED,
               guard="the court refused; 15 days to seek review", basis=(Citation(COERCION_LAW, "58"),)),
    transition("seek_review", {N.REFUSED}, N.REFUSED, event=CaseEvent.ENFORCEMENT_REVIEW_SOUGHT,
               guard="within 15 days of the refusal", basis=(Citation(COERCION_LAW, "58"),)),
))


# fmt: on


ENFORCEMENTS = StatusMachine(ENFORCEMENT_STATUSES, CaseTransitionRefused)


@dataclass(slots=True, kw_only=True)
class Enforcement:
    demand_served_on: dt.date
    demand_method: ServiceMethod
    earliest_application_date: dt.date
    application_deadline: dt.date
    wait_explanation: str = ""
    application: EnforcementApplication | None = None
    rulings: list[EnforcementRuling] = field(default_factory=list)
    review_sought_on: dt.date | None = None

    @property
    def refused(self) -> bool:
        return bool(self.rulings) and not self.rulings[-1].granted

    @property
    def status(self) -> EnforcementStatus:
        if self.application is None:
            return N.DEMAND_SERVED
        if not self.rulings:
            return N.APPLIED
        return N.GRANTED if self.rulings[-1].granted else N.REFUSED
