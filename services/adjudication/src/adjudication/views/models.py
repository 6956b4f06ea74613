"""What the read side returns: cases (summaries, the whole file, timeline, deadlines, work queues),
evidence checks, rooms and penalty cases, as the API shows them."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Self

from pydantic import BaseModel, ConfigDict, Field

from adjudication.domain.approvals import Proposal
from adjudication.domain.case.parts.acceptance import CorrectionRequest, DocketRecord
from adjudication.domain.case.parts.clock import CloseClock
from adjudication.domain.case.parts.decision import Decision
from adjudication.domain.case.parts.delivery import AnswerRecord
from adjudication.domain.case.parts.drug_linkage import DrugLinkage
from adjudication.domain.case.parts.endings import Ending
from adjudication.domain.case.parts.enforcement import ComplianceCheck, Enforcement
from adjudication.domain.case.parts.evidence import EvidenceItem
from adjudication.domain.case.parts.hearings import Hearing
from adjudication.domain.case.parts.litigation import AdminSuit
from adjudication.domain.case.parts.mediation import MediationHandOff
from adjudication.domain.case.parts.participants import Participant
from adjudication.domain.case.parts.procedure import SimpleAssessment
from adjudication.domain.case.parts.recusal import RecusalRequest
from adjudication.domain.case.parts.repeat import PriorFinding
from adjudication.domain.case.parts.service import ServiceRecord
from adjudication.domain.case.parts.suspension import SuspensionRequest
from adjudication.domain.penalty.aggregate import PenaltyCase
from adjudication.domain.penalty.laws import FineMeasure, PenaltyLaw
from adjudication.domain.penalty.steps import possible_now
from adjudication.domain.penalty.values import (
    CaseSource,
    MeasureRecord,
    PenaltyDecision,
    PoliceTransfer,
    ProposedPenalty,
)
from adjudication.domain.values.parties import PartyRecord, PatentRight
from adjudication.views.sorting import CaseSort, PenaltySort
from shared.local_time import LocalDateTime, LocalDetails
from shared.vocabulary import IpType, PartyKind


class PartyOut(BaseModel):
    kind: PartyKind
    name: str
    credit_code: str | None = None


class AdvisoryOut(BaseModel):
    code: str
    message: str
    message_zh: str


class DeadlineOut(BaseModel):
    key: str = Field(description="The case's name for the deadline, e.g. close, answer.respondent-1")
    period: str = Field(description="Period catalogue entry, or set_by_office")
    kind: str
    status: str
    start: dt.date
    due: dt.date | None = Field(
        description="Last day (ends 24:00 Asia/Shanghai); null while the clock is paused"
    )
    basis: str
    confidence: str
    provisional: bool
    party_id: str | None = None
    met_on: dt.date | None = None
    explanation: str = ""


class SuspensionRequestCreated(BaseModel):
    """A suspension request as recorded (``POST …/suspension-requests``); ``Location`` names it."""

    id: str = Field(description="The request's id, for its decision (…/suspension-requests/{id}/decision)")
    case_id: uuid.UUID
    request: SuspensionRequest
    advisories: list[AdvisoryOut] = Field(default_factory=list)


class CaseRead(BaseModel):
    """A case as lists and the case page show it. ``advisories`` are the warnings of the step just taken.

    Parties appear by kind, name and credit code only: no reader gets an individual's phone, e-mail,
    address or ID number here. A court reads only the fields §H.1 gives it; the office's internal
    references (complaint, correlation, procedure, deadlines, allowed steps) are null or empty."""

    id: uuid.UUID
    case_no: str = Field(description="Registration number")
    docket_no: str | None = Field(default=None, description="Official docket number, once docketed")
    complaint_id: uuid.UUID | None = Field(description="Null for a court (not among what §H.1 gives it)")
    complaint_reference: str | None = Field(description="Null for a court")
    state: str
    procedure: str | None = Field(description="Null for a court")
    outcome: str | None = None
    ip_type: IpType
    patent_number: str
    requester: PartyOut
    respondents: list[PartyOut]
    received_at: LocalDateTime | None = None
    opened_at: LocalDateTime
    docketed_on: dt.date | None = None
    decided_on: dt.date | None = None
    effective_on: dt.date | None = None
    next_due: dt.date | None = Field(default=None, description="Earliest open legal deadline")
    allowed_transitions: list[str] = Field(
        description="What would succeed now: the state machine's transitions from here whose guards the case "
        "already meets (guards on the request's own data are checked by the step)"
    )
    correlation_id: str | None
    advisories: list[AdvisoryOut] = []


class CaseList(BaseModel):
    items: list[CaseRead]
    total: int = Field(description="How many cases match the filters, over all pages")
    sort: CaseSort
    as_of: LocalDateTime | None = Field(
        default=None, description="When the list was read: the next poll's `updated_since`"
    )
    limit: int
    offset: int


class CaseFile(BaseModel):
    """The whole case file (案卷): every record the procedure has made."""

    model_config = ConfigDict(extra="ignore")

    id: uuid.UUID
    case_no: str
    state: str
    procedure: str
    outcome: str | None = None
    rights: list[PatentRight]
    requester: PartyRecord
    respondents: list[PartyRecord]
    agent_name: str | None = None
    facts: str
    alleged_acts: list[str]
    infringement_locations: list[str]
    requested_remedy: str | None = None
    court_action_pending: bool
    simple_assessment: SimpleAssessment | None = None
    major_case_grounds: list[str]
    received_at: LocalDateTime
    corrections: list[CorrectionRequest]
    docket: DocketRecord | None = None
    ending: Ending | None = None
    services: list[ServiceRecord]
    answers: list[AnswerRecord]
    evidence: list[EvidenceItem]
    participants: list[Participant]
    recusals: list[RecusalRequest]
    hearings: list[Hearing]
    suspension_requests: list[SuspensionRequest]
    clock: CloseClock | None = None
    mediation: MediationHandOff | None = None
    decision: Decision | None = None
    suit: AdminSuit | None = None
    effective_on: dt.date | None = None
    compliance_checks: list[ComplianceCheck]
    enforcement: Enforcement | None = None
    drug_linkage: DrugLinkage | None = None
    prior_findings: list[PriorFinding]
    proposals: dict[str, Proposal] = Field(
        default_factory=dict,
        description="What awaits the office head's approval (decision, time_limit_extension), as proposed",
    )
    office_code: str
    version: int


class TimelineEntry(BaseModel):
    sequence: int
    event: str
    transition: str | None
    from_state: str | None
    to_state: str | None
    actor_kind: str
    actor_id: str
    recorded_by: str | None
    occurred_at: LocalDateTime
    legal_basis: list[str]
    details: LocalDetails
    advisories: list[AdvisoryOut]
    correlation_id: str | None


class Timeline(BaseModel):
    case_id: uuid.UUID
    entries: list[TimelineEntry]


class QueueItem(BaseModel):
    case_id: uuid.UUID
    case_kind: str
    case_no: str
    state: str
    procedure: str | None
    roles: list[str]
    next_due: dt.date | None
    overdue: bool
    open_deadlines: list[DeadlineOut]


class WorkQueue(BaseModel):
    person_id: str
    items: list[QueueItem]


class RoomRead(BaseModel):
    id: uuid.UUID
    name: str
    mode: str
    location: str


class EvidenceVerification(BaseModel):
    evidence_id: str
    sha256: str
    matches: bool


class PenaltyCaseRead(BaseModel):
    id: uuid.UUID
    case_no: str
    state: str
    subject: PartyRecord
    law: PenaltyLaw
    acts: list[str]
    patent_number: str | None
    right_number: str | None = None
    products: list[str]
    marks: list[str]
    source: CaseSource
    source_ref: str | None = Field(
        default=None, description="The complaint id of a case filed from a complaint"
    )
    filed_at: LocalDateTime
    illegal_gains: Decimal | None
    illegal_turnover: Decimal | None = None
    measures: list[MeasureRecord] = Field(default_factory=list)
    transfer: PoliceTransfer | None = None
    proposed: ProposedPenalty | None
    hearing_requested_on: dt.date | None
    decision: PenaltyDecision | None
    decision_served_on: dt.date | None
    published_on: dt.date | None
    fine_ceiling: Decimal
    open_deadlines: list[DeadlineOut]
    allowed_transitions: list[str]
    proposals: dict[str, Proposal] = Field(
        default_factory=dict, description="What awaits the office head's approval, as proposed"
    )
    handler: str | None = Field(default=None, description="The officer handling the case (who filed it)")
    office_code: str

    @classmethod
    def from_case(cls, case: PenaltyCase, deadlines: list[DeadlineOut]) -> Self:
        return cls(
            id=case.id,
            case_no=case.case_no,
            state=case.state.value,
            subject=case.subject,
            law=case.law,
            acts=list(case.acts),
            patent_number=case.patent_number,
            right_number=case.right_number,
            products=list(case.products),
            marks=list(case.marks),
            source=case.source,
            source_ref=case.source_ref,
            filed_at=case.filed_at,
            illegal_gains=case.illegal_gains,
            illegal_turnover=case.illegal_turnover,
            measures=list(case.measures),
            transfer=case.transfer,
            proposed=case.proposed,
            hearing_requested_on=case.hearing_requested_on,
            decision=case.decision,
            decision_served_on=case.decision_served_on,
            published_on=case.published_on,
            fine_ceiling=case.rule.bounds(
                case.illegal_gains
                if case.rule.measure is FineMeasure.ILLEGAL_GAINS
                else case.illegal_turnover
            ).maximum,
            open_deadlines=deadlines,
            allowed_transitions=[t.label() for t in possible_now(case)],
            proposals=dict(case.proposals),
            handler=case.handler,
            office_code=case.office_code,
        )


class PenaltyCaseList(BaseModel):
    items: list[PenaltyCaseRead]
    total: int = Field(description="How many cases match the filters, over all pages")
    sort: PenaltySort
    limit: int
    offset: int
