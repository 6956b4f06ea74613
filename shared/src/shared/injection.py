"""Dependencies by parameter name: a handler names what it needs (``clock``, ``rules``, ``bus``)
and the composition root binds those, and only those, from what it has."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def inject(handler: F, dependencies: Mapping[str, Any]) -> F:
    """``handler`` with the dependencies its signature names bound as keyword arguments."""
    wanted = inspect.signature(handler).parameters
    bound = {name: value for name, value in dependencies.items() if name in wanted}
    return functools.partial(handler, **bound) if bound else handler  # type: ignore[return-value]
