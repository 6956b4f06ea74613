"""What a case records about itself: events (its timeline) and advisories (warnings for people)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum, StrEnum
from typing import Any

from adjudication.domain.actors import Actor
from adjudication.domain.legal import Citation
from shared.calendar import SHANGHAI


@dataclass(frozen=True, slots=True)
class Advisory:
    """Something people must know but that does not block the step, e.g. a [U] period not kept."""

    code: str
    message: str
    message_zh: str


@dataclass(frozen=True, slots=True, kw_only=True)
class CaseEvent:
    """One past-tense fact on the case's timeline; a transition also names the states it joined."""

    name: str
    at: dt.datetime
    actor: Actor
    transition: str | None = None
    from_state: str | None = None
    to_state: str | None = None
    basis: tuple[Citation, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)
    advisories: tuple[Advisory, ...] = ()

    @property
    def is_transition(self) -> bool:
        return self.transition is not None


def local_date(moment: dt.datetime) -> dt.date:
    """The calendar day of ``moment`` in China Standard Time, the day legal periods count from."""
    return moment.astimezone(SHANGHAI).date()


class EndingKind(StrEnum):
    NOT_ACCEPTED = "not_accepted"
    WITHDRAWN = "withdrawn"
    DEEMED_WITHDRAWN = "deemed_withdrawn"
    DISMISSED = "dismissed"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True, kw_only=True)
class Ending:
    """How and why the case ended without (or after) a decision."""

    kind: EndingKind
    reasons: tuple[str, ...]
    at: dt.datetime


def jsonable(values: Mapping[str, Any]) -> dict[str, Any]:
    """Event details as JSON-ready values (dates as ISO text), so timeline and events agree."""
    return {key: _json_value(value) for key, value in values.items()}


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Mapping):
        return jsonable(value)
    if isinstance(value, list | tuple | set | frozenset):
        return [_json_value(v) for v in value]
    return value
