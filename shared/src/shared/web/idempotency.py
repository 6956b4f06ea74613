"""``Idempotency-Key`` support for POST routes: a retried request gets the first one's result.

The key is claimed at the start of the handler's transaction (``INSERT .. ON CONFLICT DO NOTHING``):
a concurrent duplicate waits on the key until the first transaction ends, then finds the finished
record. The record is completed in the same transaction as the effect, so a rolled-back request
leaves no key behind. The same key with a different body is refused.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, MetaData, Table, Text, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from shared.errors import Conflict, IdempotencyKeyReused
from shared.idempotency import IdempotencyKey


def idempotency_table(metadata: MetaData) -> Table:
    return Table(
        "idempotency_keys",
        metadata,
        Column("scope", Text, primary_key=True),
        Column("key", Text, primary_key=True),
        Column("fingerprint", Text, nullable=False),
        Column("resource_id", Text),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    )


class IdempotencyStore:
    def __init__(self, session: AsyncSession, table: Table) -> None:
        self._session = session
        self._table = table

    async def claim(self, key: IdempotencyKey) -> str | None:
        """Claim ``key``; return the earlier result's resource id if it was already used.

        Raises :class:`IdempotencyKeyReused` if the key was used for a different request.
        """
        table = self._table
        inserted = await self._session.scalar(
            insert(table)
            .values(scope=key.scope, key=key.key, fingerprint=key.fingerprint)
            .on_conflict_do_nothing(index_elements=[table.c.scope, table.c.key])
            .returning(table.c.key)
        )
        if inserted is not None:
            return None
        row = (
            await self._session.execute(
                select(table.c.fingerprint, table.c.resource_id).where(
                    table.c.scope == key.scope, table.c.key == key.key
                )
            )
        ).one()
        if row.fingerprint != key.fingerprint:
            raise IdempotencyKeyReused(
                "This Idempotency-Key was already used with a different request body",
                "此幂等键已用于内容不同的请求",
            )
        if row.resource_id is None:  # only possible if a handler claimed a key and never completed it
            raise Conflict("The first request with this key has no result", "使用此幂等键的首个请求没有结果")
        return str(row.resource_id)

    async def complete(self, key: IdempotencyKey, resource_id: str) -> None:
        table = self._table
        await self._session.execute(
            update(table)
            .where(table.c.scope == key.scope, table.c.key == key.key)
            .values(resource_id=resource_id)
        )
