"""Recusal requests (回避) as recorded, and the table of where one stands."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from adjudication.domain.case.parts.participants import CPL_RECUSAL
from adjudication.domain.errors import CaseTransitionRefused
from adjudication.domain.events import CaseEvent
from shared.domain.lifecycle import StatusMachine, TransitionTable, transition


class RecusalResult(StrEnum):
    GRANTED = "granted"
    REJECTED = "rejected"


class RecusalStatus(StrEnum):
    """Where a recusal request stands (read from its decisions; see ``RecusalRequest.status``)."""

    PENDING = "pending"
    GRANTED = "granted"
    REJECTED = "rejected"
    RECONSIDERING = "reconsidering"
    GRANTED_ON_RECONSIDERATION = "granted_on_reconsideration"
    REJECTION_UPHELD = "rejection_upheld"


R = RecusalStatus


# fmt: off
RECUSAL_STATUSES: Final = TransitionTable(R, (
    transition("grant", {R.PENDING}, R.GRANTED, event=CaseEvent.RECUSAL_DECIDED,
               guard="decided within 3 days; the person is released for good", basis=(CPL_RECUSAL,)),
    transition("reject", {R.PENDING}, R.REJECTED, event=CaseEvent.RECUSAL_DECIDED,
               guard="decided within 3 days; the person goes back to work", basis=(CPL_RECUSAL,)),
    transition("request_reconsideration", {R.REJECTED}, R.RECONSIDERING,
               event=CaseEvent.RECUSAL_RECONSIDERATION_REQUESTED,
               guard="once; the person keeps working meanwhile", basis=(CPL_RECUSAL,)),
    transition("grant_on_reconsideration", {R.RECONSIDERING}, R.GRANTED_ON_RECONSIDERATION,
               event=CaseEvent.RECUSAL_RECONSIDERED, guard="the person is released for good",
               basis=(CPL_RECUSAL,)),
    transition("uphold_rejection", {R.RECONSIDERING}, R.REJECTION_UPHELD,
               event=CaseEvent.RECUSAL_RECONSIDERED, guard="final", basis=(CPL_RECUSAL,)),
))


# fmt: on


RECUSALS = StatusMachine(RECUSAL_STATUSES, CaseTransitionRefused)


@dataclass(slots=True, kw_only=True)
class RecusalRequest:
    id: str
    applicant_party_id: str
    participant_id: str
    ground: str
    filed_on: dt.date
    decided_on: dt.date | None = None
    result: RecusalResult | None = None
    decided_by: str | None = None
    reasons: str | None = None
    reconsideration_filed_on: dt.date | None = None
    reconsideration_result: RecusalResult | None = None
    reconsideration_decided_on: dt.date | None = None

    @property
    def status(self) -> RecusalStatus:
        if self.reconsideration_result is not None:
            granted = self.reconsideration_result is RecusalResult.GRANTED
            return R.GRANTED_ON_RECONSIDERATION if granted else R.REJECTION_UPHELD
        if self.reconsideration_filed_on is not None:
            return R.RECONSIDERING
        if self.result is None:
            return R.PENDING
        return R.GRANTED if self.result is RecusalResult.GRANTED else R.REJECTED


def recusal_key(recusal_id: str) -> str:
    return f"recusal.{recusal_id}"
