"""What the centre's workflow records (centre case, trade-fair complaint, e-commerce notice) share.

Each workflow keeps its own StrEnum and transition table; this base holds the one guard that
checks a move against the table and records the past-tense event on the complaint's timeline.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar

from intake.domain.errors import IllegalStep
from intake.domain.events import DomainEvent


@dataclass(slots=True, kw_only=True)
class Workflow:
    SUBJECT: ClassVar[str]

    id: uuid.UUID = field(default_factory=uuid.uuid4)
    complaint_id: uuid.UUID
    events: list[DomainEvent] = field(default_factory=list)

    def record(
        self,
        name: str,
        actor: str,
        at: dt.datetime,
        *,
        summary: str,
        summary_zh: str,
        data: Mapping[str, Any] | None = None,
    ) -> None:
        self.events.append(
            DomainEvent(
                name=name,
                complaint_id=self.complaint_id,
                actor=actor,
                at=at,
                summary=summary,
                summary_zh=summary_zh,
                subject=self.SUBJECT,
                subject_id=self.id,
                data=dict(data or {}),
            )
        )


def guard(current: StrEnum, new: StrEnum, table: Mapping[Any, frozenset[Any]]) -> None:
    """Refuse a move the table does not list, naming the moves that are allowed now."""
    if new not in table[current]:
        raise IllegalStep(current.value, new.value, (s.value for s in table[current]))
