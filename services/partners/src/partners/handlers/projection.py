"""Project one internal event onto the feeds of the partners it is addressed to."""

from __future__ import annotations

import datetime as dt

from partners.domain.projection import Source, producer_of, project
from partners.handlers.publishing import Issuer, publish_to
from partners.unit_of_work import PartnersUnitOfWork
from shared.contracts import CloudEvent, EventData


def source_of(event: CloudEvent, data: EventData) -> Source:
    return Source(
        event_id=event.id, producer=producer_of(event.source), time=event.time, confidential=data.confidential
    )


async def project_event(
    data: EventData, event: CloudEvent, uow: PartnersUnitOfWork, *, issuer: Issuer
) -> int:
    """Every partner event ``data`` becomes, on every addressed partner's feed; how many were added."""
    added = 0
    for kind, projections in project(data, source_of(event, data)).items():
        if not projections:
            continue
        partners = await uow.partners.active(kind)
        for projection in projections:
            for partner in partners:
                if (
                    projection.reaches(partner)
                    and await publish_to(uow, partner, projection, issuer) is not None
                ):
                    added += 1
    return added


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
