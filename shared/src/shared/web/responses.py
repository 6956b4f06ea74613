"""Fast model responses for hot routes.

Returning a pydantic model from a FastAPI route makes FastAPI dump it, validate it again against the
response model and then serialise it. A route that has just built the model from trusted data can
return :func:`model_response` instead (keeping ``response_model`` on the route for the OpenAPI
document): the model is serialised once, in Rust.
"""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import Response
from pydantic import BaseModel


def model_response(
    model: BaseModel, *, status_code: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    return Response(
        content=model.model_dump_json(),
        status_code=status_code,
        media_type="application/json",
        headers=headers,
    )
