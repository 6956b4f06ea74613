"""Mediation's composition root."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from mediation import handlers
from mediation.adapters.orm import messaging
from mediation.entrypoints import consumer
from mediation.settings import MediationSettings
from mediation.unit_of_work import MediationUnitOfWork
from mediation.views import MediationViews
from shared.messagebus import MessageBus
from shared.platform import Platform, build_platform
from shared.worker import Worker


@dataclass(frozen=True, slots=True)
class MediationContainer:
    platform: Platform
    worker: Worker
    bus: MessageBus[MediationUnitOfWork]
    views: MediationViews


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@asynccontextmanager
async def bootstrap(settings: MediationSettings) -> AsyncIterator[MediationContainer]:
    platform = build_platform(settings, messaging)
    uow_factory = platform.uow_factory(MediationUnitOfWork)
    bus = MessageBus(uow_factory, handlers.COMMAND_HANDLERS, {"clock": utc_now})
    worker = platform.worker(
        consumers=[platform.consumer("complaints", consumer.subscriptions(bus), uow_factory)]
    )
    try:
        yield MediationContainer(
            platform=platform, worker=worker, bus=bus, views=MediationViews(platform.sessions)
        )
    finally:
        await platform.close()
