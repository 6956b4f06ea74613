"""Put a partner event on one partner's feed: sign it, store it with the next seq, publish it on the
partner's own topic through the outbox, and schedule its webhook delivery."""

from __future__ import annotations

from dataclasses import dataclass

from partners.adapters.feed import NewEntry
from partners.adapters.keys import OfficeKeys
from partners.domain.projection import Projection
from partners.domain.registry import Channel, Partner
from partners.unit_of_work import PartnersUnitOfWork
from shared.contracts import CloudEvent
from shared.contracts.partner import feed_topic
from shared.logs import current_correlation_id
from shared.signing import SIGNATURE_ATTRIBUTE, canonical_data, sign_event, structured_event


@dataclass(frozen=True, slots=True)
class Issuer:
    """Who signs and sends partner events: the office's keys and its CloudEvents source."""

    keys: OfficeKeys
    source: str


@dataclass(frozen=True, slots=True)
class Shared:
    """What the entries of one projection share, whichever partner they go to: the CloudEvent
    (validated once; each entry is a copy with its own id and time) and the canonical bytes of its
    data (canonicalized once; each entry's signature covers them with its own attributes)."""

    event: CloudEvent
    data: bytes

    @classmethod
    def of(cls, projection: Projection, issuer: Issuer, *, subject: str) -> Shared:
        event = CloudEvent.from_data(
            projection.data,
            source=issuer.source,
            subject=subject,
            correlation_id=current_correlation_id(),
            causation_id=projection.data.source_event_id,
        )
        return cls(event, canonical_data(event.data))


def signed_event(shared: Shared, issuer: Issuer) -> tuple[CloudEvent, dict[str, object], str]:
    """One entry's CloudEvent (its own id and time), its structured (JSON) form with ``ipcasesig``,
    and the signature."""
    event = shared.event.issued_anew()
    structured = structured_event(event.header_attributes(), event.data)
    signature = sign_event(structured, issuer.keys.current, data=shared.data)
    return event, {**structured, SIGNATURE_ATTRIBUTE: signature}, signature


async def publish(
    uow: PartnersUnitOfWork, partners: list[Partner], projection: Projection, issuer: Issuer
) -> list[str]:
    """Append ``projection`` to each partner's feed (its own signed CloudEvent each); the partners.

    The entries are staged and written, each with the next seq of its partner's feed, when the unit
    of work commits (with every other event of a consumer's batch). The consumer's inbox makes this
    once per internal event.
    """
    if not partners:
        return []
    data = projection.data
    subject = str(data.case_id) if data.case_id is not None else data.source_event_id
    shared = Shared.of(projection, issuer, subject=subject)
    entries = []
    for partner in partners:
        event, structured, signature = signed_event(shared, issuer)
        entries.append(NewEntry(partner.code, structured, signature, data.source_event_id, event.time))
        if Channel.KAFKA in partner.channels:
            # Keyed by the partner: its whole feed in one partition, in seq order, as on HTTP.
            uow.outbox.add_event(
                event,
                topic=feed_topic(partner.code),
                key=partner.code,
                extensions={SIGNATURE_ATTRIBUTE: signature},
            )
    uow.feed.stage(entries, webhook={p.code for p in partners if Channel.WEBHOOK in p.channels})
    return [partner.code for partner in partners]
