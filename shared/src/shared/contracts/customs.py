"""Messages a port customs office sends to ipcase (inbound; domain-rules §E, issue 15).

A customs office signs each message with its own key and produces it to ``partner.customs.inbound``
(or POSTs it to the partners gateway's ``/v1/inbound``). The gateway verifies the signature against
the keys registered to that office, refuses a payload whose ``customs_code`` names anyone but the
signer, validates it against the contract below and forwards it, re-signed with the gateway's own
key, on :data:`CUSTOMS_INBOUND_TOPIC`; intake consumes it and applies it with the same command its
REST routes build (``intake.entrypoints.customs_inbound.inbound_command``). The type's last segment
is intake's message type (``customs.detained`` → ``detained``).

Enumerated values (route, release ground, guarantee form, lapse reason, …) are the ones intake's
REST API documents; intake refuses any other with ``customs_message.rejected``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from shared.contracts.base import EventData
from shared.local_time import LocalDateTime

CUSTOMS_INBOUND_TOPIC = "customs.intake"
"""Verified customs messages, as the partners gateway forwards them to intake."""

Short = Annotated[str, Field(min_length=1, max_length=200)]
Long = Annotated[str, Field(min_length=1, max_length=4000)]
Money = Annotated[Decimal, Field(ge=0, le=Decimal("1e12"), max_digits=16, decimal_places=2)]
Code = Annotated[str, Field(min_length=1, max_length=40)]
Reason = Annotated[str, Field(min_length=1, max_length=2000)]
"""A reason or explanation, bounded as intake's request schemas bound it."""


class _Value(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CustomsParty(_Value):
    name: Short
    credit_code: Annotated[str, Field(min_length=18, max_length=18)] | None = None


class CustomsGoods(_Value):
    description: Long
    value: Money
    quantity: Annotated[str, Field(max_length=200)] = ""
    hs_code: Annotated[str, Field(pattern=r"^\d{4,10}$")] | None = None


class CustomsGuarantee(_Value):
    amount: Money
    form: Annotated[str, Field(min_length=1, max_length=40, description="cash | bank_guarantee | …")]
    reference: Short = "-"


class CustomsMessage(EventData):
    """Every customs message names its sender; the gateway checks it against the signing key."""

    customs_code: Code = Field(description="The sending port customs office (its partner code)")


class _Step(CustomsMessage):
    customs_ref: Short = Field(description="The port's own notice or case number of the detention")


class DetentionNotifiedV1(
    CustomsMessage, event_type="customs.detention_notified", version=1, topic=CUSTOMS_INBOUND_TOPIC
):
    """Suspect goods found (ex officio, art. 16) or a holder's application received (art. 13)."""

    route: Annotated[str, Field(max_length=40, description="ex_officio | on_application")]
    customs_ref: Short
    ip_type: Annotated[str, Field(max_length=40)]
    ip_reg_no: Short
    recordation_no: Short | None = None
    holder: CustomsParty
    goods: CustomsGoods
    consignee: CustomsParty | None = None
    consignor: CustomsParty | None = None
    served_on: dt.date | None = Field(default=None, description="Service of the notice on the holder")


class DetainedV1(_Step, event_type="customs.detained", version=1, topic=CUSTOMS_INBOUND_TOPIC):
    """The goods are detained on the holder's application with a guarantee (art. 14/16)."""

    detained_on: dt.date
    guarantee: CustomsGuarantee


class RejectedV1(_Step, event_type="customs.rejected", version=1, topic=CUSTOMS_INBOUND_TOPIC):
    """Customs refused the holder's application for detention (art. 15)."""

    reason: Reason


class InvestigationStartedV1(
    _Step, event_type="customs.investigation_started", version=1, topic=CUSTOMS_INBOUND_TOPIC
):
    """Customs began investigating the detained goods (art. 20; the 30-WD clock runs)."""


class InfringementDeterminedV1(
    _Step, event_type="customs.infringement_determined", version=1, topic=CUSTOMS_INBOUND_TOPIC
):
    """Customs found the detained goods infringing (art. 20–21)."""

    finding: Long


class UnableToDetermineV1(
    _Step, event_type="customs.unable_to_determine", version=1, topic=CUSTOMS_INBOUND_TOPIC
):
    """Customs could not determine infringement within 30 WD (art. 21): the 50-WD clock runs."""


class CourtNoticeV1(_Step, event_type="customs.court_notice", version=1, topic=CUSTOMS_INBOUND_TOPIC):
    """A people's court's assistance notice reached customs: the goods stay held (art. 23)."""

    court: Short
    notice_ref: Short


class ReleasedV1(_Step, event_type="customs.released", version=1, topic=CUSTOMS_INBOUND_TOPIC):
    """The goods are released on an art. 24 ground."""

    ground: Annotated[str, Field(max_length=60, description="The art. 24 ground")]
    costs: Money = Decimal(0)
    claim_pending: bool = False
    counter_guarantee: Money | None = None


class ConfiscatedV1(_Step, event_type="customs.confiscated", version=1, topic=CUSTOMS_INBOUND_TOPIC):
    """The infringing goods are confiscated (art. 27)."""


class DisposedV1(_Step, event_type="customs.disposed", version=1, topic=CUSTOMS_INBOUND_TOPIC):
    """The confiscated goods are disposed of by the art. 27 method, in its order."""

    method: Annotated[
        str,
        Field(
            max_length=40,
            description="public_welfare | sale_to_holder | auction_after_removal | destruction",
        ),
    ]
    earlier_excluded: Reason | None = Field(
        default=None, description="Why the earlier art. 27 methods were not possible"
    )
    features_removed: bool = False


class ReferredPoliceV1(_Step, event_type="customs.referred_police", version=1, topic=CUSTOMS_INBOUND_TOPIC):
    """Suspected crime: customs transferred the case to the public security organ (art. 26)."""

    reason: Long


class RecordLicensee(_Value):
    name: Short
    credit_code: Annotated[str, Field(min_length=18, max_length=18)] | None = None
    kind: Annotated[str, Field(max_length=20)] = "ordinary"


class RecordApprovedV1(
    CustomsMessage, event_type="customs.record_approved", version=1, topic=CUSTOMS_INBOUND_TOPIC
):
    """GACC approved a recordation (art. 7–9)."""

    record_no: Short
    ip_type: Annotated[str, Field(max_length=40)]
    ip_reg_no: Short
    holder_name: Short
    holder_credit_code: Annotated[str, Field(min_length=18, max_length=18)] | None = None
    approved_on: dt.date
    expires_on: dt.date | None = None
    licensees: tuple[RecordLicensee, ...] = Field(default=(), max_length=200)


class RecordRenewedV1(
    CustomsMessage, event_type="customs.record_renewed", version=1, topic=CUSTOMS_INBOUND_TOPIC
):
    """A recordation is renewed for 10 more years (art. 10)."""

    record_no: Short
    renewed_on: dt.date


class RecordLapsedV1(
    CustomsMessage, event_type="customs.record_lapsed", version=1, topic=CUSTOMS_INBOUND_TOPIC
):
    """A recordation lapsed or was revoked (art. 10, 11)."""

    record_no: Short
    reason: Short
    note: Annotated[str, Field(max_length=4000)] | None = None


INBOUND: tuple[type[CustomsMessage], ...] = (
    DetentionNotifiedV1,
    DetainedV1,
    RejectedV1,
    InvestigationStartedV1,
    InfringementDeterminedV1,
    UnableToDetermineV1,
    CourtNoticeV1,
    ReleasedV1,
    ConfiscatedV1,
    DisposedV1,
    ReferredPoliceV1,
    RecordApprovedV1,
    RecordRenewedV1,
    RecordLapsedV1,
)
"""Every contract a customs office may send (the partners gateway's table for the customs kind)."""


def message_type(contract: type[EventData]) -> str:
    """Intake's message type for a customs contract: ``customs.detained`` → ``detained``."""
    return contract.event_type.removeprefix("customs.")


CUSTOMS_REJECTIONS_TOPIC = "customs.rejections"


class CustomsMessageRefusedV1(
    EventData, event_type="customs_message.rejected", version=1, topic=CUSTOMS_REJECTIONS_TOPIC
):
    """Internal: intake refused a forwarded customs message (not genuine, or a business rule).

    The partners service projects it onto that office's feed as ``partner.customs.message_rejected``.
    """

    original_id: str = Field(description="The CloudEvents id of the message as the gateway forwarded it")
    original_type: str
    customs_code: str
    reason_code: str = Field(description="The refusing rule's code, e.g. invalid_transition")
    reason: str
    reason_zh: str
    refused_at: LocalDateTime
