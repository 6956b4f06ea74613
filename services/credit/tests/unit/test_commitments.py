"""Credit commitments: the PENDING → FULFILLED | BREACHED table and its dates."""

from __future__ import annotations

import datetime as dt
import uuid
from itertools import product

import pytest

from credit.domain.commitment import COMMITMENT_TRANSITIONS, Commitment, CommitmentStatus
from credit.domain.deadlines import TimerKind, TimerName
from credit.domain.errors import CommitmentStepRefused, InvalidCreditInput
from credit.domain.events import CommitmentEvent
from credit.domain.vocabulary import CHINA
from credit.testing import CLOCKS, OFFICER
from shared.domain.deadlines import ArmTimer, DisarmTimer

NOW = dt.datetime(2026, 6, 1, 9, tzinfo=CHINA)


def commitment(status: CommitmentStatus = CommitmentStatus.PENDING) -> Commitment:
    made = Commitment.make(
        subject_id=uuid.uuid4(),
        office_code="330100",
        scope="fee reduction",
        text="true and complete",
        made_on=dt.date(2026, 3, 1),
        verification_due=dt.date(2026, 5, 1),
        actor=OFFICER,
        at=NOW,
        clocks=CLOCKS,
    )
    made.state = status
    return made


@pytest.mark.parametrize(("status", "fulfilled"), list(product(CommitmentStatus, [True, False])))
def test_only_a_pending_commitment_is_verified(status: CommitmentStatus, fulfilled: bool) -> None:
    target = CommitmentStatus.FULFILLED if fulfilled else CommitmentStatus.BREACHED
    subject = commitment(status)

    if target in {row.target for row in COMMITMENT_TRANSITIONS.allowed(status)}:
        subject.verify(
            fulfilled=fulfilled, verified_on=dt.date(2026, 5, 2), findings="f", actor=OFFICER, at=NOW
        )
        assert subject.status is target
        assert subject.events[-1].name is (
            CommitmentEvent.FULFILLED if fulfilled else CommitmentEvent.BREACHED
        )
        assert subject.timer_changes[-1] == DisarmTimer(TimerName.VERIFICATION)
    else:
        with pytest.raises(CommitmentStepRefused):
            subject.verify(
                fulfilled=fulfilled, verified_on=dt.date(2026, 5, 2), findings="f", actor=OFFICER, at=NOW
            )


def test_verification_must_come_after_the_commitment() -> None:
    with pytest.raises(InvalidCreditInput, match="Verification"):
        Commitment.make(
            subject_id=uuid.uuid4(),
            office_code="330100",
            scope="s",
            text="t",
            made_on=dt.date(2026, 3, 1),
            verification_due=dt.date(2026, 3, 1),
            actor=OFFICER,
            at=NOW,
            clocks=CLOCKS,
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


def test_every_status_is_reachable_and_a_verified_one_is_final() -> None:
    assert COMMITMENT_TRANSITIONS.unreachable([CommitmentStatus.PENDING]) == set()
    assert COMMITMENT_TRANSITIONS.allowed(CommitmentStatus.FULFILLED) == []
    assert COMMITMENT_TRANSITIONS.allowed(CommitmentStatus.BREACHED) == []


def test_the_verification_date_is_watched_as_a_duty_with_a_warning() -> None:
    (armed,) = commitment().timer_changes

    assert isinstance(armed, ArmTimer)
    assert (armed.name, armed.kind, armed.deadline.due, armed.warn_working_days) == (
        TimerName.VERIFICATION,
        TimerKind.COMMITMENT_VERIFICATION,
        dt.date(2026, 5, 6),  # 1 May falls in the Labour Day holidays: the next working day
        3,
    )
    assert armed.rule is not None and armed.rule["period"] == "+0cd"
