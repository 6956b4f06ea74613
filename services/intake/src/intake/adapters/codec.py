"""Domain dataclasses to JSON and back, for JSONB columns (pydantic does the typed parsing)."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import TypeAdapter

T = TypeVar("T")


_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {}


def _adapter(cls: type[Any]) -> TypeAdapter[Any]:
    # Building an adapter walks the whole dataclass tree: do it once per type.
    adapter = _ADAPTERS.get(cls)
    if adapter is None:
        adapter = _ADAPTERS[cls] = TypeAdapter(cls)
    return adapter


def dump(value: Any, *, exclude: set[str] | None = None) -> Any:
    """JSON-ready data for ``value`` (a dataclass, tuple of them, enum...)."""
    return _adapter(type(value)).dump_python(value, mode="json", exclude=exclude)


def load(cls: type[T], data: Any) -> T:
    result: T = _adapter(cls).validate_python(data)
    return result
