"""Subjects over HTTP: who they are, their credit standing, and the bulk check for customs and platforms."""

from __future__ import annotations

from pydantic import Field

from credit.views.shapes import Request

MAX_BULK_CODES = 1000


class BulkCheckIn(Request):
    codes: list[str] = Field(
        min_length=1, max_length=MAX_BULK_CODES, description="Unified social credit codes"
    )
