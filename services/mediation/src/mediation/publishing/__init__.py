"""Domain events -> contracts: which events on ``mediation.case`` each case event produces.

One ``shared.steps.Publisher`` for the case aggregate (:data:`CASES`): every ``EventName`` is either
mapped to the contracts it becomes (``shared.contracts.mediation``) or declared internal, so a new
or renamed event cannot silently go unpublished.
"""

from __future__ import annotations

from typing import Final

from mediation.domain.case import MediationCase
from mediation.domain.events import EventName as E
from mediation.publishing.confirmation import filed
from mediation.publishing.outcomes import concluded, opened, terminated
from mediation.publishing.performance import defaulted, enforcement
from shared.contracts.mediation import MediationResult
from shared.steps import Publisher

CASES: Final[Publisher[MediationCase]] = Publisher(
    {
        E.CASE_OPENED: opened,
        E.AGREEMENT_TOOK_EFFECT: concluded(MediationResult.AGREEMENT),
        E.MEDIATION_DECLINED: concluded(MediationResult.DECLINED),
        E.COURT_ASSIGNMENT_DECLINED: concluded(MediationResult.DECLINED),
        E.MEDIATION_EXPIRED: concluded(MediationResult.EXPIRED),
        E.MEDIATION_TERMINATED: terminated,
        E.CONFIRMATION_FILED: filed,
        E.INSTALMENT_DEFAULTED: defaulted,
        E.ENFORCEMENT_APPLIED: enforcement,
    },
    internal=[
        E.CASE_ACCEPTED,
        E.MEDIATION_STARTED,
        E.CONFIRMATION_WINDOW_OPENED,
        E.RETURNED_TO_COURT,
        E.CONFIRMATION_RULED_VALID,
        E.CONFIRMATION_REJECTED,
        E.CONFIRMATION_WITHDRAWN,
        E.CONFIRMATION_WINDOW_LAPSED,
        E.AGREEMENT_PERFORMED,
        E.ENFORCEMENT_PERIOD_EXPIRED,
        E.CONFIRMATION_REVOKED,
        E.CONSENT_RECORDED,
        E.MEDIATOR_ASSIGNED,
        E.ASSIGNMENT_CONFIRMED,
        E.ASSIGNMENT_DECLINED,
        E.ASSIGNMENT_LAPSED,
        E.ASSIGNMENT_ENDED,
        E.PERIOD_EXTENDED,
        E.AGREEMENT_DRAFTED,
        E.AGREEMENT_SUPERSEDED,
        E.AGREEMENT_SIGNED_BY_PARTY,
        E.CONFIRMATION_ACCEPTED,
        E.INSTALMENT_PAID,
        E.RULING_RECEIVED,
        E.OBJECTION_LODGED,
        E.OBJECTION_DECIDED,
        E.OBJECTION_WINDOW_CLOSED,
        E.DEADLINE_APPROACHING,
        E.DEADLINE_MISSED,
    ],
)
"""The case's events on ``mediation.case``: the rest stay in the case record."""
