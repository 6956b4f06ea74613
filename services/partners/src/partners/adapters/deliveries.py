"""Webhook deliveries: one row per (partner, seq), durable retries with SKIP LOCKED.

The dispatcher takes a round's due deliveries, with their feed entries and the partners'
endpoints, in one statement (:meth:`Deliveries.due`) and records the round's outcomes in one
(:meth:`Deliveries.record`), whatever the round's size.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BigInteger, DateTime, Integer, Text, and_, bindparam, func, insert, select, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

from partners.adapters.orm import feed, partners, webhook_deliveries
from partners.domain.delivery import Outcome


@dataclass(frozen=True, slots=True)
class Delivery:
    id: int
    partner_code: str
    seq: int
    status: str
    attempts: int
    next_attempt_at: dt.datetime
    last_status_code: int | None
    last_error: str | None
    delivered_at: dt.datetime | None
    latency_ms: int | None
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class DueDelivery:
    """A due delivery, locked, with what its attempt needs: the partner's endpoint and the entry
    (``None`` where the partner, its endpoint or the entry is gone)."""

    id: int
    partner_code: str
    seq: int
    attempts: int
    webhook_url: str | None
    webhook_secret: str | None
    event_id: uuid.UUID | None
    cloudevent: dict[str, Any] | None
    recorded_at: dt.datetime | None


class Deliveries:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def schedule(self, partner_code: str, seqs: list[int], at: dt.datetime | None = None) -> None:
        if seqs:
            rows = [{"partner_code": partner_code, "seq": seq, "status": "pending"} for seq in seqs]
            if at is not None:
                rows = [{**row, "next_attempt_at": at} for row in rows]
            await self._session.execute(insert(webhook_deliveries), rows)

    async def due(self, now: dt.datetime, limit: int) -> list[DueDelivery]:
        """Pending deliveries due by ``now`` with their entries and endpoints, in partner and seq
        order; the delivery rows are locked for this transaction (others skip them)."""
        d = webhook_deliveries
        taken = (
            select(d.c.id, d.c.partner_code, d.c.seq, d.c.attempts)
            .where(d.c.status == "pending", d.c.next_attempt_at <= now)
            .order_by(d.c.partner_code, d.c.seq)
            .limit(limit)
            .with_for_update(skip_locked=True)
            .subquery("taken")
        )
        query = (
            select(
                taken,
                partners.c.webhook_url,
                partners.c.webhook_secret,
                feed.c.event_id,
                feed.c.cloudevent,
                feed.c.recorded_at,
            )
            .select_from(
                taken.outerjoin(partners, partners.c.code == taken.c.partner_code).outerjoin(
                    feed, and_(feed.c.partner_code == taken.c.partner_code, feed.c.seq == taken.c.seq)
                )
            )
            .order_by(taken.c.partner_code, taken.c.seq)
        )
        return [DueDelivery(**row) for row in (await self._session.execute(query)).mappings()]

    async def get(self, partner_code: str, delivery_id: int) -> Delivery | None:
        query = select(webhook_deliveries).where(
            webhook_deliveries.c.id == delivery_id, webhook_deliveries.c.partner_code == partner_code
        )
        row = (await self._session.execute(query)).mappings().first()
        return None if row is None else Delivery(**row)

    async def page(
        self, partner_code: str, *, after: int, limit: int, status: str | None = None
    ) -> list[Delivery]:
        query = (
            select(webhook_deliveries)
            .where(webhook_deliveries.c.partner_code == partner_code, webhook_deliveries.c.id > after)
            .order_by(webhook_deliveries.c.id)
            .limit(limit)
        )
        if status is not None:
            query = query.where(webhook_deliveries.c.status == status)
        return [Delivery(**row) for row in (await self._session.execute(query)).mappings()]

    async def record(self, outcomes: Sequence[Outcome]) -> None:
        """Record a round's attempts in one statement: each row's attempts go up by one and take
        the outcome's status, status code and error; a retry's next attempt, a delivery's time and
        latency replace the row's (``None`` leaves them)."""
        if not outcomes:
            return
        d = webhook_deliveries
        o = (
            func.unnest(
                _array("ids", BigInteger, [x.delivery_id for x in outcomes]),
                _array("statuses", Text, [x.status.value for x in outcomes]),
                _array("codes", Integer, [x.status_code for x in outcomes]),
                _array("errors", Text, [x.error for x in outcomes]),
                _array("retry_at", DateTime(timezone=True), [x.next_attempt_at for x in outcomes]),
                _array("done_at", DateTime(timezone=True), [x.delivered_at for x in outcomes]),
                _array("latencies", Integer, [x.latency_ms for x in outcomes]),
            )
            .table_valued(
                "id", "status", "status_code", "error", "next_attempt_at", "delivered_at", "latency_ms"
            )
            .render_derived(name="o")
        )
        await self._session.execute(
            update(d)
            .where(d.c.id == o.c.id)
            .values(
                status=o.c.status,
                attempts=d.c.attempts + 1,
                last_status_code=o.c.status_code,
                last_error=o.c.error,
                next_attempt_at=func.coalesce(o.c.next_attempt_at, d.c.next_attempt_at),
                delivered_at=func.coalesce(o.c.delivered_at, d.c.delivered_at),
                latency_ms=func.coalesce(o.c.latency_ms, d.c.latency_ms),
            )
        )

    async def redeliver(self, delivery_id: int, at: dt.datetime) -> None:
        await self._session.execute(
            update(webhook_deliveries)
            .where(webhook_deliveries.c.id == delivery_id)
            .values(status="pending", next_attempt_at=at)
        )


def _array(name: str, item: Any, values: list[Any]) -> Any:
    return bindparam(name, values, type_=ARRAY(item))
