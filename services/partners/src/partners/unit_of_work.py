"""The partners unit of work: registry, feeds, inbound log and webhook deliveries on one session."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from partners.adapters.deliveries import Deliveries
from partners.adapters.feed import FeedStore
from partners.adapters.inbound import InboundLog
from partners.adapters.registry import PartnerRepository
from shared.uow import UnitOfWork


class PartnersUnitOfWork(UnitOfWork):
    partners: PartnerRepository
    feed: FeedStore
    inbound: InboundLog
    deliveries: Deliveries

    def _bind(self, session: AsyncSession) -> None:
        self.partners = PartnerRepository(session)
        self.feed = FeedStore(session)
        self.inbound = InboundLog(session)
        self.deliveries = Deliveries(session)

    async def commit(self) -> None:
        """The staged feed entries (a whole consumer batch's) are written just before the commit."""
        await self.feed.flush()
        await super().commit()

    async def rollback(self) -> None:
        if hasattr(self, "feed"):
            self.feed.discard()
        await super().rollback()
