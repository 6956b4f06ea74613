"""Credit's command handlers. They change aggregates; the caller commits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from credit.domain.commands import RecordSubjectSighting
from credit.domain.subject import Subject
from credit.unit_of_work import CreditUnitOfWork


async def record_subject_sighting(cmd: RecordSubjectSighting, uow: CreditUnitOfWork) -> Subject:
    """Create the subject on first sight; later sightings update its name history."""
    subject = await uow.subjects.get_for_update(cmd.credit_code)
    if subject is None:
        subject = Subject.first_seen(credit_code=cmd.credit_code, name=cmd.name, at=cmd.seen_at)
    else:
        subject.seen_again(name=cmd.name, at=cmd.seen_at)
    await uow.subjects.save(subject)
    await uow.subjects.add_sighting(
        credit_code=cmd.credit_code,
        source_type=cmd.source_type,
        source_id=cmd.source_id,
        name_seen=cmd.name,
        seen_at=cmd.seen_at,
    )
    return subject


COMMAND_HANDLERS: dict[type[Any], Callable[..., Any]] = {RecordSubjectSighting: record_subject_sighting}
