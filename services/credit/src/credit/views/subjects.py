"""Subjects and their credit standing: what courts, customs and staff ask about one entity."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy import ColumnElement, RowMapping, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from credit.adapters.orm import commitments, grades, records, repeat_flags, sightings, subject_names, subjects
from credit.domain.access import CreditReader, reader_of_credit
from credit.domain.errors import SubjectNotFound, invalid
from credit.domain.policy import CreditRules
from credit.domain.record import IN_FORCE
from credit.domain.subject import mask_id_number
from credit.views.commitments import commitments_in_scope
from credit.views.listing import listing_out
from credit.views.records import in_scope
from credit.views.subject_models import (
    CommitmentBrief,
    GradeOut,
    NameSeenOut,
    RepeatFlagOut,
    SightingOut,
    SubjectCredit,
    SubjectMatchOut,
    SubjectRead,
    headline,
)
from shared.db import LIKE_ESCAPE, like_pattern
from shared.identifiers import normalise_name, normalise_uscc, uscc_problem
from shared.identity.principals import Principal


class SubjectViews:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], rules: CreditRules, grade_priority: Sequence[str]
    ) -> None:
        self._sessions = sessions
        self._rules = rules
        self._priority = tuple(grade_priority)

    async def subject(self, ref: str, principal: Principal) -> SubjectRead:
        """Who the subject is, as ``principal`` may see it (case handlers: not where it was seen)."""
        async with self._sessions() as session:
            return _subject_for(await self._subject(session, ref), reader_of_credit(principal))

    async def credit(self, ref: str, *, today: dt.date, principal: Principal) -> SubjectCredit:
        """One subject's credit as ``principal`` may see it (:func:`reader_of_credit`).

        The credit office sees everything: decided listings of every office, undecided records of
        the offices its own covers, grades, commitments, where the subject was seen. Case handlers
        see decided listings, grades and repeat flags. A court (§H.1) sees the decided listings
        (list type, basis, period) of a subject named by its codes and name, nothing else; a customs
        office (§H.2) the same and the repeat-infringer flags.
        """
        reader = reader_of_credit(principal)
        office = reader is CreditReader.CREDIT_OFFICE
        async with self._sessions() as session:
            subject = await self._subject(session, ref)
            query = select(records).where(records.c.subject_id == subject.id)
            decided = records.c.decided_on.is_not(None)
            query = query.where(or_(decided, in_scope(principal)) if office else decided)
            rows = (await session.execute(query.order_by(records.c.created_at.desc()))).mappings().all()
            history = [listing_out(r, self._rules) for r in rows]
            in_force = [listing for listing in history if listing.state in IN_FORCE]
            partner = reader in (CreditReader.COURT, CreditReader.CUSTOMS)
            current = [] if partner else await self._current_grades(session, subject.id, today)
            return SubjectCredit(
                subject=_subject_for(subject, reader),
                as_of=today,
                status=headline({listing.list_type for listing in in_force}),
                listings_in_force=in_force,
                grade=current[0] if current else None,
                grades=current,
                commitments=await self._commitments(session, subject.id, principal) if office else [],
                repeat_flags=[]
                if reader is CreditReader.COURT
                else await self._repeat_flags(session, subject.id),
                history=history,
            )

    async def search(
        self, *, name: str | None, id_number_masked: str | None, limit: int
    ) -> list[SubjectMatchOut]:
        """Subjects that ever bore a name containing ``name`` (normalised, matched literally: ``%``,
        ``_`` and ``\\`` are only characters), optionally narrowed by the masked id number (a full
        number given is checked and masked first: it is never compared, stored or sent whole)."""
        conditions: list[ColumnElement[bool]] = []
        if name:
            conditions.append(
                subject_names.c.name_normalised.like(like_pattern(normalise_name(name)), escape=LIKE_ESCAPE)
            )
        if id_number_masked:
            masked = mask_id_number(id_number_masked)
            if masked is None:
                raise invalid(
                    "id_number_masked", "id_number_invalid", "Not an id number", "身份证号码格式无效"
                )
            conditions.append(subjects.c.id_number_masked == masked)
        query = (
            select(subjects, subject_names.c.name.label("matched_name"))
            .join(subject_names, subject_names.c.subject_id == subjects.c.id)
            .where(*conditions)
            .order_by(subjects.c.name, subjects.c.id)
            .limit(limit)
        )
        async with self._sessions() as session:
            rows = (await session.execute(query)).mappings()
            return [
                SubjectMatchOut(
                    id=r["id"],
                    kind=r["kind"],
                    name=r["name"],
                    credit_code=r["credit_code"],
                    id_number_masked=r["id_number_masked"],
                    matched_name=r["matched_name"],
                )
                for r in rows
            ]

    async def _subject(self, session: AsyncSession, ref: str) -> SubjectRead:
        row = (await session.execute(select(subjects).where(_by_ref(ref)))).mappings().one_or_none()
        if row is None:
            raise SubjectNotFound(f"No subject {ref}", f"主体 {ref} 不存在")
        names = await session.execute(
            select(subject_names.c.name, subject_names.c.first_seen_at)
            .where(subject_names.c.subject_id == row["id"])
            .order_by(subject_names.c.first_seen_at)
        )
        seen = (
            await session.execute(
                select(
                    sightings.c.source_type, sightings.c.source_id, sightings.c.name_seen, sightings.c.seen_at
                )
                .where(sightings.c.subject_id == row["id"])
                .order_by(sightings.c.seen_at)
            )
        ).mappings()
        return SubjectRead(
            **{
                k: row[k]
                for k in ("id", "kind", "credit_code", "id_number_masked", "name", "legal_representative")
            },
            first_seen_at=row["first_seen_at"],
            last_seen_at=row["last_seen_at"],
            name_history=[NameSeenOut(name=n.name, first_seen_at=n.first_seen_at) for n in names],
            sightings=[SightingOut.model_validate(dict(s)) for s in seen],
        )

    async def _current_grades(
        self, session: AsyncSession, subject_id: uuid.UUID, today: dt.date
    ) -> list[GradeOut]:
        """The latest current grade of each source, highest-priority source first."""
        rows = (
            await session.execute(
                select(grades)
                .where(
                    grades.c.subject_id == subject_id,
                    grades.c.as_of <= today,
                    or_(grades.c.valid_until.is_(None), grades.c.valid_until >= today),
                )
                .order_by(grades.c.as_of.desc())
            )
        ).mappings()
        latest: dict[str, RowMapping] = {}
        for row in rows:
            latest.setdefault(row["source"], row)
        ranked = sorted(latest.values(), key=lambda r: self._rank(r["source"]))
        return [GradeOut.model_validate(dict(r)) for r in ranked]

    def _rank(self, source: str) -> int:
        return self._priority.index(source) if source in self._priority else len(self._priority)

    async def _commitments(
        self, session: AsyncSession, subject_id: uuid.UUID, principal: Principal
    ) -> list[CommitmentBrief]:
        """The subject's commitments taken by the offices ``principal``'s covers."""
        rows = (
            await session.execute(
                select(commitments)
                .where(commitments.c.subject_id == subject_id, commitments_in_scope(principal))
                .order_by(commitments.c.made_on)
            )
        ).mappings()
        return [
            CommitmentBrief(
                commitment_id=r["id"],
                scope=r["scope"],
                status=r["status"],
                made_on=r["made_on"],
                verification_due=r["verification_due"],
                overdue=r["overdue"],
            )
            for r in rows
        ]

    async def _repeat_flags(self, session: AsyncSession, subject_id: uuid.UUID) -> list[RepeatFlagOut]:
        rows = (
            await session.execute(
                select(repeat_flags)
                .where(repeat_flags.c.subject_id == subject_id)
                .order_by(repeat_flags.c.effective_on)
            )
        ).mappings()
        return [RepeatFlagOut.model_validate(dict(r)) for r in rows]


def _subject_for(subject: SubjectRead, reader: CreditReader) -> SubjectRead:
    """Who the subject is, as ``reader`` may see it: courts get its codes and names only (§H.1)."""
    if reader is CreditReader.CREDIT_OFFICE:
        return subject
    if reader is CreditReader.CASE_HANDLER:
        return subject.model_copy(update={"sightings": []})
    return subject.model_copy(update={"legal_representative": None, "sightings": [], "name_history": []})


def _by_ref(ref: str) -> ColumnElement[bool]:
    """A subject id (UUID), or an organisation's credit code (validated: a typo is a 422, not a 404)."""
    try:
        return subjects.c.id == uuid.UUID(ref)
    except ValueError:
        pass
    code = normalise_uscc(ref)
    if problem := uscc_problem(code):
        raise invalid(
            "credit_code",
            "uscc_invalid",
            f"Invalid credit code: {problem}",
            "统一社会信用代码无效（GB 32100）",
        )
    return subjects.c.credit_code == code
