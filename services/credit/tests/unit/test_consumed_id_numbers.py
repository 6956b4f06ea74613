"""A resident ID number consumed from another service's event is masked before anything keeps it
(issue 12): the subject, and a parked input's claim, hold only the masked form."""

from __future__ import annotations

import datetime as dt
from typing import Any

from credit.domain import commands as c
from credit.domain.actors import system
from credit.domain.vocabulary import BehaviourCode, DecisionRef
from credit.entrypoints.consumer import subject_claim
from shared.contracts.common import SubjectRef

FULL = "33010619900101123X"  # a valid number (GB 11643 check character X)
WRONG_CHECK = "330106199001011234"


def consumed(ref: SubjectRef) -> c.RegisterDishonestyInput:
    return c.RegisterDishonestyInput(
        subject=subject_claim(ref),
        behaviour=BehaviourCode.FALSE_MATERIALS,
        underlying_decision=DecisionRef("/ipcase/330100/intake", "C-1", dt.date(2026, 8, 3), "x"),
        finding="false materials",
        source="intake.false_materials_found",
        source_ref="complaint-1",
        actor=system("/ipcase/330100/intake"),
    )


async def test_a_full_number_in_an_event_is_masked_before_the_subject_is_kept(harness: Any) -> None:
    registration = await harness.bus.handle(consumed(SubjectRef(name="王小明", id_number_masked=FULL)))
    subject = harness.store.data.subjects[harness.record(registration.record_id).subject_id]
    assert subject.id_number_masked == "3301**********123X"
    assert FULL not in repr(harness.store.data)


async def test_a_malformed_number_in_an_event_is_never_kept_whole_even_when_the_input_is_parked(
    harness: Any,
) -> None:
    registration = await harness.bus.handle(consumed(SubjectRef(name="王小明", id_number_masked=WRONG_CHECK)))
    assert registration.record_id is None  # an individual without a valid id cannot be identified
    parked = harness.store.data.parked[registration.parked_as]
    assert parked["subject"]["id_number_masked"] is None
    assert WRONG_CHECK not in repr(harness.store.data)
