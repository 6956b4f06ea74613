"""Webhook deliveries: one row per (partner, seq), durable retries with SKIP LOCKED."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from partners.adapters.orm import webhook_deliveries


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


class Deliveries:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def schedule(self, partner_code: str, seqs: list[int], at: dt.datetime | None = None) -> None:
        if seqs:
            rows = [{"partner_code": partner_code, "seq": seq, "status": "pending"} for seq in seqs]
            if at is not None:
                rows = [{**row, "next_attempt_at": at} for row in rows]
            await self._session.execute(insert(webhook_deliveries), rows)

    async def due(self, now: dt.datetime, limit: int) -> list[Delivery]:
        """Pending deliveries due by ``now``, locked for this transaction (others skip them)."""
        query = (
            select(webhook_deliveries)
            .where(webhook_deliveries.c.status == "pending", webhook_deliveries.c.next_attempt_at <= now)
            .order_by(webhook_deliveries.c.partner_code, webhook_deliveries.c.seq)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return [Delivery(**row) for row in (await self._session.execute(query)).mappings()]

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

    async def delivered(
        self, delivery_id: int, *, status_code: int, at: dt.datetime, latency_ms: int
    ) -> None:
        await self._session.execute(
            update(webhook_deliveries)
            .where(webhook_deliveries.c.id == delivery_id)
            .values(
                status="delivered",
                attempts=webhook_deliveries.c.attempts + 1,
                last_status_code=status_code,
                last_error=None,
                delivered_at=at,
                latency_ms=latency_ms,
            )
        )

    async def attempt_failed(
        self, delivery_id: int, *, status_code: int | None, error: str, retry_at: dt.datetime | None
    ) -> None:
        await self._session.execute(
            update(webhook_deliveries)
            .where(webhook_deliveries.c.id == delivery_id)
            .values(
                status="pending" if retry_at is not None else "failed",
                attempts=webhook_deliveries.c.attempts + 1,
                last_status_code=status_code,
                last_error=error[:1000],
                **({"next_attempt_at": retry_at} if retry_at is not None else {}),
            )
        )

    async def redeliver(self, delivery_id: int, at: dt.datetime) -> None:
        await self._session.execute(
            update(webhook_deliveries)
            .where(webhook_deliveries.c.id == delivery_id)
            .values(status="pending", next_attempt_at=at)
        )
