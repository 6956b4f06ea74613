"""What would succeed now: the transitions the table allows from the case's state, less those a step's
guard would refuse on the case as it stands. Guards that depend on what the request carries (dates, a
draft) cannot be foreseen and are left to the step."""

from __future__ import annotations

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.states import CaseState
from adjudication.domain.values.rules import DECIDING_ROLES
from shared.domain.lifecycle import Transition


def has_panel(case: Case) -> bool:
    """At least one handler or panel member is assigned (and active)."""
    return any(p.active and p.role in DECIDING_ROLES for p in case.participants)


def recusal_pending(case: Case) -> list[str]:
    """The deciders against whom a recusal request awaits its decision."""
    return [p.name for p in case.participants if p.active and p.challenged and p.role in DECIDING_ROLES]


def close_blocked(case: Case) -> bool:
    """Closing waits for compliance or enforcement after a finding of infringement, and for the court's
    refusal once enforcement was applied for."""
    if case.state is CaseState.EFFECTIVE and case.infringement_established:
        return True
    enforcement = case.enforcement
    return case.state is CaseState.ENFORCEMENT_APPLIED and not (enforcement and enforcement.refused)


def blocked_now(case: Case) -> set[str]:
    blocked = set()
    if not has_panel(case) or recusal_pending(case):
        blocked.add("decide")
    if close_blocked(case):
        blocked.add("close")
    return blocked


def possible_now(case: Case) -> list[Transition[CaseState]]:
    """``case.allowed_now()`` with the transitions its guards would refuse left out, in table order."""
    blocked = blocked_now(case)
    return [t for t in case.allowed_now() if t.name not in blocked]
