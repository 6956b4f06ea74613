"""Credit's API contract."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel


class NameSeenOut(BaseModel):
    name: str
    first_seen_at: dt.datetime


class SightingOut(BaseModel):
    source_type: str
    source_id: str
    name_seen: str
    seen_at: dt.datetime


class SubjectRead(BaseModel):
    credit_code: str
    name: str
    name_history: list[NameSeenOut]
    first_seen_at: dt.datetime
    last_seen_at: dt.datetime
    sightings: list[SightingOut]
