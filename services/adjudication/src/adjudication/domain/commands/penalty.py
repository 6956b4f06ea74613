"""Commands for administrative penalty cases (counterfeit patent, trademark, copyright)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from adjudication.domain.commands.base import OnBehalf, PenaltyCommand, Step, Who
from adjudication.domain.penalty import steps
from adjudication.domain.penalty.laws import InvestigationMeasure, PenaltyLaw
from adjudication.domain.penalty.values import InventoryItem, PenaltyFiling
from adjudication.domain.values.actors import ActorKind
from adjudication.domain.values.parties import PartyRecord
from shared.domain.deadlines import DeadlineReached
from shared.identity.principals import Principal

SUBJECT = OnBehalf("subject")  # the subject of the case acts; the office records it


@dataclass(frozen=True, slots=True, kw_only=True)
class FilePenaltyCase:
    filing: PenaltyFiling
    by: str
    principal: Principal | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FilePenaltyCasesFromComplaint:
    """Intake routed a complaint to a penalty case (track ``penalty_case``): one case per respondent."""

    complaint_id: str
    law: PenaltyLaw
    respondents: tuple[PartyRecord, ...]
    right_number: str | None
    alleged_acts: tuple[str, ...]
    facts: str
    received_on: dt.date


@dataclass(frozen=True, slots=True, kw_only=True)
class NotifyPenalty(PenaltyCommand):
    STEP = Step(steps.notify, transitions=("notify",))
    fine: Decimal
    illegal_gains: Decimal | None
    confiscate_gains: bool
    correction_order: str
    served_on: dt.date
    illegal_turnover: Decimal | None = None
    goods_value: Decimal | None = None
    public_interest_harmed: bool | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestPenaltyHearing(PenaltyCommand):
    STEP = Step(steps.request_hearing, transitions=("request_hearing",), acting=SUBJECT)
    requested_on: dt.date


@dataclass(frozen=True, slots=True, kw_only=True)
class WaivePenaltyHearing(PenaltyCommand):
    STEP = Step(steps.waive_hearing, actor=ActorKind.RESPONDENT, acting=SUBJECT)


@dataclass(frozen=True, slots=True, kw_only=True)
class HoldPenaltyHearing(PenaltyCommand):
    STEP = Step(steps.hold_hearing, transitions=("hold_hearing",))
    summary: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DecidePenalty(PenaltyCommand):
    WHO = Who.HANDLER
    STEP = Step(steps.decide, transitions=("decide",), supplied=("decision_no",))
    fine: Decimal
    illegal_gains: Decimal | None
    gains_confiscated: Decimal | None
    correction_order: str
    reasons: str
    illegal_turnover: Decimal | None = None
    goods_confiscated: tuple[str, ...] = ()
    goods_value: Decimal | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ServePenaltyDecision(PenaltyCommand):
    STEP = Step(steps.serve_decision, actor=ActorKind.HANDLER)
    served_on: dt.date


@dataclass(frozen=True, slots=True, kw_only=True)
class PublishPenalty(PenaltyCommand):
    STEP = Step(steps.publish, transitions=("publish",))
    published_on: dt.date
    reference: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ClosePenaltyCase(PenaltyCommand):
    STEP = Step(steps.close, transitions=("close",))


@dataclass(frozen=True, slots=True, kw_only=True)
class EndPenaltyCase(PenaltyCommand):
    WHO = Who.HANDLER
    STEP = Step(steps.end_without_penalty, transitions=("drop", "transfer_to_police"))
    transfer_to_police: bool
    reasons: tuple[str, ...]
    illegal_gains: Decimal | None = None
    illegal_turnover: Decimal | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordMeasure(PenaltyCommand):
    """An investigation measure (询问, 现场检查, 查阅复制, 检查, 查封扣押) with its inventory."""

    STEP = Step(steps.record_measure, actor=ActorKind.HANDLER)
    measure: InvestigationMeasure
    taken_on: dt.date
    place: str | None
    officers: tuple[str, ...]
    summary: str
    inventory: tuple[InventoryItem, ...]
    proof: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ReachPenaltyDeadline(DeadlineReached):
    """A timer fired for one of a penalty case's deadlines (or its due-soon warning)."""
