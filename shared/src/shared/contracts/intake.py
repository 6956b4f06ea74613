"""Events the intake service publishes."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from pydantic import Field

from shared.contracts.base import EventData
from shared.contracts.common import IpType, PartyRef
from shared.vocabulary import RequestedProcedure

COMPLAINT_TOPIC = "intake.complaint"


class ComplaintAcceptedV1(
    EventData, event_type="intake.complaint.accepted", version=1, topic=COMPLAINT_TOPIC
):
    """A complaint was registered by a protection centre and is ready for the next procedure."""

    complaint_id: UUID
    reference: str = Field(description="Intake's own complaint number")
    ip_type: IpType
    right_number: str = Field(description="Patent, registration or certificate number")
    complainant: PartyRef
    respondents: tuple[PartyRef, ...] = Field(min_length=1)
    facts: str
    requested_procedure: RequestedProcedure
    received_at: dt.datetime
