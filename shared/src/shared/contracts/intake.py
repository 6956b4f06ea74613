"""Events the intake service publishes.

Hand-offs other ipcase services consume: ``intake.complaint.routed`` (adjudication, mediation),
``intake.complaint.false_materials_found`` (credit); for other agencies:
``intake.referral.issued``, ``intake.ip_right.status_changed`` and ``intake.ip_right.evaluation_reported``
(customs, §H.2).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from uuid import UUID

from pydantic import Field

from shared.contracts.base import EventData
from shared.contracts.common import (
    EvidenceRef,
    IpType,
    ListingRef,
    PartyDetails,
    PartyRef,
    RightRef,
    SubjectRef,
)
from shared.local_time import LocalDateTime
from shared.vocabulary import RequestedProcedure

COMPLAINT_TOPIC = "intake.complaint"
REFERRAL_TOPIC = "intake.referral"
IP_RIGHT_TOPIC = "intake.ip_right"


class ComplaintAcceptedV1(
    EventData, event_type="intake.complaint.accepted", version=1, topic=COMPLAINT_TOPIC
):
    """A complaint was registered by a protection centre (before triage decides where it goes)."""

    complaint_id: UUID
    reference: str = Field(description="Intake's own complaint number")
    ip_type: IpType
    right_number: str = Field(description="Patent, registration or certificate number")
    complainant: PartyRef
    respondents: tuple[PartyRef, ...] = Field(min_length=1)
    facts: str
    requested_procedure: RequestedProcedure
    received_at: LocalDateTime
    channel: str | None = Field(
        default=None,
        description="online | walk_in | ecommerce_platform | trade_fair | court_assignment | customs_notice"
        " | referral | bulk_import",
    )


class Destination(StrEnum):
    """The ipcase service a routed complaint goes to (referrals to other agencies are separate)."""

    ADJUDICATION = "adjudication"
    MEDIATION = "mediation"


class ComplaintRoutedV1(EventData, event_type="intake.complaint.routed", version=1, topic=COMPLAINT_TOPIC):
    """Triage sent the complaint to adjudication or mediation, with everything needed to open a case.

    ``procedure`` refines the track: for adjudication ``ordinary``, ``simple`` (§A.9) or
    ``green_channel`` (major cases); for mediation the kind, e.g. ``administrative`` or ``people``.
    A complaint re-routed by staff is published again with a later ``routed_at``.
    """

    complaint_id: UUID
    reference: str
    destination: Destination
    procedure: str = Field(description="ordinary | simple | green_channel (adjudication); mediation kind")
    routing_rule: str = Field(description="Id of the triage rule that fired, or 'staff_override'")
    routing_reason: str
    ip_type: IpType
    rights: tuple[RightRef, ...] = Field(min_length=1)
    complainant: PartyDetails
    agent: PartyDetails | None = None
    respondents: tuple[PartyDetails, ...] = Field(min_length=1)
    alleged_acts: tuple[str, ...] = ()
    infringement_locations: tuple[str, ...] = ()
    listings: tuple[ListingRef, ...] = ()
    requested_remedy: str | None = None
    facts: str
    evidence: tuple[EvidenceRef, ...] = ()
    court_action_pending: bool = False
    both_parties_willing_to_mediate: bool = False
    office_region_code: str | None = Field(default=None, description="Division code of the receiving office")
    received_at: LocalDateTime
    routed_at: LocalDateTime
    channel: str | None = Field(default=None, description="How the complaint reached the centre")
    track: str | None = Field(
        default=None, description="Triage track, e.g. ordinary_adjudication, simple_procedure, mediation"
    )


class ReferralIssuedV1(EventData, event_type="intake.referral.issued", version=1, topic=REFERRAL_TOPIC):
    """A complaint (or part of it) was transferred to another agency (clue transfer, §D.4)."""

    referral_id: UUID
    complaint_id: UUID
    reference: str
    to_agency: str = Field(
        description="administrative_enforcement | police | procuratorate | arbitration | court | other_office"
        " | customs"
    )
    reason: str
    subjects: tuple[SubjectRef, ...] = ()
    rights: tuple[RightRef, ...] = ()
    listings: tuple[ListingRef, ...] = ()
    evidence: tuple[EvidenceRef, ...] = ()
    referred_at: LocalDateTime


class FalseMaterialsFoundV1(
    EventData, event_type="intake.complaint.false_materials_found", version=1, topic=COMPLAINT_TOPIC
):
    """Staff found that a party submitted false materials (a credit input, §C.1)."""

    complaint_id: UUID
    reference: str
    subject: SubjectRef
    finding: str
    found_by: str
    found_at: LocalDateTime


class IpRightStatusChangedV1(
    EventData, event_type="intake.ip_right.status_changed", version=1, topic=IP_RIGHT_TOPIC
):
    """A right in the registry changed status (invalidated, lapsed, transferred, licence recorded)."""

    right: RightRef
    previous_status: str | None
    new_status: str
    effective_date: dt.date
    reason: str | None = None


class IpRightEvaluationReportedV1(
    EventData, event_type="intake.ip_right.evaluation_reported", version=1, topic=IP_RIGHT_TOPIC
):
    """Staff recorded a patent right evaluation report (专利权评价报告, PL art. 66 ¶2, Impl. Regs art. 63)
    obtained for a utility model or design in the registry (§H.2 ``evaluation_report.issued``)."""

    right: RightRef
    report_no: str
    conclusion: str = Field(
        description="no_defect (every claim meets the grant conditions) | partly_defective | defective"
    )
    issued_on: dt.date
    recorded_at: LocalDateTime
