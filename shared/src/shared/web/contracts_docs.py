"""Every service serves the published language: JSON Schemas at their ``$id`` and AsyncAPI documents.

* ``GET /schemas/<type>.v<n>.json`` — every registered contract's JSON Schema, whose ``$id`` (and the
  events' ``dataschema``) is ``<SCHEMA_BASE_URL>/schemas/<type>.v<n>.json``: any service answers it.
* ``GET /asyncapi.json`` — this service's channels (what it publishes and consumes), AsyncAPI 3.0.
* ``GET /asyncapi/partners.json`` — the partner-facing document (feeds and inbound channel).

They are documentation, like ``/openapi.json``: open (no token), not part of the API document.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from shared.contracts.asyncapi import partner_document, service_document
from shared.contracts.base import EventData, UnknownEventType, contract_for, schema_base
from shared.contracts.schemas import contract_schema
from shared.errors import NotFound

SCHEMA_PATHS = ("/schemas/", "/asyncapi.json", "/asyncapi/partners.json")
_SCHEMA_NAME = re.compile(r"^(?P<type>[a-z0-9_.]{1,200})\.v(?P<version>[0-9]{1,6})\.json$")
_CACHE = "public, max-age=300"


class SchemaNotFound(NotFound):
    code = "schema_not_found"
    title = "No event schema by this name"
    title_zh = "没有此名称的事件模式"


def contracts_docs_router(service: str, consumes: Sequence[type[EventData]]) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    consumed = tuple(consumes)

    @router.get("/schemas/{name}")
    async def schema(name: str) -> JSONResponse:
        match = _SCHEMA_NAME.match(name)
        if match is None:
            raise SchemaNotFound(f"{name[:200]} is not <type>.v<n>.json", "模式名称应为 <类型>.v<版本>.json")
        try:
            contract = contract_for(match["type"], int(match["version"]))
        except UnknownEventType:
            raise SchemaNotFound(f"No schema {name}", f"没有事件模式 {name}") from None
        return _json(_schema(contract, schema_base()), "application/schema+json")

    @router.get("/asyncapi.json")
    async def asyncapi() -> JSONResponse:
        return _json(_service_document(service, consumed, schema_base()))

    @router.get("/asyncapi/partners.json")
    async def asyncapi_partners() -> JSONResponse:
        return _json(_partner_document(schema_base()))

    return router


def _json(document: dict[str, Any], media_type: str = "application/json") -> JSONResponse:
    return JSONResponse(document, media_type=media_type, headers={"cache-control": _CACHE})


@functools.cache
def _schema(contract: type[EventData], base: str) -> dict[str, Any]:
    return contract_schema(contract, base=base)


@functools.cache
def _service_document(service: str, consumes: tuple[type[EventData], ...], base: str) -> dict[str, Any]:
    return service_document(service, consumes, base=base)


@functools.cache
def _partner_document(base: str) -> dict[str, Any]:
    return partner_document(base=base)
