"""What every list of every service offers: ``total``, a closed and stable ``sort``, ``updated_since``.

A list declares its sort options as a ``StrEnum`` (``-`` prefix: descending), each naming a column;
:func:`sorted_by` orders by it with nulls last and breaks ties by the row id, so paging through a
sorted list never repeats or skips a row. :func:`count` is the ``total`` over all pages.
``updated_since`` lets a partner poll (issue 14): it gets the rows changed at or after the instant,
and the response's ``as_of`` is what it sends next time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated, Any

from fastapi import Query
from pydantic import AwareDatetime
from sqlalchemy import Column, Select, Table, func, select, true
from sqlalchemy.ext.asyncio import AsyncSession

UpdatedSince = Annotated[
    AwareDatetime | None,
    Query(
        description="Only what changed at or after this instant (ISO 8601 with an offset, e.g. "
        "2026-12-11T09:00:00+08:00); partners poll with the previous response's `as_of`"
    ),
]


def sort_field(sort: StrEnum) -> tuple[str, bool]:
    """``-received_at`` → (``received_at``, descending)."""
    return sort.value.lstrip("-"), sort.value.startswith("-")


def sorted_by(
    query: Select[Any],
    table: Table,
    sort: StrEnum,
    columns: Mapping[str, str] | None = None,
    *,
    tie: str = "id",
    tie_follows: bool = False,
) -> Select[Any]:
    """``query`` ordered by ``sort`` (its field mapped through ``columns``; nulls last), then by ``tie``
    (ascending, or in the sort's direction with ``tie_follows``: newest first stays newest first)."""
    field, descending = sort_field(sort)
    column: Column[Any] = table.c[(columns or {}).get(field, field)]
    key = column.desc() if descending else column.asc()
    tie_key = table.c[tie].desc() if descending and tie_follows else table.c[tie].asc()
    return query.order_by(key.nulls_last(), tie_key)


async def count(session: AsyncSession, query: Select[Any]) -> int:
    """How many rows ``query`` (unordered, unpaged) selects."""
    total = await session.execute(select(func.count()).select_from(query.order_by(None).subquery()))
    return int(total.scalar_one())


def changed_since(table: Table, since: dt.datetime | None, column: str = "updated_at") -> Any:
    """The condition for ``updated_since`` (true when absent)."""

    return true() if since is None else table.c[column] >= since
