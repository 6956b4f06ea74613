"""Credit commitments as staff and credit officers see them: those of the offices theirs covers."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, RowMapping, false, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from credit.adapters.orm import case_record, commitments, subjects
from credit.domain import events
from credit.domain.access import authorise_record_read
from credit.domain.errors import CommitmentNotFound
from credit.views.commitment_models import CommitmentPage, CommitmentRead, CommitmentSort
from credit.views.listing import SUBJECT_COLUMNS, subject_brief
from shared.identity.principals import Principal, PrincipalKind, scope_prefix
from shared.local_time import local_iso
from shared.web.lists import changed_since, count, sorted_by


def commitments_in_scope(principal: Principal) -> ColumnElement[bool]:
    """Commitments taken by the offices ``principal``'s office covers (roll-up), filtered in SQL."""
    if principal.kind is not PrincipalKind.PERSON or not principal.office_code:
        return false()
    return commitments.c.office_code.startswith(scope_prefix(principal.office_code), autoescape=True)


class CommitmentViews:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def commitment(self, commitment_id: uuid.UUID, principal: Principal) -> CommitmentRead:
        found = await self._query(commitments.c.id == commitment_id, limit=1)
        if not found:
            raise CommitmentNotFound(f"No commitment {commitment_id}", f"信用承诺 {commitment_id} 不存在")
        authorise_record_read(principal, found[0].office_code)
        return found[0]

    async def commitments(
        self,
        *,
        subject_id: uuid.UUID | None,
        status: str | None,
        overdue: bool | None,
        principal: Principal,
        updated_since: dt.datetime | None = None,
        sort: CommitmentSort = CommitmentSort.VERIFICATION_DUE,
        limit: int = 100,
        offset: int = 0,
    ) -> CommitmentPage:
        """The commitments of the offices ``principal``'s covers, soonest verification first unless
        ``sort`` says otherwise (the commitment id breaks ties); ``total`` counts every page."""
        conditions: list[ColumnElement[bool]] = [
            commitments_in_scope(principal),
            changed_since(commitments, updated_since),
        ]
        if subject_id is not None:
            conditions.append(commitments.c.subject_id == subject_id)
        if status is not None:
            conditions.append(commitments.c.status == status)
        if overdue is not None:
            conditions.append(commitments.c.overdue.is_(overdue))
        as_of = dt.datetime.now(dt.UTC)
        async with self._sessions() as session:
            total = await count(session, select(commitments.c.id).where(*conditions))
            items = await self._read_rows(session, *conditions, sort=sort, limit=limit, offset=offset)
        return CommitmentPage(items=items, total=total, sort=sort, as_of=as_of, limit=limit, offset=offset)

    async def _query(self, *conditions: ColumnElement[bool], limit: int) -> list[CommitmentRead]:
        async with self._sessions() as session:
            return await self._read_rows(
                session, *conditions, sort=CommitmentSort.VERIFICATION_DUE, limit=limit, offset=0
            )

    async def _read_rows(
        self,
        session: AsyncSession,
        *conditions: ColumnElement[bool],
        sort: CommitmentSort,
        limit: int,
        offset: int,
    ) -> list[CommitmentRead]:
        query = (
            select(commitments, *SUBJECT_COLUMNS)
            .join(subjects, subjects.c.id == commitments.c.subject_id)
            .where(*conditions)
        )
        ordered = sorted_by(query, commitments, sort).limit(limit).offset(offset)
        rows = (await session.execute(ordered)).mappings().all()
        history = await _histories(session, [row["id"] for row in rows])
        return [_read(row, history[row["id"]]) for row in rows]


async def _histories(
    session: AsyncSession, ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[dict[str, Any]]]:
    """Each commitment's events from the case record, oldest first, as its history has always read."""
    found: dict[uuid.UUID, list[dict[str, Any]]] = defaultdict(list)
    if not ids:
        return found
    rows = await session.execute(
        select(case_record)
        .where(case_record.c.aggregate_type == events.COMMITMENT, case_record.c.aggregate_id.in_(ids))
        .order_by(case_record.c.id)
    )
    for row in rows.mappings():
        found[row["aggregate_id"]].append(
            {
                "event": row["action"],
                "actor": {"id": row["actor_id"], "roles": row["actor_roles"]},
                "at": local_iso(row["occurred_at"]),
                "details": row["details"],
                "documents": row["documents"],
            }
        )
    return found


def _read(row: RowMapping, history: list[dict[str, Any]]) -> CommitmentRead:
    fields = ("id", "scope", "text", "made_on", "verification_due", "status", "verified_on", "findings")
    return CommitmentRead(
        **{f: row[f] for f in fields},
        subject=subject_brief(row),
        office_code=row["office_code"],
        breach_record_id=row["breach_record_id"],
        overdue=row["overdue"],
        updated_at=row["updated_at"],
        history=history,
    )
