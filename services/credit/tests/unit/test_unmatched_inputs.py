"""A parked input's table: OPEN is settled once, by resolving or dismissing it; a settled one stays so."""

from __future__ import annotations

import uuid
from itertools import product

import pytest

from credit.domain.errors import InputAlreadySettled
from credit.domain.unmatched import (
    UNMATCHED_TRANSITIONS,
    Settlement,
    UnmatchedInput,
    UnmatchedKind,
    UnmatchedStatus,
)


def parked(status: UnmatchedStatus) -> UnmatchedInput:
    return UnmatchedInput(uuid.uuid4(), UnmatchedKind.DISHONESTY_INPUT, {}, {}, status)


@pytest.mark.parametrize(("status", "settlement"), list(product(UnmatchedStatus, Settlement)))
def test_an_input_is_settled_exactly_when_the_table_says_so(
    status: UnmatchedStatus, settlement: Settlement
) -> None:
    row = UNMATCHED_TRANSITIONS[settlement]

    if status in row.sources:
        assert parked(status).settled_by(settlement) is row.target
    else:
        with pytest.raises(InputAlreadySettled):
            parked(status).settled_by(settlement)


def test_every_status_is_reachable_and_settled_ones_are_final() -> None:
    assert UNMATCHED_TRANSITIONS.unreachable([UnmatchedStatus.OPEN]) == set()
    assert UNMATCHED_TRANSITIONS.allowed(UnmatchedStatus.RESOLVED) == []
    assert UNMATCHED_TRANSITIONS.allowed(UnmatchedStatus.DISMISSED) == []
