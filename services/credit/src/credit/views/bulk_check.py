"""The bulk check for customs and platforms: up to 1,000 credit codes in, one status each, fast.

One query, one round trip: the distinct valid codes go in as a single array parameter, are
unnested and joined to subjects by the unique credit code, and each subject's listings in force
(through the partial index on in-force records) and current grade are aggregated in correlated
subqueries, so PostgreSQL returns one row per known code. Invalid codes never reach the
database; each is answered in place with its problem, and the answer keeps the input order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ARRAY, ColumnElement, Text, bindparam, func, literal_column, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from credit.adapters.orm import grades, records, subjects
from credit.domain.record import IN_FORCE
from credit.domain.vocabulary import ListType
from credit.entrypoints.schemas.subjects import (
    BulkCheckItem,
    BulkCheckOut,
    BulkListing,
    CreditStatus,
    headline,
)
from shared.identifiers import normalise_uscc, uscc_problem

MEASURE_CODES: ColumnElement[Any] = literal_column("'$.measures[*].code'::jsonpath")


class BulkCheckView:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], grade_priority: Sequence[str]) -> None:
        self._sessions = sessions
        self._priority = list(grade_priority)

    async def check(self, codes: Sequence[str], *, today: dt.date) -> BulkCheckOut:
        normalised = [normalise_uscc(code) for code in codes]
        problems = {code: uscc_problem(code) for code in set(normalised)}
        valid = sorted(code for code, problem in problems.items() if problem is None)
        found = await self._lookup(valid, today) if valid else {}
        results = [_item(code, problems[code], found.get(code)) for code in normalised]
        return BulkCheckOut(as_of=today, results=results)

    async def _lookup(self, codes: list[str], today: dt.date) -> dict[str, BulkCheckItem]:
        wanted = (
            func.unnest(bindparam("codes", codes, type_=ARRAY(Text)))
            .table_valued("code")
            .render_derived(name="wanted")
        )
        listings = (
            select(
                func.coalesce(
                    func.jsonb_agg(
                        func.jsonb_build_object(
                            "list_type",
                            records.c.list_type,
                            "state",
                            records.c.state,
                            "decided_on",
                            records.c.decided_on,
                            "period_end",
                            records.c.period_end,
                            "measures",
                            func.jsonb_path_query_array(records.c.terms, MEASURE_CODES),
                        )
                    ),
                    literal_column("'[]'::jsonb"),
                )
            )
            .where(records.c.subject_id == subjects.c.id, records.c.state.in_([s.value for s in IN_FORCE]))
            .scalar_subquery()
        )
        grade = (
            select(grades.c.grade)
            .where(
                grades.c.subject_id == subjects.c.id,
                grades.c.as_of <= today,
                or_(grades.c.valid_until.is_(None), grades.c.valid_until >= today),
            )
            .order_by(
                func.array_position(
                    bindparam("priority", self._priority, type_=ARRAY(Text)), grades.c.source
                ).nulls_last(),
                grades.c.as_of.desc(),
            )
            .limit(1)
            .scalar_subquery()
        )
        query = select(
            wanted.c.code, subjects.c.name, listings.label("listings"), grade.label("grade")
        ).select_from(wanted.join(subjects, subjects.c.credit_code == wanted.c.code))
        async with self._sessions() as session:
            rows = (await session.execute(query)).mappings().all()
        return {row["code"]: _found(row["code"], row["name"], row["listings"], row["grade"]) for row in rows}


def _found(code: str, name: str, listings: list[dict[str, object]], grade: str | None) -> BulkCheckItem:
    parsed = [BulkListing.model_validate(listing) for listing in listings]
    return BulkCheckItem(
        code=code,
        valid=True,
        status=headline({ListType(listing.list_type) for listing in parsed}),
        name=name,
        grade=grade,
        listings=parsed,
    )


def _item(code: str, problem: str | None, found: BulkCheckItem | None) -> BulkCheckItem:
    if problem is not None:
        return BulkCheckItem(code=code, valid=False, error=problem, status=CreditStatus.UNKNOWN)
    return found or BulkCheckItem(code=code, valid=True, status=CreditStatus.UNKNOWN)
