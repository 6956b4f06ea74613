"""Customs commands: one per inbound customs message (REST today, the partner gateway later), the
holder's decision by centre staff, the recordation messages, and the timers.

``port_code`` is the acting customs office's partner code, taken from its token or its message
signature, never from a body. ``principal`` is the caller on the API (None for a forwarded message
or a timer, which intake trusts as it trusts its broker).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from intake.domain.customs.detention import Disposal, Goods, HolderDecision, Party, ReleaseGround, Route
from intake.domain.customs.guarantee import Guarantee
from intake.domain.customs.recordation import GenuineGoods, KnownInfringer, LapseReason, Licensee
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineReached
from shared.identity.principals import Principal


@dataclass(frozen=True, slots=True, kw_only=True)
class CustomsMessage:
    """What every customs step names: the port (from its credentials), its reference, when, and who."""

    port_code: str
    customs_ref: str
    at: dt.datetime
    actor: Actor
    principal: Principal | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class DetentionNotified(CustomsMessage):
    """``customs.detention_notified`` (art. 16), or the holder's application at the port (art. 13)."""

    route: Route
    ip_type: str
    ip_reg_no: str
    recordation_no: str | None
    holder: Party
    goods: Goods
    consignee: Party | None = None
    consignor: Party | None = None
    served_on: dt.date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Detained(CustomsMessage):
    detained_on: dt.date
    guarantee: Guarantee


@dataclass(frozen=True, slots=True, kw_only=True)
class ApplicationRejected(CustomsMessage):
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class InvestigationStarted(CustomsMessage):
    pass


@dataclass(frozen=True, slots=True, kw_only=True)
class InfringementDetermined(CustomsMessage):
    finding: str


@dataclass(frozen=True, slots=True, kw_only=True)
class UnableToDetermine(CustomsMessage):
    pass


@dataclass(frozen=True, slots=True, kw_only=True)
class CourtNoticeReceived(CustomsMessage):
    court: str
    notice_ref: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Released(CustomsMessage):
    ground: ReleaseGround
    costs: Decimal = Decimal(0)
    claim_pending: bool = False
    counter_guarantee: Decimal | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Confiscated(CustomsMessage):
    pass


@dataclass(frozen=True, slots=True, kw_only=True)
class Disposed(CustomsMessage):
    method: Disposal
    earlier_excluded: str = ""
    features_removed: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class ReferredToPolice(CustomsMessage):
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DecideForHolder:
    """Centre staff record the holder's decision on an ex officio notice (apply + guarantee, or let go)."""

    detention_id: uuid.UUID
    decision: HolderDecision
    guarantee: Guarantee | None
    actor: Actor
    principal: Principal | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkComplaint:
    """Centre staff link the complaint whose case is the detention's court or administrative route."""

    detention_id: uuid.UUID
    complaint_id: uuid.UUID
    actor: Actor
    principal: Principal | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordApproved:
    """``customs.record_approved`` (art. 8), or a recordation imported from GACC data."""

    record_no: str
    ip_type: str
    ip_reg_no: str
    holder_name: str
    holder_credit_code: str | None
    approved_on: dt.date
    expires_on: dt.date | None = None
    licensees: tuple[Licensee, ...] = ()
    genuine_goods: tuple[GenuineGoods, ...] = ()
    known_infringers: tuple[KnownInfringer, ...] = ()
    at: dt.datetime
    actor: Actor


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordRenewed:
    record_no: str
    renewed_on: dt.date
    at: dt.datetime
    actor: Actor


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordLapsed:
    record_no: str
    reason: LapseReason
    note: str = ""
    at: dt.datetime
    actor: Actor


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordChanged:
    """The recorded particulars changed (owner, licence, goods): the 30-WD duty to report starts (art. 11)."""

    record_no: str
    what: str
    changed_on: dt.date
    at: dt.datetime
    actor: Actor


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordChangeReported:
    record_no: str
    reported_on: dt.date
    holder_name: str | None = None
    holder_credit_code: str | None = None
    at: dt.datetime
    actor: Actor


@dataclass(frozen=True, slots=True, kw_only=True)
class ReachDetentionDeadline(DeadlineReached):
    pass


@dataclass(frozen=True, slots=True, kw_only=True)
class ReachRecordationDeadline(DeadlineReached):
    pass


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportRecordations:
    rows: tuple[RecordApproved, ...]
    errors: tuple[dict[str, Any], ...] = field(default_factory=tuple)
