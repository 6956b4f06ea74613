"""Events the mediation service publishes."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from pydantic import Field

from shared.contracts.base import EventData

CASE_TOPIC = "mediation.case"


class MediationCaseOpenedV1(EventData, event_type="mediation.case.opened", version=1, topic=CASE_TOPIC):
    """A mediation case was opened (state REQUESTED) from a complaint or a referral."""

    case_id: UUID
    case_no: str = Field(description="The mediation service's case number")
    complaint_id: UUID | None = None
    state: str
    opened_at: dt.datetime
