"""Cases, agreements and confirmation applications as the API shows them (the read side's response
models; the request bodies stay with the entry points, in :mod:`mediation.entrypoints.schemas`)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from enum import StrEnum
from typing import Self

from pydantic import BaseModel, Field, computed_field

from mediation.domain.agreement import Agreement
from mediation.domain.assignment import MediatorAssignment
from mediation.domain.case import MediationCase
from mediation.domain.confirmation import ConfirmationApplication
from mediation.domain.errors import present
from mediation.domain.legal_effect import legal_effect
from mediation.domain.parties import CaseParty
from mediation.domain.possible import possible_next_states
from shared.catalogue import label
from shared.local_time import LEGAL_DATE, LocalDateTime, LocalDetails, last_day
from shared.vocabulary import IpType, PartyKind


class PartyOut(BaseModel):
    id: uuid.UUID
    role: str
    kind: PartyKind
    name: str
    credit_code: str | None = None
    id_number_masked: str | None = None
    legal_representative: str | None = None
    address: str | None = None
    region_code: str | None = None
    phone: str | None = None
    email: str | None = None

    @classmethod
    def from_domain(cls, party: CaseParty) -> Self:
        data = party.as_dict()
        data.pop("source_party_id", None)
        return cls.model_validate(data)


class CourtOut(BaseModel):
    assignment_id: str
    court_code: str
    court_name: str
    court_case_no: str | None
    simple_procedure: bool
    assigned_at: LocalDateTime


class CaseSummary(BaseModel):
    id: uuid.UUID
    case_no: str
    kind: str
    origin: str
    origin_id: str
    complaint_id: uuid.UUID | None
    state: str
    office_code: str = Field(description="The office the case belongs to (office scope, with roll-up)")
    ip_type: IpType
    right_number: str
    opened_at: LocalDateTime
    state_changed_at: LocalDateTime
    court: CourtOut | None
    correlation_id: str | None = None


class CaseSort(StrEnum):
    """``/v1/cases``: ``-`` for descending; the case id breaks ties."""

    OPENED = "opened_at"
    OPENED_DESC = "-opened_at"
    STATE_CHANGED = "state_changed_at"
    STATE_CHANGED_DESC = "-state_changed_at"
    UPDATED = "updated_at"
    UPDATED_DESC = "-updated_at"


class CaseList(BaseModel):
    items: list[CaseSummary]
    total: int = Field(description="How many cases match the filters, over all pages")
    sort: CaseSort
    as_of: LocalDateTime = Field(description="When the list was read: the next poll's `updated_since`")
    limit: int
    offset: int


class AssignmentOut(BaseModel):
    id: uuid.UUID
    mediator_id: uuid.UUID
    mediator_name: str
    organisation_id: uuid.UUID
    organisation_name: str
    status: str
    assigned_at: LocalDateTime
    respond_by: dt.date | None
    responded_at: LocalDateTime | None
    reason: str | None

    @classmethod
    def from_domain(cls, assignment: MediatorAssignment) -> Self:
        return cls(
            id=assignment.id,
            mediator_id=assignment.mediator_id,
            mediator_name=assignment.mediator_name,
            organisation_id=assignment.organisation_id,
            organisation_name=assignment.organisation_name,
            status=assignment.status.value,
            assigned_at=assignment.assigned_at,
            respond_by=assignment.respond_by,
            responded_at=assignment.responded_at,
            reason=assignment.reason,
        )


class TermOut(BaseModel):
    kind: str
    text: str


class GoodsOut(BaseModel):
    description: str
    quantity: str
    hs_code: str | None
    customs_ref: str | None
    port_code: str | None


class InstalmentOut(BaseModel):
    number: int
    amount: Decimal
    due_on: dt.date
    payer_id: uuid.UUID
    payee_id: uuid.UUID
    status: str | None
    paid_on: dt.date | None = None
    defaulted_on: dt.date | None = None


class FindingOut(BaseModel):
    code: str
    effect: str
    reason: str
    reason_zh: str
    basis: str
    term_index: int | None


class SignatureOut(BaseModel):
    party_id: uuid.UUID | None
    name: str
    manner: str
    signed_at: LocalDateTime


class AgreementRead(BaseModel):
    id: uuid.UUID
    number: str
    version: int
    status: str
    facts: str
    issues: str
    responsibilities: str
    terms: list[TermOut]
    amount: Decimal | None
    currency: str
    instalments: list[InstalmentOut]
    stop_undertaking: str | None
    performance_manner: str
    performance_deadline: dt.date | None
    goods_covered: list[GoodsOut]
    confirmation_eligible: bool
    findings: list[FindingOut]
    signatures: list[SignatureOut]
    missing_signatures: list[str]
    effective_at: LocalDateTime | None
    performed_on: dt.date | None
    outstanding: Decimal

    @classmethod
    def from_domain(cls, agreement: Agreement, parties: tuple[CaseParty, ...]) -> Self:
        content = agreement.content
        return cls(
            id=agreement.id,
            number=agreement.number,
            version=agreement.version,
            status=agreement.status.value,
            facts=content.facts,
            issues=content.issues,
            responsibilities=content.responsibilities,
            terms=[TermOut(kind=t.kind.value, text=t.text) for t in content.terms],
            amount=content.amount,
            currency=content.currency,
            instalments=[_instalment(agreement, i.number) for i in content.instalments],
            stop_undertaking=content.stop_undertaking,
            performance_manner=content.performance_manner,
            performance_deadline=content.last_performance_day,
            goods_covered=[
                GoodsOut(
                    description=g.description,
                    quantity=g.quantity,
                    hs_code=g.hs_code,
                    customs_ref=g.customs_ref,
                    port_code=g.port_code,
                )
                for g in content.goods_covered
            ],
            confirmation_eligible=agreement.eligibility.eligible,
            findings=[
                FindingOut(
                    code=f.code,
                    effect=f.effect.value,
                    reason=f.reason,
                    reason_zh=f.reason_zh,
                    basis=f.basis,
                    term_index=f.term_index,
                )
                for f in agreement.eligibility.findings
            ],
            signatures=[
                SignatureOut(party_id=s.party_id, name=s.name, manner=s.manner.value, signed_at=s.signed_at)
                for s in agreement.signatures
            ],
            missing_signatures=agreement.missing_signatures(parties)
            if agreement.effective_at is None
            else [],
            effective_at=agreement.effective_at,
            performed_on=agreement.performed_on,
            outstanding=agreement.outstanding if agreement.performance else Decimal(0),
        )


def _instalment(agreement: Agreement, number: int) -> InstalmentOut:
    instalment = present(agreement.instalment(number), f"instalment {number} of the agreement")
    record = agreement.performance.get(number)
    return InstalmentOut(
        number=number,
        amount=instalment.amount,
        due_on=instalment.due_on,
        payer_id=instalment.payer_id,
        payee_id=instalment.payee_id,
        status=record.status.value if record else None,
        paid_on=record.paid_on if record else None,
        defaulted_on=record.defaulted_on if record else None,
    )


class MaterialOut(BaseModel):
    code: str
    title: str
    title_zh: str
    status: str
    reference: str | None


class ApplicantOut(BaseModel):
    party_id: uuid.UUID
    signed_at: LocalDateTime
    manner: str
    agent_name: str | None


class ApplicationRead(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    case_no: str
    agreement_id: uuid.UUID
    court_code: str
    court_name: str
    competence: list[str]
    applicants: list[ApplicantOut]
    materials: list[MaterialOut]
    warnings: list[str]
    status: str
    filed_at: LocalDateTime
    docket_no: str | None
    accepted_at: LocalDateTime | None
    ruling_no: str | None
    ruled_at: LocalDateTime | None
    reasons: str | None
    withdrawn_at: LocalDateTime | None

    @classmethod
    def from_domain(cls, application: ConfirmationApplication, case: MediationCase) -> Self:
        return cls(
            id=application.id,
            case_id=case.id,
            case_no=case.case_no,
            agreement_id=application.agreement_id,
            court_code=application.court_code,
            court_name=application.court_name,
            competence=list(application.competence),
            applicants=[
                ApplicantOut(
                    party_id=a.party_id, signed_at=a.signed_at, manner=a.manner.value, agent_name=a.agent_name
                )
                for a in application.applicants
            ],
            materials=[
                MaterialOut(
                    code=m.code,
                    title=m.title,
                    title_zh=m.title_zh,
                    status=m.status.value,
                    reference=m.reference,
                )
                for m in application.materials
            ],
            warnings=list(application.warnings),
            status=application.status.value,
            filed_at=application.filed_at,
            docket_no=application.docket_no,
            accepted_at=application.accepted_at,
            ruling_no=application.ruling_no,
            ruled_at=application.ruled_at,
            reasons=application.reasons,
            withdrawn_at=application.withdrawn_at,
        )


class DeadlineOut(BaseModel):
    name: str
    kind: str
    due_at: LocalDateTime
    provisional: bool
    explanation: str | None = None

    @computed_field(description=LEGAL_DATE)  # type: ignore[prop-decorator]
    @property
    def due(self) -> dt.date:
        return last_day(self.due_at)


class ObjectionOut(BaseModel):
    id: uuid.UUID
    by_third_party: bool
    party_id: uuid.UUID | None
    objector: str
    grounds: str
    lodged_on: dt.date
    within_window: bool | None
    decided_on: dt.date | None
    upheld: bool | None


class RulingReceiptOut(BaseModel):
    party_id: uuid.UUID
    received_on: dt.date
    objection_window_due: dt.date | None = Field(
        description="Last day of this party's 15-day objection window (Interp. art. 372)"
    )

    @classmethod
    def of(cls, case: CaseRead, party_id: uuid.UUID) -> Self | None:
        received_on = case.ruling_receipts.get(str(party_id))
        if received_on is None:
            return None
        due = case.deadlines.get(f"objection_party.{party_id}")
        return cls(party_id=party_id, received_on=received_on, objection_window_due=due)


class EnforcementOut(BaseModel):
    id: uuid.UUID
    applicant_id: uuid.UUID
    respondent_id: uuid.UUID
    court_code: str
    court_name: str
    instalment_numbers: list[int]
    outstanding: Decimal | None
    applied_at: LocalDateTime


class LegalEffectOut(BaseModel):
    effect: str
    note: str
    note_zh: str


class CaseRead(CaseSummary):
    dispute_summary: str
    damages_only: bool
    parties: list[PartyOut]
    allowed_next_states: list[str] = Field(description="What would succeed now (guards evaluated)")
    allowed_next_states_zh: list[str] = Field(description="The same states by their Chinese names")
    legal_effect: LegalEffectOut
    started_at: LocalDateTime | None
    concluded_at: LocalDateTime | None
    consents: dict[str, LocalDateTime]
    assignments: list[AssignmentOut]
    deadlines: dict[str, dt.date]
    armed_timers: list[DeadlineOut]
    extension_days: int
    termination_ground: str | None
    termination_explanation: str | None
    agreement: AgreementRead | None
    applications: list[ApplicationRead]
    objections: list[ObjectionOut]
    ruling_receipts: dict[str, dt.date]
    enforcement: EnforcementOut | None

    @classmethod
    def build(cls, case: MediationCase, summary: CaseSummary, timers: list[DeadlineOut]) -> Self:
        effect = legal_effect(case)
        agreement = case.agreement
        enforcement = case.enforcement
        return cls(
            **summary.model_dump(),
            dispute_summary=case.dispute_summary,
            damages_only=case.damages_only,
            parties=[PartyOut.from_domain(p) for p in case.parties],
            allowed_next_states=sorted(s.value for s in possible_next_states(case)),
            allowed_next_states_zh=[label(s).zh for s in sorted(possible_next_states(case))],
            legal_effect=LegalEffectOut(effect=effect.effect.value, note=effect.note, note_zh=effect.note_zh),
            started_at=case.started_at,
            concluded_at=case.concluded_at,
            consents={str(k): v for k, v in case.consents.items()},
            assignments=[AssignmentOut.from_domain(a) for a in case.assignments],
            deadlines={key: d.due for key, d in case.deadlines.items() if d.due is not None},
            armed_timers=timers,
            extension_days=case.extension_days,
            termination_ground=case.termination.ground if case.termination else None,
            termination_explanation=case.termination.explanation if case.termination else None,
            agreement=AgreementRead.from_domain(agreement, case.parties) if agreement else None,
            applications=[ApplicationRead.from_domain(a, case) for a in case.applications],
            objections=[ObjectionOut.model_validate(o, from_attributes=True) for o in case.objections],
            ruling_receipts={str(k): v for k, v in case.ruling_receipts.items()},
            enforcement=(
                EnforcementOut(
                    id=enforcement.id,
                    applicant_id=enforcement.applicant_id,
                    respondent_id=enforcement.respondent_id,
                    court_code=enforcement.court_code,
                    court_name=enforcement.court_name,
                    instalment_numbers=list(enforcement.instalment_numbers),
                    outstanding=enforcement.outstanding,
                    applied_at=enforcement.applied_at,
                )
                if enforcement
                else None
            ),
        )


class HistoryEntry(BaseModel):
    event: str
    occurred_at: LocalDateTime
    actor: dict[str, str]
    from_state: str | None
    to_state: str | None
    details: LocalDetails


class History(BaseModel):
    items: list[HistoryEntry]


class CompetentCourtOut(BaseModel):
    code: str
    name: str
    level: str | None
    grounds: list[str]
    grounds_zh: list[str]


class CompetenceRead(BaseModel):
    rule: str
    courts: list[CompetentCourtOut]
    explanation: list[str]
    explanation_zh: list[str]


class DeadlineEntry(DeadlineOut):
    case_id: uuid.UUID
    case_no: str
    state: str


class DeadlineList(BaseModel):
    items: list[DeadlineEntry]
