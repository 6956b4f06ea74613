"""Fixtures for credit's unit tests: records in any state, a step at a known moment, the bus in memory.

The builders themselves live in ``credit.testing``.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from credit import testing
from credit.domain.record import CreditRecord
from credit.domain.vocabulary import Step


@pytest.fixture
def step() -> Step:
    return testing.step_at(testing.NOW)


@pytest.fixture
def record_in() -> Callable[..., CreditRecord]:
    """A record in a given state carrying every date a record in that state would have."""
    return testing.record_in


@pytest.fixture
def harness() -> testing.Harness:
    return testing.harness(testing.NOW)
