"""The values a complaint is made of: claimed rights, listings, locations, the fair, where its case is."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from intake.domain.rights import Verification
from intake.domain.vocabulary import EvaluationReport
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
