"""Put a partner event on one partner's feed: sign it, store it with the next seq, publish it on the
partner's own topic through the outbox, and schedule its webhook delivery."""

from __future__ import annotations

from dataclasses import dataclass

from partners.adapters.keys import OfficeKeys
from partners.domain.projection import Projection
from partners.domain.registry import Channel, Partner
from partners.unit_of_work import PartnersUnitOfWork
from shared.contracts import CloudEvent
from shared.contracts.partner import feed_topic
from shared.logs import current_correlation_id
from shared.signing import SIGNATURE_ATTRIBUTE, sign_event, structured_event


@dataclass(frozen=True, slots=True)
class Issuer:
    """Who signs and sends partner events: the office's keys and its CloudEvents source."""

    keys: OfficeKeys
    source: str


def signed_event(
    projection: Projection, issuer: Issuer, *, subject: str
) -> tuple[CloudEvent, dict[str, object], str]:
    """The CloudEvent, its structured (JSON) form with ``ipcasesig``, and the signature."""
    event = CloudEvent.from_data(
        projection.data,
        source=issuer.source,
        subject=subject,
        correlation_id=current_correlation_id(),
        causation_id=projection.data.source_event_id,
    )
    structured = structured_event(event.header_attributes(), event.data)
    signature = sign_event(structured, issuer.keys.current)
    return event, {**structured, SIGNATURE_ATTRIBUTE: signature}, signature


async def publish_to(
    uow: PartnersUnitOfWork, partner: Partner, projection: Projection, issuer: Issuer
) -> int | None:
    """Append ``projection`` to ``partner``'s feed (once per source event); the new seq, or None."""
    data = projection.data
    if await uow.feed.has(partner.code, data.source_event_id, data.event_type):
        return None
    subject = str(data.case_id) if data.case_id is not None else data.source_event_id
    event, structured, signature = signed_event(projection, issuer, subject=subject)
    seq = await uow.feed.append(
        partner.code,
        event=structured,
        signature=signature,
        source_event_id=data.source_event_id,
        time=event.time,
    )
    if Channel.KAFKA in partner.channels:
        uow.outbox.add_event(
            event, topic=feed_topic(partner.code), key=subject, extensions={SIGNATURE_ATTRIBUTE: signature}
        )
    if Channel.WEBHOOK in partner.channels:
        await uow.deliveries.schedule(partner.code, [seq])
    return seq
