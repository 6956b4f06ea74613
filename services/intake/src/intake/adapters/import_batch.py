"""The repositories of an import batch: the batch's lookups read at once, its rows written together.

Registering an imported row runs the same handler, domain and effects as ``POST /v1/complaints``;
only the I/O is shaped for a batch. Instead of six round trips per complaint (sequence number,
registry entry, duplicate candidates, the complaint, its match keys, its case record), a batch
reserves its sequence numbers in one statement, reads the registry entries and the earlier
complaints sharing a right with any of its rows in one statement each, and writes the complaints,
their keys and their case-record entries with one PostgreSQL ``COPY`` each, just before its commit
(:func:`copy_rows`: no per-row statement, parameter binding or SQL compilation; the table's
triggers and constraints apply as for an ``INSERT``; the complaints' ids are new, so there is
nothing to conflict with — a row imported before is skipped by its row key before it gets here).
The duplicate check of a row sees the database's complaints and the rows registered before it in
the same batch, exactly as it would had each been registered on its own.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, func, select, tuple_
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from intake.adapters.orm import complaint_keys, complaints, rights
from intake.adapters.registry import RightsRegistry, right_from_row
from intake.adapters.repository import ComplaintRepository, complaint_params
from intake.domain.complaint import ClaimedRight, Complaint
from intake.domain.dedup import Candidate, KeyKind, MatchKey, keys_of
from intake.domain.rights import RegisteredRight, normalise_number
from shared.case_record import CaseRecord, event_row
from shared.domain.events import DomainEvent
from shared.vocabulary import IpType

CLOSED = frozenset({"WITHDRAWN", "NOT_ACCEPTED"})
"""Complaints the duplicate check passes over (as :meth:`ComplaintRepository.candidates` does)."""


@dataclass(slots=True)
class _Known:
    sequence: int
    reference: str
    status: str
    keys: set[MatchKey]


class BatchComplaints(ComplaintRepository):
    """Complaints of a batch: numbers reserved, candidates read once, rows inserted together."""

    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session)
        self._numbers: list[int] = []
        self._known: dict[uuid.UUID, _Known] = {}
        self._by_value: dict[str, set[uuid.UUID]] = {}
        self._rows: list[dict[str, Any]] = []
        self._keys: list[dict[str, Any]] = []

    async def prepare(self, count: int, right_values: Iterable[str]) -> None:
        """Reserve ``count`` sequence numbers; read the complaints sharing any of ``right_values``."""
        sequence = func.pg_get_serial_sequence("intake.complaints", "sequence")
        numbers = await self._session.scalars(
            select(func.nextval(sequence)).select_from(func.generate_series(1, count))
        )
        self._numbers = sorted(numbers, reverse=True)
        values = sorted(set(right_values))
        if not values:
            return
        k = complaint_keys.c
        sharing = select(k.complaint_id).where(k.value.in_(values))
        rows = await self._session.execute(
            select(k.complaint_id, k.kind, k.value, complaints.c.sequence, complaints.c.received_at)
            .join(complaints, complaints.c.id == k.complaint_id)
            .where(k.complaint_id.in_(sharing), complaints.c.status.not_in(sorted(CLOSED)))
        )
        for row in rows:
            reference = f"TS{row.received_at.year}-{row.sequence:08d}"
            known = self._known.setdefault(row.complaint_id, _Known(row.sequence, reference, "", set()))
            self._note(row.complaint_id, known, MatchKey(KeyKind(row.kind), row.value))

    def _note(self, complaint_id: uuid.UUID, known: _Known, key: MatchKey) -> None:
        known.keys.add(key)
        self._by_value.setdefault(key.value, set()).add(complaint_id)

    async def number(self, complaint: Complaint) -> None:
        if not self._numbers:
            await super().number(complaint)
            return
        complaint.sequence = self._numbers.pop()

    async def candidates(self, complaint: Complaint) -> list[Candidate]:
        mine = [k.value for k in keys_of(complaint) if k.kind is KeyKind.RIGHT]
        found = {cid for value in mine for cid in self._by_value.get(value, ()) if cid != complaint.id}
        return [
            Candidate(
                complaint_id=cid,
                reference=self._known[cid].reference,
                sequence=self._known[cid].sequence,
                keys=frozenset(self._known[cid].keys),
            )
            for cid in sorted(found, key=lambda c: self._known[c].sequence)
            if self._known[cid].status not in CLOSED
        ]

    async def add(self, complaint: Complaint) -> None:
        complaint.version += 1
        self._rows.append(complaint_params(complaint))
        keys = keys_of(complaint)
        self._keys += [{"complaint_id": complaint.id, "kind": k.kind.value, "value": k.value} for k in keys]
        known = _Known(complaint.sequence or 0, complaint.reference, complaint.status.value, set())
        self._known[complaint.id] = known
        for key in keys:
            self._note(complaint.id, known, key)
        await self._queue.project(complaint)

    async def flush(self) -> None:
        await copy_rows(self._session, complaints, self._rows)
        await copy_rows(self._session, complaint_keys, self._keys)
        self._rows, self._keys = [], []


class BatchRegistry(RightsRegistry):
    """The registry entries a batch's rows claim, read in one statement."""

    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session)
        self._read: dict[tuple[str, str], RegisteredRight | None] = {}

    async def prepare(self, claimed: Iterable[ClaimedRight]) -> None:
        wanted = {(r.ip_type.value, normalise_number(r.number)) for r in claimed}
        self._read = dict.fromkeys(wanted)
        if not wanted:
            return
        rows = await self._session.execute(
            select(rights).where(tuple_(rights.c.ip_type, rights.c.number_key).in_(sorted(wanted)))
        )
        for row in rows.mappings():
            self._read[(row["ip_type"], row["number_key"])] = right_from_row(row)

    async def get(self, ip_type: IpType, number: str, *, for_update: bool = False) -> RegisteredRight | None:
        key = (ip_type.value, normalise_number(number))
        if for_update or key not in self._read:
            return await super().get(ip_type, number, for_update=for_update)
        return self._read[key]


class BatchCaseRecord(CaseRecord):
    """Case-record entries of a batch, inserted together (in the order they were recorded)."""

    def __init__(self, session: AsyncSession, table: Any) -> None:
        super().__init__(session, table)
        self._rows: list[dict[str, Any]] = []

    async def append(
        self, aggregate_type: str, aggregate_id: uuid.UUID, events: Sequence[DomainEvent]
    ) -> None:
        self._rows += [event_row(aggregate_type, aggregate_id, event) for event in events]

    async def flush(self) -> None:
        await copy_rows(self._session, self._table, self._rows)
        self._rows = []


async def copy_rows(session: AsyncSession, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Write ``rows`` (all with the same keys, the column names) into ``table`` with ``COPY``, on the
    session's connection and so in its transaction. JSONB values go as JSON text (``None`` as JSON
    ``null``, as SQLAlchemy's ``JSONB`` binds it); columns the rows leave out take their defaults."""
    if not rows:
        return
    columns = list(rows[0])
    as_json = [isinstance(table.c[name].type, JSONB) for name in columns]
    records = [
        tuple(
            _json_text(row[name]) if encode else row[name]
            for name, encode in zip(columns, as_json, strict=True)
        )
        for row in rows
    ]
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    await raw.driver_connection.copy_records_to_table(  # type: ignore[union-attr]
        table.name, schema_name=table.schema, columns=columns, records=records
    )


def _json_text(value: Any) -> str:
    """``value`` as JSON text; the empty list and object (most case-record columns) without encoding."""
    if not value and type(value) in (list, dict, tuple):
        return "{}" if type(value) is dict else "[]"
    return json.dumps(value, ensure_ascii=False)
