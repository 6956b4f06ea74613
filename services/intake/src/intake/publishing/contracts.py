"""Intake's aggregates turned into the contracts other services consume (``shared.contracts.intake``)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from intake.domain.complaint import ClaimedRight, Complaint, TriageDecision
from intake.domain.errors import present
from intake.domain.parties import PartyRecord
from intake.domain.rights import EvaluationReportRecord, RegisteredRight, RightStatus
from intake.domain.vocabulary import Agency
from shared.contracts.base import IpRef, LegalBasis
from shared.contracts.common import EvidenceRef, ListingRef, PartyDetails, PartyRef, RightRef, SubjectRef
from shared.contracts.intake import (
    ComplaintAcceptedV1,
    ComplaintRoutedV1,
    Destination,
    FalseMaterialsFoundV1,
    IpRightEvaluationReportedV1,
    IpRightStatusChangedV1,
    ReferralIssuedV1,
)


def accepted_event(complaint: Complaint) -> ComplaintAcceptedV1:
    return ComplaintAcceptedV1(
        complaint_id=complaint.id,
        reference=complaint.reference,
        ip_type=complaint.ip_type,
        right_number=complaint.rights[0].number,
        complainant=_party_ref(complaint.complainant),
        respondents=tuple(_party_ref(p) for p in complaint.respondents),
        facts=complaint.facts,
        requested_procedure=complaint.requested_procedure,
        received_at=complaint.received_at,
        channel=complaint.channel.value,
        subject_ids=_subject_ids(complaint.parties),
        ip_refs=_ip_refs(complaint.rights),
    )


def routed_event(
    complaint: Complaint,
    decision: TriageDecision,
    evidence: Sequence[Mapping[str, Any]],
    *,
    office_region_code: str | None,
    routed_at: dt.datetime,
) -> ComplaintRoutedV1:
    destination = present(decision.destination, "the destination of a routed complaint")
    return ComplaintRoutedV1(
        complaint_id=complaint.id,
        reference=complaint.reference,
        destination=Destination(destination),
        procedure=decision.procedure or "ordinary",
        routing_rule=decision.rule,
        routing_reason=decision.reason,
        ip_type=complaint.ip_type,
        rights=tuple(right_ref(r) for r in complaint.rights),
        complainant=party_details(complaint.complainant),
        agent=party_details(complaint.agent) if complaint.agent else None,
        respondents=tuple(party_details(p) for p in complaint.respondents),
        alleged_acts=tuple(a.value for a in complaint.alleged_acts),
        infringement_locations=tuple(loc.description for loc in complaint.infringement_locations),
        listings=_listings(complaint),
        requested_remedy=complaint.requested_remedy,
        facts=complaint.facts,
        evidence=evidence_refs(evidence),
        court_action_pending=complaint.court_action_pending,
        both_parties_willing_to_mediate=complaint.both_parties_willing_to_mediate,
        office_region_code=office_region_code,
        received_at=complaint.received_at,
        routed_at=routed_at,
        channel=complaint.channel.value,
        track=decision.track.value,
        subject_ids=_subject_ids(complaint.parties),
        ip_refs=_ip_refs(complaint.rights),
        legal_basis=(LegalBasis(instrument="专利法", article="65"),) if destination == "adjudication" else (),
    )


def referral_event(
    complaint: Complaint,
    agency: Agency,
    reason: str,
    evidence: Sequence[Mapping[str, Any]],
    *,
    referred_at: dt.datetime,
) -> ReferralIssuedV1:
    return ReferralIssuedV1(
        referral_id=uuid.uuid4(),
        complaint_id=complaint.id,
        reference=complaint.reference,
        to_agency=agency.value,
        reason=reason,
        subjects=tuple(subject_ref(p) for p in complaint.respondents),
        rights=tuple(right_ref(r) for r in complaint.rights),
        listings=_listings(complaint),
        evidence=evidence_refs(evidence),
        referred_at=referred_at,
        subject_ids=_subject_ids(complaint.respondents),
        ip_refs=_ip_refs(complaint.rights),
    )


def false_materials_event(
    complaint: Complaint, party: PartyRecord, finding: str, found_by: str, found_at: dt.datetime
) -> FalseMaterialsFoundV1:
    return FalseMaterialsFoundV1(
        complaint_id=complaint.id,
        reference=complaint.reference,
        subject=subject_ref(party),
        finding=finding,
        found_by=found_by,
        found_at=found_at,
        subject_ids=_subject_ids((party,)),
        ip_refs=_ip_refs(complaint.rights),
    )


def status_changed_event(
    right: RegisteredRight, previous: RightStatus | None, effective: dt.date, reason: str | None
) -> IpRightStatusChangedV1:
    return IpRightStatusChangedV1(
        right=RightRef(
            ip_type=right.ip_type,
            number=right.number,
            title=right.title,
            holder=right.holder_name,
            status=right.status.value,
            valid_until=right.valid_until,
        ),
        previous_status=previous.value if previous else None,
        new_status=right.status.value,
        effective_date=effective,
        reason=reason,
        subject_ids=(right.holder_credit_code,) if right.holder_credit_code else (),
        ip_refs=(IpRef(type=right.ip_type.value, reg_no=right.number),),
    )


def evaluation_reported_event(
    right: RegisteredRight, report: EvaluationReportRecord
) -> IpRightEvaluationReportedV1:
    return IpRightEvaluationReportedV1(
        right=RightRef(
            ip_type=right.ip_type,
            number=right.number,
            title=right.title,
            holder=right.holder_name,
            status=right.status.value,
            valid_until=right.valid_until,
            evaluation_report=report.report_no,
        ),
        report_no=report.report_no,
        conclusion=report.conclusion.value,
        issued_on=report.issued_on,
        recorded_at=report.recorded_at,
        legal_basis=(
            LegalBasis(instrument="专利法", article="66"),
            LegalBasis(instrument="专利法实施细则", article="63"),
        ),
        subject_ids=(right.holder_credit_code,) if right.holder_credit_code else (),
        ip_refs=(IpRef(type=right.ip_type.value, reg_no=right.number),),
    )


def right_ref(right: ClaimedRight) -> RightRef:
    verification = right.verification
    report = right.evaluation_report_no or right.evaluation_report.value
    return RightRef(
        ip_type=right.ip_type,
        number=right.number,
        title=right.title,
        holder=verification.holder if verification else None,
        status=verification.registry_status if verification else None,
        valid_until=verification.valid_until if verification else None,
        evaluation_report=report if right.ip_type.value in ("utility_model", "design") else None,
    )


def party_details(party: PartyRecord) -> PartyDetails:
    return PartyDetails(
        kind=party.kind,
        name=party.name,
        credit_code=party.credit_code,
        party_id=party.id,
        id_number_masked=party.id_number_masked,
        legal_representative=party.legal_representative,
        capacity=party.capacity.value if party.capacity else None,
        address=party.address,
        region_code=party.region_code,
        phone=party.phone,
        email=party.email,
    )


def subject_ref(party: PartyRecord) -> SubjectRef:
    return SubjectRef(credit_code=party.credit_code, id_number_masked=party.id_number_masked, name=party.name)


def evidence_refs(rows: Sequence[Mapping[str, Any]]) -> tuple[EvidenceRef, ...]:
    return tuple(
        EvidenceRef(
            evidence_id=row["id"],
            file_name=row["file_name"],
            media_type=row["media_type"],
            size_bytes=row["size_bytes"],
            sha256=row["sha256"],
            notarisation_ref=row["notarisation_ref"],
        )
        for row in rows
    )


def _party_ref(party: PartyRecord) -> PartyRef:
    return PartyRef(kind=party.kind, name=party.name, credit_code=party.credit_code)


def _listings(complaint: Complaint) -> tuple[ListingRef, ...]:
    return tuple(
        ListingRef(platform=x.platform, listing_id=x.listing_id, url=x.url) for x in complaint.listings
    )


def _subject_ids(parties: Iterable[PartyRecord]) -> tuple[str, ...]:
    ids: list[str] = []
    for party in parties:
        subject_id = party.credit_code or party.id_number_masked
        if subject_id and subject_id not in ids:
            ids.append(subject_id)
    return tuple(ids)


def _ip_refs(rights: Iterable[ClaimedRight]) -> tuple[IpRef, ...]:
    return tuple(IpRef(type=r.ip_type.value, reg_no=r.number) for r in rights)
