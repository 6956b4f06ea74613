"""Customs items of the centre's work queue: what each client detention asks of the centre and by
when (:mod:`intake.domain.customs.centre_queue`), shaped to stand beside the complaints' steps."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import BaseModel, Field, computed_field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from intake.adapters.codec import load
from intake.adapters.customs_orm import customs_detentions
from intake.domain.customs.centre_queue import OPEN_STATES, centre_actions, due_soon
from intake.domain.customs.clocks import PERIODS, ClockWarnings, local_day
from intake.domain.customs.detention import DetentionCase
from shared.calendar.local_time import end_of_day
from shared.catalogue import label
from shared.db import LIKE_ESCAPE, like_pattern
from shared.local_time import LEGAL_DATE, LocalDateTime, last_day

LIMIT = 500


class CustomsQueueItem(BaseModel):
    """A customs detention's step in the work queue (``kind`` tells it from a complaint's)."""

    kind: Literal["customs_detention"] = "customs_detention"
    complaint_id: None = Field(default=None, description="None: a detention, not a complaint")
    detention_id: uuid.UUID
    reference: str = Field(description="The port's own reference (customs_ref)")
    port_code: str
    route: str
    detention_state: str
    ip_type: str
    ip_reg_no: str
    step: str = Field(description="holder_decision | court_notice")
    label: str = Field(description="The step, in English")
    label_zh: str = Field(description="The step, in Chinese")
    clock: str = Field(description="The detention clock the step runs against")
    period: str
    due_at: LocalDateTime | None = Field(description="The clock's end: 24:00 of its last day (+08:00)")
    overdue: bool
    due_soon: bool
    provisional: bool
    explanation: str = Field(description="The clock's rule, the days counted and skipped (zh and en)")

    @computed_field(description=LEGAL_DATE)  # type: ignore[prop-decorator]
    @property
    def due(self) -> dt.date | None:
        return None if self.due_at is None else last_day(self.due_at)


async def customs_queue_items(
    session: AsyncSession, office_prefix: str, now: dt.datetime, warnings: ClockWarnings
) -> list[CustomsQueueItem]:
    """The open steps of the detentions of rights the centre's clients hold, in the reader's offices."""
    table = customs_detentions
    query = (
        select(table.c.body)
        .where(table.c.task_status.is_not(None), table.c.status.in_([s.value for s in OPEN_STATES]))
        .limit(LIMIT)
    )
    if office_prefix:
        pattern = like_pattern(office_prefix, anchored=True)
        query = query.where(table.c.office_code.like(pattern, escape=LIKE_ESCAPE))
    today = local_day(now)
    items = []
    for body in (await session.execute(query)).scalars():
        case = load(DetentionCase, body)
        for pending in centre_actions(case):
            clock = pending.clock
            due_at = None if clock.due is None else end_of_day(clock.due)
            text = label(pending.action)
            items.append(
                CustomsQueueItem(
                    detention_id=case.id,
                    reference=case.customs_ref,
                    port_code=case.port_code,
                    route=case.route.value,
                    detention_state=case.state.value,
                    ip_type=case.ip_type,
                    ip_reg_no=case.ip_reg_no,
                    step=pending.action.value,
                    label=text.en,
                    label_zh=text.zh,
                    clock=clock.key,
                    period=PERIODS.get(clock.key, clock.period),
                    due_at=due_at,
                    overdue=due_at is not None and due_at <= now,
                    due_soon=due_soon(clock, today, warnings),
                    provisional=clock.provisional,
                    explanation=clock.explanation,
                )
            )
    return items
