"""Repeat infringement: a second effective finding against the same subject and right (§H.2).

The look-back window is Open Question 14 (default 5 years by analogy to TM Law art. 60); the
caller computes each prior finding's window end from the period catalogue.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

_NOT_ALNUM = re.compile(r"[^0-9A-Z]")


def normalise_right_number(number: str) -> str:
    """``ZL 2023 1 0000001.X`` and ``202310000001X`` are the same patent."""
    cleaned = _NOT_ALNUM.sub("", number.upper())
    return cleaned.removeprefix("ZL")


@dataclass(frozen=True, slots=True)
class Finding:
    """An effective decision finding infringement of one right by one subject."""

    subject_id: uuid.UUID
    ip_type: str
    right_number: str
    decision_no: str
    effective_on: dt.date
    case_id: uuid.UUID | None = None
    revoked: bool = False

    @property
    def right_key(self) -> str:
        return normalise_right_number(self.right_number)


def earlier_findings(
    new: Finding, known: Iterable[Finding], window_end: Callable[[dt.date], dt.date]
) -> list[Finding]:
    """Standing findings for the same subject and right whose look-back window covers ``new``."""
    return sorted(
        (
            prior
            for prior in known
            if prior.subject_id == new.subject_id
            and prior.right_key == new.right_key
            and prior.decision_no != new.decision_no
            and not prior.revoked
            and prior.effective_on <= new.effective_on <= window_end(prior.effective_on)
        ),
        key=lambda f: f.effective_on,
    )
