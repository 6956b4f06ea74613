"""Commands for counterfeit-patent penalty cases."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

from adjudication.domain.penalty.values import PenaltyFiling
from shared.domain.deadlines import DeadlineReached


@dataclass(frozen=True, slots=True, kw_only=True)
class PenaltyCommand:
    case_id: uuid.UUID
    by: str


@dataclass(frozen=True, slots=True, kw_only=True)
class FilePenaltyCase:
    filing: PenaltyFiling
    by: str


@dataclass(frozen=True, slots=True, kw_only=True)
class NotifyPenalty(PenaltyCommand):
    fine: Decimal
    illegal_gains: Decimal | None
    confiscate_gains: bool
    correction_order: str
    served_on: dt.date


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestPenaltyHearing(PenaltyCommand):
    requested_on: dt.date


@dataclass(frozen=True, slots=True, kw_only=True)
class WaivePenaltyHearing(PenaltyCommand):
    pass


@dataclass(frozen=True, slots=True, kw_only=True)
class HoldPenaltyHearing(PenaltyCommand):
    summary: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DecidePenalty(PenaltyCommand):
    fine: Decimal
    illegal_gains: Decimal | None
    gains_confiscated: Decimal | None
    correction_order: str
    reasons: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ServePenaltyDecision(PenaltyCommand):
    served_on: dt.date


@dataclass(frozen=True, slots=True, kw_only=True)
class PublishPenalty(PenaltyCommand):
    published_on: dt.date
    reference: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ClosePenaltyCase(PenaltyCommand):
    pass


@dataclass(frozen=True, slots=True, kw_only=True)
class EndPenaltyCase(PenaltyCommand):
    transfer_to_police: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ReachPenaltyDeadline(DeadlineReached):
    """A timer fired for one of a penalty case's deadlines (or its due-soon warning)."""
