"""Inputs parked because their subject could not be identified, until a credit officer settles them."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from credit.adapters.orm import unmatched_inputs
from credit.domain.unmatched import UnmatchedInput, UnmatchedKind, UnmatchedStatus


class UnmatchedInputRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def park(
        self,
        *,
        kind: UnmatchedKind,
        subject: Mapping[str, Any],
        payload: Mapping[str, Any],
        reason: str,
        at: dt.datetime,
    ) -> uuid.UUID:
        input_id = uuid.uuid4()
        await self._session.execute(
            insert(unmatched_inputs).values(
                id=input_id,
                kind=kind.value,
                subject=dict(subject),
                payload=dict(payload),
                reason=reason,
                status=UnmatchedStatus.OPEN.value,
                received_at=at,
            )
        )
        return input_id

    async def get_for_update(self, input_id: uuid.UUID) -> UnmatchedInput | None:
        row = (
            (
                await self._session.execute(
                    select(unmatched_inputs).where(unmatched_inputs.c.id == input_id).with_for_update()
                )
            )
            .mappings()
            .one_or_none()
        )
        if row is None:
            return None
        return UnmatchedInput(
            id=row["id"],
            kind=UnmatchedKind(row["kind"]),
            subject=row["subject"],
            payload=row["payload"],
            status=UnmatchedStatus(row["status"]),
        )

    async def settle(
        self,
        input_id: uuid.UUID,
        *,
        status: UnmatchedStatus,
        by: str,
        at: dt.datetime,
        settlement: Mapping[str, Any],
    ) -> None:
        await self._session.execute(
            update(unmatched_inputs)
            .where(unmatched_inputs.c.id == input_id)
            .values(status=status.value, settled_by=by, settled_at=at, settlement=dict(settlement))
        )
