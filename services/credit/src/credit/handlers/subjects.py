"""Finding the subject an input names, creating it on first sight; and recording sightings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from credit.domain.commands import RecordSubjectSighting
from credit.domain.errors import present
from credit.domain.subject import Subject, SubjectClaim
from credit.handlers.audit import audit
from credit.unit_of_work import CreditUnitOfWork
from shared.vocabulary import PartyKind


@dataclass(frozen=True, slots=True)
class SubjectMatch:
    """The subject, or why none could be matched (the input is then parked for an officer)."""

    subject: Subject | None
    reason: str = ""


async def match_subject(uow: CreditUnitOfWork, claim: SubjectClaim, *, at: dt.datetime) -> SubjectMatch:
    """Codes and masked ids identify; a bare name matches only one organisation that ever bore it."""
    cleaned = claim.cleaned()
    if cleaned.is_identified:
        return SubjectMatch(await _known_or_new(uow, cleaned, at=at))
    if cleaned.kind is PartyKind.INDIVIDUAL:
        return SubjectMatch(None, "an individual named without a masked id number")
    candidates = await uow.subjects.organisations_named(cleaned.name)
    if len(candidates) != 1:
        return SubjectMatch(
            None,
            f"no valid credit code, and {len(candidates)} known organisations bear the name {cleaned.name!r}",
        )
    subject = present(await uow.subjects.get(candidates[0], for_update=True), "the matched subject")
    subject.seen_again(cleaned, at=at)
    await uow.subjects.save(subject)
    return SubjectMatch(subject)


async def _known_or_new(uow: CreditUnitOfWork, claim: SubjectClaim, *, at: dt.datetime) -> Subject:
    subject = await uow.subjects.find(claim)
    if subject is None:
        subject = Subject.first_seen(claim, at=at)
        if await uow.subjects.add(subject):
            return subject
        # created by a concurrent transaction meanwhile
        subject = present(await uow.subjects.find(claim), "the concurrently created subject")
    subject.seen_again(claim, at=at)
    await uow.subjects.save(subject)
    return subject


async def record_subject_sighting(cmd: RecordSubjectSighting, uow: CreditUnitOfWork) -> Subject | None:
    """Create the subject on first sight; later sightings update its name history."""
    match = await match_subject(uow, cmd.subject, at=cmd.seen_at)
    if match.subject is None:
        return None
    await uow.subjects.add_sighting(
        subject_id=match.subject.id,
        source_type=cmd.source_type,
        source_id=cmd.source_id,
        name_seen=cmd.subject.name,
        seen_at=cmd.seen_at,
    )
    audit(
        uow,
        "subject.sighting",
        "credit_subject",
        match.subject.id,
        source_type=cmd.source_type,
        source_id=cmd.source_id,
    )
    return match.subject
