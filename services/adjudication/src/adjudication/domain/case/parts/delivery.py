"""Answers (答辩) as recorded, and the keys of the periods that service starts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class AnswerRecord:
    party_id: str
    received_on: dt.date
    summary: str
    evidence_ids: tuple[str, ...] = ()
    late: bool = False
    recorded_at: dt.datetime


def answer_key(party_id: str) -> str:
    return f"answer.{party_id}"


def answer_copy_key(party_id: str) -> str:
    return f"answer_copy.{party_id}"
