"""The complaint: what a protection centre registers, checks, links and triages.

:mod:`.states` holds its states and transition table, :mod:`.values` what it is made of,
:mod:`.aggregate` the complaint itself.
"""

from __future__ import annotations

from intake.domain.complaint.aggregate import Complaint
from intake.domain.complaint.states import INTO, TRACK_STATUS, TRANSITIONS, TRIAGED, ComplaintStatus
from intake.domain.complaint.values import (
    ClaimedRight,
    Downstream,
    Listing,
    Location,
    SimpleCriteria,
    TradeFairDetails,
)

__all__ = [
    "INTO",
    "TRACK_STATUS",
    "TRANSITIONS",
    "TRIAGED",
    "ClaimedRight",
    "Complaint",
    "ComplaintStatus",
    "Downstream",
    "Listing",
    "Location",
    "SimpleCriteria",
    "TradeFairDetails",
]
