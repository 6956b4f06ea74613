"""The partners service's consumers.

``partners.projection`` subscribes to every internal contract some partner kind projects (the
contract tables in :mod:`partners.domain.projection`) and to ``court_message.rejected`` /
``customs_message.rejected``; each event lands, signed, on the feed of every partner it is
addressed to, in the inbox transaction.

``partners.inbound`` reads ``partner.court.inbound`` and ``partner.customs.inbound``: whatever a
partner produced there, signed or not, well-formed or not, goes through the gateway
(:mod:`partners.handlers.inbound`) — never to the dead-letter topic, because the sender must be
told. Its inbox key is the record's position, not the partner-chosen event id.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from aiokafka.structs import ConsumerRecord

from partners.domain.projection import source_contracts
from partners.handlers.inbound import Inbound, receive
from partners.handlers.projection import ActivePartners, project_event
from partners.handlers.publishing import Issuer
from partners.unit_of_work import PartnersUnitOfWork
from shared.contracts import CloudEvent, EventData
from shared.contracts.customs import CustomsMessageRefusedV1
from shared.contracts.partner import COURT_INBOUND_TOPIC, CUSTOMS_INBOUND_TOPIC, CourtMessageRefusedV1
from shared.messaging.consumer import EventConsumer, Subscription
from shared.signing import SignatureInvalid, event_from_kafka

INBOUND_TOPICS = (COURT_INBOUND_TOPIC, CUSTOMS_INBOUND_TOPIC)


async def on_internal_event(
    data: EventData, event: CloudEvent, uow: PartnersUnitOfWork, *, issuer: Issuer, registry: ActivePartners
) -> None:
    await project_event(data, event, uow, issuer=issuer, registry=registry)


async def on_court_refusal(
    data: CourtMessageRefusedV1, event: CloudEvent, uow: PartnersUnitOfWork, *, issuer: Issuer
) -> None:
    """A business-rule refusal downstream: name the court's own message id, not the forwarded one."""
    record = await uow.inbound.forwarded(data.original_id)
    if record is not None and record.partner_code is not None:
        data = data.model_copy(update={"original_id": record.original_id, "court_code": record.partner_code})
    await project_event(data, event, uow, issuer=issuer)


async def on_customs_refusal(
    data: CustomsMessageRefusedV1, event: CloudEvent, uow: PartnersUnitOfWork, *, issuer: Issuer
) -> None:
    """Intake refused a forwarded customs message: name the office's own message id."""
    record = await uow.inbound.forwarded(data.original_id)
    if record is not None and record.partner_code is not None:
        sender = {"original_id": record.original_id, "customs_code": record.partner_code}
        data = data.model_copy(update=sender)
    await project_event(data, event, uow, issuer=issuer)


def projection_subscriptions() -> list[Subscription[Any, PartnersUnitOfWork]]:
    subscriptions: list[Subscription[Any, PartnersUnitOfWork]] = [
        Subscription(contract, on_internal_event)
        for contract in source_contracts()
        if contract not in (CourtMessageRefusedV1, CustomsMessageRefusedV1)
    ]
    subscriptions.append(Subscription(CourtMessageRefusedV1, on_court_refusal))
    subscriptions.append(Subscription(CustomsMessageRefusedV1, on_customs_refusal))
    return subscriptions


class RawInbound(
    EventData, event_type="partner.inbound.raw", version=1, topic=COURT_INBOUND_TOPIC, published=False
):
    """A record from an inbound topic as received (the gateway decides what it is)."""

    event: dict[str, Any]
    signature: str | None = None


async def on_inbound(data: RawInbound, event: CloudEvent, uow: PartnersUnitOfWork, *, issuer: Issuer) -> None:
    await receive(
        Inbound(data.event, data.signature, "kafka"), uow, issuer=issuer, now=dt.datetime.now(dt.UTC)
    )


INBOUND_SUBSCRIPTIONS: list[Subscription[Any, PartnersUnitOfWork]] = [Subscription(RawInbound, on_inbound)]


class InboundConsumer(EventConsumer):
    """An :class:`EventConsumer` over the inbound topics that hands every record to the gateway."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.topics = list(INBOUND_TOPICS)
        self._subscription = next(iter(self._subscriptions.values()))

    def _decode(self, record: ConsumerRecord) -> tuple[CloudEvent, EventData, Subscription[Any, Any]]:
        try:
            structured, signature = event_from_kafka(record.headers, record.value)
        except SignatureInvalid:
            structured, signature = {}, None
        event_type = structured.get("type")
        position = CloudEvent(
            id=f"{record.topic}/{record.partition}/{record.offset}",
            source="/partners/inbound",
            type=event_type[:200] if isinstance(event_type, str) and event_type else "partner.inbound.raw",
            time=dt.datetime.now(dt.UTC),
            data={},
        )
        return position, RawInbound(event=structured, signature=signature), self._subscription
