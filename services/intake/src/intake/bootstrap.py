"""Intake's composition root: settings in, a wired container out (nothing connects before this)."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

from intake.adapters.evidence_store import EvidenceFiles
from intake.adapters.orm import messaging
from intake.adapters.registry_import import RegistryImporter
from intake.config import IntakeConfig, load_rules
from intake.entrypoints import consumer
from intake.handlers import COMMAND_HANDLERS
from intake.handlers.timers import TIMER_HANDLERS
from intake.registry_views import RegistryViews
from intake.settings import IntakeSettings
from intake.unit_of_work import IntakeUnitOfWork
from intake.views import ComplaintViews
from shared.messagebus import MessageBus
from shared.platform import Platform, build_platform
from shared.supervision import Part
from shared.worker import Worker


@dataclass(frozen=True, slots=True)
class IntakeContainer:
    platform: Platform
    settings: IntakeSettings
    worker: Worker
    bus: MessageBus[IntakeUnitOfWork]
    views: ComplaintViews
    registry_views: RegistryViews
    evidence_files: EvidenceFiles
    importer: RegistryImporter
    clock: Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def intake_config(settings: IntakeSettings) -> IntakeConfig:
    office = settings.office_code[:6]
    return IntakeConfig(
        rules=load_rules(settings.rules_file),
        centre=settings.centre,
        office_region_code=office if office.isdigit() and office != "000000" else None,
        province=settings.province_code,
        media_types=frozenset(settings.evidence_media_types),
        warn_working_days=settings.deadline_warn_working_days,
    )


@asynccontextmanager
async def bootstrap(
    settings: IntakeSettings, clock: Callable[[], dt.datetime] = utc_now
) -> AsyncIterator[IntakeContainer]:
    config = intake_config(settings)  # a malformed rule table stops the start here
    platform = build_platform(settings, messaging)
    uow_factory = platform.uow_factory(IntakeUnitOfWork)
    evidence_files = EvidenceFiles(settings.evidence_dir, settings.evidence_max_bytes)
    bus = MessageBus(
        uow_factory,
        COMMAND_HANDLERS,
        {"clock": clock, "config": config, "evidence_files": evidence_files},
    )
    importer = RegistryImporter(
        uow_factory=uow_factory,
        import_dir=settings.import_dir,
        batch_size=settings.import_batch_size,
        poll_interval=settings.import_poll_interval,
        clock=clock,
    )
    timers = platform.timer_scheduler(uow_factory, TIMER_HANDLERS)
    worker = platform.worker(
        consumers=[platform.consumer("outcomes", consumer.subscriptions(bus), uow_factory)],
        jobs=[Part("timers", timers.run), Part("registry-import", importer.run)],
    )
    try:
        yield IntakeContainer(
            platform=platform,
            settings=settings,
            worker=worker,
            bus=bus,
            views=ComplaintViews(platform.sessions),
            registry_views=RegistryViews(platform.sessions),
            evidence_files=evidence_files,
            importer=importer,
            clock=clock,
        )
    finally:
        await platform.close()
