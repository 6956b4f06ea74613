"""Intake's composition root: settings in, a wired container out (nothing connects before this)."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from decimal import Decimal

from intake.adapters.evidence_store import EvidenceFiles
from intake.adapters.orm import messaging
from intake.adapters.registry_import import RegistryImporter
from intake.domain.customs.clocks import ClockWarnings
from intake.domain.customs.guarantee import GuaranteeRules, Tier
from intake.domain.customs.rules import CustomsRules
from intake.entrypoints.complaint_import import ComplaintImporter
from intake.entrypoints.consumer import SUBSCRIPTIONS
from intake.entrypoints.customs_consumer import SUBSCRIPTIONS as CUSTOMS_SUBSCRIPTIONS
from intake.handlers import COMMAND_HANDLERS, TIMER_COMMANDS
from intake.rules import IntakeRules, load_rules
from intake.settings import IntakeSettings
from intake.unit_of_work import ImportBatchUnitOfWork, IntakeUnitOfWork
from intake.views import IntakeViews
from shared.files import ClamdScanner
from shared.messagebus import MessageBus
from shared.messaging.consumer import bind
from shared.platform import Platform, build_platform
from shared.supervision import Part
from shared.timers.dispatch import timer_handlers
from shared.timers.scheduler import TimerHandler
from shared.worker import Worker


@dataclass(frozen=True, slots=True)
class IntakeContainer:
    platform: Platform
    settings: IntakeSettings
    worker: Worker
    bus: MessageBus[IntakeUnitOfWork]
    views: IntakeViews
    evidence_files: EvidenceFiles
    rules: IntakeRules
    importer: RegistryImporter
    complaint_importer: ComplaintImporter
    clock: Callable[[], dt.datetime]
    uow_factory: Callable[[], IntakeUnitOfWork]
    timer_handlers: dict[str, TimerHandler]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def intake_rules(settings: IntakeSettings) -> IntakeRules:
    office = settings.office_code[:6]
    return IntakeRules(
        table=load_rules(settings.rules_file),
        centre=settings.centre,
        office_code=settings.office_code,
        office_region_code=office if office.isdigit() and office != "000000" else None,
        province=settings.province_code,
        media_types=frozenset(settings.evidence_media_types),
        warn_working_days=settings.deadline_warn_working_days,
    )


def customs_rules(settings: IntakeSettings) -> CustomsRules:
    full_below = settings.customs_tier_full_value_below
    tiers = (
        Tier(up_to=full_below - Decimal("0.01"), rate=Decimal(1)),
        Tier(
            up_to=settings.customs_tier_mid_upper,
            rate=settings.customs_tier_mid_rate,
            minimum=settings.customs_tier_mid_minimum,
        ),
        Tier(up_to=None, fixed=settings.customs_tier_high_fixed),
    )
    return CustomsRules(
        guarantee=GuaranteeRules(
            ex_officio_tiers=tiers,
            general_guarantee_minimum=settings.customs_general_guarantee_minimum,
            ex_officio_tiers_binding=settings.customs_tiers_binding,
        ),
        warnings=ClockWarnings(
            holder_response=settings.customs_warn_holder_working_days,
            release=settings.customs_warn_release_working_days,
        ),
        office_code=settings.customs_office_code or settings.office_code,
    )


@asynccontextmanager
async def bootstrap(
    settings: IntakeSettings, clock: Callable[[], dt.datetime] = utc_now
) -> AsyncIterator[IntakeContainer]:
    rules = intake_rules(settings)  # a malformed rule table stops the start here
    platform = build_platform(settings, messaging)
    uow_factory = platform.uow_factory(IntakeUnitOfWork)
    scanner = (
        ClamdScanner(settings.clamd_host, settings.clamd_port, timeout=settings.clamd_timeout.total_seconds())
        if settings.clamd_host
        else None
    )
    evidence_files = EvidenceFiles(settings.evidence_dir, settings.evidence_max_bytes, scanner)
    bus = MessageBus(
        uow_factory,
        COMMAND_HANDLERS,
        {
            "clock": clock,
            "rules": rules,
            "evidence_files": evidence_files,
            "customs": customs_rules(settings),
        },
    )
    importer = RegistryImporter(
        uow_factory=uow_factory,
        import_dir=settings.import_dir,
        batch_size=settings.import_batch_size,
        poll_interval=settings.import_poll_interval,
        clock=clock,
    )
    complaint_importer = ComplaintImporter(
        uow_factory=platform.uow_factory(ImportBatchUnitOfWork),
        rules=rules,
        import_dir=settings.import_dir,
        batch_size=settings.complaint_import_batch_size,
        rows_per_second=settings.complaint_import_rows_per_second,
        poll_interval=settings.import_poll_interval,
        clock=clock,
    )
    timers = timer_handlers(bus, TIMER_COMMANDS)
    worker = platform.worker(
        consumers=[
            platform.consumer("outcomes", bind(SUBSCRIPTIONS, bus=bus), uow_factory),
            platform.consumer("customs", bind(CUSTOMS_SUBSCRIPTIONS, bus=bus), uow_factory),
        ],
        jobs=[
            Part("timers", platform.timer_scheduler(uow_factory, timers).run),
            Part("registry-import", importer.run),
            Part("complaint-import", complaint_importer.run),
        ],
    )
    try:
        yield IntakeContainer(
            platform=platform,
            settings=settings,
            worker=worker,
            bus=bus,
            views=IntakeViews.on(platform.sessions, customs_rules(settings).warnings),
            evidence_files=evidence_files,
            rules=rules,
            importer=importer,
            complaint_importer=complaint_importer,
            clock=clock,
            uow_factory=uow_factory,
            timer_handlers=timers,
        )
    finally:
        await platform.close()
