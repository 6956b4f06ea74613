"""How every credit step ends: the aggregate saved, its events on the case record and published, its
timers armed or disarmed, in the caller's transaction (``shared.steps.StepEffects``)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from credit import publishing
from credit.domain import events
from credit.domain.commitment import Commitment
from credit.domain.errors import CommitmentNotFound, RecordNotFound, present
from credit.domain.record import CreditRecord
from credit.domain.subject import Subject
from credit.publishing import RecordOfSubject
from credit.unit_of_work import CreditUnitOfWork
from shared.steps import StepEffects

Clock = Callable[[], dt.datetime]
Save = Callable[[], Awaitable[Any]]

# Every timer a credit step arms names its own kind (the work queues show it), so none is given here.
RECORDS = StepEffects(events.RECORD, publishing.RECORDS)
COMMITMENTS = StepEffects(events.COMMITMENT, publishing.COMMITMENTS)
SUBJECTS = StepEffects(events.SUBJECT, publishing.SUBJECTS)


async def load_record(uow: CreditUnitOfWork, record_id: uuid.UUID) -> CreditRecord:
    record = await uow.records.get_for_update(record_id)
    if record is None:
        raise RecordNotFound(f"No credit record {record_id}", f"信用记录 {record_id} 不存在")
    return record


async def subject_of(uow: CreditUnitOfWork, record: CreditRecord) -> Subject:
    return present(await uow.subjects.get(record.subject_id), "the record's subject (foreign key)")


async def record_step(
    uow: CreditUnitOfWork, record: CreditRecord, *, subject: Subject | None = None, save: Save | None = None
) -> None:
    """End a step on ``record``: saved (``save``, by default the update), recorded, published, timed."""
    of = RecordOfSubject(record, subject or await subject_of(uow, record))
    await RECORDS.record(uow, of, save=save or (lambda: uow.records.save(record)))


async def load_commitment(uow: CreditUnitOfWork, commitment_id: uuid.UUID) -> Commitment:
    commitment = await uow.commitments.get_for_update(commitment_id)
    if commitment is None:
        raise CommitmentNotFound(f"No commitment {commitment_id}", f"信用承诺 {commitment_id} 不存在")
    return commitment
