"""Event details as JSON values (dates in ISO 8601, enums by value), so the record is stored as given."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Mapping
from decimal import Decimal
from enum import Enum
from typing import Any

_PLAIN: frozenset[type] = frozenset({str, int, float, bool, type(None)})
"""Exact types returned as they are (checked by identity first: the common case, and cheap)."""
_SCALARS = (bool, int, float, str)
_MOMENTS = (dt.datetime, dt.date, dt.time)
_TEXTUAL = (Decimal, uuid.UUID)
_COLLECTIONS = (list, tuple, set, frozenset)


def jsonable(values: Mapping[str, Any]) -> dict[str, Any]:
    return {str(key): to_json(value) for key, value in values.items()}


def to_json(value: Any) -> Any:
    """``value`` as JSON: datetimes and dates in ISO 8601, enums by value, decimals and UUIDs as text,
    objects with ``as_dict()`` and dataclasses as objects, collections element by element."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is dict:
        return {str(key): to_json(item) for key, item in value.items()}
    if kind is list or kind is tuple:
        return [to_json(item) for item in value]
    if isinstance(value, Enum):
        return value._value_  # .value, without the descriptor
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, _MOMENTS):
        return value.isoformat()
    if isinstance(value, _TEXTUAL):
        return str(value)
    if isinstance(value, Mapping):
        return jsonable(value)
    if isinstance(value, _COLLECTIONS):
        return [to_json(v) for v in value]
    as_dict = getattr(value, "as_dict", None)
    if callable(as_dict):
        return to_json(as_dict())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    raise TypeError(f"cannot record a {type(value).__name__} as JSON")
