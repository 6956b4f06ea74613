"""Domain events -> contracts (``shared.contracts.adjudication``): one ``Publisher`` per aggregate."""

from adjudication.publishing.cases import case_publisher
from adjudication.publishing.penalties import penalty_publisher

__all__ = ["case_publisher", "penalty_publisher"]
