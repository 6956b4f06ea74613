"""The values a complaint is made of: claimed rights, listings, locations, the fair, where its case is,
and what the checks, the matching and triage decided about it (the policies that decide them,
:mod:`intake.domain.acceptance`, :mod:`intake.domain.dedup` and :mod:`intake.domain.triage`, depend on
the complaint, never the reverse)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from intake.domain.complaint.states import TRACK_AGENCIES, TRACK_DESTINATIONS
from intake.domain.errors import expect
from intake.domain.rights import Verification
from intake.domain.vocabulary import Agency, EvaluationReport, Track
from shared.vocabulary import IpType


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimedRight:
    ip_type: IpType
    number: str
    title: str | None = None
    evaluation_report: EvaluationReport = EvaluationReport.NONE
    evaluation_report_no: str | None = None
    evaluation_report_favourable: bool | None = None
    invalidation_pending: bool = False
    verification: Verification | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Listing:
    platform: str
    listing_id: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Location:
    description: str
    region_code: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SimpleCriteria:
    """Staff's reading of the §A.9 criteria that only a person can judge."""

    facts_clear: bool = False
    rights_clear: bool = False
    evidence_sufficient: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class TradeFairDetails:
    fair_name: str
    session: str
    booth: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Downstream:
    """Where the complaint's case is now, as the receiving service announced it."""

    service: str
    case_id: uuid.UUID
    case_no: str
    state: str
    updated_at: dt.datetime


# -- what the acceptance checks found (the checks: :mod:`intake.domain.acceptance`) ------------------


class Severity(StrEnum):
    BLOCK = "block"
    CORRECTION = "correction"
    WARNING = "warning"
    OFF = "off"


class Outcome(StrEnum):
    ACCEPT = "accept"
    CORRECTION = "correction"
    REFUSE = "refuse"


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    rule: str
    severity: Severity
    field: str
    message: str
    message_zh: str
    basis: str


def outcome(findings: tuple[Finding, ...]) -> Outcome:
    severities = {f.severity for f in findings}
    if Severity.BLOCK in severities:
        return Outcome.REFUSE
    if Severity.CORRECTION in severities:
        return Outcome.CORRECTION
    return Outcome.ACCEPT


# -- the earlier complaint it matched (the matching: :mod:`intake.domain.dedup`) --------------------


class Relation(StrEnum):
    DUPLICATE = "duplicate"
    RELATED = "related"


@dataclass(frozen=True, slots=True, kw_only=True)
class Link:
    complaint_id: uuid.UUID
    reference: str
    relation: Relation
    matched: tuple[str, ...]
    confirmed: bool = False

    def as_dict(self) -> dict[str, object]:
        return {
            "complaint_id": str(self.complaint_id),
            "reference": self.reference,
            "relation": self.relation.value,
            "matched": list(self.matched),
            "confirmed": self.confirmed,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Link:
        matched = expect(data["matched"], list, "a link's matched keys")
        return cls(
            complaint_id=uuid.UUID(str(data["complaint_id"])),
            reference=str(data["reference"]),
            relation=Relation(str(data["relation"])),
            matched=tuple(str(m) for m in matched),
            confirmed=bool(data.get("confirmed", False)),
        )


# -- the track it was put on (the rule table: :mod:`intake.domain.triage`) ---------------------------

FactValue = str | bool

STAFF_OVERRIDE = "staff_override"
"""The rule a decision names when staff, not the rule table, chose the track."""


@dataclass(frozen=True, slots=True, kw_only=True)
class TriageDecision:
    """Which track, by which rule, and why (with the facts the rule looked at)."""

    track: Track
    rule: str
    reason: str
    reason_zh: str
    procedure: str | None = None
    facts: Mapping[str, FactValue] = field(default_factory=dict)

    @property
    def destination(self) -> str | None:
        """The ipcase service the track hands over to, if any."""
        return TRACK_DESTINATIONS.get(self.track)

    @property
    def agency(self) -> Agency | None:
        return TRACK_AGENCIES.get(self.track)
