"""Adjudication's composition root."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from adjudication import handlers
from adjudication.adapters.orm import messaging
from adjudication.entrypoints import consumer
from adjudication.settings import AdjudicationSettings
from adjudication.unit_of_work import AdjudicationUnitOfWork
from adjudication.views import CaseViews
from shared.messagebus import MessageBus
from shared.platform import Platform, build_platform
from shared.worker import Worker


@dataclass(frozen=True, slots=True)
class AdjudicationContainer:
    platform: Platform
    worker: Worker
    bus: MessageBus[AdjudicationUnitOfWork]
    views: CaseViews


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@asynccontextmanager
async def bootstrap(settings: AdjudicationSettings) -> AsyncIterator[AdjudicationContainer]:
    platform = build_platform(settings, messaging)
    uow_factory = platform.uow_factory(AdjudicationUnitOfWork)
    bus = MessageBus(uow_factory, handlers.COMMAND_HANDLERS, {"clock": utc_now})
    worker = platform.worker(
        consumers=[platform.consumer("complaints", consumer.subscriptions(bus), uow_factory)]
    )
    try:
        yield AdjudicationContainer(
            platform=platform, worker=worker, bus=bus, views=CaseViews(platform.sessions)
        )
    finally:
        await platform.close()
