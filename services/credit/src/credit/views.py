"""Credit's read side."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from credit.adapters.orm import sightings, subjects
from credit.domain.errors import SubjectNotFound
from credit.entrypoints.schemas import SightingOut, SubjectRead


class SubjectViews:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def subject(self, credit_code: str) -> SubjectRead:
        async with self._sessions() as session:
            row = (
                (await session.execute(select(subjects).where(subjects.c.credit_code == credit_code)))
                .mappings()
                .one_or_none()
            )
            if row is None:
                raise SubjectNotFound(
                    f"No subject with credit code {credit_code}", f"信用代码 {credit_code} 无对应主体"
                )
            seen = (
                await session.execute(
                    select(
                        sightings.c.source_type,
                        sightings.c.source_id,
                        sightings.c.name_seen,
                        sightings.c.seen_at,
                    )
                    .where(sightings.c.credit_code == credit_code)
                    .order_by(sightings.c.seen_at)
                )
            ).mappings()
            return SubjectRead(**dict(row), sightings=[SightingOut.model_validate(dict(s)) for s in seen])
