"""The mediation case state machine (domain-rules §B.5) as data: one enum, one transition table.

The guard is ``shared.domain.lifecycle``: a case moves only through ``MediationCase.move(name)``,
which checks ``CASE_TRANSITIONS`` and records the row's event with its actor, time and basis.

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

from enum import StrEnum
from typing import Final

from mediation.domain.events import EventName as E
from mediation.domain.law import (
    CPL_205,
    CPL_206,
    CPL_250,
    INTERP_355,
    INTERP_357,
    INTERP_358,
    INTERP_372,
    INTERP_460,
    ONLINE_RULES_12,
    ONLINE_RULES_25,
    PML_29,
    SI_MEDIATION_20,
    SI_MEDIATION_27,
)
from shared.domain.lifecycle import TransitionTable, transition


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

CASE_TRANSITIONS: Final = TransitionTable(
    MediationState,
    [
        transition(
            "accept",
            [S.REQUESTED],
            S.ACCEPTED,
            event=E.CASE_ACCEPTED,
            guard="every respondent consented, the case came with both parties' consent, "
            "or the mediator confirmed a court's assignment",
            basis=[ONLINE_RULES_12],
        ),
        transition(
            "refuse",
            [S.REQUESTED],
            S.DECLINED_BY_OTHER_PARTY,
            event=E.MEDIATION_DECLINED,
            guard="the other party refuses (not in court cases: the court obtained consent)",
        ),
        transition(
            "hand_back",
            [S.REQUESTED],
            S.ASSIGNMENT_DECLINED,
            event=E.COURT_ASSIGNMENT_DECLINED,
            guard="a court's case, handed back or not confirmed by a mediator within 3 WD",
            basis=[ONLINE_RULES_12],
        ),
        transition(
            "withdraw",
            [S.REQUESTED, S.ACCEPTED, S.IN_MEDIATION],
            S.WITHDRAWN,
            event=E.MEDIATION_TERMINATED,
            guard="settled and withdrawn, or the request withdrawn",
            basis=[ONLINE_RULES_25],
        ),
        transition(
            "fail",
            [S.ACCEPTED, S.IN_MEDIATION],
            S.FAILED,
            event=E.MEDIATION_TERMINATED,
            guard="another ground of Online Rules art. 25 ('other' explained)",
            basis=[ONLINE_RULES_25],
        ),
        transition(
            "start",
            [S.ACCEPTED],
            S.IN_MEDIATION,
            event=E.MEDIATION_STARTED,
            guard="a mediator confirmed; a court-linked period runs from then",
            basis=[SI_MEDIATION_27],
        ),
        transition(
            "expire",
            [S.IN_MEDIATION],
            S.EXPIRED,
            event=E.MEDIATION_EXPIRED,
            guard="the court-linked period ran out with no extension agreed",
            basis=[SI_MEDIATION_27, ONLINE_RULES_25],
        ),
        transition(
            "take_effect",
            [S.IN_MEDIATION],
            S.AGREEMENT_SIGNED,
            event=E.AGREEMENT_TOOK_EFFECT,
            guard="every party and the mediator signed the draft",
            basis=[PML_29],
        ),
        transition(
            "open_window",
            [S.AGREEMENT_SIGNED],
            S.CONFIRMATION_WINDOW,
            event=E.CONFIRMATION_WINDOW_OPENED,
            guard="not a court-entrusted case",
            basis=[CPL_205],
        ),
        transition(
            "return_to_court",
            [S.AGREEMENT_SIGNED],
            S.RETURNED_TO_COURT,
            event=E.RETURNED_TO_COURT,
            guard="a court-entrusted (委托) case",
            basis=[SI_MEDIATION_20],
        ),
        transition(
            "file",
            [S.CONFIRMATION_WINDOW, S.CONFIRMATION_WITHDRAWN],
            S.CONFIRMATION_FILED,
            event=E.CONFIRMATION_FILED,
            guard="every party jointly, within 30 CD, to a competent court, for confirmable content",
            basis=[CPL_205, INTERP_355],
        ),
        transition(
            "lapse_window",
            [S.CONFIRMATION_WINDOW, S.CONFIRMATION_WITHDRAWN],
            S.WINDOW_LAPSED,
            event=E.CONFIRMATION_WINDOW_LAPSED,
            guard="30 CD passed with no application pending: a contract only",
            basis=[CPL_205],
        ),
        transition(
            "confirm",
            [S.CONFIRMATION_FILED],
            S.CONFIRMED_VALID,
            event=E.CONFIRMATION_RULED_VALID,
            guard="the court the application was filed with ruled it valid",
            basis=[CPL_206],
        ),
        transition(
            "reject",
            [S.CONFIRMATION_FILED],
            S.CONFIRMATION_REJECTED,
            event=E.CONFIRMATION_REJECTED,
            guard="the court the application was filed with rejected it",
            basis=[CPL_206, INTERP_358],
        ),
        transition(
            "withdraw_application",
            [S.CONFIRMATION_FILED],
            S.CONFIRMATION_WITHDRAWN,
            event=E.CONFIRMATION_WITHDRAWN,
            guard="withdrawn before the ruling",
            basis=[INTERP_357],
        ),
        transition(
            "resume",
            [S.CONFIRMATION_REJECTED],
            S.IN_MEDIATION,
            event=E.MEDIATION_STARTED,
            guard="after a rejection, to amend the agreement or reach a new one",
            basis=[CPL_206],
        ),
        transition(
            "perform",
            [S.CONFIRMED_VALID],
            S.PERFORMED,
            event=E.AGREEMENT_PERFORMED,
            guard="every instalment paid, or the whole performance recorded",
        ),
        transition(
            "apply_enforcement",
            [S.CONFIRMED_VALID],
            S.ENFORCEMENT_APPLIED,
            event=E.ENFORCEMENT_APPLIED,
            guard="the party owed performance applies: a defaulted instalment or a stated breach",
            basis=[CPL_206, CPL_250, INTERP_460],
        ),
        transition(
            "expire_enforcement",
            [S.CONFIRMED_VALID],
            S.ENFORCEMENT_PERIOD_EXPIRED,
            event=E.ENFORCEMENT_PERIOD_EXPIRED,
            guard="2 years from the last day of performance passed with no application",
            basis=[CPL_250],
        ),
        transition(
            "revoke",
            [S.CONFIRMED_VALID, S.PERFORMED, S.ENFORCEMENT_APPLIED],
            S.CONFIRMATION_REVOKED,
            event=E.CONFIRMATION_REVOKED,
            guard="the court upheld an objection to its ruling",
            basis=[INTERP_372],
        ),
    ],
)

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


def next_states(state: MediationState) -> frozenset[MediationState]:
    """The states a case may move to from ``state`` (what the API lists as allowed)."""
    return frozenset(row.target for row in CASE_TRANSITIONS.allowed(state))


def is_terminal(state: MediationState) -> bool:
    return not next_states(state)
