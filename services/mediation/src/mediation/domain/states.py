"""The mediation case state machine (domain-rules §B.5) as data: one enum, one transition table.

::

    REQUESTED ─┬─> ACCEPTED ──> IN_MEDIATION ─┬─> AGREEMENT_SIGNED ─┬─> CONFIRMATION_WINDOW (30 CD)
               ├─> DECLINED_BY_OTHER_PARTY    ├─> FAILED            └─> RETURNED_TO_COURT (委托)
               ├─> ASSIGNMENT_DECLINED (court)├─> WITHDRAWN
               └─> WITHDRAWN                  └─> EXPIRED (court period ran out)

    CONFIRMATION_WINDOW ─┬─> CONFIRMATION_FILED ─┬─> CONFIRMED_VALID ─┬─> PERFORMED
                         └─> WINDOW_LAPSED       ├─> CONFIRMATION_REJECTED ─> IN_MEDIATION (amend)
                             (contract only)     └─> CONFIRMATION_WITHDRAWN ─┬─> CONFIRMATION_FILED
                                                                             └─> WINDOW_LAPSED
    CONFIRMED_VALID ─┬─> ENFORCEMENT_APPLIED (≤ 2 years, CPL art. 250)
                     ├─> ENFORCEMENT_PERIOD_EXPIRED
                     └─> CONFIRMATION_REVOKED (objection upheld, Interp. art. 372)

States beyond §B.5: ASSIGNMENT_DECLINED (the organisation did not take a court's assignment within
3 WD, Online Rules art. 12), RETURNED_TO_COURT (an entrusted case's agreement goes back to the trial
court for a 调解书, SI Mediation art. 20), ENFORCEMENT_PERIOD_EXPIRED and CONFIRMATION_REVOKED.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Final


class MediationState(StrEnum):
    REQUESTED = "REQUESTED"
    ACCEPTED = "ACCEPTED"
    DECLINED_BY_OTHER_PARTY = "DECLINED_BY_OTHER_PARTY"
    ASSIGNMENT_DECLINED = "ASSIGNMENT_DECLINED"
    IN_MEDIATION = "IN_MEDIATION"
    AGREEMENT_SIGNED = "AGREEMENT_SIGNED"
    FAILED = "FAILED"
    WITHDRAWN = "WITHDRAWN"
    EXPIRED = "EXPIRED"
    RETURNED_TO_COURT = "RETURNED_TO_COURT"
    CONFIRMATION_WINDOW = "CONFIRMATION_WINDOW"
    CONFIRMATION_FILED = "CONFIRMATION_FILED"
    CONFIRMED_VALID = "CONFIRMED_VALID"
    CONFIRMATION_REJECTED = "CONFIRMATION_REJECTED"
    CONFIRMATION_WITHDRAWN = "CONFIRMATION_WITHDRAWN"
    WINDOW_LAPSED = "WINDOW_LAPSED"
    PERFORMED = "PERFORMED"
    ENFORCEMENT_APPLIED = "ENFORCEMENT_APPLIED"
    ENFORCEMENT_PERIOD_EXPIRED = "ENFORCEMENT_PERIOD_EXPIRED"
    CONFIRMATION_REVOKED = "CONFIRMATION_REVOKED"


S = MediationState

TRANSITIONS: Final[Mapping[MediationState, frozenset[MediationState]]] = {
    S.REQUESTED: frozenset({S.ACCEPTED, S.DECLINED_BY_OTHER_PARTY, S.ASSIGNMENT_DECLINED, S.WITHDRAWN}),
    S.ACCEPTED: frozenset({S.IN_MEDIATION, S.FAILED, S.WITHDRAWN}),
    S.IN_MEDIATION: frozenset({S.AGREEMENT_SIGNED, S.FAILED, S.WITHDRAWN, S.EXPIRED}),
    S.AGREEMENT_SIGNED: frozenset({S.CONFIRMATION_WINDOW, S.RETURNED_TO_COURT}),
    S.CONFIRMATION_WINDOW: frozenset({S.CONFIRMATION_FILED, S.WINDOW_LAPSED}),
    S.CONFIRMATION_FILED: frozenset({S.CONFIRMED_VALID, S.CONFIRMATION_REJECTED, S.CONFIRMATION_WITHDRAWN}),
    S.CONFIRMATION_REJECTED: frozenset({S.IN_MEDIATION}),
    S.CONFIRMATION_WITHDRAWN: frozenset({S.CONFIRMATION_FILED, S.WINDOW_LAPSED}),
    S.CONFIRMED_VALID: frozenset(
        {S.PERFORMED, S.ENFORCEMENT_APPLIED, S.ENFORCEMENT_PERIOD_EXPIRED, S.CONFIRMATION_REVOKED}
    ),
    S.PERFORMED: frozenset({S.CONFIRMATION_REVOKED}),
    S.ENFORCEMENT_APPLIED: frozenset({S.CONFIRMATION_REVOKED}),
    S.DECLINED_BY_OTHER_PARTY: frozenset(),
    S.ASSIGNMENT_DECLINED: frozenset(),
    S.FAILED: frozenset(),
    S.WITHDRAWN: frozenset(),
    S.EXPIRED: frozenset(),
    S.RETURNED_TO_COURT: frozenset(),
    S.WINDOW_LAPSED: frozenset(),
    S.ENFORCEMENT_PERIOD_EXPIRED: frozenset(),
    S.CONFIRMATION_REVOKED: frozenset(),
}

BEFORE_MEDIATION: Final = frozenset({S.REQUESTED, S.ACCEPTED})
MEDIATING: Final = frozenset({S.REQUESTED, S.ACCEPTED, S.IN_MEDIATION})
"""States in which the mediation itself is still running (a mediator's load counts these)."""

AGREEMENT_IN_FORCE: Final = frozenset(
    {
        S.AGREEMENT_SIGNED,
        S.CONFIRMATION_WINDOW,
        S.CONFIRMATION_FILED,
        S.CONFIRMATION_REJECTED,
        S.CONFIRMATION_WITHDRAWN,
        S.WINDOW_LAPSED,
        S.CONFIRMED_VALID,
        S.PERFORMED,
        S.ENFORCEMENT_APPLIED,
        S.ENFORCEMENT_PERIOD_EXPIRED,
        S.CONFIRMATION_REVOKED,
    }
)
"""States in which an effective agreement binds the parties (performance is tracked)."""

COURT_CONFIRMED: Final = frozenset({S.CONFIRMED_VALID, S.PERFORMED, S.ENFORCEMENT_APPLIED})
"""The agreement is enforceable through a court ruling (CPL art. 206)."""


def is_terminal(state: MediationState) -> bool:
    return not TRANSITIONS[state]
