"""Bulk complaint imports: reading the files row by row, and the job's tables.

Files are read as a stream (memory stays flat whatever their size), except the platform batch,
which is one JSON document bounded by ``IMPORT_MAX_BYTES``:

* CSV with a header row: a column is a field of the registration body, nested fields by dotted
  path (``complainant.name``, ``respondents.0.credit_code``, ``listings.1.listing_id``); list
  fields of plain values (``alleged_acts``, ``other_office_filings``) as ``a;b``; empty cells are
  absent fields.
* JSONL: one registration body (as ``POST /v1/complaints`` takes it) per line.
* A platform batch: ``{"platform": "taobao", "batch_id": "...", "complaints": [body, ...]}``;
  each complaint comes through the e-commerce platform channel with ``channel_ref`` defaulting to
  ``<batch_id>/<n>``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from intake.adapters.orm import complaint_import_errors, complaint_import_rows, complaint_imports
from intake.domain.complaint_imports import ImportFormat
from intake.domain.import_jobs import ImportStatus
from intake.domain.vocabulary import Channel

LIST_CELLS = frozenset({"alleged_acts", "other_office_filings"})
"""CSV columns holding a list of plain values, separated by ``;``."""


class UnreadableFile(ValueError):
    """The file is not one of the formats (the job fails with the reason)."""


def count_rows(path: Path, file_format: ImportFormat) -> int:
    """The number of data rows (a first pass over the file; nothing is kept)."""
    return sum(1 for _ in read_rows(path, file_format))


def read_rows(path: Path, file_format: ImportFormat) -> Iterator[dict[str, Any]]:
    """The rows of the file, as registration bodies, in file order."""
    if file_format is ImportFormat.CSV:
        return _csv_rows(path)
    if file_format is ImportFormat.JSONL:
        return _jsonl_rows(path)
    return _platform_rows(path)


def _csv_rows(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or "ip_type" not in reader.fieldnames:
            raise UnreadableFile("the CSV header names no ip_type column")
        for cells in reader:
            yield unflatten(cells)


def unflatten(cells: Mapping[str | None, Any]) -> dict[str, Any]:
    """``{"complainant.name": "x", "respondents.0.name": "y"}`` → the nested body."""
    root: dict[str, Any] = {}
    for name, value in cells.items():
        if name is None or value is None or value == "":
            continue  # an overlong row's extra cells, or an empty cell: an absent field
        parts = name.strip().split(".")
        node = root
        for part in parts[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                raise UnreadableFile(f"column {name} nests inside a plain value")
        leaf = parts[-1]
        node[leaf] = [v for v in value.split(";") if v] if leaf in LIST_CELLS else value
    nested: dict[str, Any] = _lists(root)
    return nested


def _lists(node: Any) -> Any:
    """Turn ``{"0": a, "1": b}`` (numbered columns) into ``[a, b]``, all the way down."""
    if not isinstance(node, dict):
        return node
    converted = {key: _lists(value) for key, value in node.items()}
    if converted and all(key.isdigit() for key in converted):
        return [converted[key] for key in sorted(converted, key=int)]
    return converted


def _jsonl_rows(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8-sig") as handle:
        for line in handle:
            if line.strip():
                yield _object(line)


def _object(line: str) -> dict[str, Any]:
    """A JSON line; one that is not an object is passed on as is and refused with its row number."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"__unreadable__": f"not JSON: {exc.msg}"}
    return value if isinstance(value, dict) else {"__unreadable__": "not a JSON object"}


def _platform_rows(path: Path) -> Iterator[dict[str, Any]]:
    try:
        batch = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise UnreadableFile(f"the platform batch is not JSON: {exc.msg}") from None
    if not isinstance(batch, dict) or not isinstance(batch.get("complaints"), list):
        raise UnreadableFile('a platform batch is {"platform": ..., "batch_id": ..., "complaints": [...]}')
    batch_id = str(batch.get("batch_id") or "")
    for n, item in enumerate(batch["complaints"], start=1):
        if not isinstance(item, dict):
            yield {"__unreadable__": "not a JSON object"}
            continue
        item.setdefault("channel", Channel.ECOMMERCE_PLATFORM.value)
        if batch_id:
            item.setdefault("channel_ref", f"{batch_id}/{n}")
        yield item


@dataclass(frozen=True, slots=True)
class RowError:
    row_number: int
    field: str
    message: str


class ComplaintImports:
    """The import jobs' tables: queue a job, its rows' keys, its errors, its counters."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def queue(
        self,
        *,
        job_id: uuid.UUID,
        file_name: str,
        file_format: ImportFormat,
        storage_key: str,
        created_by: str,
        importer: Mapping[str, Any],
        office_code: str,
        at: dt.datetime,
    ) -> None:
        await self._session.execute(
            insert(complaint_imports).values(
                id=job_id,
                file_name=file_name,
                format=file_format.value,
                storage_key=storage_key,
                status=ImportStatus.PENDING.value,
                created_by=created_by,
                importer=dict(importer),
                office_code=office_code,
                created_at=at,
            )
        )

    async def imported(self, keys: Sequence[str]) -> set[str]:
        """Of ``keys``, those imported before (by any job)."""
        if not keys:
            return set()
        rows = await self._session.scalars(
            select(complaint_import_rows.c.row_key).where(complaint_import_rows.c.row_key.in_(keys))
        )
        return set(rows)

    async def remember(self, job_id: uuid.UUID, imported: Iterable[tuple[str, uuid.UUID]]) -> int:
        """Keep the keys of the rows imported; returns how many were new (fewer: another job raced us)."""
        values = [{"row_key": key, "complaint_id": cid, "job_id": job_id} for key, cid in imported]
        if not values:
            return 0
        kept = await self._session.scalars(
            insert(complaint_import_rows).on_conflict_do_nothing().returning(complaint_import_rows.c.row_key),
            values,
        )
        return len(list(kept))

    async def refuse(self, job_id: uuid.UUID, errors: Sequence[RowError]) -> None:
        if errors:
            await self._session.execute(
                insert(complaint_import_errors).on_conflict_do_nothing(),
                [
                    {"job_id": job_id, "row_number": e.row_number, "field": e.field, "message": e.message}
                    for e in errors
                ],
            )

    async def advance(
        self, job_id: uuid.UUID, *, processed: int, imported: int, skipped: int, failed: int
    ) -> None:
        t = complaint_imports.c
        await self._session.execute(
            update(complaint_imports)
            .where(t.id == job_id)
            .values(
                processed_rows=t.processed_rows + processed,
                imported=t.imported + imported,
                skipped=t.skipped + skipped,
                failed_rows=t.failed_rows + failed,
            )
        )

    async def job(self, job_id: uuid.UUID) -> dict[str, Any]:
        row = (
            (await self._session.execute(select(complaint_imports).where(complaint_imports.c.id == job_id)))
            .mappings()
            .one()
        )
        return dict(row)

    async def set(self, job_id: uuid.UUID, **values: Any) -> None:
        await self._session.execute(
            update(complaint_imports).where(complaint_imports.c.id == job_id).values(**values)
        )

    async def claimable(self) -> list[uuid.UUID]:
        rows = await self._session.scalars(
            select(complaint_imports.c.id)
            .where(complaint_imports.c.status.in_([ImportStatus.PENDING.value, ImportStatus.RUNNING.value]))
            .order_by(complaint_imports.c.created_at)
        )
        return list(rows)
