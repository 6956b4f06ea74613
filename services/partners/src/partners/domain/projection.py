"""Projections: internal events in, partner contracts out, with who each one is addressed to.

One table per partner kind (:data:`CONTRACT_TABLES`), as data: internal event type -> projector. A
projector reads the internal contract and returns the partner event carrying exactly the §H fields
for that kind, and its :class:`Address`. Adding a kind is a new table and its projectors; adding an
event is a new row.

Addressing (§H, issue 14): a partner gets only what is addressed to it —
* ``Jurisdiction(division)``: the office that issued the event sits in the partner's jurisdiction
  (a court over its district's decisions, a customs office over the offices its port area covers;
  the national GACC with ``000000`` covers every office);
* ``ToPartner(code)``: the event names the partner itself (the court an enforcement application or
  a confirmation application is lodged with, the court that assigned a mediation);
* ``Everyone()``: public by law (a right's status in the public register reaches every partner of
  the kind the row is in, marked ``confidentiality: public``);
* a rejection goes to the sender only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from partners.domain.registry import Partner, PartnerKind
from shared.contracts import adjudication as adj
from shared.contracts import credit, intake
from shared.contracts import customs as cin
from shared.contracts import intake_customs as ic
from shared.contracts import mediation as med
from shared.contracts import partner as p
from shared.contracts import partner_customs as pc
from shared.contracts.base import EventData
from shared.contracts.common import Outcome, PartyDetails, PartyRef, RightRef, SubjectRef
from shared.local_time import to_local
from shared.vocabulary import PartyKind


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    division: str

    def reaches(self, partner: Partner) -> bool:
        return partner.covers(self.division)


@dataclass(frozen=True, slots=True)
class ToPartner:
    code: str

    def reaches(self, partner: Partner) -> bool:
        return partner.code == self.code


@dataclass(frozen=True, slots=True)
class Everyone:
    """Public by law: every active partner of the kind."""

    def reaches(self, partner: Partner) -> bool:
        return True


Address = Jurisdiction | ToPartner | Everyone


@dataclass(frozen=True, slots=True)
class Source:
    """What a projector knows about the internal event besides its data."""

    event_id: str
    producer: str  # the issuing office code (from the CloudEvents source)
    time: dt.datetime
    confidential: bool = False


@dataclass(frozen=True, slots=True)
class Projection:
    data: p.PartnerEvent
    address: Address

    def reaches(self, partner: Partner) -> bool:
        return partner.active and self.address.reaches(partner)


Projector = Callable[[Any, Source], Sequence[Projection]]


def producer_of(source: str) -> str:
    """The office code in a CloudEvents source ``/ipcase/<office>/<service>`` (``000000`` if absent)."""
    parts = source.strip("/").split("/")
    return parts[1] if len(parts) >= 3 and parts[0] == "ipcase" else "000000"


def division_of(office: str) -> str:
    digits = office[:6]
    return digits if len(digits) == 6 and digits.isdigit() else "000000"


def party(value: PartyRef | PartyDetails | SubjectRef) -> p.PartnerParty:
    """A party minimised for a partner: name and USCC, or a masked ID number; never contact data."""
    if isinstance(value, SubjectRef):
        kind = PartyKind.ORGANISATION if value.credit_code else PartyKind.INDIVIDUAL
        return p.PartnerParty(
            kind=kind, name=value.name, credit_code=value.credit_code, id_number_masked=value.id_number_masked
        )
    masked = value.id_number_masked if isinstance(value, PartyDetails) else None
    return p.PartnerParty(
        kind=value.kind, name=value.name, credit_code=value.credit_code, id_number_masked=masked
    )


def right(value: RightRef) -> p.PartnerRight:
    return p.PartnerRight(ip_type=value.ip_type.value, number=value.number)


def _envelope(data: EventData, source: Source, contract: type[p.PartnerEvent], **case: Any) -> dict[str, Any]:
    confidential = source.confidential or data.confidential
    return {
        "producer": source.producer,
        "schema_version": contract.version,
        "source_event_id": source.event_id,
        "legal_basis": data.legal_basis,
        "subject_ids": data.subject_ids,
        "ip_refs": data.ip_refs,
        "confidential": confidential,
        "confidentiality": p.Confidentiality.BUSINESS_SECRET
        if confidential
        else p.Confidentiality.RESTRICTED,
        **case,
    }


def _here(source: Source) -> Jurisdiction:
    return Jurisdiction(division_of(source.producer))


# ------------------------------------------------------------------ courts (§H.1)


def court_decision_issued(data: adj.DecisionIssuedV1, source: Source) -> list[Projection]:
    event = p.CourtDecisionIssuedV1(
        **_envelope(data, source, p.CourtDecisionIssuedV1, case_id=data.case_id, case_no=data.case_no),
        decision_no=data.decision_no,
        outcome=data.outcome.value,
        stop_order_scope=data.stop_order_scope,
        patents=tuple(right(r) for r in data.rights),
        parties=(party(data.requester), *(party(r) for r in data.respondents)),
        decided_on=data.decided_on,
        litigation_route=data.litigation_route,
    )
    return [Projection(event, _here(source))]


def court_decision_served(data: adj.DecisionServedV1, source: Source) -> list[Projection]:
    event = p.CourtDecisionServedV1(
        **_envelope(data, source, p.CourtDecisionServedV1, case_id=data.case_id, case_no=data.case_no),
        decision_no=data.decision_no,
        party=party(data.party),
        party_role=data.party_role,
        served_on=data.served_on,
        litigation_deadline=data.litigation_deadline,
    )
    return [Projection(event, _here(source))]


def court_decision_effective(data: adj.DecisionEffectiveV1, source: Source) -> list[Projection]:
    event = p.CourtDecisionEffectiveV1(
        **_envelope(data, source, p.CourtDecisionEffectiveV1, case_id=data.case_id, case_no=data.case_no),
        decision_no=data.decision_no,
        effective_on=data.effective_on,
        upheld_by_court=data.upheld_by_court,
    )
    return [Projection(event, _here(source))]


def court_demand_served(data: adj.EnforcementDemandServedV1, source: Source) -> list[Projection]:
    event = p.CourtEnforcementDemandServedV1(
        **_envelope(
            data, source, p.CourtEnforcementDemandServedV1, case_id=data.case_id, case_no=data.case_no
        ),
        decision_no=data.decision_no,
        served_on=data.served_on,
        earliest_application_date=data.earliest_application_date,
    )
    return [Projection(event, _here(source))]


def court_case_suspended(data: adj.CaseSuspendedV1, source: Source) -> list[Projection]:
    event = p.CourtCaseSuspendedV1(
        **_envelope(data, source, p.CourtCaseSuspendedV1, case_id=data.case_id, case_no=data.case_no),
        reason_code=data.reason_code.value,
        invalidation_case_no=data.invalidation_case_no,
        suspended_on=data.suspended_on,
    )
    return [Projection(event, _here(source))]


def court_case_resumed(data: adj.CaseResumedV1, source: Source) -> list[Projection]:
    event = p.CourtCaseResumedV1(
        **_envelope(data, source, p.CourtCaseResumedV1, case_id=data.case_id, case_no=data.case_no),
        reason_code=data.reason_code.value,
        resumed_on=data.resumed_on,
    )
    return [Projection(event, _here(source))]


def court_credit_ended(data: credit.RepairedV1 | credit.ExpiredV1, source: Source) -> list[Projection]:
    repaired = isinstance(data, credit.RepairedV1)
    event = p.CourtCreditEndedV1(
        **_envelope(data, source, p.CourtCreditEndedV1, case_no=data.record_no),
        subject=party(data.subject),
        list_type=data.list_type.value,
        ended_by="repaired" if repaired else "expired",
        ended_on=data.repaired_on if isinstance(data, credit.RepairedV1) else data.period_end,
    )
    return [Projection(event, _here(source))]


def court_enforcement_applied(data: adj.EnforcementAppliedV1, source: Source) -> list[Projection]:
    event = p.CourtEnforcementAppliedV1(
        **_envelope(data, source, p.CourtEnforcementAppliedV1, case_id=data.case_id, case_no=data.case_no),
        court_code=data.court_code,
        application_no=data.application_no,
        decision_no=data.decision_no,
        facts_and_reasons=data.facts_and_reasons,
        demand_served_on=data.demand_served_on,
        object_of_enforcement=data.object_of_enforcement,
        subject=party(data.subject),
        applied_on=data.applied_on,
        application_deadline=data.application_deadline,
    )
    return [Projection(event, ToPartner(data.court_code))]


def court_agreement_signed(data: med.AgreementSignedV1, source: Source) -> list[Projection]:
    event = p.CourtAgreementSignedV1(
        **_envelope(data, source, p.CourtAgreementSignedV1, case_id=data.case_id, case_no=data.agreement_no),
        agreement_no=data.agreement_no,
        parties=tuple(party(x) for x in data.parties),
        amount=data.amount,
        performance_terms=data.terms,
        performance_manner=data.performance_manner,
        performance_deadline=data.performance_deadline,
        organisation=data.organisation,
        effective_at=data.effective_at,
        confirmation_deadline=data.confirmation_deadline,
        confirmation_eligible=data.confirmation_eligible,
        court_assignment_id=data.court_assignment_id,
    )
    return [Projection(event, _here(source))]


def court_confirmation_requested(data: med.ConfirmationRequestedV1, source: Source) -> list[Projection]:
    event = p.CourtConfirmationRequestedV1(
        **_envelope(data, source, p.CourtConfirmationRequestedV1, case_id=data.case_id, case_no=data.case_no),
        application_id=data.application_id,
        court_code=data.court_code,
        agreement_no=data.agreement_no,
        applicants=tuple(party(a.party) for a in data.applicants),
        signed=len(data.applicants) >= 2,
        materials=tuple(f"{m.code}={m.status.value}" for m in data.materials),
        confirmation_deadline=data.confirmation_deadline,
        filed_at=data.filed_at,
    )
    return [Projection(event, ToPartner(data.court_code))]


def court_assigned_case_result(data: med.AssignedCaseResultReportedV1, source: Source) -> list[Projection]:
    event = p.CourtAssignedCaseResultV1(
        **_envelope(data, source, p.CourtAssignedCaseResultV1, case_id=data.case_id, case_no=data.case_no),
        assignment_id=data.assignment_id,
        court_code=data.court_code,
        result=data.result.value,
        agreement_no=data.agreement_no,
        agreement_doc=data.agreement_doc,
        reported_at=data.reported_at,
    )
    return [Projection(event, ToPartner(data.court_code))]


def court_credit_listed(data: credit.DishonestListedV1, source: Source) -> list[Projection]:
    decision = data.underlying_decision
    event = p.CourtCreditListedV1(
        **_envelope(data, source, p.CourtCreditListedV1, case_no=data.record_no),
        subject=party(data.subject),
        list_type=data.list_type.value,
        basis=f"{decision.authority} {decision.doc_no}",
        period_end=data.period_end,
    )
    return [Projection(event, _here(source))]


def court_penalty_decided(data: adj.PenaltyDecidedV1, source: Source) -> list[Projection]:
    event = p.CourtPenaltyDecidedV1(
        **_envelope(data, source, p.CourtPenaltyDecidedV1, case_id=data.case_id, case_no=data.case_no),
        decision_no=data.decision_no,
        law=data.law.value,
        subject=party(data.subject),
        fine=data.fine,
        confiscated=data.illegal_gains_confiscated,
        decided_on=data.decided_on,
    )
    return [Projection(event, _here(source))]


def court_transferred_to_police(data: adj.CaseTransferredToPoliceV1, source: Source) -> list[Projection]:
    event = p.CourtTransferredToPoliceV1(
        **_envelope(data, source, p.CourtTransferredToPoliceV1, case_id=data.case_id, case_no=data.case_no),
        law=data.law.value,
        subject=party(data.subject),
        clue=data.clue,
        evidence_index=tuple(
            p.PartnerEvidenceItem(
                item_id=item.item_id, description=item.description, sha256=item.sha256, sealed=item.sealed
            )
            for item in data.evidence_index
        ),
        transferred_on=data.transferred_on,
    )
    return [Projection(event, _here(source))]


def court_rejection(data: p.CourtMessageRefusedV1, source: Source) -> list[Projection]:
    event = p.CourtMessageRejectedV1(
        **_envelope(data, source, p.CourtMessageRejectedV1),
        original_id=data.original_id,
        original_type=data.original_type,
        reason_code=p.RejectionReason.BUSINESS_RULE,
        reason=data.reason,
        reason_zh=data.reason_zh,
        received_at=data.refused_at,
    )
    return [Projection(event, ToPartner(data.court_code))]


# ------------------------------------------------------------------ customs (§H.2)


def customs_infringement_decided(data: adj.DecisionEffectiveV1, source: Source) -> list[Projection]:
    if data.outcome is not Outcome.INFRINGEMENT_ESTABLISHED:
        return []
    event = p.CustomsInfringementDecidedV1(
        **_envelope(data, source, p.CustomsInfringementDecidedV1, case_id=data.case_id, case_no=data.case_no),
        decision_no=data.decision_no,
        patents=tuple(right(r) for r in data.rights),
        respondents=tuple(party(r) for r in data.respondents),
        infringing_products=data.infringing_products,
        stop_order_scope=data.stop_order_scope,
        effective_on=data.effective_on,
    )
    return [Projection(event, _here(source))]


def customs_counterfeit_penalty(data: adj.CounterfeitPenaltyDecidedV1, source: Source) -> list[Projection]:
    event = p.CustomsCounterfeitPenaltyV1(
        **_envelope(data, source, p.CustomsCounterfeitPenaltyV1, case_id=data.case_id, case_no=data.case_no),
        decision_no=data.decision_no,
        subject=party(data.subject),
        products=data.products,
        marks=data.marks,
        fine=data.fine,
        confiscated=data.illegal_gains_confiscated,
    )
    return [Projection(event, _here(source))]


def customs_credit_listed(
    data: credit.DishonestListedV1 | credit.SeriousListEnteredV1, source: Source
) -> list[Projection]:
    event = p.CustomsCreditListedV1(
        **_envelope(data, source, p.CustomsCreditListedV1, case_no=data.record_no),
        subject=party(data.subject),
        list_type=data.list_type.value,
        period_end=data.period_end,
    )
    return [Projection(event, _here(source))]


def customs_repeat_infringer(data: credit.RepeatInfringerFlaggedV1, source: Source) -> list[Projection]:
    event = p.CustomsRepeatInfringerV1(
        **_envelope(data, source, p.CustomsRepeatInfringerV1, case_id=data.case_id),
        subject=party(data.subject),
        right=right(data.right),
        prior_decisions=tuple(d.decision_no for d in data.prior_decisions),
    )
    return [Projection(event, _here(source))]


def customs_penalty_decided(data: adj.PenaltyDecidedV1, source: Source) -> list[Projection]:
    """Trademark and copyright penalties; a counterfeit-patent one goes as ``counterfeit_penalty``
    (from ``adjudication.counterfeit_penalty_decided``), never twice."""
    if data.law is adj.PenaltyLaw.COUNTERFEIT_PATENT:
        return []
    event = p.CustomsPenaltyDecidedV1(
        **_envelope(data, source, p.CustomsPenaltyDecidedV1, case_id=data.case_id, case_no=data.case_no),
        decision_no=data.decision_no,
        law=data.law.value,
        subject=party(data.subject),
        products=data.products,
        marks=data.marks,
        fine=data.fine,
        confiscated=data.illegal_gains_confiscated,
    )
    return [Projection(event, _here(source))]


def customs_credit_removed(
    data: credit.RepairedV1 | credit.ExpiredV1 | credit.RevokedV1, source: Source
) -> list[Projection]:
    if isinstance(data, credit.RepairedV1):
        removed_by, ended_on = "repaired", data.repaired_on
    elif isinstance(data, credit.ExpiredV1):
        removed_by, ended_on = "expired", data.period_end
    else:
        removed_by, ended_on = "revoked", data.revoked_on
    event = p.CustomsCreditRemovedV1(
        **_envelope(data, source, p.CustomsCreditRemovedV1, case_no=data.record_no),
        subject=party(data.subject),
        list_type=data.list_type.value,
        removed_by=removed_by,
        period_end=ended_on,
    )
    return [Projection(event, _here(source))]


def customs_right_status_changed(data: intake.IpRightStatusChangedV1, source: Source) -> list[Projection]:
    """A right's status in the register is public: every customs office gets it (recordations are
    national, a port anywhere may hold goods under it)."""
    envelope = _envelope(data, source, p.CustomsRightStatusChangedV1)
    if not envelope["confidential"]:
        envelope["confidentiality"] = p.Confidentiality.PUBLIC
    event = p.CustomsRightStatusChangedV1(
        **envelope,
        right=right(data.right),
        new_status=data.new_status,
        effective_date=data.effective_date,
    )
    return [Projection(event, Everyone())]


def customs_evaluation_report_issued(
    data: intake.IpRightEvaluationReportedV1, source: Source
) -> list[Projection]:
    """A patent right evaluation report is public once CNIPA issues it: every customs office gets the
    patent no. and the conclusion (§H.2), like a status change of the right."""
    envelope = _envelope(data, source, p.CustomsEvaluationReportIssuedV1)
    if not envelope["confidential"]:
        envelope["confidentiality"] = p.Confidentiality.PUBLIC
    event = p.CustomsEvaluationReportIssuedV1(
        **envelope,
        patent=right(data.right),
        report_no=data.report_no,
        conclusion=data.conclusion,
        issued_on=data.issued_on,
    )
    return [Projection(event, Everyone())]


def customs_settlement_covering_goods(data: med.AgreementSignedV1, source: Source) -> list[Projection]:
    """Only an agreement that names goods reaches customs (§H.2): the goods and the settling parties,
    minimised. Goods the agreement places at one detaining port go to that port; goods named without
    a port, or at several ports, go to every customs office (a shipment may clear anywhere)."""
    if not data.goods_covered:
        return []
    event = p.CustomsSettlementCoveringGoodsV1(
        **_envelope(
            data, source, p.CustomsSettlementCoveringGoodsV1, case_id=data.case_id, case_no=data.case_no
        ),
        goods_covered=tuple(
            p.PartnerGoods(
                description=g.description, quantity=g.quantity, hs_code=g.hs_code, customs_ref=g.customs_ref
            )
            for g in data.goods_covered
        ),
        settling_parties=tuple(party(x) for x in data.parties),
        effective_on=to_local(data.effective_at).date(),
    )
    ports = {g.port_code for g in data.goods_covered}
    (port,) = ports if len(ports) == 1 else (None,)
    return [Projection(event, ToPartner(port) if port else Everyone())]


def _detention(data: ic.DetentionRef, source: Source, contract: type[p.PartnerEvent]) -> dict[str, Any]:
    return {
        **_envelope(data, source, contract, case_id=data.detention_id),
        "customs_ref": data.customs_ref,
        "port_code": data.port_code,
        "route": data.route,
    }


def customs_detention_opened(data: ic.DetentionOpenedV1, source: Source) -> list[Projection]:
    event = pc.CustomsDetentionAcknowledgedV1(
        **_detention(data, source, pc.CustomsDetentionAcknowledgedV1),
        holder_response_due=data.holder_response_due,
        acknowledged_at=data.opened_at,
    )
    return [Projection(event, ToPartner(data.port_code))]


def customs_holder_decided(data: ic.HolderDecidedV1, source: Source) -> list[Projection]:
    event = pc.CustomsHolderDecidedV1(
        **_detention(data, source, pc.CustomsHolderDecidedV1),
        decision=data.decision,
        guarantee_amount=data.guarantee_amount,
        guarantee_form=data.guarantee_form,
        decided_at=data.decided_at,
    )
    return [Projection(event, ToPartner(data.port_code))]


def customs_detained(data: ic.DetainedV1, source: Source) -> list[Projection]:
    event = pc.CustomsDetentionClockV1(
        **_detention(data, source, pc.CustomsDetentionClockV1),
        detained_on=data.detained_on,
        release_due=data.release_due,
        investigation_due=data.investigation_due,
    )
    return [Projection(event, ToPartner(data.port_code))]


def customs_released(data: ic.ReleasedV1, source: Source) -> list[Projection]:
    event = pc.CustomsReleaseRecordedV1(
        **_detention(data, source, pc.CustomsReleaseRecordedV1),
        reason=data.reason,
        released_at=data.released_at,
    )
    return [Projection(event, ToPartner(data.port_code))]


def customs_detention_step(data: ic.DetentionTransitionedV1, source: Source) -> list[Projection]:
    event = pc.CustomsDetentionStepV1(
        **_detention(data, source, pc.CustomsDetentionStepV1), step=data.step, at=data.at
    )
    return [Projection(event, ToPartner(data.port_code))]


def customs_rejection(data: cin.CustomsMessageRefusedV1, source: Source) -> list[Projection]:
    event = p.CustomsMessageRejectedV1(
        **_envelope(data, source, p.CustomsMessageRejectedV1),
        original_id=data.original_id,
        original_type=data.original_type,
        reason_code=p.RejectionReason.BUSINESS_RULE,
        reason=data.reason,
        reason_zh=data.reason_zh,
        received_at=data.refused_at,
    )
    return [Projection(event, ToPartner(data.customs_code))]


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a kind's contract table: the internal contract and how it becomes partner events."""

    source: type[EventData]
    projector: Projector
    produces: type[p.PartnerEvent]


CONTRACT_TABLES: Mapping[PartnerKind, tuple[Row, ...]] = {
    PartnerKind.COURT: (
        Row(adj.DecisionIssuedV1, court_decision_issued, p.CourtDecisionIssuedV1),
        Row(adj.DecisionServedV1, court_decision_served, p.CourtDecisionServedV1),
        Row(adj.DecisionEffectiveV1, court_decision_effective, p.CourtDecisionEffectiveV1),
        Row(adj.EnforcementDemandServedV1, court_demand_served, p.CourtEnforcementDemandServedV1),
        Row(adj.CaseSuspendedV1, court_case_suspended, p.CourtCaseSuspendedV1),
        Row(adj.CaseResumedV1, court_case_resumed, p.CourtCaseResumedV1),
        Row(adj.EnforcementAppliedV1, court_enforcement_applied, p.CourtEnforcementAppliedV1),
        Row(med.AgreementSignedV1, court_agreement_signed, p.CourtAgreementSignedV1),
        Row(med.ConfirmationRequestedV1, court_confirmation_requested, p.CourtConfirmationRequestedV1),
        Row(med.AssignedCaseResultReportedV1, court_assigned_case_result, p.CourtAssignedCaseResultV1),
        Row(credit.DishonestListedV1, court_credit_listed, p.CourtCreditListedV1),
        Row(credit.RepairedV1, court_credit_ended, p.CourtCreditEndedV1),
        Row(credit.ExpiredV1, court_credit_ended, p.CourtCreditEndedV1),
        Row(adj.PenaltyDecidedV1, court_penalty_decided, p.CourtPenaltyDecidedV1),
        Row(adj.CaseTransferredToPoliceV1, court_transferred_to_police, p.CourtTransferredToPoliceV1),
        Row(p.CourtMessageRefusedV1, court_rejection, p.CourtMessageRejectedV1),
    ),
    PartnerKind.CUSTOMS: (
        Row(adj.DecisionEffectiveV1, customs_infringement_decided, p.CustomsInfringementDecidedV1),
        Row(adj.CounterfeitPenaltyDecidedV1, customs_counterfeit_penalty, p.CustomsCounterfeitPenaltyV1),
        Row(credit.DishonestListedV1, customs_credit_listed, p.CustomsCreditListedV1),
        Row(credit.SeriousListEnteredV1, customs_credit_listed, p.CustomsCreditListedV1),
        Row(adj.PenaltyDecidedV1, customs_penalty_decided, p.CustomsPenaltyDecidedV1),
        Row(credit.RepairedV1, customs_credit_removed, p.CustomsCreditRemovedV1),
        Row(credit.ExpiredV1, customs_credit_removed, p.CustomsCreditRemovedV1),
        Row(credit.RevokedV1, customs_credit_removed, p.CustomsCreditRemovedV1),
        Row(credit.RepeatInfringerFlaggedV1, customs_repeat_infringer, p.CustomsRepeatInfringerV1),
        Row(intake.IpRightStatusChangedV1, customs_right_status_changed, p.CustomsRightStatusChangedV1),
        Row(
            intake.IpRightEvaluationReportedV1,
            customs_evaluation_report_issued,
            p.CustomsEvaluationReportIssuedV1,
        ),
        Row(med.AgreementSignedV1, customs_settlement_covering_goods, p.CustomsSettlementCoveringGoodsV1),
        Row(ic.DetentionOpenedV1, customs_detention_opened, pc.CustomsDetentionAcknowledgedV1),
        Row(ic.HolderDecidedV1, customs_holder_decided, pc.CustomsHolderDecidedV1),
        Row(ic.DetainedV1, customs_detained, pc.CustomsDetentionClockV1),
        Row(ic.ReleasedV1, customs_released, pc.CustomsReleaseRecordedV1),
        Row(ic.DetentionTransitionedV1, customs_detention_step, pc.CustomsDetentionStepV1),
        Row(cin.CustomsMessageRefusedV1, customs_rejection, p.CustomsMessageRejectedV1),
    ),
}
"""Partner kind -> its contract table (internal event -> projector -> partner contract)."""

REJECTION_CONTRACTS: Mapping[PartnerKind, type[p.PartnerEvent]] = {
    PartnerKind.COURT: p.CourtMessageRejectedV1,
    PartnerKind.CUSTOMS: p.CustomsMessageRejectedV1,
}


def source_contracts() -> list[type[EventData]]:
    """Every internal contract some kind projects (what the projection consumer subscribes to)."""
    seen: dict[tuple[str, int], type[EventData]] = {}
    for rows in CONTRACT_TABLES.values():
        for row in rows:
            seen[(row.source.event_type, row.source.version)] = row.source
    return list(seen.values())


def project(data: EventData, source: Source) -> dict[PartnerKind, list[Projection]]:
    """Every partner event ``data`` becomes, per kind (a kind it becomes none for is left out)."""
    out: dict[PartnerKind, list[Projection]] = {}
    for kind, rows in CONTRACT_TABLES.items():
        for row in rows:
            if type(data) is row.source and (projections := row.projector(data, source)):
                out.setdefault(kind, []).extend(projections)
    return out


def rejection(
    kind: PartnerKind,
    partner_code: str,
    *,
    producer: str,
    original_id: str,
    original_type: str | None,
    reason: p.RejectionReason,
    message: str,
    message_zh: str,
    received_at: dt.datetime,
) -> Projection:
    contract = REJECTION_CONTRACTS[kind]
    event = contract(
        producer=producer,
        schema_version=contract.version,
        source_event_id=original_id,
        original_id=original_id,
        original_type=original_type,
        reason_code=reason,
        reason=message,
        reason_zh=message_zh,
        received_at=received_at,
    )
    return Projection(event, ToPartner(partner_code))
