"""Credit's composition root."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from credit import handlers
from credit.adapters.orm import messaging
from credit.entrypoints import consumer
from credit.settings import CreditSettings
from credit.unit_of_work import CreditUnitOfWork
from credit.views import SubjectViews
from shared.messagebus import MessageBus
from shared.platform import Platform, build_platform
from shared.worker import Worker


@dataclass(frozen=True, slots=True)
class CreditContainer:
    platform: Platform
    worker: Worker
    bus: MessageBus[CreditUnitOfWork]
    views: SubjectViews


@asynccontextmanager
async def bootstrap(settings: CreditSettings) -> AsyncIterator[CreditContainer]:
    platform = build_platform(settings, messaging)
    uow_factory = platform.uow_factory(CreditUnitOfWork)
    bus = MessageBus(uow_factory, handlers.COMMAND_HANDLERS)
    worker = platform.worker(
        consumers=[platform.consumer("complaints", consumer.subscriptions(bus), uow_factory)]
    )
    try:
        yield CreditContainer(
            platform=platform, worker=worker, bus=bus, views=SubjectViews(platform.sessions)
        )
    finally:
        await platform.close()
