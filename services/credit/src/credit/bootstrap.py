"""Credit's composition root: settings in, a wired container out (nothing connects before this)."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TypeVar

from credit import handlers
from credit.adapters.orm import messaging
from credit.domain.commands import ReachCommitmentDeadline, ReachRecordDeadline, RunMonthlyGrades
from credit.domain.deadlines import GRADES_AGGREGATE, TimerKind
from credit.domain.policy import CreditRules
from credit.entrypoints import consumer
from credit.handlers.grades import schedule_monthly_grades
from credit.handlers.steps import Clock
from credit.rules import CreditOptions, load_credit_rules, load_grade_rules
from credit.settings import CreditSettings
from credit.unit_of_work import CreditUnitOfWork
from credit.views.bulk_check import BulkCheckView
from credit.views.commitments import CommitmentViews
from credit.views.disclosure import DisclosureViews
from credit.views.records import RecordViews
from credit.views.risk_profile import RiskProfileView
from credit.views.subjects import SubjectViews
from credit.views.unmatched import UnmatchedViews
from shared.domain.deadlines import DeadlineReached
from shared.liveness import Pulse
from shared.messagebus import MessageBus
from shared.messaging.consumer import bind
from shared.platform import Platform, build_platform
from shared.supervision import Part, PartRun
from shared.timers import TimerHandler
from shared.timers.dispatch import timer_handlers
from shared.uow import Transaction
from shared.worker import Worker

U = TypeVar("U", bound=Transaction)
UowFactory = Callable[[], CreditUnitOfWork]

TIMER_COMMANDS: Mapping[str, type[DeadlineReached]] = {
    TimerKind.NOTICE_WINDOW: ReachRecordDeadline,
    TimerKind.PUBLICATION_DUE: ReachRecordDeadline,
    TimerKind.LISTING_EXPIRY: ReachRecordDeadline,
    TimerKind.WITHDRAWAL_DUE: ReachRecordDeadline,
    TimerKind.COMMITMENT_VERIFICATION: ReachCommitmentDeadline,
    TimerKind.MONTHLY_GRADES: RunMonthlyGrades,
}
"""Every timer kind credit arms, and the command it becomes on the bus."""


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True, slots=True)
class CreditViews:
    subjects: SubjectViews
    records: RecordViews
    bulk_check: BulkCheckView
    disclosure: DisclosureViews
    commitments: CommitmentViews
    unmatched: UnmatchedViews
    risk_profile: RiskProfileView


@dataclass(frozen=True, slots=True)
class CreditContainer:
    """The wired service. ``uow_factory`` and ``timer_handlers`` are here so that a test can run a
    ``TimerScheduler`` with a fake clock against the same database, and ``bus_with_clock`` so that
    it can take steps at a date of its choosing."""

    platform: Platform
    worker: Worker
    bus: MessageBus[CreditUnitOfWork]
    views: CreditViews
    rules: CreditRules
    options: CreditOptions
    clock: Clock
    uow_factory: UowFactory
    timer_handlers: Mapping[str, TimerHandler]

    def bus_with_clock(self, clock: Clock) -> MessageBus[CreditUnitOfWork]:
        return command_bus(self.uow_factory, clock, self.rules, self.options)


def command_bus(
    uow_factory: Callable[[], U], clock: Clock, rules: CreditRules, options: CreditOptions
) -> MessageBus[U]:
    dependencies = {"clock": clock, "rules": rules, "options": options}
    return MessageBus(uow_factory, handlers.COMMAND_HANDLERS, dependencies)


def credit_options(settings: CreditSettings) -> CreditOptions:
    return CreditOptions(
        office_code=settings.office_code,
        office_name=settings.office_name or settings.office_code,
        province=settings.province_code,
        low_fine_threshold=settings.penalty_low_fine_threshold,
        warning_working_days=settings.deadline_warning_working_days,
        grade_rules=load_grade_rules(settings.grade_rules_file) if settings.grade_rules_file else None,
        grade_source_priority=settings.grade_source_priority,
        mediation_default_candidates=settings.mediation_default_candidates,
    )


@asynccontextmanager
async def bootstrap(settings: CreditSettings) -> AsyncIterator[CreditContainer]:
    platform = build_platform(settings, messaging)
    rules = load_credit_rules(settings.credit_rules_file)
    options = credit_options(settings)
    uow_factory = platform.uow_factory(CreditUnitOfWork)
    bus = command_bus(uow_factory, utc_now, rules, options)
    on_timer = timer_handlers(bus, TIMER_COMMANDS)
    jobs = [Part("timers", platform.timer_scheduler(uow_factory, on_timer).run)]
    if options.grade_rules is not None:
        jobs.append(Part("grades-armer", _monthly_grades_armer(uow_factory, utc_now), one_shot=True))
    consumers = [
        platform.consumer(name, bind(subscriptions, bus=bus), uow_factory)
        for name, subscriptions in consumer.SUBSCRIPTIONS.items()
    ]
    try:
        yield CreditContainer(
            platform=platform,
            worker=platform.worker(consumers=consumers, jobs=jobs),
            bus=bus,
            views=_views(platform, rules, options),
            rules=rules,
            options=options,
            clock=utc_now,
            uow_factory=uow_factory,
            timer_handlers=on_timer,
        )
    finally:
        await platform.close()


def _views(platform: Platform, rules: CreditRules, options: CreditOptions) -> CreditViews:
    return CreditViews(
        subjects=SubjectViews(platform.sessions, rules, options.grade_source_priority),
        records=RecordViews(platform.sessions, rules, messaging.timers),
        bulk_check=BulkCheckView(platform.sessions, options.grade_source_priority),
        disclosure=DisclosureViews(platform.sessions, rules, options.office_name),
        commitments=CommitmentViews(platform.sessions),
        unmatched=UnmatchedViews(platform.sessions),
        risk_profile=RiskProfileView(platform.sessions),
    )


def _monthly_grades_armer(uow_factory: UowFactory, clock: Clock) -> PartRun:
    """A worker job that arms the monthly grade recompute once, if no run is scheduled yet."""

    async def arm(stop: asyncio.Event, pulse: Pulse) -> None:
        async with uow_factory() as uow:
            if not await uow.timers.scheduled(GRADES_AGGREGATE):
                await schedule_monthly_grades(uow, after=clock())
                await uow.commit()

    return arm
