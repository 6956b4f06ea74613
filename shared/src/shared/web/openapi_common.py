"""Every error a route can answer is declared in the OpenAPI document — including the edge's own.

Routes declare their domain errors themselves; the refusals every route can give (401, 403, 429,
503, and for routes with a body 413, 415 and 422) come from the shared edge, so they are added to
every operation here, once. Clients and the fuzzing gate can then hold every response to the schema.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from shared.web.problems import PROBLEM_JSON

_EVERY_ROUTE = {
    "401": "No or invalid bearer token",
    "403": "The principal may not do this",
    "429": "Too many requests from this principal",
    "503": "A dependency is unavailable; retry after Retry-After",
}
_WITH_BODY = {
    "413": "The request body is too large",
    "415": "The body is not JSON (or multipart/form-data for uploads)",
    "422": "A field is missing, malformed or breaks a rule",
}
_OPEN = frozenset({"/healthz", "/readyz", "/auth/dev-token"})


def declare_edge_responses(app: FastAPI) -> None:
    """Wrap ``app.openapi`` so its document declares the shared edge's problem responses."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        document = generate()
        for path, operations in document.get("paths", {}).items():
            for operation in operations.values():
                _declare(operation, protected=path not in _OPEN)
        app.openapi_schema = document
        return document

    app.openapi = openapi  # type: ignore[method-assign]


def _declare(operation: dict[str, Any], *, protected: bool) -> None:
    responses = operation.setdefault("responses", {})
    default_422 = responses.get("422", {}).get("content", {}).get("application/json", {}).get("schema", {})
    if default_422.get("$ref", "").endswith("/HTTPValidationError"):
        del responses["422"]  # FastAPI's own shape; every 422 here is a problem document
    statuses = dict(_EVERY_ROUTE) if protected else {"429": _EVERY_ROUTE["429"], "503": _EVERY_ROUTE["503"]}
    if "requestBody" in operation or operation.get("parameters"):
        statuses.update(_WITH_BODY if "requestBody" in operation else {"422": _WITH_BODY["422"]})
    for status, description in statuses.items():
        responses.setdefault(
            status,
            {
                "description": description,
                "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
            },
        )
