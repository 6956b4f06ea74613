"""What would succeed now (issue 17): the states the table allows from the case's state, less those
whose step a guard would refuse on the case as it stands. Guards that depend on what a request carries
(dates, signatures, a ruling) cannot be foreseen and are left to the step."""

from __future__ import annotations

from mediation.domain.agreement import AgreementStatus
from mediation.domain.case import MediationCase
from mediation.domain.states import CASE_TRANSITIONS, MediationState


def blocked_now(case: MediationCase) -> set[str]:
    """The transitions from the case's state that its guards would refuse now."""
    blocked: set[str] = set()
    if case.mediator is None:
        blocked.add("start")  # mediation starts when a mediator confirms (People's Mediation Law art. 19)
    agreement = case.agreement
    if agreement is None or agreement.status is not AgreementStatus.DRAFT:
        blocked.add("take_effect")  # nothing to sign
    effective = case.effective_agreement
    if effective is None or effective.eligibility.blocking:
        blocked.add("file")  # no agreement a court may confirm (Interp. art. 355)
    return blocked


def possible_next_states(case: MediationCase) -> frozenset[MediationState]:
    """The states the case could move to now: the table's, less what the guards would refuse."""
    blocked = blocked_now(case)
    return frozenset(row.target for row in CASE_TRANSITIONS.allowed(case.state) if row.name not in blocked)
