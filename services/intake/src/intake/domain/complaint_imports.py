"""A bulk complaint import as the worker runs it: rows, their keys, and the job's progress.

The job's lifecycle is the registry import's (:mod:`intake.domain.import_jobs`: pending → running
→ completed | failed, resumed when interrupted). Every row is registered by the same rules as a
complaint registered over the API; what this module adds is what makes an import repeatable: a
row's key (the importing office and the row's content, hashed), so that importing a file again
registers nothing twice, and the progress a person watches (percent, rate, time left).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class ImportFormat(StrEnum):
    CSV = "csv"
    JSONL = "jsonl"
    PLATFORM_BATCH = "platform_batch"


def row_key(office_code: str, row: Mapping[str, Any]) -> str:
    """The same row imported by the same office has the same key, whatever the file or its order.

    Keys are compared after parsing, so a CSV and a JSONL carrying the same complaint agree, and
    whitespace or key order in a JSON line does not make a new complaint.
    """
    canonical = json.dumps(row, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{office_code}\x1f{canonical}".encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a job is: ``percent`` of its rows, at ``rows_per_second``, done in ``eta_seconds``."""

    percent: float
    rows_per_second: float | None
    eta_seconds: float | None


def progress(
    *,
    total: int | None,
    processed: int,
    finished: bool,
    started_at: dt.datetime | None,
    now: dt.datetime,
) -> Progress:
    if finished:
        return Progress(100.0, _rate(processed, started_at, now), 0.0)
    if not total:
        return Progress(0.0, None, None)
    rate = _rate(processed, started_at, now)
    eta = (total - processed) / rate if rate else None
    return Progress(round(100.0 * processed / total, 2), rate, None if eta is None else round(eta, 1))


def _rate(processed: int, started_at: dt.datetime | None, now: dt.datetime) -> float | None:
    if started_at is None or processed == 0:
        return None
    elapsed = (now - started_at).total_seconds()
    return round(processed / elapsed, 1) if elapsed > 0 else None
