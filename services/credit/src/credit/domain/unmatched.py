"""Inputs parked because their subject could not be identified, until a credit officer settles them.

OPEN → RESOLVED (the officer says who the subject is; the input is replayed) or DISMISSED. A
settled input is settled for good: settling it again is refused as already settled.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from credit.domain.errors import InputAlreadySettled
from shared.domain.lifecycle import TransitionTable, transition


class UnmatchedKind(StrEnum):
    DISHONESTY_INPUT = "dishonesty_input"
    INFRINGEMENT_FINDING = "infringement_finding"


class UnmatchedStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"
    DISMISSED = "dismissed"


class Settlement(StrEnum):
    """How an input is settled: the transitions of its table (nothing is published or recorded)."""

    RESOLVE = "resolve"
    DISMISS = "dismiss"


UNMATCHED_TRANSITIONS: Final = TransitionTable(
    UnmatchedStatus,
    [
        transition(
            Settlement.RESOLVE, [UnmatchedStatus.OPEN], UnmatchedStatus.RESOLVED, event="InputResolved"
        ),
        transition(
            Settlement.DISMISS, [UnmatchedStatus.OPEN], UnmatchedStatus.DISMISSED, event="InputDismissed"
        ),
    ],
)


@dataclass(frozen=True, slots=True)
class UnmatchedInput:
    id: uuid.UUID
    kind: UnmatchedKind
    subject: Mapping[str, Any]
    payload: Mapping[str, Any]
    status: UnmatchedStatus

    def settled_by(self, settlement: Settlement) -> UnmatchedStatus:
        """The status ``settlement`` leads to; refused (409) once the input is settled."""
        row = UNMATCHED_TRANSITIONS[settlement]
        if self.status not in row.sources:
            raise InputAlreadySettled(f"Input {self.id} is {self.status}", f"输入 {self.id} 已处理")
        return row.target
