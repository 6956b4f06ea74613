"""Credit commitment persistence; its events go to the case record through the step's effects."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import RowMapping, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from credit.adapters.json_values import deadlines_from_json, deadlines_json
from credit.adapters.orm import commitments
from credit.domain.commitment import Commitment, CommitmentStatus


class CommitmentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, commitment: Commitment, *, at: dt.datetime) -> None:
        await self._session.execute(insert(commitments).values(**_row(commitment), created_at=at))

    async def get_for_update(self, commitment_id: uuid.UUID) -> Commitment | None:
        row = (
            (
                await self._session.execute(
                    select(commitments).where(commitments.c.id == commitment_id).with_for_update()
                )
            )
            .mappings()
            .one_or_none()
        )
        return None if row is None else commitment_from_row(row)

    async def save(self, commitment: Commitment) -> None:
        await self._session.execute(
            update(commitments).where(commitments.c.id == commitment.id).values(**_row(commitment))
        )


def _row(commitment: Commitment) -> dict[str, Any]:
    return {
        "id": commitment.id,
        "subject_id": commitment.subject_id,
        "office_code": commitment.office_code,
        "scope": commitment.scope,
        "text": commitment.text,
        "made_on": commitment.made_on,
        "verification_due": commitment.verification_due,
        "status": commitment.status.value,
        "verified_on": commitment.verified_on,
        "findings": commitment.findings,
        "breach_record_id": commitment.breach_record_id,
        "overdue": commitment.overdue,
        "deadlines": deadlines_json(commitment.deadlines),
    }


def commitment_from_row(row: RowMapping) -> Commitment:
    return Commitment(
        id=row["id"],
        subject_id=row["subject_id"],
        office_code=row["office_code"],
        scope=row["scope"],
        text=row["text"],
        made_on=row["made_on"],
        verification_due=row["verification_due"],
        state=CommitmentStatus(row["status"]),
        verified_on=row["verified_on"],
        findings=row["findings"],
        breach_record_id=row["breach_record_id"],
        deadlines=deadlines_from_json(row["deadlines"]),
    )
