"""Rows a unit of work inserts at commit, inside the commit's one statement.

A step that only adds rows nobody reads back before the commit (a new record, its index rows, its
case-record entries) need not pay a round trip for each: it queues them here, and
:meth:`shared.uow.UnitOfWork.commit` writes them in the same data-modifying CTE as the outbox
events and audit entries, each table's rows as one JSON-array parameter, in the order queued. The
transaction is the same one; only the moment inside it changes. Code that must read a row back
before the commit (or rely on it for a lock) inserts it directly instead.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Table


class PendingInserts:
    def __init__(self) -> None:
        self._rows: dict[Table, list[Mapping[str, Any]]] = {}

    def add(self, table: Table, rows: Iterable[Mapping[str, Any]]) -> None:
        """Queue ``rows`` (column name -> value, as for ``insert(table)``) for the commit."""
        self._rows.setdefault(table, []).extend(rows)

    def take(self) -> list[tuple[Table, list[Mapping[str, Any]]]]:
        """The queued rows per table (tables in the order first queued); the queue is emptied."""
        taken = [(table, rows) for table, rows in self._rows.items() if rows]
        self._rows = {}
        return taken

    def discard(self) -> None:
        self._rows = {}


def columns_of(rows: list[Mapping[str, Any]]) -> tuple[str, ...]:
    """The columns the rows name, in the order first named (a column no row names keeps its default)."""
    return tuple(dict.fromkeys(name for row in rows for name in row))


def rows_json(rows: list[Mapping[str, Any]]) -> str:
    """The rows as one JSON array for :func:`insert_sql` (instants with their offset, ids as text)."""
    return json.dumps(rows, ensure_ascii=False, default=_plain, separators=(",", ":"))


@functools.cache
def insert_sql(table: Table, columns: tuple[str, ...], parameter: str) -> str:
    """INSERT of the rows of the JSON array ``:parameter`` into ``table``, in array order."""
    name = f'"{table.schema}".{table.name}' if table.schema else table.name
    listed = ", ".join(columns)
    picked = ", ".join(f"r.{column}" for column in columns)
    return (
        f"INSERT INTO {name} ({listed}) SELECT {picked} "
        f"FROM jsonb_populate_recordset(NULL::{name}, CAST(:{parameter} AS jsonb)) "
        "WITH ORDINALITY AS r ORDER BY r.ordinality"
    )


def _plain(value: object) -> object:
    if isinstance(value, dt.datetime):
        # as asyncpg stores a naive instant in a timestamptz column: as UTC
        return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).isoformat()
    if isinstance(value, dt.date | uuid.UUID):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not a column value a pending insert can carry")
