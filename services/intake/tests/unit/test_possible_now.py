"""Issue 17: a complaint lists as allowed only what would succeed now (guards evaluated)."""

from __future__ import annotations

from intake.domain.complaint.possible import possible_statuses
from intake.domain.complaint.states import ComplaintStatus as S
from intake.domain.complaint.values import Finding, Severity
from intake.testing import complaint


def finding(severity: Severity) -> Finding:
    return Finding(
        rule="court_action_pending",
        severity=severity,
        field="court_action_pending",
        message="A people's court is hearing the dispute",
        message_zh="人民法院已受理该纠纷",
        basis="Patent Law Implementing Regulations art. 96",
    )


def test_a_blocking_finding_takes_acceptance_off_the_list() -> None:
    clean = complaint()
    blocked = complaint(findings=(finding(Severity.BLOCK),))
    assert S.ACCEPTED in possible_statuses(clean)
    assert S.ACCEPTED not in possible_statuses(blocked)
    assert S.ACCEPTED in blocked.allowed(), "the table alone offers it either way"


def test_without_a_duplicate_link_neither_split_nor_confirmation_is_offered() -> None:
    marked = complaint(status=S.DUPLICATE)
    assert S.RECEIVED in marked.allowed() and S.RECEIVED not in possible_statuses(marked)
