"""Persistence of customs detention cases and recordations (whole in ``body``, lookups beside it)."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from intake.adapters.codec import dump, load
from intake.adapters.customs_orm import customs_detentions, customs_recordations
from intake.domain.customs.clocks import HOLDER_RESPONSE
from intake.domain.customs.detention import DetentionCase, DetentionStatus
from intake.domain.customs.recordation import Recordation
from shared.calendar.local_time import end_of_day

NOT_IN_BODY = {"events", "timer_changes"}


def _task(case: DetentionCase, client: bool) -> dict[str, object]:
    """The centre's task: open while the holder it serves must decide (3 WD), done afterwards."""
    if not client:
        return {"task_status": None, "task_due_at": None}
    deadline = case.deadlines.get(HOLDER_RESPONSE)
    waiting = case.state is DetentionStatus.HOLDER_NOTIFIED and case.holder_decision is None
    due = end_of_day(deadline.due) if deadline is not None and deadline.due is not None else None
    return {"task_status": "open" if waiting else "done", "task_due_at": due}


class DetentionCases:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, case: DetentionCase, *, client: bool) -> None:
        await self._session.execute(
            insert(customs_detentions).values(**self._values(case), **_task(case, client))
        )

    async def save(self, case: DetentionCase) -> None:
        current = await self._session.scalar(
            select(customs_detentions.c.task_status).where(customs_detentions.c.id == case.id)
        )
        await self._session.execute(
            update(customs_detentions)
            .where(customs_detentions.c.id == case.id)
            .values(updated_at=func.now(), **self._values(case), **_task(case, current is not None))
        )

    async def get(self, case_id: uuid.UUID, *, for_update: bool = False) -> DetentionCase | None:
        query = select(customs_detentions.c.body).where(customs_detentions.c.id == case_id)
        body = await self._session.scalar(query.with_for_update() if for_update else query)
        return None if body is None else load(DetentionCase, body)

    async def by_ref(
        self, port_code: str, customs_ref: str, *, for_update: bool = False
    ) -> DetentionCase | None:
        query = select(customs_detentions.c.body).where(
            customs_detentions.c.port_code == port_code, customs_detentions.c.customs_ref == customs_ref
        )
        body = await self._session.scalar(query.with_for_update() if for_update else query)
        return None if body is None else load(DetentionCase, body)

    @staticmethod
    def _values(case: DetentionCase) -> dict[str, object]:
        return {
            "id": case.id,
            "port_code": case.port_code,
            "customs_ref": case.customs_ref,
            "office_code": case.office_code,
            "status": case.state.value,
            "route": case.route.value,
            "ip_type": case.ip_type,
            "ip_reg_no": case.ip_reg_no,
            "body": dump(case, exclude=NOT_IN_BODY),
        }


class Recordations:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, record_id: uuid.UUID, *, for_update: bool = False) -> Recordation | None:
        query = select(customs_recordations.c.body).where(customs_recordations.c.id == record_id)
        body = await self._session.scalar(query.with_for_update() if for_update else query)
        return None if body is None else load(Recordation, body)

    async def by_number(self, record_no: str, *, for_update: bool = False) -> Recordation | None:
        query = select(customs_recordations.c.body).where(customs_recordations.c.record_no == record_no)
        body = await self._session.scalar(query.with_for_update() if for_update else query)
        return None if body is None else load(Recordation, body)

    async def for_right(
        self, ip_type: str, numbers: set[str], *, for_update: bool = False
    ) -> list[Recordation]:
        """The recordations of a right, by any of the spellings of its number given."""
        query = select(customs_recordations.c.body).where(
            customs_recordations.c.ip_type == ip_type, customs_recordations.c.ip_reg_no.in_(sorted(numbers))
        )
        rows = await self._session.scalars(query.with_for_update() if for_update else query)
        return [load(Recordation, body) for body in rows]

    async def save(self, record: Recordation) -> None:
        values = {
            "id": record.id,
            "record_no": record.record_no,
            "ip_type": record.ip_type,
            "ip_reg_no": record.ip_reg_no,
            "holder_credit_code": record.holder_credit_code,
            "status": record.state.value,
            "expires_on": record.expires_on,
            "body": dump(record, exclude=NOT_IN_BODY),
        }
        statement = insert(customs_recordations).values(**values)
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=[customs_recordations.c.id],
                set_={
                    **{k: v for k, v in values.items() if k != "id"},
                    "updated_at": dt.datetime.now(dt.UTC),
                },
            )
        )
