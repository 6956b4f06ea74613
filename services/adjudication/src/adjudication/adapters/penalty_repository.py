"""Penalty case persistence: one row per case, the aggregate in ``file``; ``law``, ``subject_key`` and
``decided_on`` are columns so that earlier penalties against a subject are found across the laws."""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from adjudication.adapters.orm import penalty_cases
from adjudication.adapters.repository import LOCK_NOT_AVAILABLE, sqlstate
from adjudication.domain.errors import CaseBusy, PenaltyCaseNotFound
from adjudication.domain.penalty.aggregate import PenaltyCase
from adjudication.domain.penalty.laws import PenaltyLaw
from adjudication.domain.penalty.values import PriorPenalty
from shared.logs import current_correlation_id

PENALTY_FILE: TypeAdapter[PenaltyCase] = TypeAdapter(PenaltyCase)
TRANSIENT = {"events", "timer_changes"}


class PenaltyCaseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, case: PenaltyCase) -> None:
        await self._session.execute(
            insert(penalty_cases).values(
                id=case.id,
                case_no=case.case_no,
                opened_at=case.filed_at,
                filed_on=case.day_of(case.filed_at),
                correlation_id=current_correlation_id(),
                **_columns(case),
            )
        )

    async def get(self, case_id: uuid.UUID, *, nowait: bool = False) -> PenaltyCase:
        query = (
            select(penalty_cases.c.file, penalty_cases.c.office_code)
            .where(penalty_cases.c.id == case_id)
            .with_for_update(nowait=nowait)
        )
        try:
            row = (await self._session.execute(query)).one_or_none()
        except DBAPIError as exc:
            if sqlstate(exc) == LOCK_NOT_AVAILABLE:
                raise CaseBusy() from exc
            raise
        if row is None:
            raise PenaltyCaseNotFound(f"Penalty case {case_id} not found", f"行政处罚案件 {case_id} 不存在")
        return PENALTY_FILE.validate_python({**row.file, "office_code": row.office_code})

    async def from_complaint(self, complaint_id: str) -> bool:
        """Whether a penalty case was already filed from this complaint."""
        c = penalty_cases.c
        query = select(c.id).where(
            c.file["source"].astext == "complaint", c.file["source_ref"].astext == complaint_id
        )
        return (await self._session.execute(query.limit(1))).first() is not None

    async def prior_decisions(self, case: PenaltyCase) -> tuple[PriorPenalty, ...]:
        """Every other penalty decision against the case's subject (same USCC, else the same name), under
        any law, newest first; the steps pick the ones within each law's look-back."""
        c = penalty_cases.c
        rows = await self._session.execute(
            select(c.id, c.law, c.decision_no, c.decided_on)
            .where(
                c.subject_key == case.subject.identity_key,
                c.id != case.id,
                c.decided_on.is_not(None),
                c.decision_no.is_not(None),
            )
            .order_by(c.decided_on.desc())
            .limit(100)
        )
        return tuple(
            PriorPenalty(
                case_id=str(r.id), law=PenaltyLaw(r.law), decision_no=r.decision_no, decided_on=r.decided_on
            )
            for r in rows
        )

    async def save(self, case: PenaltyCase) -> None:
        expected = case.version
        case.version += 1
        result = await self._session.execute(
            update(penalty_cases)
            .where(penalty_cases.c.id == case.id, penalty_cases.c.version == expected)
            .values(updated_at=func.now(), **_columns(case))
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise CaseBusy("The case changed meanwhile; reload and try again", "案件已被修改，请刷新后重试")


def _columns(case: PenaltyCase) -> dict[str, Any]:
    return {
        "state": case.state.value,
        "office_code": case.office_code,
        "subject_name": case.subject.name,
        "subject_credit_code": case.subject.credit_code,
        "subject_key": case.subject.identity_key,
        "law": case.law.value,
        "decision_no": case.decision.decision_no if case.decision else None,
        "decided_on": case.decision.decided_on if case.decision else None,
        "next_due": case.next_due,
        "version": case.version,
        "file": PENALTY_FILE.dump_python(case, mode="json", exclude=TRANSIENT),
    }
