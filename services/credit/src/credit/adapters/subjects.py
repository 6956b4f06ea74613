"""Subject persistence: subjects with their names, and sightings of them in other services' cases."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

from sqlalchemy import DateTime, RowMapping, Select, bindparam, select, text, update
from sqlalchemy.dialects.postgresql import UUID, insert
from sqlalchemy.ext.asyncio import AsyncSession

from credit.adapters.orm import sightings, subject_names, subjects
from credit.domain.subject import NameSeen, Subject, SubjectClaim
from shared.identifiers import normalise_name
from shared.vocabulary import PartyKind

# Built once and executed with the rows as parameters (every complaint's respondents are sighted).
# A new subject and the names it was first seen under, in one statement; its id, or none if a
# concurrent transaction created the same subject first (then no name is written either).
_ADD_SUBJECT_WITH_NAMES = text(
    "WITH added AS (INSERT INTO credit.subjects (id, kind, credit_code, id_number_masked, name,"
    " name_normalised, legal_representative, first_seen_at, last_seen_at) VALUES (:id, :kind,"
    " :credit_code, :id_number_masked, :name, :name_normalised, :legal_representative,"
    " :first_seen_at, :last_seen_at) ON CONFLICT DO NOTHING RETURNING id),"
    " named AS (INSERT INTO credit.subject_names (subject_id, name_normalised, name, first_seen_at)"
    " SELECT added.id, n.name_normalised, n.name, n.first_seen_at FROM added,"
    " jsonb_to_recordset(CAST(:names AS jsonb))"
    " AS n(name_normalised text, name text, first_seen_at timestamptz)"
    " ON CONFLICT DO NOTHING)"
    " SELECT id FROM added"
).bindparams(
    bindparam("id", type_=UUID(as_uuid=True)),
    bindparam("first_seen_at", type_=DateTime(timezone=True)),
    bindparam("last_seen_at", type_=DateTime(timezone=True)),
)
_ADD_NAMES = insert(subject_names).on_conflict_do_nothing()
_ADD_SIGHTING = insert(sightings).on_conflict_do_nothing().returning(sightings.c.id)


class SubjectRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, subject_id: uuid.UUID, *, for_update: bool = False) -> Subject | None:
        query = select(subjects).where(subjects.c.id == subject_id)
        return await self._one(query.with_for_update() if for_update else query)

    async def find(self, claim: SubjectClaim) -> Subject | None:
        """The subject an identified claim names (locked for update), or None if unknown."""
        if claim.credit_code:
            where = subjects.c.credit_code == claim.credit_code
        else:
            where = (
                subjects.c.credit_code.is_(None)
                & (subjects.c.id_number_masked == claim.id_number_masked)
                & (subjects.c.name_normalised == claim.normalised_name)
            )
        return await self._one(select(subjects).where(where).with_for_update())

    async def organisations_named(self, name: str) -> list[uuid.UUID]:
        """Organisations that ever bore ``name`` (normalised), for inputs that carry only a name."""
        query = (
            select(subject_names.c.subject_id)
            .join(subjects, subjects.c.id == subject_names.c.subject_id)
            .where(
                subject_names.c.name_normalised == normalise_name(name),
                subjects.c.kind == PartyKind.ORGANISATION.value,
            )
            .distinct()
        )
        return list((await self._session.scalars(query)).all())

    async def add(self, subject: Subject) -> bool:
        """Insert a new subject; False if a concurrent transaction created the same one first."""
        names = json.dumps(_name_rows(subject), default=_instant)
        inserted = await self._session.scalar(_ADD_SUBJECT_WITH_NAMES, {**_row(subject), "names": names})
        if inserted is None:
            return False
        subject.new_names.clear()  # written with the subject, in the same statement
        return True

    async def save(self, subject: Subject) -> None:
        row = _row(subject)
        del row["id"]
        await self._session.execute(update(subjects).where(subjects.c.id == subject.id).values(row))
        await self._add_names(subject)

    async def add_sighting(
        self, *, subject_id: uuid.UUID, source_type: str, source_id: str, name_seen: str, seen_at: dt.datetime
    ) -> bool:
        """Record one sighting; False if this source was already recorded for the subject."""
        row = {
            "subject_id": subject_id,
            "source_type": source_type,
            "source_id": source_id,
            "name_seen": name_seen,
            "seen_at": seen_at,
        }
        return (await self._session.scalar(_ADD_SIGHTING, row)) is not None

    async def _add_names(self, subject: Subject) -> None:
        if not subject.new_names:
            return
        rows = [{"subject_id": subject.id, **row} for row in _name_rows(subject)]
        await self._session.execute(_ADD_NAMES, rows)
        subject.new_names.clear()

    async def _one(self, query: Select[Any]) -> Subject | None:
        row = (await self._session.execute(query)).mappings().one_or_none()
        if row is None:
            return None
        names = await self._session.execute(
            select(subject_names.c.name, subject_names.c.first_seen_at)
            .where(subject_names.c.subject_id == row["id"])
            .order_by(subject_names.c.first_seen_at)
        )
        return subject_from_row(row, [NameSeen(n.name, n.first_seen_at) for n in names])


def _name_rows(subject: Subject) -> list[dict[str, Any]]:
    return [
        {"name_normalised": normalise_name(seen.name), "name": seen.name, "first_seen_at": seen.first_seen_at}
        for seen in subject.new_names
    ]


def _instant(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not a name row's value")


def _row(subject: Subject) -> dict[str, object]:
    return {
        "id": subject.id,
        "kind": subject.kind.value,
        "credit_code": subject.credit_code,
        "id_number_masked": subject.id_number_masked,
        "name": subject.name,
        "name_normalised": normalise_name(subject.name),
        "legal_representative": subject.legal_representative,
        "first_seen_at": subject.first_seen_at,
        "last_seen_at": subject.last_seen_at,
    }


def subject_from_row(row: RowMapping, names: list[NameSeen]) -> Subject:
    return Subject(
        id=row["id"],
        kind=PartyKind(row["kind"]),
        credit_code=row["credit_code"],
        id_number_masked=row["id_number_masked"],
        name=row["name"],
        legal_representative=row["legal_representative"],
        first_seen_at=row["first_seen_at"],
        last_seen_at=row["last_seen_at"],
        name_history=names,
    )
