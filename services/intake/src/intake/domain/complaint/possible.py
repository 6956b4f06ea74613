"""What would succeed now (issue 17): the statuses the table allows from the complaint's status, less
those whose step a guard would refuse on the complaint as it stands."""

from __future__ import annotations

from intake.domain.complaint.aggregate import Complaint
from intake.domain.complaint.states import ComplaintStatus
from intake.domain.complaint.values import Severity


def blocked_now(complaint: Complaint) -> set[str]:
    """The transitions from the complaint's status that its guards would refuse now."""
    blocked: set[str] = set()
    if any(f.severity is Severity.BLOCK for f in complaint.findings):
        blocked.add("accept")  # a blocking finding: it cannot be accepted as it stands
    if complaint.link is None:
        blocked |= {"split", "confirm_duplicate"}  # nothing it duplicates
    return blocked


def possible_statuses(complaint: Complaint) -> frozenset[ComplaintStatus]:
    blocked = blocked_now(complaint)
    return frozenset(row.target for row in complaint.allowed_now() if row.name not in blocked)
