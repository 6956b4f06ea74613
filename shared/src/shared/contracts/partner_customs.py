"""Partner contracts for a port customs office about its own detentions (§H.2, §E.4a).

Projected by the partners service from intake's ``intake.customs.*`` events onto the feed of the
port office the detention belongs to (never another office's). They carry what the §H.2 inbound
rows ask the centre to answer — the port's own reference, the holder's 3-WD response deadline, the
holder's decision and guarantee, the detention date and release deadline, the release ground — and
nothing else: no holder, consignee or consignor identity (customs sent those), no goods, no internal
state names beyond the step, no guarantee reference.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import Field

from shared.contracts.partner import CUSTOMS_FEED, PartnerEvent
from shared.local_time import LocalDateTime


class _Detention(PartnerEvent):
    customs_ref: str = Field(description="The port's own notice or case number")
    port_code: str
    route: str = Field(description="ex_officio | on_application")


class CustomsDetentionAcknowledgedV1(
    _Detention, event_type="partner.customs.detention_acknowledged", version=1, topic=CUSTOMS_FEED
):
    """§H.2 ``customs.detention_notified`` answered: the centre holds the case; the holder's deadline."""

    holder_response_due: dt.date | None = Field(default=None, description="3 WD from service (art. 16)")
    acknowledged_at: LocalDateTime


class CustomsHolderDecidedV1(
    _Detention, event_type="partner.customs.holder_decided", version=1, topic=CUSTOMS_FEED
):
    """The holder applies for detention with a guarantee, or lets the goods go (art. 16)."""

    decision: str = Field(description="apply | let_go")
    guarantee_amount: Decimal | None = None
    guarantee_form: str | None = None
    decided_at: LocalDateTime


class CustomsDetentionClockV1(
    _Detention, event_type="partner.customs.detention_clock", version=1, topic=CUSTOMS_FEED
):
    """§H.2 ``customs.detained``: the release deadline (20 WD / 50 WD) the centre tracks."""

    detained_on: dt.date
    release_due: dt.date | None = None
    investigation_due: dt.date | None = None


class CustomsReleaseRecordedV1(
    _Detention, event_type="partner.customs.release_recorded", version=1, topic=CUSTOMS_FEED
):
    """§H.2 ``customs.released`` (art. 24 ground), including a release by the centre's timer."""

    reason: str
    released_at: LocalDateTime


class CustomsDetentionStepV1(
    _Detention, event_type="partner.customs.detention_step", version=1, topic=CUSTOMS_FEED
):
    """Any other step of the detention as the centre recorded it (determination, court hold, …)."""

    step: str
    at: LocalDateTime
