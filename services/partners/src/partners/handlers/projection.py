"""Project one internal event onto the feeds of the partners it is addressed to."""

from __future__ import annotations

import datetime as dt
import time

from partners.domain.projection import Source, producer_of, project
from partners.domain.registry import Partner, PartnerKind
from partners.handlers.publishing import Issuer, publish
from partners.unit_of_work import PartnersUnitOfWork
from shared.contracts import CloudEvent, EventData


def source_of(event: CloudEvent, data: EventData) -> Source:
    return Source(
        event_id=event.id, producer=producer_of(event.source), time=event.time, confidential=data.confidential
    )


class ActivePartners:
    """The active partners of each kind, re-read at most every ``ttl`` seconds (the projection
    reads them for every event; a registry change reaches the projection within ``ttl``)."""

    def __init__(self, ttl: float = 1.0) -> None:
        self._ttl = ttl
        self._cache: dict[PartnerKind, tuple[float, list[Partner]]] = {}

    async def of(self, uow: PartnersUnitOfWork, kind: PartnerKind) -> list[Partner]:
        now = time.monotonic()
        cached = self._cache.get(kind)
        if cached is None or now - cached[0] > self._ttl:
            cached = (now, await uow.partners.active(kind))
            self._cache[kind] = cached
        return cached[1]


async def project_event(
    data: EventData,
    event: CloudEvent,
    uow: PartnersUnitOfWork,
    *,
    issuer: Issuer,
    registry: ActivePartners | None = None,
) -> int:
    """Every partner event ``data`` becomes, on every addressed partner's feed; how many were added."""
    added = 0
    for kind, projections in project(data, source_of(event, data)).items():
        if not projections:
            continue
        partners = await registry.of(uow, kind) if registry else await uow.partners.active(kind)
        for projection in projections:
            reached = [partner for partner in partners if projection.reaches(partner)]
            added += len(await publish(uow, reached, projection, issuer))
    return added


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
