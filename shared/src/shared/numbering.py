"""Gap-free numbering (docket and case numbers): a counter row per series, locked until commit.

``INSERT .. ON CONFLICT DO UPDATE .. RETURNING`` takes the row lock, so two transactions numbering
in the same series queue up; a rolled-back transaction returns its number, and none is skipped.
"""

from __future__ import annotations

import functools

from sqlalchemy import Column, Integer, MetaData, Table, Text, bindparam
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.dml import ReturningInsert


def counter_table(metadata: MetaData) -> Table:
    return Table(
        "number_counters",
        metadata,
        Column("series", Text, primary_key=True),
        Column("last_value", Integer, nullable=False),
    )


class GapFreeCounter:
    def __init__(self, session: AsyncSession, table: Table) -> None:
        self._session = session
        self._table = table

    async def next(self, series: str) -> int:
        """The next number in ``series`` (starting at 1), held until the transaction ends."""
        return int(await self._session.scalar(_next_number(self._table), {"series": series}) or 0)


@functools.cache
def _next_number(table: Table) -> ReturningInsert[tuple[int]]:
    """The counter's upsert, built once per table (the series is the statement's parameter)."""
    return (
        insert(table)
        .values(series=bindparam("series"), last_value=1)
        .on_conflict_do_update(index_elements=[table.c.series], set_={"last_value": table.c.last_value + 1})
        .returning(table.c.last_value)
    )
