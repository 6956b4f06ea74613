"""Subject persistence: explicit mapping between rows and the aggregate."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import RowMapping, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from credit.adapters.orm import sightings, subjects
from credit.domain.subject import NameSeen, Subject


class SubjectRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get_for_update(self, credit_code: str) -> Subject | None:
        query = select(subjects).where(subjects.c.credit_code == credit_code).with_for_update()
        row = (await self._session.execute(query)).mappings().one_or_none()
        return None if row is None else subject_from_row(row)

    async def save(self, subject: Subject) -> None:
        values = {
            "credit_code": subject.credit_code,
            "name": subject.name,
            "name_history": [
                {"name": n.name, "first_seen_at": n.first_seen_at.isoformat()} for n in subject.name_history
            ],
            "first_seen_at": subject.first_seen_at,
            "last_seen_at": subject.last_seen_at,
        }
        statement = insert(subjects).values(values)
        await self._session.execute(
            statement.on_conflict_do_update(index_elements=[subjects.c.credit_code], set_=values)
        )

    async def add_sighting(
        self, *, credit_code: str, source_type: str, source_id: str, name_seen: str, seen_at: dt.datetime
    ) -> bool:
        """Record one sighting; False if this source was already recorded for the subject."""
        statement = (
            insert(sightings)
            .values(
                credit_code=credit_code,
                source_type=source_type,
                source_id=source_id,
                name_seen=name_seen,
                seen_at=seen_at,
            )
            .on_conflict_do_nothing()
            .returning(sightings.c.id)
        )
        return (await self._session.scalar(statement)) is not None


def subject_from_row(row: RowMapping) -> Subject:
    return Subject(
        credit_code=row["credit_code"],
        name=row["name"],
        first_seen_at=row["first_seen_at"],
        last_seen_at=row["last_seen_at"],
        name_history=[
            NameSeen(entry["name"], dt.datetime.fromisoformat(entry["first_seen_at"]))
            for entry in row["name_history"]
        ],
    )
