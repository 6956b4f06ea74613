"""Every response model of every service, found from the apps themselves (no hand-kept list)."""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Iterator
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, WrapSerializer
from pydantic.fields import FieldInfo

from shared.local_time import LocalDateTime
from shared.service import discover_services

LOCAL_SERIALISER = get_args(LocalDateTime)[1]


def response_models() -> dict[str, set[type[BaseModel]]]:
    """Each service's response models (and the models nested in them), by service name."""
    found: dict[str, set[type[BaseModel]]] = {}
    for name, spec in discover_services().items():
        app = spec.create_app(spec.settings())
        models: set[type[BaseModel]] = set()
        for route in _flat(app.routes):
            if getattr(route, "response_model", None) is not None:
                for model in _models_in(route.response_model):
                    collect_models(model, models)
        found[name] = models
    return found


def naive_instants(model: type[BaseModel]) -> Iterator[str]:
    """The fields of ``model`` holding a ``datetime`` that JSON would show without the office's offset."""
    for name, field in model.model_fields.items():
        unshifted = _is_datetime(field.annotation) and not _local(field)
        if unshifted or any(_is_bare_datetime(arg) for arg in _inner(field.annotation)):
            yield f"{model.__name__}.{name}"


def _local(field: FieldInfo) -> bool:
    return any(isinstance(m, WrapSerializer) and m.func is LOCAL_SERIALISER.func for m in field.metadata)


def _is_datetime(annotation: Any) -> bool:
    return annotation is dt.datetime or (
        get_origin(annotation) in (Union, types.UnionType) and dt.datetime in get_args(annotation)
    )


def _inner(annotation: Any) -> Iterator[Any]:
    """Types nested in containers (``list[...]``, ``dict[str, ...]``), where a bare datetime would hide."""
    origin = get_origin(annotation)
    if origin in (list, dict, tuple, set, frozenset):
        for arg in get_args(annotation):
            yield arg
            yield from _inner(arg)
    elif origin in (Union, types.UnionType):
        for arg in get_args(annotation):
            if get_origin(arg) is not None:
                yield from _inner(arg)


def _is_bare_datetime(annotation: Any) -> bool:
    return annotation is dt.datetime


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    if get_origin(annotation) is Annotated:
        yield from _models_in(get_args(annotation)[0])
        return
    for arg in get_args(annotation):
        yield from _models_in(arg)


def collect_models(model: type[BaseModel], seen: set[type[BaseModel]]) -> None:
    if model in seen:
        return
    seen.add(model)
    for field in model.model_fields.values():
        for nested in _models_in(field.annotation):
            collect_models(nested, seen)


def _flat(routes: Any) -> Iterator[Any]:
    """The routes, with those of included routers (which newer FastAPI keeps nested) flattened."""
    for route in routes:
        nested = getattr(route, "effective_candidates", None) or getattr(route, "routes", None)
        if callable(nested):
            yield from _flat(nested())
        elif isinstance(nested, list):
            yield from _flat(nested)
        else:
            yield route
