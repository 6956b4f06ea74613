"""Credit commitments: the PENDING → FULFILLED | BREACHED table and its dates."""

from __future__ import annotations

import datetime as dt
import uuid
from itertools import product

import pytest

from credit.domain.commitment import (
    COMMITMENT_TRANSITIONS,
    Commitment,
    CommitmentEvent,
    CommitmentStatus,
)
from credit.domain.errors import CommitmentStepRefused, InvalidCreditInput
from credit.domain.vocabulary import CHINA, Actor

NOW = dt.datetime(2026, 6, 1, 9, tzinfo=CHINA)
OFFICER = Actor("officer-1", ("credit_officer",))


def commitment(status: CommitmentStatus = CommitmentStatus.PENDING) -> Commitment:
    made = Commitment.make(
        subject_id=uuid.uuid4(),
        scope="fee reduction",
        text="true and complete",
        made_on=dt.date(2026, 3, 1),
        verification_due=dt.date(2026, 5, 1),
        actor=OFFICER,
        at=NOW,
    )
    made.status = status
    return made


@pytest.mark.parametrize(("status", "fulfilled"), list(product(CommitmentStatus, [True, False])))
def test_only_a_pending_commitment_is_verified(status: CommitmentStatus, fulfilled: bool) -> None:
    target = CommitmentStatus.FULFILLED if fulfilled else CommitmentStatus.BREACHED
    subject = commitment(status)

    if target in COMMITMENT_TRANSITIONS[status]:
        subject.verify(
            fulfilled=fulfilled, verified_on=dt.date(2026, 5, 2), findings="f", actor=OFFICER, at=NOW
        )
        assert subject.status is target
        assert subject.history[-1].event is (
            CommitmentEvent.FULFILLED if fulfilled else CommitmentEvent.BREACHED
        )
    else:
        with pytest.raises(CommitmentStepRefused):
            subject.verify(
                fulfilled=fulfilled, verified_on=dt.date(2026, 5, 2), findings="f", actor=OFFICER, at=NOW
            )


def test_verification_must_come_after_the_commitment() -> None:
    with pytest.raises(InvalidCreditInput, match="Verification"):
        Commitment.make(
            subject_id=uuid.uuid4(),
            scope="s",
            text="t",
            made_on=dt.date(2026, 3, 1),
            verification_due=dt.date(2026, 3, 1),
            actor=OFFICER,
            at=NOW,
        )
    with pytest.raises(InvalidCreditInput):
        commitment().verify(
            fulfilled=True, verified_on=dt.date(2026, 6, 2), findings="f", actor=OFFICER, at=NOW
        )


def test_a_pending_commitment_past_its_date_is_flagged_overdue_once_verified_no_longer() -> None:
    subject = commitment()

    assert subject.note_verification_due(missed=False, actor=OFFICER, at=NOW)
    assert not subject.overdue
    assert subject.note_verification_due(missed=True, actor=OFFICER, at=NOW)
    assert subject.overdue
    subject.verify(fulfilled=True, verified_on=dt.date(2026, 5, 30), findings="f", actor=OFFICER, at=NOW)
    assert not subject.overdue
    assert not subject.note_verification_due(missed=True, actor=OFFICER, at=NOW)
