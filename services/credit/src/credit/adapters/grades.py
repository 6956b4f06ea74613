"""Grades as stored (external and locally computed), and the facts local rules grade on."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from credit.adapters.orm import IN_FORCE_SQL, commitments, grades, records, repeat_flags, subjects
from credit.domain.commitment import CommitmentStatus
from credit.domain.grades import GradeRecord, SubjectFacts
from credit.domain.record import RecordState
from credit.domain.vocabulary import ListType


class GradeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def record(self, entries: Sequence[GradeRecord], *, recorded_by: str, at: dt.datetime) -> None:
        """Store grades; a second grade from the same source for the same day replaces the first."""
        if not entries:
            return
        rows = [
            {
                "subject_id": g.subject_id,
                "grade": g.grade.value,
                "source": g.source,
                "as_of": g.as_of,
                "valid_until": g.valid_until,
                "reference": g.reference,
                "rule_id": g.rule_id,
                "recorded_by": recorded_by,
                "recorded_at": at,
            }
            for g in entries
        ]
        statement = insert(grades).values(rows)
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=[grades.c.subject_id, grades.c.source, grades.c.as_of],
                set_={
                    column: statement.excluded[column]
                    for column in (
                        "grade",
                        "valid_until",
                        "reference",
                        "rule_id",
                        "recorded_by",
                        "recorded_at",
                    )
                },
            )
        )

    async def facts_for_every_subject(self) -> list[SubjectFacts]:
        """What the local rules look at, for every known subject (four set-based queries)."""
        subject_ids = (await self._session.scalars(select(subjects.c.id))).all()
        in_force: dict[uuid.UUID, set[ListType]] = defaultdict(set)
        listed: dict[uuid.UUID, list[dt.date]] = defaultdict(list)
        breached: dict[uuid.UUID, list[dt.date]] = defaultdict(list)
        flagged: dict[uuid.UUID, list[dt.date]] = defaultdict(list)
        for row in await self._session.execute(
            select(records.c.subject_id, records.c.list_type).where(text(IN_FORCE_SQL))
        ):
            in_force[row.subject_id].add(ListType(row.list_type))
        for row in await self._session.execute(
            select(records.c.subject_id, records.c.decided_on).where(
                records.c.decided_on.is_not(None), records.c.state != RecordState.REVOKED.value
            )
        ):
            listed[row.subject_id].append(row.decided_on)
        for row in await self._session.execute(
            select(commitments.c.subject_id, commitments.c.verified_on).where(
                commitments.c.status == CommitmentStatus.BREACHED.value
            )
        ):
            breached[row.subject_id].append(row.verified_on)
        for row in await self._session.execute(
            select(repeat_flags.c.subject_id, repeat_flags.c.effective_on)
        ):
            flagged[row.subject_id].append(row.effective_on)
        return [
            SubjectFacts(
                subject_id=sid,
                in_force=frozenset(in_force[sid]),
                listed_on=tuple(listed[sid]),
                commitments_breached_on=tuple(breached[sid]),
                repeat_flagged_on=tuple(flagged[sid]),
            )
            for sid in subject_ids
        ]
