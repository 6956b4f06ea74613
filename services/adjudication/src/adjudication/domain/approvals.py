"""What awaits the office head's approval: a step proposed by one person, taken once another approves.

Acceptance (立案), the decision (裁决) and the one extension of the closing time limit are approved
by the office head (负责人); so is a penalty decision. The proposer's step is checked in full when
it is proposed (it would succeed now), kept as its fields, and taken only when a signed-in person
with the ``office_head`` role who is not the proposer approves it (``require_second_person``). The
approver is recorded in the decision (``approved_by``), in the event and in the audit trail.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Approval(StrEnum):
    DOCKET = "docket"
    DECISION = "decision"
    TIME_LIMIT_EXTENSION = "time_limit_extension"
    PENALTY_DECISION = "penalty_decision"


@dataclass(frozen=True, slots=True, kw_only=True)
class Proposal:
    kind: Approval
    proposed_by: str
    proposed_at: dt.datetime
    fields: dict[str, Any]
    """The proposed command's own fields, as JSON (the approver fills in ``approved_by``)."""
