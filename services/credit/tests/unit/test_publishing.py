"""Every credit event is either published as a contract or declared internal: none is forgotten."""

from __future__ import annotations

from credit import publishing
from credit.domain.events import CommitmentEvent, RecordEvent, SubjectEvent


def test_every_record_event_is_mapped_or_internal() -> None:
    assert publishing.RECORDS.unaccounted(RecordEvent) == set()
    assert publishing.RECORDS.published == {
        RecordEvent.LISTING_DECIDED,
        RecordEvent.PUBLISHED,
        RecordEvent.REPAIR_GRANTED,
        RecordEvent.EXPIRED,
        RecordEvent.REVOKED,
    }


def test_every_commitment_and_subject_event_is_mapped_or_internal() -> None:
    assert publishing.COMMITMENTS.unaccounted(CommitmentEvent) == set()
    assert publishing.SUBJECTS.unaccounted(SubjectEvent) == set()
    assert publishing.SUBJECTS.published == {SubjectEvent.REPEAT_INFRINGER_FLAGGED}
