"""What the service publishes for each recorded event: the contracts of ``shared.contracts.adjudication``.

Every transition is published as ``adjudication.case.transitioned``; the events that other services
and agencies act on (§H) get their own contract, built from the case and the event's details.
"""

from adjudication.publishing.cases import case_contracts
from adjudication.publishing.penalties import penalty_contracts

__all__ = ["case_contracts", "penalty_contracts"]
