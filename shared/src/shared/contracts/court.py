"""Events the people's courts send to ipcase (inbound; §B.2–B.4, §A.8).

Courts are outside ipcase: their systems (or the "总对总" platform adapter) publish these on the
``court.*`` topics, keyed by the ipcase id the event refers to. A court client may instead call the
receiving service's API; both paths end in the same command.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from uuid import UUID

from pydantic import Field

from shared.contracts.base import EventData
from shared.contracts.common import IpType, PartyDetails
from shared.local_time import LocalDateTime

MEDIATION_TOPIC = "court.mediation"
ADJUDICATION_TOPIC = "court.adjudication"


class AssignmentKind(StrEnum):
    PRE_FILING = "pre_filing"  # 委派 (诉前), 30 CD
    POST_FILING = "post_filing"  # 委托 (诉中), 15 CD ordinary / 7 CD simple


class MediationAssignedV1(EventData, event_type="court.mediation.assigned", version=1, topic=MEDIATION_TOPIC):
    """A court assigned or entrusted a dispute to mediation (诉调对接)."""

    assignment_id: str = Field(description="The court's (or platform's) id of the assignment")
    court_code: str
    court_name: str
    court_case_no: str | None = None
    kind: AssignmentKind
    simple_procedure: bool = False
    ip_type: IpType
    right_number: str | None = None
    parties: tuple[PartyDetails, ...] = Field(min_length=2)
    dispute_summary: str
    assigned_at: LocalDateTime


class ConfirmationAcceptedV1(
    EventData, event_type="court.confirmation.accepted", version=1, topic=MEDIATION_TOPIC
):
    """The court docketed a joint application for judicial confirmation (调确字)."""

    application_id: UUID = Field(description="The mediation service's application id")
    court_code: str
    docket_no: str
    accepted_at: LocalDateTime


class ConfirmationRuling(StrEnum):
    VALID = "valid"
    REJECTED = "rejected"


class ConfirmationRuledV1(EventData, event_type="court.confirmation.ruled", version=1, topic=MEDIATION_TOPIC):
    application_id: UUID
    court_code: str
    ruling: ConfirmationRuling
    ruling_no: str
    reasons: str | None = None
    ruled_at: LocalDateTime


class ConfirmationWithdrawnV1(
    EventData, event_type="court.confirmation.withdrawn", version=1, topic=MEDIATION_TOPIC
):
    application_id: UUID
    court_code: str
    withdrawn_at: LocalDateTime


class AdminSuitFiledV1(EventData, event_type="court.admin_suit.filed", version=1, topic=ADJUDICATION_TOPIC):
    """A party sued over an adjudication decision (PL art. 65); execution is not stayed (ALL art. 56)."""

    case_id: UUID = Field(description="The adjudication case the decision belongs to")
    decision_no: str
    court_code: str
    court_case_no: str
    plaintiff: str
    filed_on: dt.date


class JudgmentResult(StrEnum):
    UPHELD = "upheld"
    REVOKED = "revoked"


class AdminSuitJudgedV1(EventData, event_type="court.admin_suit.judged", version=1, topic=ADJUDICATION_TOPIC):
    case_id: UUID
    decision_no: str
    court_code: str
    court_case_no: str
    result: JudgmentResult
    judgment_no: str
    effective_on: dt.date


class EnforcementRuledV1(
    EventData, event_type="court.enforcement.ruled", version=1, topic=ADJUDICATION_TOPIC
):
    """The court ruled on the office's application for compulsory enforcement (ACL arts. 56-58)."""

    case_id: UUID
    court_code: str
    ruling_no: str
    granted: bool
    reasons: str | None = None
    ruled_on: dt.date
