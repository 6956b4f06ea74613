"""The infrastructure a service process needs, built from its settings at startup.

:func:`build_platform` creates (without connecting) the engine, session factory and Kafka config;
the platform then makes units of work, consumers, the relay and the worker. A service's bootstrap
adds its own handlers on top.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import structlog
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from shared import tracing
from shared.audit import trail as audit_trail
from shared.audit.checkpoints import Checkpointer, SigningKey
from shared.audit.retention import RetentionPurge
from shared.audit.sealer import AuditSealer
from shared.calendar import catalogue, load_calendar, set_default_calendar
from shared.contracts.base import configure_schema_base
from shared.db import asyncpg_dsn, make_engine, make_sessionmaker
from shared.kafka.clients import KafkaConfig
from shared.messaging.consumer import ConsumerOptions, EventConsumer, Subscription
from shared.messaging.court_gate import PARTNER_TOPICS, CourtGate, GatewayKeys
from shared.messaging.outbox import event_source
from shared.messaging.relay import OutboxRelay, RelayOptions
from shared.messaging.tables import MessagingTables
from shared.messaging.wakeup import Doorbells
from shared.settings import ServiceSettings
from shared.supervision import Part
from shared.timers import TimerHandler, TimerScheduler
from shared.uow import UnitOfWork
from shared.worker import Worker, WorkerOptions

U = TypeVar("U", bound=UnitOfWork)
log = structlog.get_logger(__name__)


@dataclass(frozen=True, slots=True)
class Platform:
    settings: ServiceSettings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    tables: MessagingTables
    kafka: KafkaConfig
    doorbells: Doorbells
    court_gate: CourtGate | None = None
    """Verifies court.* records (the partners gateway's signature); None when no keys are configured."""

    @property
    def source(self) -> str:
        return event_source(self.settings.office_code, self.settings.service_name)

    def uow_factory(self, uow_class: type[U]) -> Callable[[], U]:
        """A factory of the service's unit of work bound to this platform's sessions and outbox."""
        return lambda: uow_class(self.sessions, self.tables, self.source)

    def consumer(
        self,
        name: str,
        subscriptions: Sequence[Subscription[Any, Any]],
        uow_factory: Callable[[], UnitOfWork],
    ) -> EventConsumer:
        settings = self.settings
        return EventConsumer(
            name=f"{settings.service_name}.{name}",
            subscriptions=subscriptions,
            uow_factory=uow_factory,
            kafka=self.kafka,
            options=ConsumerOptions(
                max_attempts=settings.consumer_max_attempts,
                retry_backoff=settings.consumer_retry_backoff,
                retry_backoff_max=settings.consumer_retry_backoff_max,
                max_event_bytes=settings.consumer_max_event_bytes,
                idle_poll=settings.consumer_idle_poll_interval,
                batch_max=settings.consumer_batch_max,
            ),
            doorbells=self.doorbells if settings.consumer_wake_on_notify else None,
            gate=self._gate_for(subscriptions),
        )

    def _gate_for(self, subscriptions: Sequence[Subscription[Any, Any]]) -> CourtGate | None:
        """Court topics are always guarded: without configured keys, by a gate that refuses all."""
        if not any(s.contract.topic in PARTNER_TOPICS for s in subscriptions):
            return None
        return self.court_gate or CourtGate(GatewayKeys('{"keys": []}'))

    def relay(self) -> OutboxRelay:
        settings = self.settings
        return OutboxRelay(
            service=settings.service_name,
            tables=self.tables,
            session_factory=self.sessions,
            dsn=asyncpg_dsn(settings.database_url.get_secret_value()),
            kafka=self.kafka,
            options=RelayOptions(
                batch_size=settings.outbox_batch_size,
                poll_interval=settings.outbox_poll_interval,
                retention=settings.outbox_retention,
                inbox_retention=settings.inbox_retention,
            ),
        )

    def timer_scheduler(
        self, uow_factory: Callable[[], UnitOfWork], handlers: Mapping[str, TimerHandler]
    ) -> TimerScheduler:
        return TimerScheduler(
            uow_factory=uow_factory,
            handlers=handlers,
            service=self.settings.service_name,
            poll_interval=self.settings.timer_poll_interval,
            max_attempts=self.settings.timer_max_attempts,
        )

    def checkpointer(self) -> Checkpointer | None:
        """Signs and exports the audit chain head (None for a service without an audit trail)."""
        audit, settings = self.tables.audit, self.settings
        if audit is None:
            return None
        return Checkpointer(
            service=settings.service_name,
            sessions=self.sessions,
            tables=audit,
            key=lambda: SigningKey.load(settings.audit_signing_key_file, create=settings.dev_mode),
            directory=settings.audit_checkpoint_dir,
            interval=settings.audit_checkpoint_interval,
        )

    def audit_sealer(self) -> AuditSealer | None:
        """Chains the entries requests wrote unsealed (None for a service without an audit trail)."""
        if self.tables.audit is None:
            return None
        return AuditSealer(
            sessions=self.sessions,
            tables=self.tables.audit,
            interval=self.settings.audit_seal_interval,
            batch_size=self.settings.audit_seal_batch_size,
        )

    def audit_parts(self) -> list[Part]:
        """The audit trail's worker parts: the sealer, signed checkpoints and the retention purge."""
        checkpointer, sealer = self.checkpointer(), self.audit_sealer()
        if checkpointer is None or sealer is None or self.tables.audit is None:
            return []
        purge = RetentionPurge(
            sessions=self.sessions, tables=self.tables.audit, retention=self.settings.audit_retention
        )
        return [
            Part("audit-sealer", sealer.run),
            Part("audit-checkpoints", checkpointer.run),
            Part("audit-retention", purge.run),
        ]

    def worker(self, consumers: Sequence[EventConsumer] = (), jobs: Sequence[Part] = ()) -> Worker:
        settings = self.settings
        jobs = [*jobs, *self.audit_parts()]
        if consumers and settings.consumer_wake_on_notify:
            jobs.append(Part("consumer-doorbells", self.doorbells.run))
        return Worker(
            service=settings.service_name,
            kafka=self.kafka,
            relay=self.relay(),
            consumers=consumers,
            jobs=jobs,
            options=WorkerOptions(
                watch_interval=settings.kafka_watch_interval.total_seconds(),
                stall_timeout=settings.worker_stall_timeout.total_seconds(),
                stop_grace=settings.worker_stop_grace.total_seconds(),
            ),
        )

    async def close(self) -> None:
        await self.engine.dispose()


def build_platform(settings: ServiceSettings, tables: MessagingTables) -> Platform:
    """Build (without connecting) what a service process needs; load operator calendar data."""
    if settings.calendar_dir is not None:
        set_default_calendar(load_calendar(settings.calendar_dir))
    if settings.period_catalogue_file is not None:
        catalogue.set_default_catalogue(catalogue.load_catalogue(settings.period_catalogue_file))
    audit_trail.configure(settings.audit_hash_algorithm, enabled=settings.audit_enabled)
    configure_schema_base(settings.schema_base_url)
    if settings.consumes_court_messages and settings.gateway_jwks_source is None:
        log.error(
            "PARTNER_GATEWAY_JWKS is not set: every court message will be refused",
            service=settings.service_name,
        )
    engine = make_engine(
        settings.database_url.get_secret_value(),
        pool_size=settings.database_pool_size,
        max_overflow=settings.database_max_overflow,
        connect_timeout=settings.database_connect_timeout.total_seconds(),
        pool_timeout=settings.database_pool_timeout.total_seconds(),
        application_name=f"ipcase-{settings.service_name}-{os.getpid()}",
    )
    tracing.configure(settings)
    tracing.instrument_engine(engine, settings)
    return Platform(
        settings=settings,
        engine=engine,
        sessions=make_sessionmaker(engine),
        tables=tables,
        kafka=KafkaConfig.from_settings(settings),
        doorbells=Doorbells(asyncpg_dsn(settings.database_url.get_secret_value())),
        court_gate=CourtGate(GatewayKeys(source)) if (source := settings.gateway_jwks_source) else None,
    )
