"""The base of every command that addresses one case."""

from __future__ import annotations

import uuid
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class CaseCommand:
    case_id: uuid.UUID
    by: str
