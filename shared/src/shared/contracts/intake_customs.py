"""Events intake publishes about customs detentions and recordations (``intake.customs.*``).

Intake follows each customs detention for the right holder a centre serves (domain-rules §E.4a):
these events are what the partners gateway projects onto the customs feed (§H.2) and what other
services may follow. They are minimised: organisations by name and credit code, no natural
person's identity, goods by description and value only.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from uuid import UUID

from pydantic import Field

from shared.contracts.base import EventData
from shared.local_time import LocalDateTime

CUSTOMS_TOPIC = "intake.customs"


class DetentionRef(EventData):
    """What every detention event names: intake's case, customs' own reference and the port."""

    detention_id: UUID
    customs_ref: str = Field(description="The port customs office's own case or notice number")
    port_code: str = Field(description="The port customs office (its partner code)")
    route: str = Field(description="on_application | ex_officio")
    recordation_no: str | None = None


class DetentionOpenedV1(
    DetentionRef, event_type="intake.customs.detention_opened", version=1, topic=CUSTOMS_TOPIC
):
    """Customs notified suspect goods (ex officio, art. 16), or the holder applied (art. 13)."""

    state: str
    holder_response_due: dt.date | None = Field(default=None, description="3 WD from service (art. 16)")
    opened_at: LocalDateTime


class HolderDecidedV1(
    DetentionRef, event_type="intake.customs.holder_decided", version=1, topic=CUSTOMS_TOPIC
):
    """The holder, through the centre, applies with a guarantee or lets the goods go (art. 16)."""

    decision: str = Field(description="apply | let_go")
    guarantee_amount: Decimal | None = None
    guarantee_form: str | None = None
    decided_at: LocalDateTime


class DetainedV1(DetentionRef, event_type="intake.customs.detained", version=1, topic=CUSTOMS_TOPIC):
    """Customs detained the goods; the release clock runs (art. 24(1) 20 WD, art. 24(2) 50 WD)."""

    detained_on: dt.date
    release_due: dt.date | None = None
    investigation_due: dt.date | None = None


class ReleasedV1(DetentionRef, event_type="intake.customs.released", version=1, topic=CUSTOMS_TOPIC):
    """The goods were released, with the art. 24 ground (or not detained at all, art. 16)."""

    reason: str = Field(
        description="no_court_notice_20wd | no_court_notice_50wd | patent_counter_guarantee |"
        " non_infringement_evidence | holder_withdrawal | court_order_ended | holder_did_not_apply"
    )
    released_at: LocalDateTime


class DetentionTransitionedV1(
    DetentionRef, event_type="intake.customs.detention_transitioned", version=1, topic=CUSTOMS_TOPIC
):
    """Any other step of the detention (investigation, determination, court hold, confiscation, disposal,
    referral to police, rejection)."""

    step: str
    from_state: str
    to_state: str
    at: LocalDateTime


class RecordationChangedV1(
    EventData, event_type="intake.customs.recordation_changed", version=1, topic=CUSTOMS_TOPIC
):
    """A recordation was approved, renewed, lapsed, cancelled or revoked (art. 8–11)."""

    recordation_id: UUID
    record_no: str
    status: str
    change: str = Field(description="approved | renewed | lapsed | cancelled | revoked")
    expires_on: dt.date
    reason: str | None = None
