"""Mediation's composition root: settings in, a wired container out (nothing connects before this)."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

from mediation import handlers
from mediation.adapters.orm import messaging
from mediation.entrypoints.consumer import SUBSCRIPTIONS
from mediation.handlers.deadlines import TIMER_COMMANDS
from mediation.rules import MediationRules
from mediation.settings import MediationSettings
from mediation.unit_of_work import MediationUnitOfWork
from mediation.views import MediationViews
from shared.messagebus import MessageBus
from shared.messaging.consumer import bind
from shared.platform import Platform, build_platform
from shared.supervision import Part
from shared.timers import TimerHandler
from shared.timers.dispatch import timer_handlers
from shared.worker import Worker


@dataclass(frozen=True, slots=True)
class MediationContainer:
    platform: Platform
    worker: Worker
    bus: MessageBus[MediationUnitOfWork]
    views: MediationViews
    rules: MediationRules
    uow_factory: Callable[[], MediationUnitOfWork]
    timer_handlers: dict[str, TimerHandler]
    """Exposed so a test can fire timers with a fake clock against the same database."""


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@asynccontextmanager
async def bootstrap(settings: MediationSettings) -> AsyncIterator[MediationContainer]:
    platform = build_platform(settings, messaging)
    rules = MediationRules.from_settings(settings)
    uow_factory = platform.uow_factory(MediationUnitOfWork)
    bus = MessageBus(uow_factory, handlers.COMMAND_HANDLERS, {"clock": utc_now, "rules": rules})
    on_timer = timer_handlers(bus, TIMER_COMMANDS)
    scheduler = platform.timer_scheduler(uow_factory, on_timer)
    worker = platform.worker(
        consumers=[
            platform.consumer(name, bind(subscriptions, bus=bus), uow_factory)
            for name, subscriptions in SUBSCRIPTIONS.items()
        ],
        jobs=[Part("timers", scheduler.run)],
    )
    try:
        yield MediationContainer(
            platform=platform,
            worker=worker,
            bus=bus,
            views=MediationViews(platform.sessions, rules),
            rules=rules,
            uow_factory=uow_factory,
            timer_handlers=on_timer,
        )
    finally:
        await platform.close()
