"""Fire due timers: each one exactly once, in the same transaction as its handler's effects."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable, Mapping
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import structlog
from sqlalchemy import Table, func, or_, select, update

from shared.audit.trail import AuditContext, audit_scope
from shared.db import is_database_unavailable
from shared.liveness import Pulse
from shared.metrics import TIMERS_FIRED
from shared.outage import Outage
from shared.retry import Backoff, reraise_if_cancelling, sleep_unless_stopped
from shared.timers.store import DueTimer, TimerStatus, due_timer

if TYPE_CHECKING:
    from shared.uow import UnitOfWork

log = structlog.get_logger(__name__)
TimerHandler = Callable[[DueTimer, Any], Awaitable[None]]
Clock = Callable[[], dt.datetime]


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class TimerScheduler:
    """A periodic job for the worker: fires due timers by ``kind`` through ``handlers``.

    A handler runs inside the unit of work that also marks the timer fired, so its effects and
    the firing commit together. A handler that raises is retried on later passes; after
    ``max_attempts`` the timer is marked FAILED (and logged) so it stops blocking nothing.
    """

    def __init__(
        self,
        *,
        uow_factory: Callable[[], UnitOfWork],
        handlers: Mapping[str, TimerHandler],
        service: str = "",
        poll_interval: timedelta = timedelta(seconds=2),
        max_attempts: int = 5,
        clock: Clock = _utc_now,
    ) -> None:
        self._uow_factory = uow_factory
        self._service = service
        self._handlers = dict(handlers)
        self._poll = poll_interval.total_seconds()
        self._max_attempts = max_attempts
        self._clock = clock

    async def run(self, stop: asyncio.Event, pulse: Pulse | None = None) -> None:
        """Fire due timers until ``stop`` is set, waiting out database outages."""
        pulse = pulse or Pulse("timers")
        database = Outage("database", f"{self._service}.timers", pulse)
        backoff = Backoff(self._poll / 4, max(self._poll, 5.0))
        while not stop.is_set():
            pulse.beat()
            try:
                await self._fire_due(stop, pulse)
            except Exception as exc:
                reraise_if_cancelling()
                if not is_database_unavailable(exc):
                    raise
                database.failed(exc)
                await sleep_unless_stopped(stop, backoff.next_delay())
                continue
            database.recovered()
            backoff.reset()
            await sleep_unless_stopped(stop, self._poll)

    async def _fire_due(self, stop: asyncio.Event, pulse: Pulse) -> None:
        while not stop.is_set():
            pulse.backlog(1)  # at least the one about to be looked for; 0 once none is due
            if not await self.fire_next():
                pulse.backlog(0)
                return
            pulse.progressed()

    async def fire_next(self) -> bool:
        """Fire one due timer, if any; True if one was handled (or failed and was recorded)."""
        now = self._clock()
        async with self._uow_factory() as uow:
            table = self._table(uow)
            row = (
                (
                    await uow.session.execute(
                        select(table)
                        .where(
                            table.c.status == TimerStatus.SCHEDULED.value,
                            table.c.due_at <= now,
                            or_(table.c.not_before.is_(None), table.c.not_before <= now),
                        )
                        .order_by(table.c.due_at)
                        .limit(1)
                        .with_for_update(skip_locked=True)
                    )
                )
                .mappings()
                .one_or_none()
            )
            if row is None:
                return False
            timer = due_timer(row)
            # Marked fired before the handler runs, so a handler may re-arm its own timer by name.
            await uow.session.execute(
                update(table)
                .where(table.c.aggregate_id == timer.aggregate_id, table.c.name == timer.name)
                .values(status=TimerStatus.FIRED.value, fired_at=self._clock(), updated_at=func.now())
            )
            acting = AuditContext(actor="system:timers", actor_kind="system", action=f"timer.{timer.kind}")
            try:
                with audit_scope(acting):
                    await self._dispatch(timer, uow)
            except Exception as exc:  # the handler's failure is recorded against the timer
                reraise_if_cancelling()
                if is_database_unavailable(exc):
                    raise  # not the timer's fault: it stays due and fires once the database is back
                await uow.rollback()
                await self._record_failure(timer, row["attempts"] + 1, exc)
                return True
            await uow.commit()
        TIMERS_FIRED.labels(self._service, timer.kind).inc()
        return True

    async def _dispatch(self, timer: DueTimer, uow: UnitOfWork) -> None:
        handler = self._handlers.get(timer.kind)
        if handler is None:
            raise LookupError(f"no handler for timer kind {timer.kind}")
        await handler(timer, uow)

    async def _record_failure(self, timer: DueTimer, attempts: int, error: Exception) -> None:
        status = TimerStatus.FAILED if attempts >= self._max_attempts else TimerStatus.SCHEDULED
        retry_at = self._clock() + timedelta(seconds=self._poll * 2**attempts)
        log.warning(
            "timer handler failed",
            kind=timer.kind,
            aggregate_id=timer.aggregate_id,
            attempts=attempts,
            error=repr(error),
        )
        async with self._uow_factory() as uow:
            table = self._table(uow)
            await uow.session.execute(
                update(table)
                .where(table.c.aggregate_id == timer.aggregate_id, table.c.name == timer.name)
                .values(
                    attempts=attempts,
                    not_before=retry_at,
                    last_error=repr(error)[:1000],
                    status=status.value,
                    updated_at=func.now(),
                )
            )
            await uow.commit()

    @staticmethod
    def _table(uow: UnitOfWork) -> Table:
        return uow.tables.timers
