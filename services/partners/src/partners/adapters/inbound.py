"""What partners sent: every inbound message, accepted (and forwarded as) or refused (and why)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from partners.adapters.orm import inbound_messages


@dataclass(frozen=True, slots=True)
class InboundRecord:
    id: int
    original_id: str
    original_type: str | None
    partner_code: str | None
    kid: str | None
    channel: str
    accepted: bool
    forwarded_id: uuid.UUID | None
    reason_code: str | None
    reason: str | None
    reason_zh: str | None
    received_at: dt.datetime


class InboundLog:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def record(
        self,
        *,
        original_id: str,
        original_type: str | None,
        partner_code: str | None,
        kid: str | None,
        channel: str,
        forwarded_id: uuid.UUID | None = None,
        reason_code: str | None = None,
        reason: str | None = None,
        reason_zh: str | None = None,
    ) -> None:
        await self._session.execute(
            insert(inbound_messages).values(
                original_id=original_id[:200],
                original_type=None if original_type is None else original_type[:200],
                partner_code=partner_code,
                kid=None if kid is None else kid[:200],
                channel=channel,
                accepted=forwarded_id is not None,
                forwarded_id=forwarded_id,
                reason_code=reason_code,
                reason=reason,
                reason_zh=reason_zh,
            )
        )

    async def forwarded(self, forwarded_id: str) -> InboundRecord | None:
        """The accepted message the gateway forwarded as internal event ``forwarded_id``."""
        try:
            key = uuid.UUID(forwarded_id)
        except ValueError:
            return None
        query = select(inbound_messages).where(inbound_messages.c.forwarded_id == key)
        row = (await self._session.execute(query)).mappings().first()
        return None if row is None else InboundRecord(**row)

    async def rejections(self, *, partner_code: str | None, after: int, limit: int) -> list[InboundRecord]:
        query = (
            select(inbound_messages)
            .where(inbound_messages.c.accepted.is_(False), inbound_messages.c.id > after)
            .order_by(inbound_messages.c.id)
            .limit(limit)
        )
        if partner_code is not None:
            query = query.where(inbound_messages.c.partner_code == partner_code)
        return [InboundRecord(**row) for row in (await self._session.execute(query)).mappings()]

    async def count_rejected(self) -> int:
        query = select(func.count()).where(inbound_messages.c.accepted.is_(False))
        return int((await self._session.execute(query)).scalar_one())
