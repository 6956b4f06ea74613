"""What happened, as the domain records it: one past-tense event per state change, with actor and time.

Every aggregate appends :class:`DomainEvent` values to its ``events`` list; the handlers persist them
as the complaint's timeline (and turn some into published contracts).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

SYSTEM = "system"
"""The actor of steps nobody performed by hand (registration checks, timers, consumed events)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class DomainEvent:
    """``name`` is past tense (``ComplaintAccepted``); ``summary`` says it for people, in both languages."""

    name: str
    complaint_id: uuid.UUID
    actor: str
    at: dt.datetime
    summary: str
    summary_zh: str
    subject: str = "complaint"
    subject_id: uuid.UUID | None = None
    data: Mapping[str, Any] = field(default_factory=dict)
