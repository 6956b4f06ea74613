"""Effective infringement findings and repeat-infringer flags (for the repeat test of §H.2)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from credit.adapters.orm import findings, repeat_flags
from credit.domain.repeat import Finding


class FindingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, finding: Finding, *, at: dt.datetime) -> bool:
        """Keep a finding; False if it was already known (the same decision reported again)."""
        statement = (
            insert(findings)
            .values(
                subject_id=finding.subject_id,
                ip_type=finding.ip_type,
                right_number=finding.right_number,
                right_key=finding.right_key,
                case_id=finding.case_id,
                decision_no=finding.decision_no,
                effective_on=finding.effective_on,
                recorded_at=at,
            )
            .on_conflict_do_nothing()
            .returning(findings.c.id)
        )
        return (await self._session.scalar(statement)) is not None

    async def for_subject_and_right(self, subject_id: uuid.UUID, right_key: str) -> list[Finding]:
        rows = await self._session.execute(
            select(findings).where(findings.c.subject_id == subject_id, findings.c.right_key == right_key)
        )
        return [
            Finding(
                subject_id=r.subject_id,
                ip_type=r.ip_type,
                right_number=r.right_number,
                decision_no=r.decision_no,
                effective_on=r.effective_on,
                case_id=r.case_id,
                revoked=r.revoked_on is not None,
            )
            for r in rows
        ]

    async def revoke(self, decision_no: str, revoked_on: dt.date) -> int:
        """A revoked decision no longer counts as a prior finding."""
        result = await self._session.execute(
            update(findings)
            .where(findings.c.decision_no == decision_no, findings.c.revoked_on.is_(None))
            .values(revoked_on=revoked_on)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def add_flag(
        self,
        finding: Finding,
        priors: Sequence[Finding],
        *,
        record_id: uuid.UUID | None,
        at: dt.datetime,
    ) -> bool:
        prior_decisions: list[dict[str, Any]] = [
            {
                "decision_no": p.decision_no,
                "case_id": str(p.case_id) if p.case_id else None,
                "effective_on": p.effective_on.isoformat(),
            }
            for p in priors
        ]
        statement = (
            insert(repeat_flags)
            .values(
                subject_id=finding.subject_id,
                ip_type=finding.ip_type,
                right_number=finding.right_number,
                decision_no=finding.decision_no,
                effective_on=finding.effective_on,
                prior_decisions=prior_decisions,
                record_id=record_id,
                flagged_at=at,
            )
            .on_conflict_do_nothing()
            .returning(repeat_flags.c.id)
        )
        return (await self._session.scalar(statement)) is not None

    async def is_flagged(self, finding: Finding) -> bool:
        query = select(repeat_flags.c.id).where(
            repeat_flags.c.subject_id == finding.subject_id,
            repeat_flags.c.right_number == finding.right_number,
            repeat_flags.c.decision_no == finding.decision_no,
        )
        return (await self._session.scalar(query)) is not None
