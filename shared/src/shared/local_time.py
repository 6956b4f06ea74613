"""Date-times as staff read them: ISO 8601 with the office's offset (``+08:00``), never UTC ``Z``.

Storage stays UTC (``timestamptz``); only the JSON a person or a partner reads is shifted. Response
schemas annotate their instants as :data:`LocalDateTime` (a ``datetime`` for validation, the office's
wall-clock time with its offset when serialised to JSON). Legal dates stay ``datetime.date``: a
deadline dated 11 December is ``2026-12-11``, never the midnight it runs out at.

The zone is the one ``OFFICE_TIMEZONE`` setting (Asia/Shanghai by default): the app factory calls
:func:`set_office_zone` once at start-up.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from pydantic import (
    PlainSerializer,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    WithJsonSchema,
    WrapSerializer,
)

DEFAULT_OFFICE_ZONE = "Asia/Shanghai"
_zone: list[ZoneInfo] = [ZoneInfo(DEFAULT_OFFICE_ZONE)]


def set_office_zone(zone: ZoneInfo) -> None:
    """Show every response date-time in ``zone`` from now on (the service's ``OFFICE_TIMEZONE``)."""
    _zone[0] = zone


def office_zone() -> ZoneInfo:
    return _zone[0]


def to_local(moment: datetime) -> datetime:
    """``moment`` as the office's wall-clock time with its offset (a naive time is read as UTC, as stored)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(_zone[0])


def local_iso(moment: datetime) -> str:
    """``2026-12-11T09:30:00+08:00`` for the instant ``2026-12-11T01:30:00Z``."""
    return to_local(moment).isoformat()


def _serialise(value: Any, handler: SerializerFunctionWrapHandler, info: SerializationInfo) -> Any:
    if info.mode_is_json() and isinstance(value, datetime):
        return handler(to_local(value))
    return handler(value)


LocalDateTime = Annotated[
    datetime,
    WrapSerializer(_serialise),
    WithJsonSchema({"type": "string", "format": "date-time"}, mode="serialization"),
]
"""An instant in a response schema: JSON shows it in the office's zone with its offset."""


def last_day(due_at: datetime) -> date:
    """The legal date of a deadline that runs out at ``due_at``: a day period ends at 24:00 of its
    last day (Civil Code art. 203), stored as the next midnight, so ``2026-12-11T16:00:00Z`` is the
    deadline dated ``2026-12-11``; an hour period's date is the day its hour falls on."""
    local = to_local(due_at)
    if local.time() == time():
        return local.date() - timedelta(days=1)
    return local.date()


LEGAL_DATE = "The deadline's legal date in the office's zone: a day period ends at 24:00 of it"
"""The description of the ``due`` date a response shows next to a deadline's ``due_at``."""


_UTC_INSTANT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]00:00)")


def localise(value: Any) -> Any:
    """``value`` (event details as recorded: JSON) with every UTC instant string shown in the office's
    zone; anything else unchanged. For the ``details`` of timelines and histories, recorded in UTC."""
    if isinstance(value, str) and _UTC_INSTANT.fullmatch(value):
        return local_iso(datetime.fromisoformat(value.replace("Z", "+00:00")))
    if isinstance(value, dict):
        return {key: localise(item) for key, item in value.items()}
    if isinstance(value, list):
        return [localise(item) for item in value]
    return value


LocalDetails = Annotated[
    dict[str, Any], PlainSerializer(localise, return_type=dict[str, Any], when_used="json")
]
"""Recorded event details in a response: their UTC instants shown in the office's zone."""
