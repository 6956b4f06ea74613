"""Intake's composition root: settings in, a wired container out (nothing connects before this)."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from intake import handlers
from intake.adapters.orm import messaging
from intake.settings import IntakeSettings
from intake.unit_of_work import IntakeUnitOfWork
from intake.views import ComplaintViews
from shared.messagebus import MessageBus
from shared.platform import Platform, build_platform
from shared.worker import Worker


@dataclass(frozen=True, slots=True)
class IntakeContainer:
    platform: Platform
    worker: Worker
    bus: MessageBus[IntakeUnitOfWork]
    views: ComplaintViews


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@asynccontextmanager
async def bootstrap(settings: IntakeSettings) -> AsyncIterator[IntakeContainer]:
    platform = build_platform(settings, messaging)
    bus = MessageBus(platform.uow_factory(IntakeUnitOfWork), handlers.COMMAND_HANDLERS, {"clock": utc_now})
    try:
        yield IntakeContainer(
            platform=platform, worker=platform.worker(), bus=bus, views=ComplaintViews(platform.sessions)
        )
    finally:
        await platform.close()
