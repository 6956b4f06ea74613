"""Deadlines reached: each credit timer, dispatched through the bus, is a step like any other.

Effects are dated by the timer's due moment, not by when the worker got to it: a listing expired
at the end of its last day even if the worker was down that night. A timer for an aggregate that
has moved on (the duty met, the listing ended) changes nothing and records nothing.
"""

from __future__ import annotations

import uuid

from credit.domain.actors import TIMER
from credit.domain.commands import ReachCommitmentDeadline, ReachRecordDeadline
from credit.domain.deadlines import TimerName
from credit.domain.record import CreditRecord
from credit.domain.vocabulary import Step
from credit.handlers.steps import COMMITMENTS, record_step
from credit.unit_of_work import CreditUnitOfWork


async def reach_record_deadline(cmd: ReachRecordDeadline, uow: CreditUnitOfWork) -> None:
    record = await uow.records.get_for_update(uuid.UUID(cmd.aggregate_id))
    if record is not None and _reached(record, cmd, Step(TIMER, cmd.due_at)):
        await record_step(uow, record)


def _reached(record: CreditRecord, cmd: ReachRecordDeadline, step: Step) -> bool:
    """What the deadline does to the record; False if nothing (the record has moved on)."""
    if cmd.deadline == TimerName.NOTICE_WINDOW:
        return record.close_notice_window(step)
    if cmd.deadline == TimerName.EXPIRY:
        period_end = record.terms.period_end if record.terms else None
        return period_end is not None and record.expire(on=period_end, step=step)
    # publication or withdrawal, duties of the office: a due-soon warning, then the deadline missed
    note = record.note_due_soon if cmd.warning else record.note_missed
    return note(cmd.deadline, step)


async def reach_commitment_deadline(cmd: ReachCommitmentDeadline, uow: CreditUnitOfWork) -> None:
    commitment = await uow.commitments.get_for_update(uuid.UUID(cmd.aggregate_id))
    if commitment is not None and commitment.note_verification_due(
        missed=not cmd.warning, actor=TIMER, at=cmd.due_at
    ):
        await COMMITMENTS.record(uow, commitment, save=lambda: uow.commitments.save(commitment))
