"""The complaint: what a protection centre registers, checks, links and triages.

:mod:`.states` holds its states and transition table (and where each track leads), :mod:`.values`
what it is made of (with the findings, link and triage decision it keeps), :mod:`.aggregate` the
complaint itself. The policies that produce those values (acceptance checks, dedup keys, triage rules)
depend on the complaint, never the reverse.
"""

from __future__ import annotations

from intake.domain.complaint.aggregate import Complaint
from intake.domain.complaint.states import (
    INTO,
    TRACK_AGENCIES,
    TRACK_DESTINATIONS,
    TRACK_STATUS,
    TRANSITIONS,
    TRIAGED,
    ComplaintStatus,
)
from intake.domain.complaint.values import (
    STAFF_OVERRIDE,
    ClaimedRight,
    Downstream,
    FactValue,
    Finding,
    Link,
    Listing,
    Location,
    Outcome,
    Relation,
    Severity,
    SimpleCriteria,
    TradeFairDetails,
    TriageDecision,
    outcome,
)

__all__ = [
    "INTO",
    "STAFF_OVERRIDE",
    "TRACK_AGENCIES",
    "TRACK_DESTINATIONS",
    "TRACK_STATUS",
    "TRANSITIONS",
    "TRIAGED",
    "ClaimedRight",
    "Complaint",
    "ComplaintStatus",
    "Downstream",
    "FactValue",
    "Finding",
    "Link",
    "Listing",
    "Location",
    "Outcome",
    "Relation",
    "Severity",
    "SimpleCriteria",
    "TradeFairDetails",
    "TriageDecision",
    "outcome",
]
