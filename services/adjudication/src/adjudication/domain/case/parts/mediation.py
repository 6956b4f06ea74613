"""In-case mediation as recorded: the hand-off and the mediation service's result."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

AGREEMENT = "agreement"


@dataclass(slots=True, kw_only=True)
class MediationHandOff:
    requested_at: dt.datetime
    consented_on: dt.date
    damages_mediation: bool
    summary: str
    mediation_case_id: str | None = None
    mediation_case_no: str | None = None
    result: str | None = None
    agreement_id: str | None = None
    agreed_amount: Decimal | None = None
    currency: str = "CNY"
    concluded_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class MediationResult:
    mediation_case_id: str
    mediation_case_no: str
    result: str
    agreement_id: str | None
    agreed_amount: Decimal | None
    currency: str
    summary: str | None
    concluded_at: dt.datetime
