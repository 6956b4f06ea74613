"""The adjudication case aggregate (专利侵权纠纷行政裁决案件).

The case holds everything the procedure has recorded (its parts, :mod:`.parts`). Steps live in the
stage modules of :mod:`.steps`; each checks its own guard and then calls ``Case.move`` (from
:class:`shared.domain.lifecycle.Lifecycle`), the one method that consults the transition table
(:mod:`.states`), changes the state and records the past-tense event with actor, time and basis.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import ClassVar

from adjudication.domain.approvals import Proposal
from adjudication.domain.case.parts.acceptance import CorrectionRequest, DocketRecord
from adjudication.domain.case.parts.clock import CloseClock
from adjudication.domain.case.parts.decision import Decision, Outcome
from adjudication.domain.case.parts.delivery import AnswerRecord
from adjudication.domain.case.parts.drug_linkage import DrugLinkage
from adjudication.domain.case.parts.endings import Ending
from adjudication.domain.case.parts.enforcement import ComplianceCheck, Enforcement
from adjudication.domain.case.parts.evidence import EvidenceItem
from adjudication.domain.case.parts.hearings import Hearing
from adjudication.domain.case.parts.litigation import AdminSuit
from adjudication.domain.case.parts.mediation import MediationHandOff
from adjudication.domain.case.parts.participants import Participant
from adjudication.domain.case.parts.procedure import Procedure, SimpleAssessment
from adjudication.domain.case.parts.recusal import RecusalRequest
from adjudication.domain.case.parts.repeat import PriorFinding
from adjudication.domain.case.parts.service import ServiceRecord
from adjudication.domain.case.parts.suspension import SuspensionRequest
from adjudication.domain.case.states import ACCEPTANCE_STAGE, AFTER_DECISION, CaseState
from adjudication.domain.case.states import TRANSITIONS as CASE_TRANSITIONS
from adjudication.domain.errors import CaseTransitionRefused, RecordNotFound
from adjudication.domain.values.days import local_date
from adjudication.domain.values.parties import PartyRecord, PatentRight
from adjudication.domain.values.rules import Stage
from shared.domain.deadlines import TimerChange, TrackedDeadline
from shared.domain.events import DomainEvent
from shared.domain.lifecycle import Lifecycle, TracksDeadlines, TransitionTable
from shared.errors import InvalidTransition
from shared.identity.principals import NATIONAL_OFFICE
from shared.vocabulary import IpType


@dataclass(slots=True, kw_only=True)
class Case(Lifecycle[CaseState], TracksDeadlines):
    TRANSITIONS: ClassVar[TransitionTable[CaseState]] = CASE_TRANSITIONS
    refusal: ClassVar[type[InvalidTransition]] = CaseTransitionRefused
    day_of = staticmethod(local_date)

    id: uuid.UUID
    case_no: str
    complaint_id: uuid.UUID
    complaint_reference: str
    ip_type: IpType
    patent_number: str
    rights: tuple[PatentRight, ...]
    requester: PartyRecord
    respondents: tuple[PartyRecord, ...]
    agent_name: str | None = None
    facts: str = ""
    alleged_acts: tuple[str, ...] = ()
    infringement_locations: tuple[str, ...] = ()
    requested_remedy: str | None = None
    procedure: Procedure = Procedure.ORDINARY
    simple_assessment: SimpleAssessment | None = None
    major_case_grounds: tuple[str, ...] = ()
    court_action_pending: bool = False
    office_region_code: str | None = None
    received_at: dt.datetime
    opened_at: dt.datetime
    state: CaseState = CaseState.SUBMITTED
    outcome: Outcome | None = None
    corrections: list[CorrectionRequest] = field(default_factory=list)
    docket: DocketRecord | None = None
    ending: Ending | None = None
    services: list[ServiceRecord] = field(default_factory=list)
    answers: list[AnswerRecord] = field(default_factory=list)
    evidence: list[EvidenceItem] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    recusals: list[RecusalRequest] = field(default_factory=list)
    hearings: list[Hearing] = field(default_factory=list)
    suspension_requests: list[SuspensionRequest] = field(default_factory=list)
    clock: CloseClock | None = None
    deadlines: dict[str, TrackedDeadline] = field(default_factory=dict)
    mediation: MediationHandOff | None = None
    decision: Decision | None = None
    suit: AdminSuit | None = None
    effective_on: dt.date | None = None
    compliance_checks: list[ComplianceCheck] = field(default_factory=list)
    enforcement: Enforcement | None = None
    drug_linkage: DrugLinkage | None = None
    prior_findings: tuple[PriorFinding, ...] = ()
    redeciding: bool = False
    office_code: str = NATIONAL_OFFICE
    """The office the case belongs to (the one that received it): office scope reads it."""
    proposals: dict[str, Proposal] = field(default_factory=dict)
    """Steps proposed and awaiting the office head's approval, by kind (:mod:`..approvals`)."""
    version: int = 0
    # Recorded by steps in this unit of work; the handler layer persists and publishes them.
    events: list[DomainEvent] = field(default_factory=list)
    timer_changes: list[TimerChange] = field(default_factory=list)

    # ------------------------------------------------------------------ lookups

    @property
    def parties(self) -> tuple[PartyRecord, ...]:
        return (self.requester, *self.respondents)

    def party(self, party_id: str) -> PartyRecord:
        for party in self.parties:
            if party.party_id == party_id:
                return party
        raise RecordNotFound(
            f"No party {party_id} in case {self.case_no}", f"案件 {self.case_no} 中没有当事人 {party_id}"
        )

    @property
    def official_no(self) -> str:
        """The docket number once docketed (what documents and §H events carry), else the registration no."""
        return self.docket.docket_no if self.docket else self.case_no

    @property
    def stage(self) -> Stage:
        if self.state in ACCEPTANCE_STAGE:
            return Stage.ACCEPTANCE
        if self.state in AFTER_DECISION - {CaseState.DECIDED}:
            return Stage.ENFORCEMENT
        return Stage.REDECISION if self.redeciding else Stage.ADJUDICATION

    @property
    def infringement_established(self) -> bool:
        return self.decision is not None and self.decision.outcome is Outcome.INFRINGEMENT_ESTABLISHED
