"""Events the adjudication service publishes."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from pydantic import Field

from shared.contracts.base import EventData

CASE_TOPIC = "adjudication.case"


class CaseOpenedV1(EventData, event_type="adjudication.case.opened", version=1, topic=CASE_TOPIC):
    """An adjudication case was opened for a complaint, in state SUBMITTED."""

    case_id: UUID
    case_no: str = Field(description="The adjudication service's registration number")
    complaint_id: UUID
    state: str
    opened_at: dt.datetime
