"""Commands the intake service handles (imperative names; one handler each).

``actor`` is who asks: the verified principal (routes) or the announcing service (consumer); a
timer's command is the deadline that came near or ran out (:class:`DeadlineReached`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from intake.domain.centre_case import Conclusion
from intake.domain.complaint import ClaimedRight, Listing, Location, SimpleCriteria, TradeFairDetails
from intake.domain.complaint_imports import ImportFormat
from intake.domain.parties import PartyRecord
from intake.domain.rights import EvaluationConclusion, RegisteredRight, RightStatus
from intake.domain.trade_fair import Measure
from intake.domain.vocabulary import AllegedAct, Channel, ScanStatus, Track
from shared.catalogue import Text
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineReached
from shared.idempotency import IdempotencyKey
from shared.identity.principals import Principal
from shared.vocabulary import IpType, RequestedProcedure


@dataclass(frozen=True, slots=True, kw_only=True)
class RegisterComplaint:
    channel: Channel
    channel_ref: str | None = None
    centre: str | None = None
    ip_type: IpType
    rights: tuple[ClaimedRight, ...]
    complainant: PartyRecord
    agent: PartyRecord | None = None
    respondents: tuple[PartyRecord, ...]
    alleged_acts: tuple[AllegedAct, ...] = ()
    infringement_locations: tuple[Location, ...] = ()
    listings: tuple[Listing, ...] = ()
    requested_remedy: str | None = None
    facts: str
    requested_procedure: RequestedProcedure = RequestedProcedure.ADJUDICATION
    court_action_pending: bool = False
    both_parties_willing_to_mediate: bool = False
    major_case: bool = False
    suspected_crime: bool = False
    public_law_violation: bool = False
    simple_criteria: SimpleCriteria = field(default_factory=SimpleCriteria)
    known_since: dt.date | None = None
    other_office_filings: tuple[str, ...] = ()
    trade_fair: TradeFairDetails | None = None
    office_code: str | None = None
    """The receiving office: the registering staff member's (from the token); else the deployment's."""
    actor: Actor
    idempotency_key: IdempotencyKey | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class CorrectComplaint:
    complaint_id: uuid.UUID
    changes: Mapping[str, Any]
    actor: Actor
    principal: Principal | None = None
    """Who asked over the API (the object rules check it on the loaded record); None from events."""


@dataclass(frozen=True, slots=True, kw_only=True)
class OverrideTriage:
    complaint_id: uuid.UUID
    track: Track
    procedure: str | None = None
    reason: str
    actor: Actor
    principal: Principal | None = None
    """Who asked over the API (the object rules check it on the loaded record); None from events."""


@dataclass(frozen=True, slots=True, kw_only=True)
class RefuseComplaint:
    complaint_id: uuid.UUID
    reason: str
    actor: Actor
    principal: Principal | None = None
    """Who asked over the API (the object rules check it on the loaded record); None from events."""


@dataclass(frozen=True, slots=True, kw_only=True)
class AcknowledgeReferral:
    """The receiving agency's acknowledgement of a referral, recorded from its letter."""

    complaint_id: uuid.UUID
    agency: str
    document_no: str
    received_on: dt.date
    actor: Actor
    principal: Principal | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class WithdrawComplaint:
    complaint_id: uuid.UUID
    reason: str
    actor: Actor
    principal: Principal | None = None
    """Who asked over the API (the object rules check it on the loaded record); None from events."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ConfirmDuplicate:
    complaint_id: uuid.UUID
    reason: str
    actor: Actor
    principal: Principal | None = None
    """Who asked over the API (the object rules check it on the loaded record); None from events."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SplitComplaint:
    complaint_id: uuid.UUID
    reason: str
    actor: Actor
    principal: Principal | None = None
    """Who asked over the API (the object rules check it on the loaded record); None from events."""


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordFalseMaterials:
    complaint_id: uuid.UUID
    party_id: uuid.UUID
    finding: str
    actor: Actor
    principal: Principal | None = None
    """Who asked over the API (the object rules check it on the loaded record); None from events."""


@dataclass(frozen=True, slots=True, kw_only=True)
class AttachEvidence:
    complaint_id: uuid.UUID
    evidence_id: uuid.UUID
    file_name: str
    media_type: str
    size_bytes: int
    sha256: str
    storage_key: str
    source: str | None = None
    notarisation_ref: str | None = None
    description: str | None = None
    scan_status: ScanStatus = ScanStatus.NOT_SCANNED
    actor: Actor
    principal: Principal | None = None
    """Who asked over the API (the object rules check it on the loaded record); None from events."""


# -- rights registry ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordEvidenceScan:
    """The result of scanning again a file kept pending its virus scan."""

    complaint_id: uuid.UUID
    evidence_id: uuid.UUID
    scan_status: ScanStatus


@dataclass(frozen=True, slots=True, kw_only=True)
class SaveRight:
    right: RegisteredRight
    actor: Actor


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangeRightStatus:
    ip_type: IpType
    number: str
    status: RightStatus
    effective_date: dt.date
    reason: str | None = None
    actor: Actor


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordEvaluationReport:
    ip_type: IpType
    number: str
    report_no: str
    conclusion: EvaluationConclusion
    issued_on: dt.date
    actor: Actor


@dataclass(frozen=True, slots=True, kw_only=True)
class StartRegistryImport:
    job_id: uuid.UUID
    file_name: str
    file_format: str
    storage_key: str
    actor: Actor
    idempotency_key: IdempotencyKey | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class StartComplaintImport:
    """Queue a file of complaints; the worker registers its rows as ``actor`` of ``office_code``."""

    job_id: uuid.UUID
    file_name: str
    file_format: ImportFormat
    storage_key: str
    actor: Actor
    office_code: str
    importer: Mapping[str, Any]
    """Who imports, as the audit trail records them (subject, kind, roles, office)."""
    idempotency_key: IdempotencyKey | None = None


# -- centre workflows ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class SaveExaminer:
    id: str
    name: str
    centre: str
    interests: tuple[str, ...]
    principal: Principal | None = None
    """Who keeps the examiners: only for a centre within their office (when the centre is an office code)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class AssignExaminer:
    case_id: uuid.UUID
    examiner_id: str
    actor: Actor
    principal: Principal | None = None
    """Who asked over the API (the object rules check it on the loaded record); None from events."""


@dataclass(frozen=True, slots=True, kw_only=True)
class IssueOpinion:
    case_id: uuid.UUID
    conclusion: Conclusion
    reasons: str
    actor: Actor
    principal: Principal | None = None
    """Who asked over the API (the object rules check it on the loaded record); None from events."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ReferCentreCase:
    case_id: uuid.UUID
    target: str
    reason: str
    actor: Actor
    principal: Principal | None = None
    """Who asked over the API (the object rules check it on the loaded record); None from events."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CloseCentreCase:
    case_id: uuid.UUID
    note: str
    actor: Actor
    principal: Principal | None = None
    """Who asked over the API (the object rules check it on the loaded record); None from events."""


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordTradeFairStep:
    case_id: uuid.UUID
    step: str
    at: dt.datetime | None = None
    note: str = ""
    measures: tuple[Measure, ...] = ()
    actor: Actor
    principal: Principal | None = None
    """Who asked over the API (the object rules check it on the loaded record); None from events."""


@dataclass(frozen=True, slots=True, kw_only=True)
class OpenEcommerceNotice:
    complaint_id: uuid.UUID
    platform: str
    listing_ids: tuple[str, ...]
    seller: str
    notice_at: dt.datetime
    actor: Actor
    principal: Principal | None = None
    """Who asked over the API (the object rules check it on the loaded record); None from events."""
    idempotency_key: IdempotencyKey | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordEcommerceStep:
    notice_id: uuid.UUID
    step: str
    at: dt.datetime | None = None
    arrival_at: dt.datetime | None = None
    working_days: int | None = None
    reference: str | None = None
    note: str = ""
    actor: Actor
    principal: Principal | None = None
    """Who asked over the API (the object rules check it on the loaded record); None from events."""


# -- downstream outcomes (consumed events) ------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class NoteCaseOpened:
    complaint_id: uuid.UUID
    service: str
    case_id: uuid.UUID
    case_no: str
    state: str
    at: dt.datetime
    state_text: Text | None = None  # the names the receiving service gave its state (its catalogue)


@dataclass(frozen=True, slots=True, kw_only=True)
class NoteCaseConcluded:
    service: str
    case_id: uuid.UUID
    case_no: str
    result: str
    at: dt.datetime
    complaint_id: uuid.UUID | None = None
    result_text: Text | None = None  # the result as the receiving service names it (its catalogue)


@dataclass(frozen=True, slots=True, kw_only=True)
class NoteCaseMoved:
    """A downstream case changed state (``adjudication.case.transitioned``): intake notes its state
    now beside the case's complaint, for the views (a linked customs detention shows it)."""

    case_id: uuid.UUID
    state: str
    at: dt.datetime


# -- timers (through the bus) -------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class ReachDeadline(DeadlineReached):
    """A deadline of a complaint, centre case or trade-fair complaint came near or ran out."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ReachNoticeDeadline(DeadlineReached):
    """A deadline of an e-commerce notice came near or ran out; the art. 43 wait ends the measures."""
