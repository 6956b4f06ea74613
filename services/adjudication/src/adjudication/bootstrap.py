"""Adjudication's composition root: settings in, a wired container out (nothing connects before this)."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass

from adjudication.adapters.orm import messaging
from adjudication.domain.commands.penalty import ReachPenaltyDeadline
from adjudication.domain.commands.system import ReachDeadline
from adjudication.domain.values.rules import CaseRules
from adjudication.entrypoints import consumer
from adjudication.handlers import COMMAND_HANDLERS
from adjudication.handlers.effects import CASE_TIMER, PENALTY_TIMER
from adjudication.rules import case_rules
from adjudication.settings import AdjudicationSettings
from adjudication.unit_of_work import AdjudicationUnitOfWork
from adjudication.views import CaseViews
from adjudication.views.ops import overdue_deadlines
from shared.messagebus import MessageBus
from shared.messaging.consumer import bind
from shared.opsview import register_overdue_deadlines
from shared.platform import Platform, build_platform
from shared.supervision import Part
from shared.timers import TimerHandler
from shared.timers.dispatch import timer_handlers
from shared.worker import Worker

Bus = MessageBus[AdjudicationUnitOfWork]


@dataclass(frozen=True, slots=True)
class AdjudicationContainer:
    """What the API and the worker share; tests drive timers through ``uow_factory``/``timer_handlers``."""

    platform: Platform
    worker: Worker
    bus: Bus
    views: CaseViews
    rules: CaseRules
    uow_factory: Callable[[], AdjudicationUnitOfWork]
    timer_handlers: Mapping[str, TimerHandler]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@asynccontextmanager
async def bootstrap(settings: AdjudicationSettings) -> AsyncIterator[AdjudicationContainer]:
    platform = build_platform(settings, messaging)
    register_overdue_deadlines(settings.service_name, overdue_deadlines(settings.office_code))
    rules = case_rules(settings)
    uow_factory = platform.uow_factory(AdjudicationUnitOfWork)
    bus: Bus = MessageBus(uow_factory, COMMAND_HANDLERS, {"clock": utc_now, "rules": rules})
    handlers = timer_handlers(bus, {CASE_TIMER: ReachDeadline, PENALTY_TIMER: ReachPenaltyDeadline})
    subscriptions = bind(consumer.SUBSCRIPTIONS, bus=bus, own_source=platform.source)
    inbound = platform.consumer("inbound", subscriptions, uow_factory)
    scheduler = platform.timer_scheduler(uow_factory, handlers)
    worker = platform.worker(consumers=[inbound], jobs=[Part("timers", scheduler.run)])
    try:
        yield AdjudicationContainer(
            platform=platform,
            worker=worker,
            bus=bus,
            views=CaseViews(platform.sessions, rules),
            rules=rules,
            uow_factory=uow_factory,
            timer_handlers=handlers,
        )
    finally:
        await platform.close()
